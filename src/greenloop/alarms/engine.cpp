#include "greenloop/alarms/engine.h"

#include <algorithm>

#include "greenloop/alarms/engine_impl.h"
#include "greenloop/alarms/rules.h"
#include "greenloop/monitoring/rules.h"
#include "greenloop/standards/fume.h"

namespace gl::alarms {

std::string_view EventTypeName(AlarmEvent::Type type) {
  switch (type) {
    case AlarmEvent::Type::kOpened:
      return "opened";
    case AlarmEvent::Type::kUpdated:
      return "updated";
    case AlarmEvent::Type::kCleared:
      return "cleared";
  }
  return "updated";
}

Engine::Engine(EngineOptions options, HourlyJudge* judge) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->judge = judge;
  impl_->rules = &rules_;
}

Engine::~Engine() = default;

void Engine::Impl::Recompute(SiteEntry& s) {
  s.rules = EffectiveRules(*rules, s.site.id, s.site.kind);
  s.noise = compliance::NoiseSetupOf(s.site);
  standards::FumeStandard fs = compliance::FumeStandardOf(s.site);
  s.fume_limit = standards::FumeLimit(fs).ToDouble();
  s.fume_source = std::string(standards::FumeStandardName(fs));
}

void Engine::SetRules(std::vector<Rule> rules) {
  rules_ = std::move(rules);
  impl_->rule_by_id.clear();
  for (const Rule& r : rules_) impl_->rule_by_id[r.id] = &r;
  for (auto& [id, s] : impl_->sites) impl_->Recompute(s);
  for (auto& [key, st] : impl_->series) st.holds.clear();
}

void Engine::UpsertSite(const monitoring::Site& site) {
  SiteEntry& s = impl_->sites[site.id];
  s.site = site;
  impl_->Recompute(s);
}

void Engine::UpsertDevice(const DeviceInfo& device) {
  DeviceState& d = impl_->devices[device.id];
  std::optional<TimeMs> seen = d.info.last_seen;
  d.info = device;
  if (seen && (!device.last_seen || *seen > *device.last_seen)) d.info.last_seen = seen;
}

void Engine::Restore(const Alarm& alarm, TimeMs now) {
  if (!alarm.open()) return;
  AlarmKey key{alarm.site_id, alarm.device_id, alarm.problem_key};
  OpenAlarm a;
  a.alarm = alarm;
  a.replayed_until = alarm.last_at;
  Contributor c;
  c.rule_id = alarm.rule_id;
  auto rit = impl_->rule_by_id.find(alarm.rule_id);
  c.clear_after_s = rit != impl_->rule_by_id.end() ? rit->second->clear_after_s : 600;
  c.last_hit = std::min(now, alarm.last_at);
  a.contributors.push_back(c);
  if (alarm.case_id) a.next_handoff = 0;
  impl_->key_of[alarm.id] = key;
  impl_->open[key] = std::move(a);
  ++impl_->open_per_device[alarm.device_id];
}

void Engine::Observe(Id site_id, const monitoring::Reading& reading, TimeMs now,
                     EngineOutput& out) {
  auto sit = impl_->sites.find(site_id);
  if (sit == impl_->sites.end()) return;
  SiteEntry& s = sit->second;
  DeviceState* d = nullptr;
  if (auto dit = impl_->devices.find(reading.device_id); dit != impl_->devices.end()) {
    d = &dit->second;
  }
  // A reading of a later hour closes the hours before it.
  TimeMs hour = monitoring::PeriodStart(monitoring::Period::kHour, reading.t);
  if (hour > s.current_hour) {
    if (s.current_hour >= 0 && s.judged_hour < s.current_hour) {
      impl_->JudgeHour(s, s.current_hour, now, out);
    }
    s.current_hour = hour;
  }
  impl_->CheckFlags(s, d, reading, now, out);
  impl_->CheckReading(s, d, reading, now, out);
}

void Engine::DeviceSeen(Id device_id, TimeMs at, TimeMs now, EngineOutput& out) {
  auto it = impl_->devices.find(device_id);
  if (it == impl_->devices.end()) return;
  DeviceState& d = it->second;
  if (!d.info.last_seen || at > *d.info.last_seen) d.info.last_seen = at;
  AlarmKey key{d.info.site_id, device_id, "no_data"};
  auto open = impl_->open.find(key);
  if (open != impl_->open.end()) {
    for (Contributor& c : open->second.contributors) c.clear_after_s = 0;
    impl_->Absent(key, open->second.alarm.rule_id, now, out);
  }
}

void Engine::Tick(TimeMs now, EngineOutput& out) {
  impl_->CheckNoData(now, out);
  const TimeMs hour_ms = 3600LL * 1000;
  for (auto& [id, s] : impl_->sites) {
    if (s.current_hour >= 0 && s.judged_hour < s.current_hour &&
        now >= s.current_hour + hour_ms + impl_->options.hour_grace_s * 1000LL) {
      impl_->JudgeHour(s, s.current_hour, now, out);
    }
  }
  std::vector<AlarmKey> keys;
  keys.reserve(impl_->open.size());
  for (auto& [key, a] : impl_->open) keys.push_back(key);
  for (const AlarmKey& key : keys) {
    impl_->MaybeClear(key, now, out);
    auto it = impl_->open.find(key);
    if (it != impl_->open.end()) impl_->CheckCasePolicy(it->second, now, out);
  }
  for (auto it = impl_->recently_cleared.begin(); it != impl_->recently_cleared.end();) {
    if (now - it->second.second > impl_->options.flap_window_s * 1000LL) {
      it = impl_->recently_cleared.erase(it);
    } else {
      ++it;
    }
  }
}

void Engine::Acknowledged(Id alarm_id, Id by, TimeMs at, const std::string& comment) {
  auto k = impl_->key_of.find(alarm_id);
  if (k == impl_->key_of.end()) return;
  auto it = impl_->open.find(k->second);
  if (it == impl_->open.end()) return;
  Alarm& a = it->second.alarm;
  a.status = AlarmStatus::kAcknowledged;
  a.acked_by = by;
  a.acked_at = at;
  a.ack_comment = comment;
}

void Engine::ClearedByHand(Id alarm_id) {
  auto k = impl_->key_of.find(alarm_id);
  if (k == impl_->key_of.end()) return;
  AlarmKey key = k->second;
  impl_->key_of.erase(k);
  if (impl_->open.erase(key)) impl_->Closed(std::get<1>(key));
  impl_->recently_cleared.erase(key);
  // A fresh alarm must be earned again: the holds start over.
  for (auto& [sk, st] : impl_->series) {
    if (st.site_id == std::get<0>(key) && st.device_id == std::get<1>(key)) st.holds.clear();
  }
}

void Engine::CaseAttached(Id alarm_id, Id case_id, const std::string& number, TimeMs now,
                          EngineOutput& out) {
  (void)now;
  auto k = impl_->key_of.find(alarm_id);
  if (k == impl_->key_of.end()) return;
  auto it = impl_->open.find(k->second);
  if (it == impl_->open.end()) return;
  it->second.alarm.case_id = case_id;
  it->second.alarm.case_number = number;
  it->second.handoff_pending = false;
  out.events.push_back({AlarmEvent::Type::kUpdated, it->second.alarm});
}

void Engine::HandOffFailed(Id alarm_id, TimeMs now) {
  auto k = impl_->key_of.find(alarm_id);
  if (k == impl_->key_of.end()) return;
  auto it = impl_->open.find(k->second);
  if (it == impl_->open.end()) return;
  it->second.handoff_pending = false;
  it->second.next_handoff = now + impl_->options.handoff_retry_s * 1000LL;
}

std::vector<Alarm> Engine::OpenAlarms() const {
  std::vector<Alarm> out;
  out.reserve(impl_->open.size());
  for (const auto& [key, a] : impl_->open) out.push_back(a.alarm);
  return out;
}

size_t Engine::open_count() const { return impl_->open.size(); }

// --- lifecycle

void Engine::Impl::Closed(Id device_id) {
  auto it = open_per_device.find(device_id);
  if (it != open_per_device.end() && --it->second <= 0) open_per_device.erase(it);
}

void Engine::Impl::Hit(const Finding& f, TimeMs now, EngineOutput& out) {
  AlarmKey key{f.site_id, f.device_id, f.problem_key};
  auto it = open.find(key);
  if (it != open.end()) {
    OpenAlarm& a = it->second;
    auto c = std::find_if(a.contributors.begin(), a.contributors.end(),
                          [&](const Contributor& x) { return x.rule_id == f.rule->id; });
    if (c == a.contributors.end()) {
      a.contributors.push_back({f.rule->id, f.rule->clear_after_s, true, 0, now});
    } else {
      c->present = true;
      c->last_hit = now;
      c->clear_after_s = f.rule->clear_after_s;
    }
    if (f.t <= a.replayed_until) return;  // counted before the restart
    Alarm& al = a.alarm;
    ++al.count;
    al.value = f.value;
    if (f.value && (!al.peak || *f.value > *al.peak)) al.peak = f.value;
    if (f.threshold) al.threshold = f.threshold;
    al.last_at = std::max(al.last_at, f.t);
    if (f.severity > al.severity) {
      al.severity = f.severity;
      al.title = f.title;
    }
    al.message = f.message;
    out.events.push_back({AlarmEvent::Type::kUpdated, al});
    CheckCasePolicy(a, now, out);
    return;
  }
  OpenAlarm a;
  auto recent = recently_cleared.find(key);
  if (recent != recently_cleared.end() &&
      now - recent->second.second <= options.flap_window_s * 1000LL) {
    // Flapping: the same problem back soon after it cleared is the same alarm.
    a.alarm = recent->second.first;
    recently_cleared.erase(recent);
    Alarm& al = a.alarm;
    al.status = AlarmStatus::kActive;
    al.cleared_at.reset();
    al.cleared_by.reset();
    al.clear_reason.clear();
    ++al.count;
    al.value = f.value;
    if (f.value && (!al.peak || *f.value > *al.peak)) al.peak = f.value;
    al.last_at = std::max(al.last_at, f.t);
    al.severity = std::max(al.severity, f.severity);
    al.message = f.message;
    a.contributors.push_back({f.rule->id, f.rule->clear_after_s, true, 0, now});
    AlarmKey k = key;
    key_of[al.id] = k;
    ++open_per_device[f.device_id];
    auto& stored = open[k] = std::move(a);
    out.events.push_back({AlarmEvent::Type::kUpdated, stored.alarm});
    CheckCasePolicy(stored, now, out);
    return;
  }
  Alarm& al = a.alarm;
  al.id = NewId();
  al.site_id = f.site_id;
  if (auto s = sites.find(f.site_id); s != sites.end()) {
    al.subdistrict_id = s->second.site.subdistrict_id;
    al.site_code = s->second.site.code;
    al.site_name = s->second.site.name;
    al.site_kind = s->second.site.kind;
    al.site_subdistrict_path = s->second.site.subdistrict_path;
    al.site_department_path = s->second.site.department_path;
  }
  al.device_id = f.device_id;
  al.factor = f.factor;
  al.rule_id = f.rule->id;
  al.rule_kind = f.rule->kind;
  al.check = f.rule->check;
  al.category = f.category;
  al.severity = f.severity;
  al.status = AlarmStatus::kActive;
  al.problem_key = f.problem_key;
  al.title = f.title;
  al.message = f.message;
  al.value = f.value;
  al.peak = f.value;
  al.threshold = f.threshold;
  al.unit = f.unit;
  al.count = 1;
  al.first_at = f.t;
  al.last_at = f.t;
  a.contributors.push_back({f.rule->id, f.rule->clear_after_s, true, 0, now});
  key_of[al.id] = key;
  ++open_per_device[f.device_id];
  auto& stored = open[key] = std::move(a);
  out.events.push_back({AlarmEvent::Type::kOpened, stored.alarm});
  CheckCasePolicy(stored, now, out);
}

void Engine::Impl::Absent(const AlarmKey& key, Id rule_id, TimeMs now, EngineOutput& out) {
  auto it = open.find(key);
  if (it == open.end()) return;
  for (Contributor& c : it->second.contributors) {
    if (c.rule_id == rule_id && c.present) {
      c.present = false;
      c.absent_since = now;
    }
  }
  MaybeClear(key, now, out);
}

void Engine::Impl::MaybeClear(const AlarmKey& key, TimeMs now, EngineOutput& out) {
  auto it = open.find(key);
  if (it == open.end()) return;
  for (const Contributor& c : it->second.contributors) {
    const TimeMs delay = c.clear_after_s * 1000LL;
    bool gone = !c.present && now - c.absent_since >= delay;
    bool silent = now - c.last_hit >= delay + 3600LL * 1000;  // heard nothing of it
    if (!gone && !silent) return;
  }
  Clear(it, now, out);
}

void Engine::Impl::Clear(std::map<AlarmKey, OpenAlarm>::iterator it, TimeMs now,
                         EngineOutput& out) {
  Alarm al = std::move(it->second.alarm);
  AlarmKey key = it->first;
  open.erase(it);
  key_of.erase(al.id);
  Closed(std::get<1>(key));
  al.status = AlarmStatus::kCleared;
  al.cleared_at = now;
  al.cleared_by.reset();
  al.clear_reason = "条件已消除（自动）";
  out.events.push_back({AlarmEvent::Type::kCleared, al});
  recently_cleared[key] = {al, now};
}

void Engine::Impl::CheckCasePolicy(OpenAlarm& a, TimeMs now, EngineOutput& out) {
  if (a.alarm.case_id || a.handoff_pending || now < a.next_handoff) return;
  auto rit = rule_by_id.find(a.alarm.rule_id);
  if (rit == rule_by_id.end()) return;
  const CasePolicy& p = rit->second->case_policy;
  if (!p.enabled) return;
  bool due = (p.min_severity && a.alarm.severity >= *p.min_severity) ||
             (p.after_minutes && now - a.alarm.first_at >= *p.after_minutes * 60000LL);
  if (!due) return;
  a.handoff_pending = true;
  out.hand_offs.push_back(a.alarm);
}

}  // namespace gl::alarms
