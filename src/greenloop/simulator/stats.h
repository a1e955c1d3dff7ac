// greenloop/simulator/stats.h
//
// Run-wide counters of the simulator and the acknowledgement latency histogram,
// updated from every device's strand (atomics, no locks), and the one-line JSON
// summary a benchmark script reads.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

namespace gl::simulator {

// Latency from an upload's first write to its 9014, in microseconds, in buckets of
// about 3% width (8 per octave) from 1 µs to ~1 hour. Thread-safe.
class LatencyHistogram {
 public:
  void Record(std::int64_t micros);
  // The q-quantile (0..1) in microseconds (upper bound of its bucket); 0 when empty.
  std::int64_t Quantile(double q) const;
  std::int64_t count() const { return count_.load(std::memory_order_relaxed); }
  std::int64_t max() const { return max_.load(std::memory_order_relaxed); }

 private:
  static constexpr int kSubBuckets = 8;
  static constexpr int kBuckets = 33 * kSubBuckets;
  static int BucketOf(std::int64_t micros);
  static std::int64_t UpperBound(int bucket);
  std::array<std::atomic<std::int64_t>, kBuckets> buckets_{};
  std::atomic<std::int64_t> count_{0};
  std::atomic<std::int64_t> max_{0};
};

struct Stats {
  std::atomic<std::int64_t> frames_sent{0};   // every packet written
  std::atomic<std::int64_t> uploads{0};       // distinct uploads made (2011/2051/2061/2031)
  std::atomic<std::int64_t> readings{0};      // factor values in those uploads
  std::atomic<std::int64_t> acknowledged{0};  // distinct uploads answered by 9014
  std::atomic<std::int64_t> acknowledged_readings{0};
  std::atomic<std::int64_t> resent{0};             // resends after a timeout or reconnect
  std::atomic<std::int64_t> duplicates{0};         // deliberate second copies (scenario)
  std::atomic<std::int64_t> pending{0};            // in backlogs, not yet acknowledged
  std::atomic<std::int64_t> dropped{0};            // pushed out of a full backlog (logged)
  std::atomic<std::int64_t> unexpected_acks{0};    // 9014 for no pending QN (e.g. a duplicate's)
  std::atomic<std::int64_t> commands_answered{0};  // platform requests answered
  std::atomic<std::int64_t> commands_rejected{0};  // ... of which with QnRtn != 1
  std::atomic<std::int64_t> history_records{0};    // records sent for history requests
  std::atomic<std::int64_t> connects{0};
  std::atomic<std::int64_t> connect_failures{0};
  std::atomic<std::int64_t> disconnects{0};
  std::atomic<std::int64_t> outages{0};          // scenario outages begun
  std::atomic<std::int64_t> rejected_frames{0};  // bytes from the platform the codec refused
  LatencyHistogram ack_latency;
};

// What the summary line says besides the counters.
struct SummaryInfo {
  std::string scenario;
  int devices = 0;
  double elapsed_s = 0;
  bool rate_test = false;
  std::int64_t frames_target = 0;  // --frames
  double rate_elapsed_s = 0;       // first send to last ack of the rate test
};

// {"scenario":"mixed","devices":185,...,"ack_latency_ms":{"p50":..,"p99":..,"max":..}}
// on one line, no trailing newline.
std::string SummaryJson(const Stats& stats, const SummaryInfo& info);

}  // namespace gl::simulator
