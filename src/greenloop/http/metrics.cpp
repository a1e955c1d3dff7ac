#include "greenloop/http/metrics.h"

#include <fmt/format.h>

namespace gl::http {

namespace {
// Label values escape backslash, quote and newline (Prometheus exposition format).
std::string Escape(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

void Metrics::ObserveRequest(const std::string& route, const std::string& method, int status,
                             double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  Histogram& h = latency_[route];
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::Observe(const std::string& name, double seconds) {
  std::lock_guard lock(mutex_);
  Histogram& h = histograms_[name];
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::Increment(const std::string& name, const std::string& labels, std::int64_t by) {
  std::lock_guard lock(mutex_);
  counters_[{name, labels}] += by;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::RenderPrometheus() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out += "# HELP greenloop_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE greenloop_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out += fmt::format("greenloop_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                       Escape(route), Escape(method), status, count);
  }
  out += "# HELP greenloop_http_request_duration_seconds Time from a request read to its response "
         "written, by route.\n";
  out += "# TYPE greenloop_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    std::string r = Escape(route);
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      out += fmt::format("greenloop_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                         r, kLatencyBuckets[i], h.buckets[i]);
    }
    out += fmt::format("greenloop_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", r,
                       h.count);
    out += fmt::format("greenloop_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", r, h.sum);
    out += fmt::format("greenloop_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", r, h.count);
  }
  for (const auto& [name, h] : histograms_) {
    out += fmt::format("# TYPE {} histogram\n", name);
    for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
      out += fmt::format("{}_bucket{{le=\"{}\"}} {}\n", name, kLatencyBuckets[i], h.buckets[i]);
    }
    out += fmt::format("{}_bucket{{le=\"+Inf\"}} {}\n{}_sum {}\n{}_count {}\n", name, h.count, name,
                       h.sum, name, h.count);
  }
  std::string last_name;
  for (const auto& [key, value] : counters_) {
    if (key.first != last_name) {
      out += fmt::format("# TYPE {} counter\n", key.first);
      last_name = key.first;
    }
    out += key.second.empty() ? fmt::format("{} {}\n", key.first, value)
                              : fmt::format("{}{{{}}} {}\n", key.first, key.second, value);
  }
  for (const Gauge& g : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name,
                       g.read());
  }
  return out;
}

}  // namespace gl::http
