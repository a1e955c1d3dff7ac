// CaseService: reminders, escalation levels 1-3 (督办) and notifications.
#include "greenloop/cases/service.h"
#include "greenloop/cases/service_internal.h"
#include "greenloop/org/audit_change.h"
#include "greenloop/org/permissions.h"

namespace gl::cases {
namespace {

// The unit answerable for the running deadline: the lead unit once dispatched, the
// dispatching unit before.
Id AnswerableUnit(const store::CaseRecord& r, const store::UnitInfo& dispatcher) {
  if ((r.c.status == CaseStatus::kDispatched || r.c.status == CaseStatus::kInProgress) &&
      r.c.lead_unit) {
    return r.c.lead_unit->id;
  }
  return dispatcher.id;
}

std::string LevelText(int level) {
  switch (level) {
    case 1:
      return "一级（提醒承办人）";
    case 2:
      return "二级（报单位负责人）";
    default:
      return "三级（区级督办）";
  }
}

}  // namespace

Result<int> CaseService::RunEscalation() {
  ServiceAccess a{*this};
  TimeMs now = a.now();
  auto ids = db_.Query([&](soci::session& sql) -> Result<std::vector<Id>> {
    return store::CasesToEscalate(sql, now, 500);
  });
  if (!ids.ok()) return ids.error();
  int changed = 0;
  org::Actor system = org::Actor::System();
  for (Id id : *ids) {
    std::vector<UnitEvent> events;
    auto one = db_.Transact([&](soci::session& sql) -> Result<bool> {
      store::LockCase(sql, id);
      auto found = store::FindCase(sql, id);
      if (!found) return false;
      store::CaseRecord r = *found;
      store::CaseRecord before = r;
      store::UnitInfo dispatcher = a.Dispatcher(sql);
      bool touched = false;
      bool handling =
          r.c.status == CaseStatus::kDispatched || r.c.status == CaseStatus::kInProgress;
      if (handling && !r.reminded && r.c.remind_at && *r.c.remind_at < now && r.c.lead_unit &&
          (!r.c.due_at || now < *r.c.due_at)) {
        std::string msg = "案件 " + r.c.number + "（" + r.c.title + "）将于 " +
                          FormatLocalMinute(*r.c.due_at) + " 到期，请及时办结";
        a.Notify(sql, r.c.lead_unit->id, "officer", "remind", r.c, msg);
        a.AddEvent(sql, r, Action::kNote, &system, false, "到期前提醒已发送",
                   json::object{{"kind", "remind"}});
        r.reminded = true;
        touched = true;
      } else if (handling && !r.reminded) {
        r.reminded = true;  // past due: the escalation speaks instead
        touched = true;
      }
      // Every level whose time has passed, one after the other (a late pass catches up).
      for (auto at = a.EscalateAt(r.c); at && *at < now && r.c.escalation_level < 3;
           at = a.EscalateAt(r.c)) {
        r.c.escalation_level++;
        int level = r.c.escalation_level;
        Id unit = AnswerableUnit(r, dispatcher);
        std::string deadline = handling ? "办结" : "受理";
        std::string msg = "案件 " + r.c.number + "（" + r.c.title + "）已超过" + deadline +
                          "期限，升级为" + LevelText(level);
        if (level == 1) {
          a.Notify(sql, unit, "officer", "escalation", r.c, msg);
        } else if (level == 2) {
          a.Notify(sql, unit, "leader", "escalation", r.c, msg);
        } else {
          r.c.supervised = true;
          a.Notify(sql, 0, "inspector", "escalation", r.c, msg + "，列入区级督办");
          a.Notify(sql, unit, "leader", "escalation", r.c, msg + "，列入区级督办");
          if (auto district = store::FindUnitByCode(sql, "yz")) {
            a.Notify(sql, district->id, "leader", "escalation", r.c, msg + "，列入区级督办");
          }
        }
        a.AddEvent(sql, r, Action::kEscalate, &system, false, msg,
                   json::object{{"level", level},
                                {"unit_id", IdToJson(unit)},
                                {"deadline", FormatIsoShanghai(*at)}});
        store::CaseRecord mid = r;
        GL_RETURN_IF_ERROR(a.Audit(sql, system, "escalate", before, mid));
        before = mid;
        events.push_back({unit, "escalation", r.c, msg});
        touched = true;
      }
      if (!touched) return false;
      a.Save(sql, r, false);
      return true;
    });
    if (!one.ok()) return one.error();
    if (*one) ++changed;
    a.Emit(events);
  }
  return changed;
}

Result<Page<Notification>> CaseService::Notifications(const org::Actor& actor, bool unread_only,
                                                      int offset, int limit) {
  if (actor.person_id == 0) return Error::Unauthenticated("需要登录");
  return db_.Query([&](soci::session& sql) -> Result<Page<Notification>> {
    Page<Notification> page;
    page.items =
        store::ListNotifications(sql, actor.person_id, unread_only, offset, limit, page.total);
    return page;
  });
}

Status CaseService::MarkNotificationsRead(const org::Actor& actor, const std::vector<Id>& ids) {
  if (actor.person_id == 0) return Error::Unauthenticated("需要登录");
  ServiceAccess a{*this};
  return db_.RunInTransaction([&](soci::session& sql) -> Status {
    store::MarkNotificationsRead(sql, actor.person_id, ids, a.now());
    return Status::Ok();
  });
}

Result<std::optional<std::string>> CaseService::Webhook(const org::Actor& actor, Id unit_id) {
  if (!actor.Has(org::Role::kAdmin)) return Error::Forbidden("只有管理员可以查看单位的推送地址");
  return db_.Query([&](soci::session& sql) -> Result<std::optional<std::string>> {
    if (!store::FindUnit(sql, unit_id)) return Error::NotFound("没有该单位");
    return store::FindWebhook(sql, unit_id);
  });
}

Status CaseService::SetWebhook(const org::Actor& actor, Id unit_id, const std::string& url) {
  if (!actor.Has(org::Role::kAdmin) || !org::CanWrite(actor)) {
    return Error::Forbidden("只有管理员可以设置单位的推送地址");
  }
  if (!url.empty() && (url.rfind("http://", 0) != 0 || url.size() > 500 || url.size() < 8)) {
    return Error::InvalidArgument("url", "推送地址应为 http:// 开头、不超过 500 字节的地址");
  }
  ServiceAccess a{*this};
  return db_.RunInTransaction([&](soci::session& sql) -> Status {
    if (!store::FindUnit(sql, unit_id)) return Error::NotFound("没有该单位");
    auto before = store::FindWebhook(sql, unit_id);
    store::SetWebhook(sql, unit_id, url, a.now());
    return org::AuditChange(
        sql, actor, "case_webhook.update", "unit", unit_id,
        json::object{{"url", before ? json::value(*before) : json::value(nullptr)}},
        json::object{{"url", url.empty() ? json::value(nullptr) : json::value(url)}});
  });
}

std::optional<std::string> CaseService::WebhookFor(Id unit_id) {
  auto r = db_.Query([&](soci::session& sql) -> Result<std::optional<std::string>> {
    return store::FindWebhook(sql, unit_id);
  });
  if (!r.ok()) return std::nullopt;
  return *r;
}

}  // namespace gl::cases
