// greenloop/hj212/framer.h
//
// Splits a byte stream into HJ 212 packets. Bytes arrive in pieces of any size
// (a TCP read can end anywhere, even between the two '#' of a header); Feed()
// appends them and Next() hands out each complete packet whose length and CRC
// check out. Everything else is dropped and reported, once, through a
// RejectReporter with its reason and stream offset; scanning then resumes at the
// next "##", so one bad packet never costs the ones after it.
//
// Packet layout (HJ 212-2017 §6.3.1 Table 2): "##", 4 decimal digits giving the
// data segment's length in bytes, the data segment, 4 hex digits of CRC over the
// data segment (Appendix A), CR LF. CR/LF are optional noise here: real devices
// send "\n" only, "\r\r\n" or nothing (hj212.md §6 pitfall 7).
//
// The framer checks only framing and CRC; the data segment's contents are the
// parser's business (parser.h). It allocates only to grow its buffer, which holds
// at most one packet plus one read's worth of bytes. Not thread-safe: one
// Framer per connection.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "greenloop/hj212/crc.h"
#include "greenloop/hj212/reject.h"

namespace gl::hj212 {

// Largest data segment the standard allows: "0 ≤ n ≤ 1024" (HJ 212-2017 §6.3.1
// Table 2; HJ/T 212-2005 §6.3.1 the same).
inline constexpr std::size_t kMaxDataLength2017 = 1024;

struct FramerOptions {
  // Data segments longer than this are rejected as too_long. Field devices send
  // up to 1623 (hj212.md §6 pitfall 5), so a gateway may raise it, up to 9999.
  std::size_t max_data_length = kMaxDataLength2017;
  // Non-standard CRC variants to accept besides the Appendix A CRC, as a bit set
  // of (1 << CrcVariant). Default: none (strict). See AcceptCrc().
  unsigned extra_crc_variants = 0;

  FramerOptions& AcceptCrc(CrcVariant variant) {
    extra_crc_variants |= 1u << static_cast<unsigned>(variant);
    return *this;
  }
  bool Accepts(CrcVariant variant) const {
    return variant == CrcVariant::kHj212 ||
           (extra_crc_variants & (1u << static_cast<unsigned>(variant))) != 0;
  }
};

// One packet that passed framing and CRC.
struct RawFrame {
  // The data segment. Points into the framer's buffer: valid until the next call
  // to Feed(), Next() or Finish().
  std::string_view data;
  // Stream offset of the packet's first '#'.
  std::uint64_t offset = 0;
  // Which CRC the packet carried (kHj212 unless options accept another).
  CrcVariant crc_variant = CrcVariant::kHj212;
};

class Framer {
 public:
  // `reporter` receives every rejection and must outlive the Framer.
  explicit Framer(RejectReporter* reporter, FramerOptions options = {});
  Framer(const Framer&) = delete;
  Framer& operator=(const Framer&) = delete;

  // Appends bytes read from the stream. Invalidates the last RawFrame.
  void Feed(std::string_view bytes);

  // Fills *frame with the next complete, CRC-verified packet and returns true;
  // returns false when the buffered bytes hold no complete packet yet (call
  // Feed() again). Rejections found on the way are reported before it returns.
  bool Next(RawFrame* frame);

  // Marks the end of the stream. Keep calling Next() until it returns false: a
  // packet cut short is then reported as truncated, scanning resumes right after
  // its "##" (so a whole packet behind it is still found) and the last pending
  // rejection is reported. A later Feed() starts a new stretch of the same stream.
  void Finish();

  // Total bytes fed so far.
  std::uint64_t bytes_fed() const { return base_ + buffer_.size(); }
  const FramerOptions& options() const { return options_; }

 private:
  enum class Step { kFrame, kNeedMore, kRejected };
  Step TryFrameAt(std::size_t pos, RawFrame* frame);
  void RejectAt(Reject reason, std::size_t pos, std::string_view detail);
  void StartGarbage(std::size_t pos);
  void FlushPending(std::uint64_t end_offset);
  bool ContainsHeader(std::size_t from, std::size_t to) const;

  RejectReporter* reporter_;
  FramerOptions options_;
  std::string buffer_;
  std::uint64_t base_ = 0;  // stream offset of buffer_[0]
  std::size_t pos_ = 0;     // next unexamined byte in buffer_
  // A rejection (or garbage run) waiting for the next "##" to learn how many
  // bytes it dropped.
  bool end_of_stream_ = false;
  bool pending_ = false;
  Rejection pending_rejection_{};
};

}  // namespace gl::hj212
