// libFuzzer target for the HJ 212 codec (scripts/fuzz-hj212.sh builds and runs it).
//
// The input is a byte stream. Checked on every input, besides the sanitizers'
// memory and undefined-behaviour checks:
//   1. the sliced CRC equals the standard's bit-by-bit routine;
//   2. feeding the stream whole or in pieces (sizes taken from the input) gives the
//      same packets and the same rejections at the same offsets;
//   3. every packet that parses, encoded again and parsed again, gives the same
//      fields (header, DataTime, CP fields and factor values in order);
//   4. building the platform's reply to it and encoding that never fails.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "greenloop/hj212/crc.h"
#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/exchange.h"
#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/parser.h"

namespace {

using namespace gl::hj212;  // NOLINT: a fuzz target of this one library

void Check(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "hj212_fuzz: invariant broken: %s\n", what);
    std::abort();
  }
}

// A canonical text of a Frame, to compare two parses.
std::string Describe(const Frame& f) {
  std::string out;
  auto add = [&](const std::optional<std::string_view>& v) {
    out += v ? std::string(*v) : std::string("<null>");
    out += '\x1F';
  };
  auto add_number = [&](const std::optional<int>& v) {
    out += v ? std::to_string(*v) : std::string("<null>");
    out += '\x1F';
  };
  add(f.qn());
  add(f.st());
  add(f.cn());
  add(f.pw());
  add(f.mn());
  add_number(f.flag());
  add_number(f.pnum());
  add_number(f.pno());
  add(f.data_time());
  for (std::size_t i = 0; i < f.field_count(); ++i) {
    CpField c = f.field(i);
    out.append(c.key).append("=").append(c.value).append("\x1F");
  }
  for (std::size_t i = 0; i < f.factor_value_count(); ++i) {
    FactorValue v = f.factor_value(i);
    out.append(v.code).append("-").append(v.suffix).append("=").append(v.value).append("\x1F");
  }
  return out;
}

struct Collect : RejectReporter {
  std::vector<std::string>* log;
  void Rejected(const Rejection& r) override {
    log->push_back(std::string(RejectName(r.reason)) + "@" + std::to_string(r.offset) + "+" +
                   std::to_string(r.dropped));
  }
};

// Runs the stream through framer and parser in pieces; returns a log of everything seen.
std::vector<std::string> Run(std::string_view stream, const std::vector<std::size_t>& pieces,
                             const FramerOptions& options, bool deep_checks) {
  std::vector<std::string> log;
  Collect reporter;
  reporter.log = &log;
  Framer framer(&reporter, options);
  Frame frame, again, reply;
  ParseError error;
  RawFrame raw;
  auto drain = [&] {
    while (framer.Next(&raw)) {
      if (!ParseFrame(raw, &frame, &error)) {
        log.push_back("parse:" + std::string(RejectName(error.reason)) + "@" +
                      std::to_string(raw.offset));
        Check(error.position <= raw.data.size(), "error position inside the segment");
        continue;
      }
      log.push_back("frame@" + std::to_string(raw.offset) + ":" + Describe(frame));
      if (!deep_checks) continue;
      std::string segment;
      AppendDataSegment(frame, &segment);
      if (segment.size() <= 9999) {
        Check(ParseDataSegment(segment, &again, &error), "an encoded frame parses");
        Check(Describe(again) == Describe(frame), "parse(encode(frame)) == frame");
        std::string packet;
        EncodeOptions wide;
        wide.max_data_length = 9999;
        Check(AppendPacket(frame, &packet, wide).ok(), "encoding a parsed frame succeeds");
      }
      if (BuildPlatformReply(frame, &reply)) {
        std::string packet;
        EncodeOptions wide;
        wide.max_data_length = 9999;
        Check(AppendPacket(reply, &packet, wide).ok(), "a reply encodes");
      }
    }
  };
  std::size_t pos = 0;
  for (std::size_t piece : pieces) {
    framer.Feed(stream.substr(pos, piece));
    pos += piece;
    drain();
  }
  framer.Finish();
  drain();
  return log;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view stream(reinterpret_cast<const char*>(data), size);
  Check(Crc16Hj212(stream) == Crc16Hj212Reference(stream), "sliced CRC == reference CRC");

  FramerOptions options;
  if (size > 0 && (data[0] & 1)) options.AcceptCrc(CrcVariant::kModbusSwapped);
  if (size > 0 && (data[0] & 2)) options.max_data_length = 9999;

  const auto whole = Run(stream, {size}, options, true);
  // Piece sizes from the input's own bytes, 1..16, so cuts land everywhere.
  std::vector<std::size_t> pieces;
  for (std::size_t pos = 0, i = 0; pos < size; ++i) {
    std::size_t piece = 1 + data[i % size] % 16;
    if (piece > size - pos) piece = size - pos;
    pieces.push_back(piece);
    pos += piece;
  }
  Check(Run(stream, pieces, options, false) == whole, "the same result for any cut of the stream");
  return 0;
}
