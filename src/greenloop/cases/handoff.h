// greenloop/cases/handoff.h
//
// The cases side of the alarm hand-off (alarms/case_handoff.h): an alarm opens a
// case routed by its site (dispatched at once, no acceptance step: the data speaks),
// or attaches to the open case with the same site and problem_key. The category
// comes from the site's kind and the alarm's factor (AlarmCategory). Thread-safe.
#pragma once

#include "greenloop/alarms/case_handoff.h"
#include "greenloop/cases/service.h"

namespace gl::cases {

// The taxonomy code for an alarm at a site of `site_kind`: restaurant -> air.fume,
// construction noise -> city.construction_noise, construction dust -> air.dust,
// river sections -> water.quality, air stations -> air.quality, industrial water ->
// water.sewage_outfall, no data -> monitoring.no_data, device flags -> monitoring.device.
std::string AlarmCategory(const std::string& site_kind, const alarms::AlarmForCase& alarm);
// minor -> normal, major -> urgent, critical -> critical.
Priority AlarmPriority(const std::string& severity);

class CaseHandoffImpl : public alarms::CaseHandoff {
 public:
  explicit CaseHandoffImpl(CaseService& cases) : cases_(cases) {}
  Result<alarms::CaseRef> HandOff(const alarms::AlarmForCase& alarm) override;

 private:
  CaseService& cases_;
};

}  // namespace gl::cases
