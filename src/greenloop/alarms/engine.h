// greenloop/alarms/engine.h
//
// The rule engine: turns readings, device last-seen times and the passing of time
// into alarm events. Pure and single-threaded: no I/O, no clock of its own (every
// call is given `now`), so tests drive it with a fake clock. The runtime owns one
// Engine on its own thread and stores and pushes what it returns.
//
// Contract:
//   - One open alarm per (site, device, problem key). The problem key is the
//     category and what it is about: "pollution:<factor group>" (an exceedance, a
//     standard-based finding and a device's T flag on the same factor are one
//     problem; LA and Leq are one group, "noise"), "no_data", "device_flag:D",
//     "suspect:<check>:<factor>". Repeats update count, last value, peak and last_at.
//   - Onset needs the rule's hold (N values over, or over for a duration), which with
//     the clear delay damps flapping; an alarm that re-triggers within
//     `flap_window_s` of its automatic clearing is reopened instead of duplicated.
//   - An alarm clears automatically once every rule that raised it has seen its
//     condition absent for the rule's clear_after_s (or heard nothing for an hour
//     beyond that); no-data alarms clear when data returns.
//   - Suspect checks only ever raise suspect alarms; a value outside the factor's
//     physical range never counts towards an exceedance. C and M flags hold back
//     exceedance and standard checks for that device while they last (Suppression).
//   - Standard-based checks judge closed hours through a HourlyJudge (the compliance
//     service in production), when a reading of a later hour arrives or
//     `hour_grace_s` after the hour's end.
//   - Restore() puts back an open alarm from the store before replaying recent
//     readings: readings at or before its last_at are not counted again.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "greenloop/alarms/model.h"
#include "greenloop/monitoring/model.h"

namespace gl::alarms {

struct DeviceInfo {
  Id id = 0;
  Id site_id = 0;
  int interval_s = 60;
  std::optional<TimeMs> last_seen;
};

// A closed hour judged against the site's standard.
struct HourVerdict {
  bool judged = false;  // false: not enough data (nothing is claimed)
  bool exceeded = false;
  std::string factor;  // the factor the finding is about ("" for the site as a whole)
  std::optional<double> value, threshold;
  std::string unit;
  std::string detail;  // Chinese: what was found, with the standard's name
  Severity severity = Severity::kMinor;
};

class HourlyJudge {
 public:
  virtual ~HourlyJudge() = default;
  // Judges the hour starting at `hour_start` (UTC ms) by `rule.check`.
  virtual HourVerdict Judge(const monitoring::Site& site, const Rule& rule, TimeMs hour_start) = 0;
};

struct AlarmEvent {
  enum class Type { kOpened, kUpdated, kCleared };
  Type type = Type::kOpened;
  Alarm alarm;
};
std::string_view EventTypeName(AlarmEvent::Type type);  // "opened", "updated", "cleared"

struct EngineOutput {
  std::vector<AlarmEvent> events;
  std::vector<Alarm> hand_offs;           // alarms whose rule's case policy now asks for a case
  std::vector<Suppression> suppressions;  // started (ended_at empty) or ended
  bool empty() const { return events.empty() && hand_offs.empty() && suppressions.empty(); }
};

struct EngineOptions {
  int flap_window_s = 1800;
  int hour_grace_s = 300;
  int handoff_retry_s = 60;
};

class Engine {
 public:
  explicit Engine(EngineOptions options = {}, HourlyJudge* judge = nullptr);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Replaces the rule set (every site's effective rules are recomputed).
  void SetRules(std::vector<Rule> rules);
  const std::vector<Rule>& rules() const { return rules_; }
  void UpsertSite(const monitoring::Site& site);
  void UpsertDevice(const DeviceInfo& device);

  // An open alarm from the store (before any Observe).
  void Restore(const Alarm& alarm, TimeMs now);

  // One stored reading of `site_id`.
  void Observe(Id site_id, const monitoring::Reading& reading, TimeMs now, EngineOutput& out);
  // The device was heard from at `at`.
  void DeviceSeen(Id device_id, TimeMs at, TimeMs now, EngineOutput& out);
  // Time passes: no-data checks, hour closing, automatic clearing, hand-off retries.
  void Tick(TimeMs now, EngineOutput& out);

  // From the API: an open alarm was acknowledged, or cleared by hand.
  void Acknowledged(Id alarm_id, Id by, TimeMs at, const std::string& comment);
  void ClearedByHand(Id alarm_id);
  // The cases capability took the alarm (event kUpdated with the case), or failed.
  void CaseAttached(Id alarm_id, Id case_id, const std::string& number, TimeMs now,
                    EngineOutput& out);
  void HandOffFailed(Id alarm_id, TimeMs now);

  std::vector<Alarm> OpenAlarms() const;
  size_t open_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::vector<Rule> rules_;
};

}  // namespace gl::alarms
