#include "greenloop/compliance/service.h"

#include <algorithm>
#include <cmath>

#include "greenloop/compliance/items.h"
#include "greenloop/compliance/site_standards.h"
#include "greenloop/monitoring/compliance_store.h"
#include "greenloop/monitoring/rules.h"

namespace gl::compliance {

namespace {

using namespace detail;  // the items this file assembles (items.h)

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
      out.items.push_back(FumeHour(calc, data, fume, t));
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
