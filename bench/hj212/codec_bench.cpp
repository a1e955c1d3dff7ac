// HJ 212 codec throughput (issue 3, item 9): 1,000,000 real-time packets of about
// 380 bytes per iteration, each fully parsed (header and every CP item into the
// codec's Frame, CRC verified), beside two baselines measured in the same run:
//   - SplitOnly: find "##", read LLLL, skip the packet; no CRC, no parsing;
//   - SplitBytewiseCrc: the same plus the Appendix A CRC one table lookup per
//     byte (each byte waits for the previous one);
//   - SplitSlicedCrc: the same with the codec's sliced CRC (where the time goes).
// The stream is fed to the framer in 64 KiB pieces, as socket reads would be.
// Counters: frames/s (frames per second) and bytes_per_second (MB/s).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "greenloop/hj212/crc.h"
#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/parser.h"

namespace {

using namespace gl::hj212;  // NOLINT: a benchmark of this one library

constexpr int kDistinctFrames = 10'000;
constexpr int kPasses = 100;  // 10,000 distinct packets x 100 = 1,000,000 per iteration
constexpr std::size_t kReadSize = 64 * 1024;

// 10,000 distinct real-time uploads (CN=2011) from an air station, about 380 bytes each.
const std::string& Stream() {
  static const std::string stream = [] {
    std::mt19937 rng(212);
    std::uniform_real_distribution<double> value(0.0, 500.0);
    static const char* kCodes[] = {"a34004", "a34002", "a21026", "a21004",
                                   "a21005", "a01001", "a01002", "a01007"};
    std::string out;
    Frame frame;
    char buf[64];
    for (int i = 0; i < kDistinctFrames; ++i) {
      frame.Clear();
      const int second = i % 60, minute = i / 60 % 60, hour = i / 3600 % 24;
      std::snprintf(buf, sizeof buf, "20260301%02d%02d%02d%03d", hour, minute, second, i % 1000);
      frame.SetQn(buf);
      frame.SetSt("22");
      frame.SetCn("2011");
      frame.SetPw("123456");
      std::snprintf(buf, sizeof buf, "010000A8900016F0001%05d", i % 200);
      frame.SetMn(buf);
      frame.SetFlag(5);
      std::snprintf(buf, sizeof buf, "20260301%02d%02d%02d", hour, minute, second);
      frame.SetDataTime(buf);
      for (const char* code : kCodes) {
        std::snprintf(buf, sizeof buf, "%.2f", value(rng));
        frame.AddFactorValue(code, "Rtd", buf);
        frame.AddFactorValue(code, "Flag", "N");
      }
      if (!AppendPacket(frame, &out).ok()) std::abort();
    }
    return out;
  }();
  return stream;
}

// The baseline splitter: "##", LLLL, skip; counts packets and sums the data lengths.
template <typename OnSegment>
void Split(std::string_view s, OnSegment on_segment) {
  std::size_t pos = 0;
  while (pos + 6 <= s.size()) {
    const void* hash = std::memchr(s.data() + pos, '#', s.size() - pos);
    if (!hash) break;
    pos = static_cast<std::size_t>(static_cast<const char*>(hash) - s.data());
    if (pos + 6 > s.size() || s[pos + 1] != '#') {
      ++pos;
      continue;
    }
    const std::size_t len =
        static_cast<std::size_t>((s[pos + 2] - '0') * 1000 + (s[pos + 3] - '0') * 100 +
                                 (s[pos + 4] - '0') * 10 + (s[pos + 5] - '0'));
    if (pos + 6 + len + 4 > s.size()) break;
    on_segment(s.substr(pos + 6, len), s.substr(pos + 6 + len, 4));
    pos += 6 + len + 4;
  }
}

void Report(benchmark::State& state, std::int64_t frames) {
  const std::string& s = Stream();
  state.counters["frames/s"] =
      benchmark::Counter(static_cast<double>(frames), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * kPasses *
                          static_cast<std::int64_t>(s.size()));
  state.counters["frame_bytes"] = static_cast<double>(s.size()) / kDistinctFrames;
}

void BM_SplitOnly(benchmark::State& state) {
  const std::string& s = Stream();
  std::int64_t frames = 0;
  for (auto _ : state) {
    std::size_t total = 0;
    for (int pass = 0; pass < kPasses; ++pass) {
      Split(s, [&](std::string_view seg, std::string_view) {
        total += seg.size();
        ++frames;
      });
    }
    benchmark::DoNotOptimize(total);
  }
  Report(state, frames);
}

template <std::uint16_t (*Crc)(std::string_view)>
void BM_SplitCrc(benchmark::State& state) {
  const std::string& s = Stream();
  std::int64_t frames = 0;
  for (auto _ : state) {
    std::size_t good = 0;
    for (int pass = 0; pass < kPasses; ++pass) {
      Split(s, [&](std::string_view seg, std::string_view crc) {
        good += ParseCrcHex(crc) == Crc(seg);
        ++frames;
      });
    }
    if (good != static_cast<std::size_t>(kPasses) * kDistinctFrames) state.SkipWithError("bad CRC");
    benchmark::DoNotOptimize(good);
  }
  Report(state, frames);
}

class NoRejections : public RejectReporter {
 public:
  void Rejected(const Rejection&) override { ++count; }
  std::int64_t count = 0;
};

// The codec as the gateway uses it: Framer over 64 KiB reads, then ParseFrame
// into one reused Frame (no allocation per packet once warm).
void BM_FramerAndParse(benchmark::State& state) {
  const std::string& s = Stream();
  NoRejections rejections;
  Framer framer(&rejections);
  Frame frame;
  ParseError error;
  RawFrame raw;
  std::int64_t frames = 0;
  for (auto _ : state) {
    std::size_t values = 0;
    for (int pass = 0; pass < kPasses; ++pass) {
      for (std::size_t pos = 0; pos < s.size(); pos += kReadSize) {
        framer.Feed(std::string_view(s).substr(pos, kReadSize));
        while (framer.Next(&raw)) {
          if (!ParseFrame(raw, &frame, &error)) {
            state.SkipWithError("parse failed");
            return;
          }
          values += frame.factor_value_count();
          ++frames;
        }
      }
    }
    benchmark::DoNotOptimize(values);
  }
  if (rejections.count != 0) state.SkipWithError("unexpected rejections");
  Report(state, frames);
}

BENCHMARK(BM_SplitOnly)->Unit(benchmark::kMillisecond)->MinTime(3.0);
BENCHMARK_TEMPLATE(BM_SplitCrc, Crc16Hj212Bytewise)
    ->Name("BM_SplitBytewiseCrc")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);
BENCHMARK_TEMPLATE(BM_SplitCrc, Crc16Hj212)
    ->Name("BM_SplitSlicedCrc")
    ->Unit(benchmark::kMillisecond)
    ->MinTime(3.0);
BENCHMARK(BM_FramerAndParse)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
