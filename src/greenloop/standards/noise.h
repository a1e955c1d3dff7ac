// greenloop/standards/noise.h
//
// Contract: noise limits and their evaluation, in dB(A), as pure functions.
//
//   - GB 3096-2008 声环境质量标准 Table 1: zones 0, 1, 2, 3, 4a, 4b (LAeq).
//   - GB 12523-2011 建筑施工场界: day 70, night 55 (no zones).
//   - GB 12348-2008 工业企业厂界 and GB 22337-2008 社会生活: by the zone outside the
//     boundary, 0..4 ("4a"/"4b" are read as class 4, the row the tables give).
//   - Day is 06:00-22:00 and night 22:00-06:00 local (Asia/Shanghai) unless a
//     DayNightConfig says otherwise (county-level governments may redefine them).
//   - A level equal to the limit complies; `over_db` is the amount above it (0 when
//     compliant). Night Lmax: GB 3096 sudden noise and GB 12523 §4.2 +15 over the
//     limit; GB 12348 frequent noise +10, sporadic +15 (the caller must say which);
//     GB 22337 gives no boundary Lmax rule here (its +10 rule is for the indoor
//     structure-borne tables, not transcribed). Indoor measurement (GB 12523 §4.3,
//     GB 12348, GB 22337): limits minus 10.
//   - Errors: invalid_argument naming "standard", "zone", "period", "leq", "lmax",
//     "lmax_kind" or "indoor".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "greenloop/base/error.h"
#include "greenloop/base/time.h"
#include "greenloop/standards/decimal.h"

namespace gl::standards {

enum class NoiseStandard { kGb3096, kGb12523, kGb12348, kGb22337 };
enum class NoisePeriod { kDay, kNight };
// Night Lmax kind for GB 12348-2008: 频发 (frequent) or 偶发 (sporadic) noise.
enum class LmaxKind { kUnspecified, kFrequent, kSporadic };

// "GB3096", "GB12523", "GB12348", "GB22337", also with the year and spaces ("GB 12348-2008").
Result<NoiseStandard> ParseNoiseStandard(std::string_view text);
std::string_view NoiseStandardName(NoiseStandard s);          // "GB3096", ...
Result<NoisePeriod> ParseNoisePeriod(std::string_view text);  // "day" | "night"
Result<LmaxKind> ParseLmaxKind(std::string_view text);        // "frequent" | "sporadic"

// Local minutes after midnight at which the day and the night begin.
struct DayNightConfig {
  int day_start_minute = 6 * 60;     // 06:00
  int night_start_minute = 22 * 60;  // 22:00
};
NoisePeriod NoisePeriodAt(TimeMs utc_ms, const DayNightConfig& config = {});

// The Leq limit in dB(A); GB 12523 ignores `zone`.
Result<int> NoiseLimit(NoiseStandard standard, std::string_view zone, NoisePeriod period);

struct NoiseInput {
  NoiseStandard standard = NoiseStandard::kGb3096;
  std::string zone;
  NoisePeriod period = NoisePeriod::kDay;
  Decimal leq;
  std::optional<Decimal> lmax;
  bool indoor = false;  // measured inside a noise-sensitive building
  LmaxKind lmax_kind = LmaxKind::kUnspecified;
};

struct NoiseEvaluation {
  int limit = 0;  // after the indoor reduction
  bool exceeded = false;
  Decimal over_db;                // max(0, leq - limit)
  std::optional<int> lmax_limit;  // set when a night Lmax rule applies and lmax was given
  bool lmax_exceeded = false;
  Decimal lmax_over_db;
};
Result<NoiseEvaluation> EvaluateNoise(const NoiseInput& in);

}  // namespace gl::standards
