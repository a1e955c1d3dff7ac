// greenloop/alarms/model.h
//
// Alarm rules and alarms: plain data, with the names they carry in the API.
//
// A rule belongs to a site kind (the default for every site of that kind) or to
// one site (an override). A site's effective rules are its kind's rules with any
// rule of the same (kind, check, factor) replaced by the site's own; a disabled
// site rule switches the kind's rule off for that site.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenloop/base/id.h"
#include "greenloop/base/time.h"

namespace gl::alarms {

enum class RuleKind { kExceedance, kStandard, kNoData, kDeviceFlag, kSuspect };
enum class Category { kPollution, kNoData, kDevice, kSuspect };
enum class Severity { kMinor = 1, kMajor = 2, kCritical = 3 };
enum class AlarmStatus { kActive, kAcknowledged, kCleared };

std::string_view RuleKindName(RuleKind k);  // "exceedance", "standard", "no_data", ...
std::optional<RuleKind> ParseRuleKind(std::string_view s);
std::string_view CategoryName(Category c);  // "pollution", "no_data", "device", "suspect"
std::optional<Category> ParseCategory(std::string_view s);
std::string_view SeverityName(Severity s);  // "minor", "major", "critical"
std::optional<Severity> ParseSeverity(std::string_view s);
std::string_view AlarmStatusName(AlarmStatus s);  // "active", "acknowledged", "cleared"
std::optional<AlarmStatus> ParseAlarmStatus(std::string_view s);

// When an alarm is handed to the cases capability (any condition that is set).
struct CasePolicy {
  bool enabled = true;
  std::optional<Severity> min_severity;  // e.g. major and above
  std::optional<int> after_minutes;      // active (not cleared) this long
};

// Checks of the `standard` and `suspect` kinds (`check`):
//   standard: "fume_hourly" (hourly average fume vs the site's fume standard),
//             "noise" (hourly Leq vs the day/night limit; night LA over the Lmax limit),
//             "water_class" (hourly class worse than the section's target),
//             "aqi" (hourly AQI at or above `aqi_level`).
//   suspect:  "flatline", "range", "step", "just_under", "duplicate".
//   device_flag: "D" (fault) or "T" (over limit by the device's own judgement);
//             C and M suppress exceedance without a rule.
struct Rule {
  Id id = 0;
  std::string site_kind;      // empty for a site's override
  std::optional<Id> site_id;  // set for a site's override
  RuleKind kind = RuleKind::kExceedance;
  std::string check;
  std::string factor;  // HJ 212 code; empty: every factor the check applies to
  std::string name;    // Chinese, shown in lists
  bool enabled = true;

  // exceedance: limit (explicit) or the site's standard (fume, noise) when absent.
  std::optional<double> limit;
  int hold_count = 3;    // consecutive values over the limit
  int hold_seconds = 0;  // when > 0: over the limit for this long instead
  // standard "aqi"
  int aqi_level = 4;  // HJ 633-2012 Table 2 level (4 = 中度污染, AQI 151-200)
  // no_data: silent for k times the device's interval
  double k = 3;
  // suspect
  int flatline_count = 30;   // identical values in a row
  double max_step = 0;       // largest plausible change between consecutive values
  double band = 0.05;        // just_under: within this share below the limit
  double share = 0.9;        // just_under: of the window's readings
  int window_hours = 24;     // just_under window
  int min_readings = 60;     // just_under: fewer readings in the window are not judged
  int duplicate_count = 20;  // duplicate: this many identical values in a row as another device
  // lifecycle
  int clear_after_s = 600;               // cleared once the condition has been absent this long
  Severity severity = Severity::kMinor;  // for kinds that are not graded by ratio
  CasePolicy case_policy;
  TimeMs created_at = 0, updated_at = 0;

  // What an override replaces: "kind/check/factor".
  std::string Key() const;
};

struct Alarm {
  Id id = 0;
  Id site_id = 0;
  Id subdistrict_id = 0;
  Id device_id = 0;  // 0: about the site as a whole
  std::string factor;
  Id rule_id = 0;
  RuleKind rule_kind = RuleKind::kExceedance;
  std::string check;
  Category category = Category::kPollution;
  Severity severity = Severity::kMinor;
  AlarmStatus status = AlarmStatus::kActive;
  std::string problem_key;  // one open alarm per (site, device, problem_key)
  std::string title, message;
  std::optional<double> value, peak, threshold;
  std::string unit;
  long long count = 1;
  TimeMs first_at = 0, last_at = 0;
  std::optional<Id> acked_by;
  std::optional<TimeMs> acked_at;
  std::string ack_comment;
  std::optional<TimeMs> cleared_at;
  std::optional<Id> cleared_by;  // nullopt with cleared_at set: cleared automatically
  std::string clear_reason;
  std::optional<Id> case_id;
  std::string case_number;
  TimeMs updated_at = 0;

  // Filled on reads for display.
  std::string site_code, site_name, site_kind, site_subdistrict_path, site_department_path;
  std::string acked_by_name, cleared_by_name;

  bool open() const { return status != AlarmStatus::kCleared; }
};

// A period in which a device's C or M flag held its exceedance alarms back.
struct Suppression {
  Id id = 0;
  Id site_id = 0;
  Id device_id = 0;
  std::string flag;  // "C" calibration, "M" maintenance
  TimeMs started_at = 0;
  std::optional<TimeMs> ended_at;
};

// Chinese display name of a factor code ("油烟", "噪声"); the code when unknown.
std::string FactorName(std::string_view code);
// Unit of a factor code ("mg/m³", "dB(A)"), empty when unknown.
std::string FactorUnit(std::string_view code);

}  // namespace gl::alarms
