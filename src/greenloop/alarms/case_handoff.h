// greenloop/alarms/case_handoff.h
//
// The one seam between alarms and the closed-loop cases. When a rule's case policy
// says an alarm needs a case (severity, duration, no data for hours), the alarm
// engine calls HandOff() once for that alarm. The cases capability implements it:
// it opens a case routed by the alarm's site, or, when a case for the same site and
// problem (`problem_key`) is still open, attaches the alarm to that case.
//
// Contract: returns the id and number of the case the alarm now belongs to, and
// whether it was newly opened; an Error (never an exception) when it could not,
// in which case the engine keeps the alarm without a case and tries again later.
// Implementations must be safe to call from the alarm engine's thread.
#pragma once

#include <optional>
#include <string>

#include "greenloop/base/error.h"
#include "greenloop/base/id.h"
#include "greenloop/base/time.h"

namespace gl::alarms {

struct AlarmForCase {
  Id alarm_id = 0;
  Id site_id = 0;
  Id device_id = 0;       // 0 when the alarm is about the site as a whole
  std::string factor;     // HJ 212 code, empty when not about one factor
  std::string rule_kind;  // exceedance, standard, no_data, device_flag, suspect
  std::string severity;   // minor, major, critical
  // Same site + same problem_key = same problem (e.g. "exceedance:a34041").
  std::string problem_key;
  std::string title;  // Chinese, for the case title: "油烟浓度超标（2.4 mg/m³，限值 2.0）"
  std::string description;  // Chinese, what happened and since when
  TimeMs started_at = 0;
  std::optional<double> peak;
};

struct CaseRef {
  Id case_id = 0;
  std::string number;   // YZ-2026-000123
  bool opened = false;  // false: attached to a case that was already open
};

class CaseHandoff {
 public:
  virtual ~CaseHandoff() = default;
  virtual Result<CaseRef> HandOff(const AlarmForCase& alarm) = 0;
};

}  // namespace gl::alarms
