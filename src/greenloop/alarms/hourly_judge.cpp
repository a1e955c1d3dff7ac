#include "greenloop/alarms/hourly_judge.h"

#include <fmt/format.h>

#include <cmath>

#include "greenloop/alarms/engine_impl.h"
#include "greenloop/standards/water.h"

namespace gl::alarms {

namespace st = gl::standards;

HourVerdict VerdictOf(const compliance::ComplianceItem& item, const Rule& rule) {
  HourVerdict v;
  if (rule.check == "fume_hourly" && item.fume && item.fume->check && item.fume->value) {
    const auto& c = *item.fume->check;
    v.judged = true;
    v.exceeded = c.exceeded;
    v.factor = "gl_fume";
    v.value = *item.fume->value;
    v.threshold = c.limit.ToDouble();
    v.unit = "mg/m³";
    v.severity = GradeByRatio(*v.value, Limit{*v.threshold, "", false});
    v.detail = fmt::format("油烟小时均值 {} mg/m³ 超过限值 {}（{}）", FormatNumber(*v.value),
                           FormatNumber(*v.threshold), item.fume->standard);
  } else if (rule.check == "noise" && item.noise) {
    for (const auto* part : {item.noise->day ? &*item.noise->day : nullptr,
                             item.noise->night ? &*item.noise->night : nullptr}) {
      if (!part || !part->evaluation || !part->leq) continue;
      const auto& e = *part->evaluation;
      v.judged = true;
      v.factor = "LA";
      v.unit = "dB(A)";
      const bool night = part == (item.noise->night ? &*item.noise->night : nullptr);
      if (e.exceeded) {
        v.exceeded = true;
        v.value = *part->leq;
        v.threshold = e.limit;
        v.severity = GradeByRatio(*v.value, Limit{static_cast<double>(e.limit), "", true});
        v.detail = fmt::format("{}小时等效声级 {} dB(A) 超过限值 {}（{}）", night ? "夜间" : "昼间",
                               FormatNumber(std::round(*v.value * 10) / 10), e.limit,
                               item.noise->standard);
      }
    }
  } else if (rule.check == "water_class" && item.water && item.water->result) {
    const auto& r = *item.water->result;
    v.judged = true;
    v.exceeded = !r.meets;
    v.unit = "";
    v.severity =
        r.assessment.overall == st::WaterClass::kWorseThanV ? Severity::kMajor : Severity::kMinor;
    std::string worst;
    for (const auto& e : r.exceedances) worst += (worst.empty() ? "" : "、") + e.key;
    v.detail = fmt::format("水质 {} 类，劣于目标 {} 类（GB 3838-2002；超标项目：{}）",
                           st::WaterClassName(r.assessment.overall), st::WaterClassName(r.target),
                           worst.empty() ? "—" : worst);
  } else if (rule.check == "aqi" && item.air && item.air->aqi) {
    const auto& a = *item.air->aqi;
    v.judged = true;
    int level = a.category ? a.category->level : (a.above_scale ? 6 : 0);
    v.exceeded = level >= rule.aqi_level;
    if (a.aqi) v.value = *a.aqi;
    v.threshold = rule.aqi_level;
    v.severity = level >= 6   ? Severity::kCritical
                 : level >= 5 ? Severity::kMajor
                              : Severity::kMinor;
    v.detail = fmt::format("小时 AQI {}（{}，{}级），达到告警级别 {}（HJ 633）",
                           a.aqi ? std::to_string(*a.aqi) : std::string(">500"),
                           a.category ? a.category->name_zh : "", level, rule.aqi_level);
  }
  return v;
}

HourVerdict ComplianceHourlyJudge::Judge(const monitoring::Site& site, const Rule& rule,
                                         TimeMs hour_start) {
  if (cached_site_ != site.id || cached_hour_ != hour_start) {
    cached_site_ = site.id;
    cached_hour_ = hour_start;
    cached_.reset();
    auto items = compliance_.SiteItems(org::Actor::System(), site.id, monitoring::Period::kHour,
                                       hour_start, hour_start + 3600LL * 1000);
    if (items.ok() && !items->items.empty()) cached_ = items->items.front();
  }
  if (!cached_ || !cached_->sufficient) return {};
  return VerdictOf(*cached_, rule);
}

}  // namespace gl::alarms
