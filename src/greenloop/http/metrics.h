// greenloop/http/metrics.h
//
// Process metrics in the Prometheus text format (version 0.0.4): requests by
// route, method and status; a latency histogram by route; gauges read at scrape
// time (database pool use, open connections). Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace gl::http {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 11> kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                             0.05,  0.1,    0.25,  0.5,  1.0,
                                                             2.5};

  void ObserveRequest(const std::string& route, const std::string& method, int status,
                      double seconds);
  // A counter of anything else ("greenloop_login_failures_total"); labels as "k=\"v\"".
  void Increment(const std::string& name, const std::string& labels = {}, std::int64_t by = 1);
  // One observation of a latency histogram other than the HTTP one
  // ("greenloop_hj212_ack_seconds"), with the same buckets.
  void Observe(const std::string& name, double seconds);
  // A gauge whose value is read when /metrics is scraped.
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  std::string RenderPrometheus() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kLatencyBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::map<std::string, Histogram> histograms_;
  std::map<std::pair<std::string, std::string>, std::int64_t> counters_;
  std::vector<Gauge> gauges_;
};

}  // namespace gl::http
