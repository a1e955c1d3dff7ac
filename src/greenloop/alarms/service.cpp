#include "greenloop/alarms/service.h"

#include "greenloop/alarms/codec.h"
#include "greenloop/alarms/rules.h"
#include "greenloop/monitoring/store.h"
#include "greenloop/org/audit_change.h"
#include "greenloop/org/permissions.h"

namespace gl::alarms {

namespace {

bool IsStaff(const org::Actor& a) {
  return a.Has(org::Role::kAdmin) || a.Has(org::Role::kLeader) || a.Has(org::Role::kOfficer) ||
         a.Has(org::Role::kInspector);
}

Error Hidden() { return Error::NotFound("no such alarm"); }

}  // namespace

bool CanSeeAlarm(const org::Actor& actor, const Alarm& alarm) {
  if (!IsStaff(actor)) return false;
  return org::InScope(actor, alarm.site_subdistrict_path) ||
         (!alarm.site_department_path.empty() && org::InScope(actor, alarm.site_department_path));
}

Result<int> AlarmService::SeedDefaultRules() {
  return db_.Transact([&](soci::session& sql) -> Result<int> {
    if (store::CountRules(sql) > 0) return 0;
    int n = 0;
    TimeMs now = NowMs();
    for (Rule r : DefaultRules()) {
      r.id = NewId();
      r.created_at = r.updated_at = now;
      store::InsertRule(sql, r);
      ++n;
    }
    return n;
  });
}

Result<std::vector<Alarm>> AlarmService::List(const org::Actor& actor, store::AlarmFilter filter,
                                              int offset, int limit, long long& total) {
  if (!IsStaff(actor)) return Error::Forbidden("alarms are for staff of the district");
  filter.scope_prefix = org::ScopePrefix(actor);
  return db_.Query([&](soci::session& sql) -> Result<std::vector<Alarm>> {
    if (filter.site_id) {
      auto site = monitoring::store::FindSite(sql, *filter.site_id);
      if (!site) return Error::NotFound("no such site");
      Alarm probe;
      probe.site_subdistrict_path = site->subdistrict_path;
      probe.site_department_path = site->department_path;
      if (!CanSeeAlarm(actor, probe)) return Error::Forbidden("that site is outside your scope");
    }
    return store::ListAlarms(sql, filter, offset, limit, total);
  });
}

Result<Alarm> AlarmService::Visible(const org::Actor& actor, Id id) {
  auto found = db_.Query([&](soci::session& sql) -> Result<std::optional<Alarm>> {
    return store::FindAlarm(sql, id);
  });
  if (!found.ok()) return found.error();
  if (!*found || !CanSeeAlarm(actor, **found)) return Hidden();
  return **found;
}

Result<AlarmDetail> AlarmService::Get(const org::Actor& actor, Id id) {
  GL_ASSIGN_OR_RETURN(Alarm alarm, Visible(actor, id));
  AlarmDetail d;
  d.alarm = alarm;
  if (alarm.factor.empty()) return d;
  auto readings = db_.Query([&](soci::session& sql) -> Result<std::vector<monitoring::Reading>> {
    std::vector<Id> devices;
    if (alarm.device_id) {
      devices.push_back(alarm.device_id);
    } else {
      for (const auto& dev : monitoring::store::DevicesOfSites(sql, {alarm.site_id})) {
        devices.push_back(dev.id);
      }
    }
    if (devices.empty()) return std::vector<monitoring::Reading>();
    const TimeMs from = alarm.first_at - 30 * 60 * 1000;
    const TimeMs to = std::min<TimeMs>(alarm.last_at + 10 * 60 * 1000, from + 6 * 3600 * 1000LL);
    return monitoring::store::QueryReadings(sql, devices, alarm.factor,
                                            monitoring::ReadingKind::kRealtime, from, to, 500);
  });
  if (!readings.ok()) return readings.error();
  d.readings = std::move(readings).value();
  return d;
}

Result<Alarm> AlarmService::Acknowledge(const org::Actor& actor, Id id,
                                        const std::string& comment) {
  GL_ASSIGN_OR_RETURN(Alarm before, Visible(actor, id));
  if (!org::CanWrite(actor)) return Error::Forbidden("a read-only token may not acknowledge");
  if (comment.size() > 2000) return Error::InvalidArgument("comment", "comment is too long");
  auto after = db_.Transact([&](soci::session& sql) -> Result<Alarm> {
    if (!store::Acknowledge(sql, id, actor.person_id, NowMs(), comment)) {
      return Error::Conflict(before.status == AlarmStatus::kCleared
                                 ? "the alarm is already cleared"
                                 : "the alarm is already acknowledged");
    }
    auto a = store::FindAlarm(sql, id);
    if (!a) return Hidden();
    GL_RETURN_IF_ERROR(org::AuditChange(sql, actor, "alarm.ack", "alarm", id, AlarmToJson(before),
                                        AlarmToJson(*a)));
    return *a;
  });
  if (after.ok()) Notify({AlarmChange::Type::kAcknowledged, *after});
  return after;
}

Result<Alarm> AlarmService::Clear(const org::Actor& actor, Id id, const std::string& reason) {
  GL_ASSIGN_OR_RETURN(Alarm before, Visible(actor, id));
  if (!org::CanWrite(actor)) return Error::Forbidden("a read-only token may not clear");
  if (reason.empty()) return Error::InvalidArgument("reason", "reason is required");
  if (reason.size() > 2000) return Error::InvalidArgument("reason", "reason is too long");
  auto after = db_.Transact([&](soci::session& sql) -> Result<Alarm> {
    if (!store::ClearByHand(sql, id, actor.person_id, NowMs(), reason)) {
      return Error::Conflict("the alarm is already cleared");
    }
    auto a = store::FindAlarm(sql, id);
    if (!a) return Hidden();
    GL_RETURN_IF_ERROR(org::AuditChange(sql, actor, "alarm.clear", "alarm", id, AlarmToJson(before),
                                        AlarmToJson(*a)));
    return *a;
  });
  if (after.ok()) Notify({AlarmChange::Type::kCleared, *after});
  return after;
}

Result<std::vector<std::pair<Id, std::string>>> AlarmService::SiteStates(const org::Actor& actor) {
  if (!IsStaff(actor)) return Error::Forbidden("alarms are for staff of the district");
  std::string prefix = org::ScopePrefix(actor);
  return db_.Query([&](soci::session& sql) -> Result<std::vector<std::pair<Id, std::string>>> {
    return store::SiteStates(sql, prefix);
  });
}

Result<std::vector<Rule>> AlarmService::ListRules(const org::Actor& actor) {
  if (!IsStaff(actor)) return Error::Forbidden("alarm rules are for staff of the district");
  return AllRules();
}

Result<std::vector<Rule>> AlarmService::AllRules() {
  return db_.Query(
      [&](soci::session& sql) -> Result<std::vector<Rule>> { return store::ListRules(sql); });
}

Result<Rule> AlarmService::CreateRule(const org::Actor& actor, const json::object& body) {
  if (!actor.Has(org::Role::kAdmin) || !org::CanWrite(actor)) {
    return Error::Forbidden("only an admin may change alarm rules");
  }
  Rule r;
  GL_RETURN_IF_ERROR(ApplyRuleJson(body, r, true));
  r.id = NewId();
  r.created_at = r.updated_at = NowMs();
  auto created = db_.Transact([&](soci::session& sql) -> Result<Rule> {
    if (r.site_id && !monitoring::store::FindSite(sql, *r.site_id)) {
      return Error::InvalidArgument("site_id", "no such site");
    }
    store::InsertRule(sql, r);
    GL_RETURN_IF_ERROR(org::AuditChange(sql, actor, "alarm_rule.create", "alarm_rule", r.id,
                                        nullptr, RuleToJson(r)));
    return r;
  });
  if (created.ok()) Notify({AlarmChange::Type::kRulesChanged, {}});
  return created;
}

Result<Rule> AlarmService::UpdateRule(const org::Actor& actor, Id id, const json::object& body) {
  if (!actor.Has(org::Role::kAdmin) || !org::CanWrite(actor)) {
    return Error::Forbidden("only an admin may change alarm rules");
  }
  auto updated = db_.Transact([&](soci::session& sql) -> Result<Rule> {
    auto found = store::FindRule(sql, id);
    if (!found) return Error::NotFound("no such rule");
    Rule r = *found;
    GL_RETURN_IF_ERROR(ApplyRuleJson(body, r, false));
    r.updated_at = NowMs();
    store::UpdateRule(sql, r);
    GL_RETURN_IF_ERROR(org::AuditChange(sql, actor, "alarm_rule.update", "alarm_rule", id,
                                        RuleToJson(*found), RuleToJson(r)));
    return r;
  });
  if (updated.ok()) Notify({AlarmChange::Type::kRulesChanged, {}});
  return updated;
}

Status AlarmService::DeleteRule(const org::Actor& actor, Id id) {
  if (!actor.Has(org::Role::kAdmin) || !org::CanWrite(actor)) {
    return Error::Forbidden("only an admin may change alarm rules");
  }
  Status s = db_.RunInTransaction([&](soci::session& sql) -> Status {
    auto found = store::FindRule(sql, id);
    if (!found) return Error::NotFound("no such rule");
    store::DeleteRule(sql, id);
    return org::AuditChange(sql, actor, "alarm_rule.delete", "alarm_rule", id, RuleToJson(*found),
                            nullptr);
  });
  if (s.ok()) Notify({AlarmChange::Type::kRulesChanged, {}});
  return s;
}

}  // namespace gl::alarms
