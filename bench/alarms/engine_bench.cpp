// Evaluation cost of the alarm engine: ns per reading with 10 rules on each series
// (exceedance, hourly standard, D and T flags, no data, range, flatline, step,
// just-under, duplicate), pure engine, no I/O.
//
//   build/bench/alarms/engine_bench [series=1000] [readings_per_series=2000]
//
// Prints one JSON line.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "greenloop/alarms/engine.h"

namespace {
using namespace gl;
using namespace gl::alarms;

Rule R(Id id, RuleKind kind, std::string check, std::string factor) {
  Rule r;
  r.id = id;
  r.site_kind = "restaurant";
  r.kind = kind;
  r.check = std::move(check);
  r.factor = std::move(factor);
  r.name = "bench";
  r.max_step = 10;
  r.flatline_count = 8;
  return r;
}
}  // namespace

int main(int argc, char** argv) {
  const int series = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int per_series = argc > 2 ? std::atoi(argv[2]) : 2000;
  Engine engine;
  std::vector<Rule> rules = {R(1, RuleKind::kExceedance, "", "gl_fume"),
                             R(2, RuleKind::kStandard, "fume_hourly", "gl_fume"),
                             R(3, RuleKind::kDeviceFlag, "D", ""),
                             R(4, RuleKind::kDeviceFlag, "T", ""),
                             R(5, RuleKind::kNoData, "", ""),
                             R(6, RuleKind::kSuspect, "range", ""),
                             R(7, RuleKind::kSuspect, "flatline", "gl_fume"),
                             R(8, RuleKind::kSuspect, "step", "gl_fume"),
                             R(9, RuleKind::kSuspect, "just_under", "gl_fume"),
                             R(10, RuleKind::kSuspect, "duplicate", "gl_fume")};
  engine.SetRules(rules);
  for (int s = 0; s < series; ++s) {
    monitoring::Site site;
    site.id = 1000 + s;
    site.kind = "restaurant";
    site.name = "bench";
    engine.UpsertSite(site);
    engine.UpsertDevice({100000 + s, 1000 + s, 60, std::nullopt});
  }
  const TimeMs t0 = 1795917600000LL;
  std::vector<monitoring::Reading> readings(series);
  for (int s = 0; s < series; ++s) {
    readings[s].device_id = 100000 + s;
    readings[s].factor = "gl_fume";
    readings[s].flag = "N";
  }
  EngineOutput out;
  std::uint64_t x = 88172645463325252ULL;
  auto start = std::chrono::steady_clock::now();
  long long n = 0;
  for (int i = 0; i < per_series; ++i) {
    const TimeMs t = t0 + i * 60000LL;
    for (int s = 0; s < series; ++s) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      monitoring::Reading& r = readings[s];
      r.t = t;
      // Mostly under the 1.0 mg/m³ limit, now and then over it.
      r.value = 0.2 + static_cast<double>(x % 1000) / 1100.0;
      engine.Observe(1000 + s, r, t, out);
      ++n;
    }
    out.events.clear();
    out.hand_offs.clear();
  }
  double ns =
      std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "{\"bench\":\"alarm_engine\",\"rules_per_series\":10,\"series\":%d,\"readings\":%lld,"
      "\"ns_per_reading\":%.1f,\"readings_per_s\":%.0f,\"open_alarms\":%zu}\n",
      series, n, ns / n, n / (ns / 1e9), engine.open_count());
  return 0;
}
