#include "greenloop/simulator/stats.h"

#include <bit>

#include "greenloop/base/json.h"

namespace gl::simulator {

int LatencyHistogram::BucketOf(std::int64_t micros) {
  if (micros < 1) micros = 1;
  const auto u = static_cast<std::uint64_t>(micros);
  const int octave = 63 - std::countl_zero(u);  // floor(log2)
  // The 3 bits below the leading one pick the sub-bucket.
  const int sub = octave >= 3 ? static_cast<int>((u >> (octave - 3)) & 7)
                              : static_cast<int>((u << (3 - octave)) & 7);
  const int b = octave * kSubBuckets + sub;
  return b < kBuckets ? b : kBuckets - 1;
}

std::int64_t LatencyHistogram::UpperBound(int bucket) {
  const int octave = bucket / kSubBuckets;
  const int sub = bucket % kSubBuckets;
  const double base = static_cast<double>(std::int64_t{1} << octave);
  return static_cast<std::int64_t>(base * (1.0 + (sub + 1) / 8.0));
}

void LatencyHistogram::Record(std::int64_t micros) {
  buckets_[static_cast<std::size_t>(BucketOf(micros))].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  std::int64_t prev = max_.load(std::memory_order_relaxed);
  while (micros > prev && !max_.compare_exchange_weak(prev, micros, std::memory_order_relaxed)) {
  }
}

std::int64_t LatencyHistogram::Quantile(double q) const {
  const std::int64_t total = count();
  if (total == 0) return 0;
  const auto rank = static_cast<std::int64_t>(q * static_cast<double>(total - 1)) + 1;
  std::int64_t seen = 0;
  for (int b = 0; b < kBuckets; ++b) {
    seen += buckets_[static_cast<std::size_t>(b)].load(std::memory_order_relaxed);
    if (seen >= rank) return std::min(UpperBound(b), max());
  }
  return max();
}

std::string SummaryJson(const Stats& s, const SummaryInfo& info) {
  auto get = [](const std::atomic<std::int64_t>& a) { return a.load(std::memory_order_relaxed); };
  json::object o;
  o["scenario"] = info.scenario;
  o["devices"] = info.devices;
  o["elapsed_s"] = static_cast<double>(static_cast<std::int64_t>(info.elapsed_s * 1000)) / 1000;
  o["frames_sent"] = get(s.frames_sent);
  o["uploads"] = get(s.uploads);
  o["readings"] = get(s.readings);
  o["acknowledged"] = get(s.acknowledged);
  o["resent"] = get(s.resent);
  o["duplicates"] = get(s.duplicates);
  o["pending"] = get(s.pending);
  o["dropped"] = get(s.dropped);
  o["unexpected_acks"] = get(s.unexpected_acks);
  o["commands_answered"] = get(s.commands_answered);
  o["commands_rejected"] = get(s.commands_rejected);
  o["history_records"] = get(s.history_records);
  o["connects"] = get(s.connects);
  o["connect_failures"] = get(s.connect_failures);
  o["disconnects"] = get(s.disconnects);
  o["outages"] = get(s.outages);
  o["rejected_frames"] = get(s.rejected_frames);
  json::object lat;
  auto ms = [](std::int64_t us) { return static_cast<double>(us) / 1000.0; };
  lat["count"] = s.ack_latency.count();
  lat["p50"] = ms(s.ack_latency.Quantile(0.50));
  lat["p99"] = ms(s.ack_latency.Quantile(0.99));
  lat["max"] = ms(s.ack_latency.max());
  o["ack_latency_ms"] = std::move(lat);
  if (info.rate_test) {
    json::object rt;
    rt["frames_target"] = info.frames_target;
    rt["elapsed_s"] = info.rate_elapsed_s;
    const double el = info.rate_elapsed_s > 0 ? info.rate_elapsed_s : 1e-9;
    rt["frames_per_s"] = static_cast<double>(get(s.acknowledged)) / el;
    rt["readings_per_s"] = static_cast<double>(get(s.acknowledged_readings)) / el;
    o["rate_test"] = std::move(rt);
  }
  return json::serialize(o);
}

}  // namespace gl::simulator
