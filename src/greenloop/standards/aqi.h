// greenloop/standards/aqi.h
//
// Contract: the Air Quality Index of HJ 633-2012 and HJ 633-2026, as pure functions.
//
//   - Units: µg/m³, CO in mg/m³. Inputs are exact Decimals (see decimal.h).
//   - IAQI by formula (1) with the edition's breakpoint table, rounded UP to an
//     integer (HJ 633-2012 §6.2, HJ 633-2026 §4.2.6). HJ 633-2026 §4.2.2 first
//     rounds the concentration by GB/T 8170 to an integer (CO to 1 decimal); the
//     2012 edition uses the concentration as given.
//   - A concentration above the last breakpoint has no IAQI in the standard: it is
//     reported as `above_scale` (IAQI > 500, level 6), never clipped to 500.
//   - Reports carry exactly the indicators the edition uses (see AqiIndicatorRole).
//     Special rules: SO2 1h > 800 (2012: IAQI from the SO2 24h average; 2026: IAQI
//     200) and O3 8h > 800 (2012: IAQI from the O3 1h value; 2026: IAQI 300).
//   - Errors: invalid_argument with field() = the offending key (a negative value,
//     an unknown key, a key the edition's report does not use, a value a special
//     rule needs but was not given), "values" when nothing usable was given,
//     "edition"/"date"/"report" for those request fields.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/base/time.h"
#include "greenloop/standards/decimal.h"

namespace gl::standards {

enum class AqiEdition { k2012, k2026 };  // HJ 633-2012, HJ 633-2026
enum class AqiReportKind { kDaily, kHourly };
enum class Pollutant { kSo2, kNo2, kCo, kO3, kPm10, kPm25 };
// A pollutant with its averaging period; names are the API keys ("so2_24h", ...).
enum class Indicator {
  kSo2_24h,
  kSo2_1h,
  kNo2_24h,
  kNo2_1h,
  kCo_24h,
  kCo_1h,
  kO3_1h,
  kO3_8h,
  kPm10_24h,
  kPm10_1h,
  kPm25_24h,
  kPm25_1h,
};
inline constexpr int kIndicatorCount = 12;

std::string_view EditionName(AqiEdition e);        // "2012", "2026"
std::string_view ReportKindName(AqiReportKind k);  // "daily", "hourly"
std::string_view PollutantName(Pollutant p);       // "so2", "no2", "co", "o3", "pm10", "pm25"
std::string_view IndicatorName(Indicator i);       // "so2_24h", ...
Pollutant PollutantOf(Indicator i);
std::optional<Indicator> ParseIndicator(std::string_view key);
Result<AqiEdition> ParseEdition(std::string_view text);        // "2012" | "2026"; field "edition"
Result<AqiReportKind> ParseReportKind(std::string_view text);  // "daily" | "hourly"; field "report"

// HJ 633-2026 applies from 2026-03-01 00:00 Asia/Shanghai (S2, 实施日期); data
// before that is judged by HJ 633-2012.
AqiEdition AqiEditionAt(TimeMs utc_ms);
AqiEdition AqiEditionOnDate(int year, int month, int day);  // a civil date in Asia/Shanghai
// The API rule: an explicit edition ("2012"/"2026") wins; otherwise the edition in
// force on `date` ("YYYY-MM-DD", Asia/Shanghai). Errors name "edition" or "date".
Result<AqiEdition> ResolveEdition(std::optional<std::string_view> edition, std::string_view date);

// One row of HJ 633 Table 2 (2012) / Table 1 (2026).
struct AqiCategory {
  int level;                   // 1..6
  std::string_view level_zh;   // "一级" ...
  std::string_view name_zh;    // "优" ...
  std::string_view name_en;    // "Excellent" ...
  std::string_view colour_zh;  // "绿色" ...
  std::string_view colour;     // "#00E400"
  int r, g, b;
};
// The category of an AQI value (0..500); any AQI above scale is level 6.
const AqiCategory& CategoryOf(int aqi);
const AqiCategory& CategoryOfLevel(int level);  // 1..6

// How a report of an edition treats an indicator.
enum class AqiIndicatorRole {
  kNotUsed,            // rejected with invalid_argument
  kIndexed,            // has an IAQI and takes part in the AQI
  kConcentrationOnly,  // published without an IAQI (2012 real-time PM 1h averages)
  kAuxiliary,          // only read by a special rule (2012 real-time SO2 24h for SO2 1h > 800)
};
AqiIndicatorRole RoleOf(AqiEdition e, AqiReportKind k, Indicator i);
// The indexed indicators of a report, in Indicator order.
std::vector<Indicator> IndexedIndicators(AqiEdition e, AqiReportKind k);

// The IAQI from the edition's breakpoint column alone (no special rule; HJ 633-2026
// PM 1-hour values use the daily rows). The concentration is first rounded as the
// edition says. invalid_argument naming the indicator for a negative value or an
// indicator with no sub-index in that edition (HJ 633-2012 PM 1h).
struct Iaqi {
  std::optional<int> value;  // empty when above_scale
  bool above_scale = false;  // concentration above the table's last breakpoint
  Decimal used;              // the concentration after the edition's input rounding
};
Result<Iaqi> ComputeIaqi(AqiEdition e, Indicator i, Decimal concentration);

struct IndicatorResult {
  Indicator indicator;
  AqiIndicatorRole role;
  Decimal concentration;     // as given
  Decimal used;              // after the edition's input rounding
  std::optional<int> iaqi;   // empty for concentration-only/auxiliary or above scale
  bool above_scale = false;  // IAQI > 500 (undefined by the standard)
  std::string rule;          // special rule applied, e.g. "so2_1h>800: iaqi from so2_24h"
};

struct AqiResult {
  AqiEdition edition;
  AqiReportKind report;
  std::optional<int> aqi;    // empty when above_scale
  bool above_scale = false;  // some indexed indicator is above its last breakpoint
  const AqiCategory* category = nullptr;
  std::vector<Pollutant> primary;         // AQI > 50: all pollutants at the maximum; sorted by name
  std::vector<Pollutant> non_attainment;  // 2012 only (IAQI > 100); the 2026 edition deleted it
  std::vector<IndicatorResult> indicators;  // the inputs, in Indicator order
  std::vector<Indicator> missing;           // indexed indicators of the report not given
  // HJ 633-2026 §5.3.1: with a pollutant missing, the AQI is published only if it
  // is > 100; otherwise it is "NA". Always false for 2012.
  bool aqi_na = false;
  // IAQI of each pollutant (max over its indicators); empty optional = above scale.
  std::map<Pollutant, std::optional<int>> pollutant_iaqi;
};

using ConcentrationMap = std::map<std::string, Decimal>;
// The daily or hourly report from the given concentrations (keys as IndicatorName).
Result<AqiResult> ComputeAqi(AqiEdition e, AqiReportKind k, const ConcentrationMap& values);

}  // namespace gl::standards
