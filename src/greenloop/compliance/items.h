// greenloop/compliance/items.h
//
// Internal to the compliance capability (service.cpp, air_items.cpp): a site's hourly
// and daily aggregates by factor, the coverage rules applied to them, and the air
// items (HJ 633 AQI with GB 3095 checks) that the service assembles. Pure: no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "greenloop/compliance/service.h"
#include "greenloop/standards/factors.h"
#include "greenloop/standards/gb3095.h"

namespace gl::compliance::detail {

using monitoring::Aggregate;
using monitoring::Period;
namespace st = gl::standards;

inline constexpr TimeMs kHour = 3600LL * 1000;
inline constexpr TimeMs kDay = 24 * kHour;

inline std::string CodeOf(std::string_view key) {
  const st::Factor* f = st::FindFactor(key);
  return f ? std::string(f->code) : std::string();
}

inline std::string AttrString(const json::object& attrs, std::string_view key,
                              std::string fallback) {
  if (const json::value* v = attrs.if_contains(key)) {
    if (v->is_string() && !v->as_string().empty()) return std::string(v->as_string());
    if (v->is_int64()) return std::to_string(v->as_int64());
  }
  return fallback;
}

// The aggregates of one factor at one site, and how many readings an hour should hold.
struct Series {
  std::map<TimeMs, Aggregate> hours, days;
  double expected_per_hour = 60;  // 3600 / interval_s of the device that reports the factor
};
using SiteSeries = std::map<std::string, Series>;  // by HJ 212 code

class Calculator {
 public:
  Calculator(const CoveragePolicy& policy, const SiteSeries& data) : policy_(policy), data_(data) {}

  const Series* Of(const std::string& code) const {
    auto it = data_.find(code);
    return it == data_.end() ? nullptr : &it->second;
  }
  double HourCoverage(const Series& s, TimeMs hour) const {
    auto it = s.hours.find(hour);
    if (it == s.hours.end() || s.expected_per_hour <= 0) return 0;
    return std::min(1.0, static_cast<double>(it->second.valid_count) / s.expected_per_hour);
  }
  // The hourly average when the hour has enough valid readings.
  std::optional<double> HourValue(const Series& s, TimeMs hour) const {
    auto it = s.hours.find(hour);
    if (it == s.hours.end()) return std::nullopt;
    if (HourCoverage(s, hour) + 1e-9 < policy_.min_hour_coverage) return std::nullopt;
    return it->second.average();
  }
  // Mean of the valid hourly values of the `n` hours ending with `last` (inclusive),
  // when at least `need` are valid; `valid` gets their number.
  std::optional<double> SlidingMean(const Series& s, TimeMs last, int n, int need,
                                    int& valid) const {
    double sum = 0;
    valid = 0;
    for (int i = 0; i < n; ++i) {
      if (auto v = HourValue(s, last - i * kHour)) {
        sum += *v;
        ++valid;
      }
    }
    if (valid < need || valid == 0) return std::nullopt;
    return sum / valid;
  }
  int ValidHours(const Series& s, TimeMs from, TimeMs to) const {
    int n = 0;
    for (TimeMs h = from; h < to; h += kHour) n += HourValue(s, h).has_value();
    return n;
  }

 private:
  const CoveragePolicy& policy_;
  const SiteSeries& data_;
};

// --- air items (air_items.cpp)

st::AirGrade GradeOf(const monitoring::Site& site);
// The district's item from its stations' items: per pollutant the mean of the stations
// with enough data, then the AQI of those means.
ComplianceItem DistrictItem(const std::vector<const ComplianceItem*>& stations, TimeMs start,
                            TimeMs end, st::AqiReportKind kind);
ComplianceItem AirHour(const Calculator& calc, const CoveragePolicy& policy, TimeMs hour,
                       st::AirGrade grade);
ComplianceItem AirDay(const Calculator& calc, const CoveragePolicy& policy, TimeMs day,
                      st::AirGrade grade);
// HJ 212 codes of the six AQI pollutants.
std::vector<std::string> AirCodes();

}  // namespace gl::compliance::detail
