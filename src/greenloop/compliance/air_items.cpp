// Air items of the compliance capability: HJ 633 AQI per station hour and day with the
// GB 3095 checks, and the district's item from its stations (see items.h).
#include <algorithm>
#include <cmath>

#include "greenloop/compliance/items.h"

namespace gl::compliance::detail {

namespace {

// HJ 212 codes of the AQI pollutants (standards/factors.h: pm25 a34004, pm10 a34002,
// so2 a21026, no2 a21004, co a21005, o3 a05024).
struct AirCode {
  const char* key;  // factor key = HJ 633 pollutant name
  st::Pollutant pollutant;
};
constexpr AirCode kAirFactors[] = {
    {"so2", st::Pollutant::kSo2}, {"no2", st::Pollutant::kNo2},   {"co", st::Pollutant::kCo},
    {"o3", st::Pollutant::kO3},   {"pm10", st::Pollutant::kPm10}, {"pm25", st::Pollutant::kPm25},
};

void CheckAgainstGb3095(AirValue& v, TimeMs t, st::AirGrade grade) {
  if (!v.value) return;
  auto indicator = st::ParseIndicator(v.indicator);
  if (!indicator) return;
  std::string_view name = st::PollutantName(st::PollutantOf(*indicator));
  std::string_view key = v.indicator;
  st::Gb3095Averaging avg = key.ends_with("_24h")  ? st::Gb3095Averaging::kDaily
                            : key.ends_with("_8h") ? st::Gb3095Averaging::kMax8h
                                                   : st::Gb3095Averaging::kHourly;
  auto value = st::Decimal::FromDouble(*v.value, key);
  if (!value.ok()) return;
  auto check = st::CheckGb3095(st::Gb3095ColumnAt(t), name, avg, grade, *value);
  if (!check.ok()) return;  // no limit for this averaging (e.g. PM 1 h)
  v.limit = check->limit.value.ToDouble();
  v.limit_source = std::string(check->limit.source);
  v.exceeded = check->exceeded;
}

// Runs the HJ 633 report over the values that have a number, keeping only the
// indicators the edition's report uses.
void FinishAir(ComplianceItem& item, st::AqiReportKind kind, st::AirGrade grade,
               bool check_limits) {
  AirItem& air = *item.air;
  st::AqiEdition edition = st::AqiEditionAt(item.start);
  st::ConcentrationMap conc;
  int indexed = 0, present = 0;
  for (AirValue& v : air.values) {
    auto ind = st::ParseIndicator(v.indicator);
    if (!ind) continue;
    auto role = st::RoleOf(edition, kind, *ind);
    if (role == st::AqiIndicatorRole::kIndexed) {
      ++indexed;
      if (v.value) ++present;
    }
    if (role == st::AqiIndicatorRole::kNotUsed || !v.value) continue;
    auto d = st::Decimal::FromDouble(*v.value, v.indicator);
    if (d.ok()) conc.emplace(v.indicator, *d);
    if (check_limits) CheckAgainstGb3095(v, item.start, grade);
  }
  // Drop the indicators the edition does not use, so the answer shows what was judged.
  std::erase_if(air.values, [&](const AirValue& v) {
    auto ind = st::ParseIndicator(v.indicator);
    return !ind || st::RoleOf(edition, kind, *ind) == st::AqiIndicatorRole::kNotUsed;
  });
  item.coverage = indexed ? static_cast<double>(present) / indexed : 0;
  if (present == 0) {
    air.aqi_error = "no pollutant has enough valid data";
    return;
  }
  auto result = st::ComputeAqi(edition, kind, conc);
  if (!result.ok()) {
    // E.g. SO2 1 h > 800 with no valid SO2 24 h average for the rule (HJ 633-2012 Table 1 note).
    air.aqi_error = result.error().message();
    return;
  }
  air.aqi = std::move(result).value();
  item.sufficient = true;
  bool exceeded = false;
  for (const AirValue& v : air.values) exceeded = exceeded || v.exceeded;
  item.exceeded = exceeded;
}

// The real-time report of an hour; GB 3095 compares only the 1-hour values with its
// 1-hour limits (the sliding values are not GB 3095 averaging periods of that hour).
void FinishHourlyAir(ComplianceItem& item, st::AirGrade grade) {
  FinishAir(item, st::AqiReportKind::kHourly, grade, false);
  for (AirValue& v : item.air->values) {
    if (v.indicator.ends_with("_1h")) CheckAgainstGb3095(v, item.start, grade);
  }
  if (item.sufficient) {
    bool exceeded = false;
    for (const AirValue& v : item.air->values) exceeded = exceeded || v.exceeded;
    item.exceeded = exceeded;
  }
}

}  // namespace

st::AirGrade GradeOf(const monitoring::Site& site) {
  auto g = st::ParseAirGrade(AttrString(site.attributes, "air_grade", "2"));
  return g.ok() ? *g : st::AirGrade::k2;
}

// A district item: per indicator the mean of the stations' values (stations without
// enough data left out), then the report of those means, judged against grade 2.
ComplianceItem DistrictItem(const std::vector<const ComplianceItem*>& stations, TimeMs start,
                            TimeMs end, st::AqiReportKind kind) {
  ComplianceItem d;
  d.start = start;
  d.end = end;
  d.air.emplace();
  std::map<std::string, std::pair<double, int>> sums;  // indicator -> (sum, stations)
  std::vector<std::string> order;
  for (const ComplianceItem* item : stations) {
    for (const AirValue& v : item->air->values) {
      if (!sums.contains(v.indicator)) order.push_back(v.indicator);
      auto& [sum, n] = sums[v.indicator];
      if (v.value) {
        sum += *v.value;
        ++n;
      }
    }
  }
  for (const std::string& key : order) {
    auto [sum, n] = sums[key];
    AirValue v{key, std::nullopt, 0, std::nullopt, {}, false};
    if (!stations.empty()) v.coverage = static_cast<double>(n) / stations.size();
    if (n > 0) v.value = sum / n;
    d.air->values.push_back(v);
  }
  if (kind == st::AqiReportKind::kDaily) {
    FinishAir(d, kind, st::AirGrade::k2, true);
  } else {
    FinishHourlyAir(d, st::AirGrade::k2);
  }
  return d;
}

ComplianceItem AirHour(const Calculator& calc, const CoveragePolicy& policy, TimeMs hour,
                       st::AirGrade grade) {
  ComplianceItem item;
  item.start = hour;
  item.end = hour + kHour;
  item.air.emplace();
  for (const AirCode& a : kAirFactors) {
    const Series* s = calc.Of(CodeOf(a.key));
    std::string key(a.key);
    // The 1-hour average of this hour.
    AirValue one{key + "_1h", std::nullopt, 0, std::nullopt, {}, false};
    if (s) {
      one.value = calc.HourValue(*s, hour);
      one.coverage = calc.HourCoverage(*s, hour);
    }
    item.air->values.push_back(one);
    int valid = 0;
    // 24-hour sliding average ending with this hour (HJ 633-2012 real-time report
    // indexes PM by it; SO2 24 h feeds the SO2 1 h > 800 rule).
    if (a.pollutant == st::Pollutant::kPm10 || a.pollutant == st::Pollutant::kPm25 ||
        a.pollutant == st::Pollutant::kSo2) {
      AirValue day{key + "_24h", std::nullopt, 0, std::nullopt, {}, false};
      if (s) {
        day.value = calc.SlidingMean(*s, hour, 24, policy.min_valid_hours_per_day, valid);
        day.coverage = std::min(1.0, valid / static_cast<double>(policy.min_valid_hours_per_day));
      }
      item.air->values.push_back(day);
    }
    if (a.pollutant == st::Pollutant::kO3) {
      AirValue eight{"o3_8h", std::nullopt, 0, std::nullopt, {}, false};
      if (s) {
        eight.value = calc.SlidingMean(*s, hour, 8, policy.min_valid_hours_per_8h, valid);
        eight.coverage = std::min(1.0, valid / static_cast<double>(policy.min_valid_hours_per_8h));
      }
      item.air->values.push_back(eight);
    }
  }
  // GB 3095 compares 1-hour values with its 1-hour limits; sliding values are not
  // limit periods of their own here.
  FinishHourlyAir(item, grade);
  return item;
}

ComplianceItem AirDay(const Calculator& calc, const CoveragePolicy& policy, TimeMs day,
                      st::AirGrade grade) {
  ComplianceItem item;
  item.start = day;
  item.end = day + kDay;
  item.air.emplace();
  for (const AirCode& a : kAirFactors) {
    const Series* s = calc.Of(CodeOf(a.key));
    std::string key(a.key);
    int valid_hours = s ? calc.ValidHours(*s, day, day + kDay) : 0;
    double hour_share =
        std::min(1.0, valid_hours / static_cast<double>(policy.min_valid_hours_per_day));
    if (a.pollutant != st::Pollutant::kO3) {
      // The daily average: the stored daily aggregate of the raw readings.
      AirValue v{key + "_24h", std::nullopt, hour_share, std::nullopt, {}, false};
      if (s && valid_hours >= policy.min_valid_hours_per_day) {
        auto it = s->days.find(day);
        if (it != s->days.end()) v.value = it->second.average();
      }
      item.air->values.push_back(v);
      continue;
    }
    // O3: the daily maximum 1-hour value (2012 daily report only) and the daily
    // maximum 8-hour sliding average over the 8-hour windows wholly inside the day.
    AirValue one{"o3_1h", std::nullopt, hour_share, std::nullopt, {}, false};
    AirValue eight{"o3_8h", std::nullopt, 0, std::nullopt, {}, false};
    if (s) {
      if (valid_hours >= policy.min_valid_hours_per_day) {
        for (TimeMs h = day; h < day + kDay; h += kHour) {
          if (auto v = calc.HourValue(*s, h)) one.value = std::max(one.value.value_or(*v), *v);
        }
      }
      int windows = 0;
      std::optional<double> best;
      for (int start = 0; start + 8 <= 24; ++start) {
        int valid = 0;
        TimeMs last = day + (start + 7) * kHour;
        if (auto m = calc.SlidingMean(*s, last, 8, policy.min_valid_hours_per_8h, valid)) {
          ++windows;
          best = std::max(best.value_or(*m), *m);
        }
      }
      eight.coverage = std::min(1.0, windows / static_cast<double>(policy.min_valid_8h_windows));
      if (windows >= policy.min_valid_8h_windows) eight.value = best;
    }
    item.air->values.push_back(one);
    item.air->values.push_back(eight);
  }
  FinishAir(item, st::AqiReportKind::kDaily, grade, true);
  return item;
}

// --- water

std::vector<std::string> AirCodes() {
  std::vector<std::string> codes;
  for (const AirCode& a : kAirFactors) codes.push_back(CodeOf(a.key));
  return codes;
}

}  // namespace gl::compliance::detail
