#include "greenloop/compliance/service.h"

#include <algorithm>
#include <cmath>

#include "greenloop/compliance/site_standards.h"
#include "greenloop/monitoring/compliance_store.h"
#include "greenloop/monitoring/rules.h"
#include "greenloop/standards/factors.h"
#include "greenloop/standards/gb3095.h"

namespace gl::compliance {

namespace {

using monitoring::Aggregate;
using monitoring::Period;
namespace st = gl::standards;

constexpr TimeMs kHour = 3600LL * 1000;
constexpr TimeMs kDay = 24 * kHour;

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

std::string CodeOf(std::string_view key) {
  const st::Factor* f = st::FindFactor(key);
  return f ? std::string(f->code) : std::string();
}

std::string AttrString(const json::object& attrs, std::string_view key, std::string fallback) {
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

// --- air

st::AirGrade GradeOf(const monitoring::Site& site) {
  auto g = st::ParseAirGrade(AttrString(site.attributes, "air_grade", "2"));
  return g.ok() ? *g : st::AirGrade::k2;
}

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

ComplianceItem WaterPeriod(const SiteSeries& data, const CoveragePolicy& policy, Period period,
                           TimeMs start, st::WaterBody body, st::WaterClass target) {
  ComplianceItem item;
  item.start = start;
  item.end = start + monitoring::PeriodLength(period);
  item.water.emplace();
  std::map<std::string, st::Decimal> values;
  int parameters = 0, present = 0;
  for (const auto& [code, series] : data) {
    const st::Factor* f = st::FindFactorByCode(code);
    if (!f || !st::FindWaterParameter(f->key)) continue;
    ++parameters;
    const auto& map = period == Period::kDay ? series.days : series.hours;
    double expected = series.expected_per_hour * (period == Period::kDay ? 24 : 1);
    auto it = map.find(start);
    std::string key(f->key);
    double coverage = 0;
    if (it != map.end() && expected > 0) {
      coverage = std::min(1.0, static_cast<double>(it->second.valid_count) / expected);
    }
    item.water->coverage[key] = coverage;
    if (it == map.end() || it->second.valid_count < policy.min_water_readings) continue;
    auto avg = it->second.average();
    if (!avg) continue;
    auto d = st::Decimal::FromDouble(*avg, key);
    if (!d.ok()) continue;
    ++present;
    item.water->values[key] = *avg;
    values.emplace(key, *d);
  }
  item.coverage = parameters ? static_cast<double>(present) / parameters : 0;
  if (values.empty()) {
    item.water->error = "no parameter has enough valid data";
    return item;
  }
  auto result = st::CheckWaterTarget(body, target, values);
  if (!result.ok()) {
    item.water->error = result.error().message();
    return item;
  }
  item.water->result = std::move(result).value();
  item.sufficient = true;
  item.exceeded = !item.water->result->meets;
  return item;
}

// --- noise

// The equivalent level of hourly levels: 10·log10(mean(10^(L/10))). Each hourly
// value is the arithmetic mean of the LA samples of that hour, which is only an
// approximation of that hour's Leq (the true Leq energy-averages the samples
// themselves; the mean of the levels is lower when the level varies).
double EnergyAverage(const std::vector<double>& levels) {
  double sum = 0;
  for (double l : levels) sum += std::pow(10.0, l / 10.0);
  return 10.0 * std::log10(sum / static_cast<double>(levels.size()));
}

NoisePart EvaluateNoisePart(const Calculator& calc, const Series* s, const NoiseSetup& setup,
                            const CoveragePolicy& policy, st::NoisePeriod period, TimeMs from,
                            TimeMs to) {
  NoisePart part;
  std::vector<double> levels;
  for (TimeMs h = from; h < to; h += kHour) {
    ++part.hours;
    if (!s) continue;
    if (auto v = calc.HourValue(*s, h)) {
      levels.push_back(*v);
      ++part.valid_hours;
    }
    auto it = s->hours.find(h);
    if (period == st::NoisePeriod::kNight && it != s->hours.end() && it->second.max_value) {
      part.lmax = std::max(part.lmax.value_or(*it->second.max_value), *it->second.max_value);
    }
  }
  if (levels.empty() || part.valid_hours < policy.min_noise_hours) {
    part.error = "not enough valid hours";
    return part;
  }
  // Rounded to 0.1 dB(A), the precision sound level meters report.
  part.leq = std::round(EnergyAverage(levels) * 10.0) / 10.0;
  st::NoiseInput in;
  in.standard = setup.standard;
  in.zone = setup.zone;
  in.period = period;
  auto leq = st::Decimal::FromDouble(*part.leq, "leq");
  if (!leq.ok()) {
    part.error = leq.error().message();
    return part;
  }
  in.leq = *leq;
  // GB 12348 needs to know whether night noise is frequent or sporadic to judge Lmax.
  if (part.lmax && (setup.standard != st::NoiseStandard::kGb12348 || setup.lmax_kind_known)) {
    auto lmax = st::Decimal::FromDouble(*part.lmax, "lmax");
    if (lmax.ok()) in.lmax = *lmax;
    in.lmax_kind = setup.lmax_kind;
  }
  auto eval = st::EvaluateNoise(in);
  if (!eval.ok()) {
    part.error = eval.error().message();
    return part;
  }
  part.evaluation = *eval;
  return part;
}

ComplianceItem NoisePeriodItem(const Calculator& calc, const SiteSeries& data,
                               const CoveragePolicy& policy, const NoiseSetup& setup, Period period,
                               TimeMs start) {
  const st::DayNightConfig config;  // GB 3096-2008: day 06:00-22:00, night 22:00-06:00
  ComplianceItem item;
  item.start = start;
  item.end = start + monitoring::PeriodLength(period);
  item.noise.emplace();
  item.noise->standard = std::string(st::NoiseStandardName(setup.standard));
  item.noise->zone = setup.zone;
  auto it = data.find(std::string(st::FindFactor("noise")->code));  // LA
  const Series* s = it == data.end() ? nullptr : &it->second;
  std::vector<NoisePart*> parts;
  if (period == Period::kHour) {
    st::NoisePeriod p = st::NoisePeriodAt(start, config);
    auto part = EvaluateNoisePart(calc, s, setup, policy, p, start, start + kHour);
    (p == st::NoisePeriod::kDay ? item.noise->day : item.noise->night) = std::move(part);
  } else {
    // The day of date D is 06:00-22:00 of D; its night is 22:00 of D to 06:00 of D+1.
    TimeMs day_from = start + config.day_start_minute * 60000LL;
    TimeMs night_from = start + config.night_start_minute * 60000LL;
    TimeMs night_to = start + kDay + config.day_start_minute * 60000LL;
    item.noise->day =
        EvaluateNoisePart(calc, s, setup, policy, st::NoisePeriod::kDay, day_from, night_from);
    item.noise->night =
        EvaluateNoisePart(calc, s, setup, policy, st::NoisePeriod::kNight, night_from, night_to);
  }
  int valid = 0, hours = 0;
  bool any = false, exceeded = false;
  for (auto* part : {item.noise->day ? &*item.noise->day : nullptr,
                     item.noise->night ? &*item.noise->night : nullptr}) {
    if (!part) continue;
    valid += part->valid_hours;
    hours += part->hours;
    if (part->evaluation) {
      any = true;
      exceeded = exceeded || part->evaluation->exceeded || part->evaluation->lmax_exceeded;
    }
  }
  item.coverage = hours ? static_cast<double>(valid) / hours : 0;
  item.sufficient = any;
  if (any) item.exceeded = exceeded;
  return item;
}

// --- fume

ComplianceItem FumeHour(const Calculator& calc, const SiteSeries& data, st::FumeStandard standard,
                        TimeMs hour) {
  ComplianceItem item;
  item.start = hour;
  item.end = hour + kHour;
  item.fume.emplace();
  item.fume->standard = std::string(st::FumeStandardName(standard));
  auto it = data.find(std::string(st::FindFactor("fume")->code));  // gl_fume
  if (it == data.end()) return item;
  item.coverage = calc.HourCoverage(it->second, hour);
  item.fume->value = calc.HourValue(it->second, hour);
  if (!item.fume->value) return item;
  auto d = st::Decimal::FromDouble(*item.fume->value, "value");
  if (!d.ok()) return item;
  auto check = st::CheckFume(standard, *d);
  if (!check.ok()) return item;
  item.fume->check = *check;
  item.sufficient = true;
  item.exceeded = check->exceeded;
  return item;
}

// Fills `out` from hourly and daily aggregates of the given sites and codes.
Status Load(db::Database& db, const std::vector<Id>& sites, const std::vector<std::string>& codes,
            TimeMs from, TimeMs to, const std::vector<monitoring::Device>& devices,
            std::map<Id, SiteSeries>& out) {
  return db.Query([&](soci::session& sql) -> Status {
    for (Period p : {Period::kHour, Period::kDay}) {
      TimeMs f = monitoring::PeriodStart(p, from);
      for (Aggregate& a : monitoring::store::QueryAggregatesOfSites(sql, sites, codes, p, f, to)) {
        Series& s = out[a.site_id][a.factor];
        (p == Period::kHour ? s.hours : s.days)[a.start] = a;
      }
    }
    for (const monitoring::Device& d : devices) {
      if (!d.active) continue;
      for (const std::string& code : d.factors) {
        auto site = out.find(d.site_id);
        if (site == out.end()) continue;
        auto s = site->second.find(code);
        if (s != site->second.end()) s->second.expected_per_hour = 3600.0 / d.interval_s;
      }
    }
    return Status::Ok();
  });
}

std::vector<std::string> AirCodes() {
  std::vector<std::string> codes;
  for (const AirCode& a : kAirFactors) codes.push_back(CodeOf(a.key));
  return codes;
}

std::vector<std::string> FactorCodesOf(const std::vector<monitoring::Device>& devices) {
  std::vector<std::string> codes;
  for (const auto& d : devices) codes.insert(codes.end(), d.factors.begin(), d.factors.end());
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

}  // namespace

Result<SiteCompliance> ComplianceService::SiteItems(const org::Actor& actor, Id site_id,
                                                    Period period, TimeMs from, TimeMs to) {
  GL_ASSIGN_OR_RETURN(monitoring::Site site, monitoring_.GetSite(actor, site_id));
  from = monitoring::PeriodStart(period, from);
  if (to <= from) return Error::InvalidArgument("to", "to must be after from");
  TimeMs span = to - from;
  if (period == Period::kHour && span > 31 * kDay) {
    return Error::InvalidArgument("from", "period=hour: at most 31 days per request");
  }
  if (period == Period::kDay && span > 366 * kDay) {
    return Error::InvalidArgument("from", "period=day: at most 366 days per request");
  }
  if (site.kind == "restaurant" && period != Period::kHour) {
    return Error::InvalidArgument("period", "cooking fume is judged per hour: use period=hour");
  }
  GL_ASSIGN_OR_RETURN(auto devices, monitoring_.DevicesOfSites({site.id}));
  std::vector<std::string> codes = site.kind == "air_station" ? AirCodes() : FactorCodesOf(devices);
  std::map<Id, SiteSeries> loaded;
  // Sliding averages look back 23 hours; a day's night runs 6 hours into the next day.
  GL_RETURN_IF_ERROR(Load(db_, {site.id}, codes, from - kDay, to + kDay, devices, loaded));
  const SiteSeries& data = loaded[site.id];
  Calculator calc(policy_, data);

  SiteCompliance out;
  out.site = site;
  out.period = period;
  TimeMs step = monitoring::PeriodLength(period);
  st::AirGrade grade = GradeOf(site);
  auto body = st::ParseWaterBody(AttrString(site.attributes, "water_body", "river"));
  auto target = st::ParseWaterClass(AttrString(site.attributes, "water_target_class", "III"));
  NoiseSetup noise = NoiseSetupOf(site);
  st::FumeStandard fume = FumeStandardOf(site);
  // Days are Asia/Shanghai days, whose length is fixed (no daylight saving).
  for (TimeMs t = from; t < to; t += step) {
    if (site.kind == "air_station") {
      out.items.push_back(period == Period::kHour ? AirHour(calc, policy_, t, grade)
                                                  : AirDay(calc, policy_, t, grade));
    } else if (site.kind == "water_section") {
      out.items.push_back(WaterPeriod(data, policy_, period, t,
                                      body.ok() ? *body : st::WaterBody::kRiver,
                                      target.ok() ? *target : st::WaterClass::kIII));
    } else if (site.kind == "construction" || site.kind == "industrial") {
      out.items.push_back(NoisePeriodItem(calc, data, policy_, noise, period, t));
    } else if (site.kind == "restaurant") {
      out.items.push_back(
          FumeHour(calc, data, fume, t));
    }
  }
  return out;
}

Result<DistrictAqi> ComplianceService::AirQuality(const org::Actor& actor,
                                                  const std::string& date) {
  std::optional<TimeMs> t;
  if (date.size() == 10) t = ParseTime(date);
  if (!t) return Error::InvalidArgument("date", "date must be YYYY-MM-DD");
  TimeMs day = monitoring::PeriodStart(Period::kDay, *t);
  monitoring::store::SiteFilter filter;
  filter.kind = "air_station";
  long long total = 0;
  GL_ASSIGN_OR_RETURN(auto sites, monitoring_.ListSites(actor, filter, 0, 500, total));
  std::vector<Id> ids;
  for (const auto& s : sites) ids.push_back(s.id);
  GL_ASSIGN_OR_RETURN(auto devices, monitoring_.DevicesOfSites(ids));
  std::map<Id, SiteSeries> loaded;
  GL_RETURN_IF_ERROR(Load(db_, ids, AirCodes(), day - kDay, day + kDay, devices, loaded));

  DistrictAqi out;
  out.date = date;
  out.start = day;
  for (const auto& site : sites) {
    Calculator calc(policy_, loaded[site.id]);
    StationAqi station;
    station.site = site;
    st::AirGrade grade = GradeOf(site);
    station.daily = AirDay(calc, policy_, day, grade);
    for (TimeMs h = day; h < day + kDay; h += kHour) {
      station.hourly.push_back(AirHour(calc, policy_, h, grade));
    }
    out.stations.push_back(std::move(station));
  }
  std::vector<const ComplianceItem*> daily;
  for (const StationAqi& s : out.stations) daily.push_back(&s.daily);
  out.district = DistrictItem(daily, day, day + kDay, st::AqiReportKind::kDaily);
  for (int i = 0; i < 24; ++i) {
    std::vector<const ComplianceItem*> hour;
    for (const StationAqi& s : out.stations) hour.push_back(&s.hourly[i]);
    TimeMs h = day + i * kHour;
    out.district_hourly.push_back(DistrictItem(hour, h, h + kHour, st::AqiReportKind::kHourly));
  }
  return out;
}

}  // namespace gl::compliance
