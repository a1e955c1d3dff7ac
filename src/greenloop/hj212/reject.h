// greenloop/hj212/reject.h
//
// Why the codec refused some bytes. A closed set: each reason has a stable name
// ("bad_crc", ...) that is what `greenloop hj212 parse`, the gateway's logs and its
// /metrics labels show, so names never change once released.
//
// The framer reports rejections through RejectReporter (one call per rejected
// frame or garbage run); the parser returns them as a ParseResult. Neither throws.
#pragma once

#include <cstdint>
#include <string_view>

namespace gl::hj212 {

enum class Reject : std::uint8_t {
  kGarbage,       // "garbage": bytes between frames that start no "##" header
  kBadHeader,     // "bad_header": "##" not followed by 4 decimal digits
  kBadLength,     // "bad_length": the data segment does not end where LLLL says
  kTooLong,       // "too_long": LLLL above the configured limit (1024 by default)
  kBadCrc,        // "bad_crc": CRC digits do not match the data segment
  kTruncated,     // "truncated": the frame ends early (a new "##" or end of stream inside it)
  kBadField,      // "bad_field": an item without '=', an empty or duplicate key, bad bytes
  kMissingField,  // "missing_field": no ST, CN or CP
  kBadFlag,       // "bad_flag": Flag, PNUM or PNO not a small decimal number
  kBadCn,         // "bad_cn": CN not 4 decimal digits
  kBadCp,         // "bad_cp": CP not framed by "&&" ... "&&"
  kBadDatetime,   // "bad_datetime": DataTime (or another time field) not YYYYMMDDhhmmss[zzz]
};
inline constexpr int kRejectCount = static_cast<int>(Reject::kBadDatetime) + 1;

// The stable name of a reason, e.g. "bad_crc".
std::string_view RejectName(Reject reject);

// One rejection as the framer reports it.
struct Rejection {
  Reject reason;
  // Stream offset of the first dropped byte (the '#' of a rejected header).
  std::uint64_t offset = 0;
  // How many bytes were dropped, up to the next "##" (or the end of the stream).
  std::uint64_t dropped = 0;
  // A fixed English sentence (static storage) saying what was wrong.
  std::string_view detail;
  // For kBadCrc: the CRC value the frame carried and the HJ 212 CRC of its data.
  std::uint16_t crc_sent = 0;
  std::uint16_t crc_computed = 0;
  // For kBadCrc: the frame's CRC matches a non-standard variant that is not accepted;
  // the name of that variant ("modbus_swapped"), empty otherwise.
  std::string_view crc_variant_matched;
};

// Receives the framer's rejections. Implementations count and log them; a
// reporter must outlive the Framer that calls it. (Modelled on LevelDB's
// log::Reader::Reporter::Corruption.)
class RejectReporter {
 public:
  virtual ~RejectReporter() = default;
  virtual void Rejected(const Rejection& rejection) = 0;
};

}  // namespace gl::hj212
