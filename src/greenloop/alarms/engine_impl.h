// greenloop/alarms/engine_impl.h
//
// The engine's state, shared by engine.cpp (alarm lifecycle) and checks.cpp (what
// each rule kind looks at). Internal to gl_alarms.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "greenloop/alarms/engine.h"
#include "greenloop/compliance/site_standards.h"

namespace gl::alarms {

// A limit and where it comes from.
struct Limit {
  double value = 0;
  std::string source;    // "DB50/859-2018", "GB12523 昼间", "规则设定"
  bool decibel = false;  // graded by sound energy, not by ratio
};

struct SiteEntry {
  monitoring::Site site;
  std::vector<const Rule*> rules;  // effective, enabled
  compliance::NoiseSetup noise;
  double fume_limit = 0;
  std::string fume_source;
  TimeMs current_hour = -1;  // the latest data hour seen
  TimeMs judged_hour = -1;   // the latest hour handed to the judge
};

struct Hold {
  Id rule_id = 0;
  int count = 0;
  TimeMs since = 0;
};

struct SeriesKeyHash {
  size_t operator()(const std::pair<Id, std::string>& k) const {
    return std::hash<Id>()(k.first) * 31 + std::hash<std::string>()(k.second);
  }
};

struct SeriesState {
  Id site_id = 0;
  // Filled once: the factor's definitional range and the hash of its code.
  std::optional<double> range_min, range_max;
  std::uint64_t factor_hash = 0;
  Id device_id = 0;
  std::string factor;
  std::optional<double> last_value;
  TimeMs last_t = 0;
  int same_count = 0;
  TimeMs same_since = 0;  // data time of the first of the identical values
  std::vector<Hold> holds;
  std::deque<std::pair<TimeMs, bool>> band_window;  // just_under: (t, within the band)
  int in_band = 0;
  std::deque<double> recent;      // duplicate: the last values
  std::uint64_t fingerprint = 0;  // duplicate: hash of `recent` as indexed
};

struct DeviceState {
  DeviceInfo info;
  std::string suppress_flag;  // "C" or "M" while it lasts
  TimeMs suppress_since = 0;
};

// What raised (or keeps up) an alarm: one per rule.
struct Contributor {
  Id rule_id = 0;
  int clear_after_s = 600;
  bool present = true;
  TimeMs absent_since = 0;
  TimeMs last_hit = 0;  // `now` of the last hit
};

struct OpenAlarm {
  Alarm alarm;
  std::vector<Contributor> contributors;
  TimeMs replayed_until = 0;  // restored: readings up to here were counted already
  TimeMs next_handoff = 0;    // 0: not asked yet; otherwise when to ask again
  bool handoff_pending = false;
};

using AlarmKey = std::tuple<Id, Id, std::string>;  // site, device, problem key

// What a check found, for Hit().
struct Finding {
  const Rule* rule = nullptr;
  Id site_id = 0, device_id = 0;
  std::string factor;
  std::string problem_key;
  Category category = Category::kPollution;
  Severity severity = Severity::kMinor;
  std::optional<double> value, threshold;
  std::string unit;
  std::string title, message;
  TimeMs t = 0;  // data time
};

struct Engine::Impl {
  EngineOptions options;
  HourlyJudge* judge = nullptr;
  const std::vector<Rule>* rules = nullptr;
  std::map<Id, const Rule*> rule_by_id;
  std::unordered_map<Id, SiteEntry> sites;
  std::unordered_map<Id, DeviceState> devices;
  std::unordered_map<std::pair<Id, std::string>, SeriesState, SeriesKeyHash> series;
  // Open alarms per device (0 for site-wide ones): lets a reading with nothing open skip
  // every "condition absent" lookup.
  std::unordered_map<Id, int> open_per_device;
  std::map<AlarmKey, OpenAlarm> open;
  std::unordered_map<Id, AlarmKey> key_of;
  // Automatically cleared alarms, for reopening within the flap window.
  std::map<AlarmKey, std::pair<Alarm, TimeMs>> recently_cleared;
  // duplicate: (factor, fingerprint) -> (device, data time of the window's last value)
  std::unordered_map<std::uint64_t, std::pair<Id, TimeMs>> fingerprints;

  void Recompute(SiteEntry& s);

  // --- lifecycle (engine.cpp)
  void Hit(const Finding& f, TimeMs now, EngineOutput& out);
  // The condition of `rule` behind the alarm at `key` is not there now.
  void Absent(const AlarmKey& key, Id rule_id, TimeMs now, EngineOutput& out);
  void MaybeClear(const AlarmKey& key, TimeMs now, EngineOutput& out);
  void Clear(std::map<AlarmKey, OpenAlarm>::iterator it, TimeMs now, EngineOutput& out);
  void CheckCasePolicy(OpenAlarm& a, TimeMs now, EngineOutput& out);
  // An open alarm of the device is gone (keeps open_per_device).
  void Closed(Id device_id);

  // --- checks (checks.cpp)
  std::optional<Limit> LimitFor(const SiteEntry& s, const Rule& r, const std::string& factor,
                                TimeMs t) const;
  void CheckReading(SiteEntry& s, DeviceState* d, const monitoring::Reading& r, TimeMs now,
                    EngineOutput& out);
  void CheckFlags(SiteEntry& s, DeviceState* d, const monitoring::Reading& r, TimeMs now,
                  EngineOutput& out);
  void JudgeHour(SiteEntry& s, TimeMs hour, TimeMs now, EngineOutput& out);
  void CheckNoData(TimeMs now, EngineOutput& out);
};

// "pollution:<group>" for a factor: LA and Leq share "noise".
std::string PollutionKey(const std::string& factor);
Severity GradeByRatio(double value, const Limit& limit);
std::string FormatNumber(double v);

}  // namespace gl::alarms
