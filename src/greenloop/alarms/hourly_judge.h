// greenloop/alarms/hourly_judge.h
//
// The production HourlyJudge: asks the compliance service for the site's item of
// the closed hour (the same aggregates, coverage policy and standards the
// compliance pages use) and turns it into a verdict for the rule's check:
//   fume_hourly - hourly average fume vs the site's fume standard;
//   noise       - the hour's Leq vs its day or night limit (GB 12523 / GB 12348 / GB 3096);
//   water_class - the hour's GB 3838-2002 class worse than the section's target;
//   aqi         - the HJ 633 real-time report's AQI at or above rule.aqi_level.
// An hour without enough data is "not judged" (nothing is claimed). Call from one
// thread at a time (the alarm engine's).
#pragma once

#include "greenloop/alarms/engine.h"
#include "greenloop/compliance/service.h"

namespace gl::alarms {

class ComplianceHourlyJudge : public HourlyJudge {
 public:
  explicit ComplianceHourlyJudge(compliance::ComplianceService& compliance)
      : compliance_(compliance) {}
  HourVerdict Judge(const monitoring::Site& site, const Rule& rule, TimeMs hour_start) override;

 private:
  compliance::ComplianceService& compliance_;
  // The site's item of the last hour asked, reused by the site's other rules.
  Id cached_site_ = 0;
  TimeMs cached_hour_ = -1;
  std::optional<compliance::ComplianceItem> cached_;
};

// Turns one compliance item into a verdict for `rule` (pure; tested on its own).
HourVerdict VerdictOf(const compliance::ComplianceItem& item, const Rule& rule);

}  // namespace gl::alarms
