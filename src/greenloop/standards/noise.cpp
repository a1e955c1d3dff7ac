#include "greenloop/standards/noise.h"

#include <algorithm>
#include <string>

namespace gl::standards {
namespace {

struct ZoneLimit {
  std::string_view zone;
  int day, night;
};

// GB 3096-2008 Table 1 环境噪声限值, dB(A) (confirmed_secondary: irmawy.com,
// xhguangtai.com, 0543icp.com, job126.net). 4b: new railway trunk lines with EIA
// approved from 2011-01-01; existing lines keep 70/55 for the no-train background.
constexpr ZoneLimit kGb3096[] = {{"0", 50, 40}, {"1", 55, 45},  {"2", 60, 50},
                                 {"3", 65, 55}, {"4a", 70, 55}, {"4b", 70, 60}};
// GB 12348-2008 Table 1 and GB 22337-2008 Table 1 (same values), by the zone outside
// the boundary, dB(A) (S6, S7).
constexpr ZoneLimit kBoundary[] = {
    {"0", 50, 40}, {"1", 55, 45}, {"2", 60, 50}, {"3", 65, 55}, {"4", 70, 55}};
// GB 12523-2011 §4.1 Table 1: day 70, night 55 dB(A) (S5).
constexpr ZoneLimit kGb12523 = {"", 70, 55};

constexpr int kIndoorReduction = 10;   // GB 12523 §4.3; GB 12348 / GB 22337 indoor rule
constexpr int kNightLmaxGb3096 = 15;   // GB 3096-2008: 夜间突发噪声 Lmax ≤ limit + 15
constexpr int kNightLmaxGb12523 = 15;  // GB 12523-2011 §4.2
constexpr int kNightLmaxGb12348Frequent = 10;  // GB 12348-2008: 频发噪声
constexpr int kNightLmaxGb12348Sporadic = 15;  // GB 12348-2008: 偶发噪声

Result<ZoneLimit> Find(NoiseStandard s, std::string_view zone) {
  if (s == NoiseStandard::kGb12523) return kGb12523;
  if (s == NoiseStandard::kGb3096) {
    for (const ZoneLimit& z : kGb3096)
      if (z.zone == zone) return z;
    return Error::InvalidArgument("zone", "GB 3096 zone must be one of 0, 1, 2, 3, 4a, 4b");
  }
  // GB 3096 splits class 4 into 4a/4b; the boundary standards have one class-4 row.
  std::string_view z = (zone == "4a" || zone == "4b") ? std::string_view("4") : zone;
  for (const ZoneLimit& b : kBoundary)
    if (b.zone == z) return b;
  return Error::InvalidArgument("zone", "boundary zone must be one of 0, 1, 2, 3, 4");
}

}  // namespace

Result<NoiseStandard> ParseNoiseStandard(std::string_view text) {
  // "GB12348", "GB12348-2008" and "GB 12348-2008" (as site attributes write it).
  std::string t;
  for (char c : text)
    if (c != ' ') t += c;
  if (t == "GB3096" || t == "GB3096-2008") return NoiseStandard::kGb3096;
  if (t == "GB12523" || t == "GB12523-2011") return NoiseStandard::kGb12523;
  if (t == "GB12348" || t == "GB12348-2008") return NoiseStandard::kGb12348;
  if (t == "GB22337" || t == "GB22337-2008") return NoiseStandard::kGb22337;
  return Error::InvalidArgument("standard",
                                "standard must be one of GB3096, GB12523, GB12348, GB22337");
}

std::string_view NoiseStandardName(NoiseStandard s) {
  switch (s) {
    case NoiseStandard::kGb3096:
      return "GB3096";
    case NoiseStandard::kGb12523:
      return "GB12523";
    case NoiseStandard::kGb12348:
      return "GB12348";
    case NoiseStandard::kGb22337:
      return "GB22337";
  }
  return "?";
}

Result<NoisePeriod> ParseNoisePeriod(std::string_view text) {
  if (text == "day") return NoisePeriod::kDay;
  if (text == "night") return NoisePeriod::kNight;
  return Error::InvalidArgument("period", "period must be \"day\" or \"night\"");
}

Result<LmaxKind> ParseLmaxKind(std::string_view text) {
  if (text == "frequent") return LmaxKind::kFrequent;
  if (text == "sporadic") return LmaxKind::kSporadic;
  return Error::InvalidArgument("lmax_kind", "lmax_kind must be \"frequent\" or \"sporadic\"");
}

NoisePeriod NoisePeriodAt(TimeMs utc_ms, const DayNightConfig& config) {
  constexpr TimeMs kDayMs = 24LL * 3600 * 1000;
  TimeMs local = (utc_ms + kShanghaiOffsetMs) % kDayMs;
  if (local < 0) local += kDayMs;
  const int m = static_cast<int>(local / 60000);
  const int a = config.day_start_minute, b = config.night_start_minute;
  const bool day = a < b ? (m >= a && m < b) : (m >= a || m < b);
  return day ? NoisePeriod::kDay : NoisePeriod::kNight;
}

Result<int> NoiseLimit(NoiseStandard standard, std::string_view zone, NoisePeriod period) {
  GL_ASSIGN_OR_RETURN(ZoneLimit z, Find(standard, zone));
  return period == NoisePeriod::kDay ? z.day : z.night;
}

Result<NoiseEvaluation> EvaluateNoise(const NoiseInput& in) {
  if (in.leq.negative()) return Error::InvalidArgument("leq", "leq must not be negative");
  if (in.lmax && in.lmax->negative())
    return Error::InvalidArgument("lmax", "lmax must not be negative");
  if (in.indoor && in.standard == NoiseStandard::kGb3096)
    return Error::InvalidArgument("indoor", "GB 3096 has no indoor limits");
  GL_ASSIGN_OR_RETURN(int limit, NoiseLimit(in.standard, in.zone, in.period));
  if (in.indoor) limit -= kIndoorReduction;
  NoiseEvaluation out;
  out.limit = limit;
  const Decimal lim = Decimal::FromInt(limit);
  out.exceeded = in.leq > lim;
  out.over_db = out.exceeded ? in.leq - lim : Decimal();
  if (!in.lmax || in.period != NoisePeriod::kNight) return out;
  int allowance = 0;
  switch (in.standard) {
    case NoiseStandard::kGb3096:
      allowance = kNightLmaxGb3096;
      break;
    case NoiseStandard::kGb12523:
      allowance = kNightLmaxGb12523;
      break;
    case NoiseStandard::kGb12348:
      if (in.lmax_kind == LmaxKind::kUnspecified)
        return Error::InvalidArgument(
            "lmax_kind", "GB 12348 night Lmax needs lmax_kind: frequent (+10) or sporadic (+15)");
      allowance = in.lmax_kind == LmaxKind::kFrequent ? kNightLmaxGb12348Frequent
                                                      : kNightLmaxGb12348Sporadic;
      break;
    case NoiseStandard::kGb22337:
      return out;
  }
  out.lmax_limit = limit + allowance;
  const Decimal lmax_lim = Decimal::FromInt(*out.lmax_limit);
  out.lmax_exceeded = *in.lmax > lmax_lim;
  out.lmax_over_db = out.lmax_exceeded ? *in.lmax - lmax_lim : Decimal();
  return out;
}

}  // namespace gl::standards
