#include "greenloop/standards/aqi.h"

#include <algorithm>
#include <array>

#include "greenloop/standards/aqi_tables.h"

namespace gl::standards {
namespace {

constexpr std::array<std::string_view, kIndicatorCount> kIndicatorNames = {
    "so2_24h", "so2_1h", "no2_24h",  "no2_1h",  "co_24h",   "co_1h",
    "o3_1h",   "o3_8h",  "pm10_24h", "pm10_1h", "pm25_24h", "pm25_1h"};

// HJ 633-2012 Table 2 and HJ 633-2026 Table 1 (same names and colours; the 2026
// edition writes the first range 1~50). English names as used by the API.
constexpr std::array<AqiCategory, 6> kCategories = {{
    {1, "一级", "优", "Excellent", "绿色", "#00E400", 0, 228, 0},
    {2, "二级", "良", "Good", "黄色", "#FFFF00", 255, 255, 0},
    {3, "三级", "轻度污染", "Lightly polluted", "橙色", "#FF7E00", 255, 126, 0},
    {4, "四级", "中度污染", "Moderately polluted", "红色", "#FF0000", 255, 0, 0},
    {5, "五级", "重度污染", "Heavily polluted", "紫色", "#99004C", 153, 0, 76},
    {6, "六级", "严重污染", "Severely polluted", "褐红色", "#7E0023", 126, 0, 35},
}};

// SO2 1h and O3 8h thresholds of the special rules (HJ 633-2012 Table 1 notes
// (2), (3); HJ 633-2026 Table 3 notes b, c), and the fixed 2026 IAQIs.
constexpr Decimal kSo2_1hLimit = DecInt(800);
constexpr Decimal kO3_8hLimit = DecInt(800);
constexpr int kSo2_1hFixedIaqi2026 = 200;
constexpr int kO3_8hFixedIaqi2026 = 300;

std::string Str(std::string_view s) { return std::string(s); }

}  // namespace

std::string_view EditionName(AqiEdition e) { return e == AqiEdition::k2012 ? "2012" : "2026"; }
std::string_view ReportKindName(AqiReportKind k) {
  return k == AqiReportKind::kDaily ? "daily" : "hourly";
}

std::string_view PollutantName(Pollutant p) {
  switch (p) {
    case Pollutant::kSo2:
      return "so2";
    case Pollutant::kNo2:
      return "no2";
    case Pollutant::kCo:
      return "co";
    case Pollutant::kO3:
      return "o3";
    case Pollutant::kPm10:
      return "pm10";
    case Pollutant::kPm25:
      return "pm25";
  }
  return "?";
}

std::string_view IndicatorName(Indicator i) { return kIndicatorNames[static_cast<int>(i)]; }

Pollutant PollutantOf(Indicator i) {
  switch (i) {
    case Indicator::kSo2_24h:
    case Indicator::kSo2_1h:
      return Pollutant::kSo2;
    case Indicator::kNo2_24h:
    case Indicator::kNo2_1h:
      return Pollutant::kNo2;
    case Indicator::kCo_24h:
    case Indicator::kCo_1h:
      return Pollutant::kCo;
    case Indicator::kO3_1h:
    case Indicator::kO3_8h:
      return Pollutant::kO3;
    case Indicator::kPm10_24h:
    case Indicator::kPm10_1h:
      return Pollutant::kPm10;
    case Indicator::kPm25_24h:
    case Indicator::kPm25_1h:
      return Pollutant::kPm25;
  }
  return Pollutant::kSo2;
}

std::optional<Indicator> ParseIndicator(std::string_view key) {
  for (int i = 0; i < kIndicatorCount; ++i)
    if (kIndicatorNames[i] == key) return static_cast<Indicator>(i);
  return std::nullopt;
}

Result<AqiEdition> ParseEdition(std::string_view text) {
  if (text == "2012") return AqiEdition::k2012;
  if (text == "2026") return AqiEdition::k2026;
  return Error::InvalidArgument("edition", "edition must be \"2012\" or \"2026\"");
}

Result<AqiReportKind> ParseReportKind(std::string_view text) {
  if (text == "daily") return AqiReportKind::kDaily;
  if (text == "hourly") return AqiReportKind::kHourly;
  return Error::InvalidArgument("report", "report must be \"daily\" or \"hourly\"");
}

AqiEdition AqiEditionAt(TimeMs utc_ms) {
  // 2026-03-01T00:00:00+08:00 (HJ 633-2026 实施日期, S2).
  static const TimeMs kSwitch = *FromCivil({2026, 3, 1, 0, 0, 0, 0}) - kShanghaiOffsetMs;
  return utc_ms < kSwitch ? AqiEdition::k2012 : AqiEdition::k2026;
}

AqiEdition AqiEditionOnDate(int year, int month, int /*day*/) {
  return (year < 2026 || (year == 2026 && month < 3)) ? AqiEdition::k2012 : AqiEdition::k2026;
}

Result<AqiEdition> ResolveEdition(std::optional<std::string_view> edition, std::string_view date) {
  if (edition) return ParseEdition(*edition);
  if (date.empty())
    return Error::InvalidArgument("date", "date is required when edition is not given");
  std::optional<TimeMs> t = ParseTime(date);
  if (!t) return Error::InvalidArgument("date", "date must be YYYY-MM-DD");
  return AqiEditionAt(*t);
}

const AqiCategory& CategoryOf(int aqi) {
  // Upper bounds of Table 2 (2012) / Table 1 (2026): 50, 100, 150, 200, 300, >300.
  constexpr int kUpper[] = {50, 100, 150, 200, 300};
  for (int i = 0; i < 5; ++i)
    if (aqi <= kUpper[i]) return kCategories[i];
  return kCategories[5];
}

const AqiCategory& CategoryOfLevel(int level) { return kCategories[std::clamp(level, 1, 6) - 1]; }

AqiIndicatorRole RoleOf(AqiEdition e, AqiReportKind k, Indicator i) {
  using I = Indicator;
  using R = AqiIndicatorRole;
  if (e == AqiEdition::k2012 && k == AqiReportKind::kDaily) {
    // HJ 633-2012 §5.1.2 / Table 3: 24h SO2, NO2, PM10, CO, PM2.5; O3 daily max 1h and 8h.
    switch (i) {
      case I::kSo2_24h:
      case I::kNo2_24h:
      case I::kPm10_24h:
      case I::kCo_24h:
      case I::kO3_1h:
      case I::kO3_8h:
      case I::kPm25_24h:
        return R::kIndexed;
      default:
        return R::kNotUsed;
    }
  }
  if (e == AqiEdition::k2012) {
    // HJ 633-2012 §5.1.3 / Table 4: sub-indices for SO2, NO2, CO, O3 1h, O3 8h
    // sliding, PM10 and PM2.5 24h sliding; PM 1h published as concentrations only.
    switch (i) {
      case I::kSo2_1h:
      case I::kNo2_1h:
      case I::kCo_1h:
      case I::kO3_1h:
      case I::kO3_8h:
      case I::kPm10_24h:
      case I::kPm25_24h:
        return R::kIndexed;
      case I::kPm10_1h:
      case I::kPm25_1h:
        return R::kConcentrationOnly;
      case I::kSo2_24h:
        return R::kAuxiliary;  // Table 1 note (2)
      default:
        return R::kNotUsed;
    }
  }
  if (k == AqiReportKind::kDaily) {
    // HJ 633-2026 §4.2.2: SO2, NO2, CO, PM10, PM2.5 daily averages and O3 daily max 8h.
    switch (i) {
      case I::kSo2_24h:
      case I::kNo2_24h:
      case I::kCo_24h:
      case I::kPm10_24h:
      case I::kPm25_24h:
      case I::kO3_8h:
        return R::kIndexed;
      default:
        return R::kNotUsed;
    }
  }
  // HJ 633-2026 §4.2.3-4.2.4: the 1-hour averages of the six pollutants.
  switch (i) {
    case I::kSo2_1h:
    case I::kNo2_1h:
    case I::kCo_1h:
    case I::kO3_1h:
    case I::kPm10_1h:
    case I::kPm25_1h:
      return R::kIndexed;
    default:
      return R::kNotUsed;
  }
}

std::vector<Indicator> IndexedIndicators(AqiEdition e, AqiReportKind k) {
  std::vector<Indicator> out;
  for (int i = 0; i < kIndicatorCount; ++i)
    if (RoleOf(e, k, static_cast<Indicator>(i)) == AqiIndicatorRole::kIndexed)
      out.push_back(static_cast<Indicator>(i));
  return out;
}

Result<Iaqi> ComputeIaqi(AqiEdition e, Indicator i, Decimal concentration) {
  const std::string field = Str(IndicatorName(i));
  if (concentration.negative())
    return Error::InvalidArgument(field, field + " must not be negative");
  const internal::BreakpointColumn* col = internal::ColumnFor(e, i);
  if (!col)
    return Error::InvalidArgument(
        field, field + " has no IAQI in HJ 633-" + Str(EditionName(e)) + " (concentration only)");
  Iaqi out;
  // HJ 633-2026 §4.2.2: round by GB/T 8170 to an integer; CO to one decimal.
  out.used = e == AqiEdition::k2026
                 ? concentration.RoundHalfEven(PollutantOf(i) == Pollutant::kCo ? 1 : 0)
                 : concentration;
  const std::int64_t c = out.used.micros();
  const auto& bp = col->bp;
  for (std::size_t s = 0; s + 1 < bp.size(); ++s) {
    const std::int64_t lo = bp[s] * Decimal::kOne, hi = bp[s + 1] * Decimal::kOne;
    if (c > hi) continue;
    // Formula (1): IAQI = (IAQI_Hi - IAQI_Lo)/(BP_Hi - BP_Lo) * (C - BP_Lo) + IAQI_Lo,
    // rounded up (2012 §6.2, 2026 §4.2.6), in exact integer arithmetic.
    const std::int64_t di = internal::kIaqiLevels[s + 1] - internal::kIaqiLevels[s];
    const std::int64_t num = di * (c - lo), den = hi - lo;
    out.value = internal::kIaqiLevels[s] + static_cast<int>((num + den - 1) / den);
    return out;
  }
  out.above_scale = true;
  return out;
}

Result<AqiResult> ComputeAqi(AqiEdition e, AqiReportKind k, const ConcentrationMap& values) {
  AqiResult r;
  r.edition = e;
  r.report = k;
  std::map<Indicator, Decimal> given;
  for (const auto& [key, value] : values) {
    std::optional<Indicator> ind = ParseIndicator(key);
    if (!ind) return Error::InvalidArgument(key, "unknown concentration key '" + key + "'");
    if (RoleOf(e, k, *ind) == AqiIndicatorRole::kNotUsed)
      return Error::InvalidArgument(key, key + " is not used by the HJ 633-" + Str(EditionName(e)) +
                                             " " + Str(ReportKindName(k)) + " report");
    if (value.negative()) return Error::InvalidArgument(key, key + " must not be negative");
    given.emplace(*ind, value);
  }
  auto has = [&](Indicator i) { return given.count(i) > 0; };
  bool any_indexed = false;
  for (Indicator i : IndexedIndicators(e, k)) {
    if (has(i))
      any_indexed = true;
    else
      r.missing.push_back(i);
  }
  if (!any_indexed)
    return Error::InvalidArgument("values", "no indicator of the HJ 633-" + Str(EditionName(e)) +
                                                " " + Str(ReportKindName(k)) + " report was given");

  for (const auto& [ind, value] : given) {
    IndicatorResult ir{ind, RoleOf(e, k, ind), value, value, std::nullopt, false, {}};
    if (ir.role != AqiIndicatorRole::kIndexed) {
      r.indicators.push_back(std::move(ir));
      continue;
    }
    GL_ASSIGN_OR_RETURN(Iaqi iaqi, ComputeIaqi(e, ind, value));
    ir.used = iaqi.used;
    ir.iaqi = iaqi.value;
    ir.above_scale = iaqi.above_scale;
    if (ind == Indicator::kSo2_1h && iaqi.used > kSo2_1hLimit) {
      if (e == AqiEdition::k2026) {  // HJ 633-2026 Table 3 note b
        ir.iaqi = kSo2_1hFixedIaqi2026;
        ir.above_scale = false;
        ir.rule = "so2_1h>800: iaqi 200";
      } else {  // HJ 633-2012 Table 1 note (2)
        if (!has(Indicator::kSo2_24h))
          return Error::InvalidArgument(
              "so2_24h",
              "so2_1h is above 800: HJ 633-2012 takes the SO2 IAQI from so2_24h, "
              "which is missing");
        GL_ASSIGN_OR_RETURN(Iaqi sub,
                            ComputeIaqi(e, Indicator::kSo2_24h, given[Indicator::kSo2_24h]));
        ir.iaqi = sub.value;
        ir.above_scale = sub.above_scale;
        ir.rule = "so2_1h>800: iaqi from so2_24h";
      }
    }
    if (ind == Indicator::kO3_8h && iaqi.used > kO3_8hLimit) {
      if (e == AqiEdition::k2026) {  // HJ 633-2026 Table 3 note c
        ir.iaqi = kO3_8hFixedIaqi2026;
        ir.above_scale = false;
        ir.rule = "o3_8h>800: iaqi 300";
      } else {  // HJ 633-2012 Table 1 note (3)
        if (!has(Indicator::kO3_1h))
          return Error::InvalidArgument(
              "o3_1h",
              "o3_8h is above 800: HJ 633-2012 takes the O3 IAQI from o3_1h, "
              "which is missing");
        GL_ASSIGN_OR_RETURN(Iaqi sub, ComputeIaqi(e, Indicator::kO3_1h, given[Indicator::kO3_1h]));
        ir.iaqi = sub.value;
        ir.above_scale = sub.above_scale;
        ir.rule = "o3_8h>800: iaqi from o3_1h";
      }
    }
    r.indicators.push_back(std::move(ir));
  }

  // Pollutant IAQI = max over its indexed indicators; above scale beats any value.
  constexpr int kAbove = 1 << 30;
  std::map<Pollutant, int> by_pollutant;
  for (const IndicatorResult& ir : r.indicators) {
    if (ir.role != AqiIndicatorRole::kIndexed) continue;
    int v = ir.above_scale ? kAbove : *ir.iaqi;
    auto [it, inserted] = by_pollutant.emplace(PollutantOf(ir.indicator), v);
    if (!inserted) it->second = std::max(it->second, v);
  }
  int aqi = 0;  // Formula (2): AQI = max(IAQI_1..IAQI_n)
  for (const auto& [p, v] : by_pollutant) {
    aqi = std::max(aqi, v);
    r.pollutant_iaqi[p] = v == kAbove ? std::nullopt : std::optional<int>(v);
  }
  r.above_scale = aqi == kAbove;
  if (!r.above_scale) r.aqi = aqi;
  r.category = r.above_scale ? &CategoryOfLevel(6) : &CategoryOf(aqi);
  // 2012 §4.4.2 / 2026 §4.3.1: primary pollutants only when AQI > 50; ties all count.
  if (aqi > 50)
    for (const auto& [p, v] : by_pollutant)
      if (v == aqi) r.primary.push_back(p);
  // 2012 §3.4: 超标污染物 = IAQI > 100. Deleted in 2026.
  if (e == AqiEdition::k2012)
    for (const auto& [p, v] : by_pollutant)
      if (v > 100) r.non_attainment.push_back(p);
  auto by_name = [](Pollutant a, Pollutant b) { return PollutantName(a) < PollutantName(b); };
  std::sort(r.primary.begin(), r.primary.end(), by_name);
  std::sort(r.non_attainment.begin(), r.non_attainment.end(), by_name);
  // HJ 633-2026 §5.3.1: incomplete data -> AQI published only when > 100.
  r.aqi_na = e == AqiEdition::k2026 && !r.missing.empty() && aqi <= 100;
  return r;
}

}  // namespace gl::standards
