// CaseService: construction, shared helpers, reads and the citizen's calls.
#include "greenloop/cases/service.h"

#include <chrono>
#include <cmath>
#include <cstdio>

#include "greenloop/base/crypto.h"
#include "greenloop/cases/service_internal.h"
#include "greenloop/org/audit_change.h"
#include "greenloop/org/permissions.h"

namespace gl::cases {

struct CaseService::Impl {};

std::function<TimeMs()> ScaledClock(double scale) {
  TimeMs start = NowMs();
  auto t0 = std::chrono::steady_clock::now();
  return [start, t0, scale] {
    auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    return start + static_cast<TimeMs>(static_cast<double>(elapsed) * scale);
  };
}

CaseService::CaseService(db::Database& db, CaseConfig config, CaseOptions options)
    : db_(db), config_(std::move(config)), options_(std::move(options)), impl_(new Impl) {
  if (!options_.clock) options_.clock = [] { return NowMs(); };
}

CaseService::~CaseService() = default;

// --- helpers

org::Actor PublicActor() {
  org::Actor a;
  a.login = "public";
  a.name = "市民";
  a.via = org::Actor::Via::kSystem;
  return a;
}

std::string FormatLocalMinute(TimeMs t) {
  CivilTime c = ToCivil(t + kShanghaiOffsetMs);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", c.year, c.month, c.day, c.hour,
                c.minute);
  return buf;
}

double DistanceMeters(const GeoPoint& a, const GeoPoint& b) {
  constexpr double kR = 6371008.8, kRad = 3.14159265358979323846 / 180;
  double dlat = (b.lat - a.lat) * kRad, dlon = (b.lon - a.lon) * kRad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(a.lat * kRad) *
                                                           std::cos(b.lat * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kR * std::asin(std::min(1.0, std::sqrt(h)));
}

std::string RejectReasonText(const std::string& reason) {
  if (reason == "not_ours") return "不属于本区生态环境管辖事项";
  if (reason == "duplicate") return "与已受理的问题重复";
  if (reason == "invalid") return "反映内容不实或信息不足，无法核实";
  return reason;
}

json::object AuditSummary(const Case& c) {
  json::object o{{"number", c.number},
                 {"status", StatusName(c.status)},
                 {"category", c.category},
                 {"escalation_level", c.escalation_level},
                 {"supervised", c.supervised}};
  o["lead_unit_id"] = c.lead_unit ? json::value(IdToJson(c.lead_unit->id)) : json::value(nullptr);
  json::array co;
  for (const auto& u : c.co_units) co.emplace_back(IdToJson(u.id));
  o["co_unit_ids"] = std::move(co);
  o["due_at"] = c.due_at ? json::value(FormatIsoShanghai(*c.due_at)) : json::value(nullptr);
  return o;
}

void ServiceAccess::Emit(const std::vector<UnitEvent>& events) const {
  if (!s.unit_event_) return;
  for (const auto& e : events) s.unit_event_(e.unit_id, e.kind, e.c, e.text);
}

store::UnitInfo ServiceAccess::Dispatcher(soci::session& sql) const {
  return store::FindUnitByCode(sql, cfg().routing.dispatcher_unit).value_or(store::UnitInfo{});
}

Relation ServiceAccess::RelationFor(soci::session& sql, const org::Actor& actor,
                                    const store::CaseRecord& r) const {
  return RelationOf(actor, Dispatcher(sql).path, r.lead_path, r.co_paths, r.subdistrict_path);
}

CaseView ServiceAccess::View(const org::Actor& actor, const Relation& rel,
                             const store::CaseRecord& r) const {
  (void)actor;
  CaseView v;
  v.c = r.c;
  v.overdue = r.c.OverdueAt(now());
  for (Action a : AllowedActions(r.c, rel)) v.actions.emplace_back(ActionName(a));
  v.show_reporter = rel.sees;
  if (!v.show_reporter) v.c.reporter.reset();
  return v;
}

DeadlineRule ServiceAccess::RuleFor(const Case& c) const {
  return cfg().deadlines.For(cfg().taxonomy, c.category, c.priority);
}

std::optional<TimeMs> ServiceAccess::EscalateAt(const Case& c) const {
  std::optional<TimeMs> deadline;
  if (c.status == CaseStatus::kReported || c.status == CaseStatus::kAccepted) {
    deadline = c.accept_due_at;
  } else if (c.status == CaseStatus::kDispatched || c.status == CaseStatus::kInProgress) {
    deadline = c.due_at;
  }
  if (!deadline) return std::nullopt;
  const auto& steps = cfg().deadlines.escalation;
  switch (c.escalation_level) {
    case 0:
      return *deadline;
    case 1:
      return cfg().calendar.AddWorkingDays(*deadline, steps.level2_after_days);
    case 2:
      return cfg().calendar.AddWorkingDays(*deadline, steps.level3_after_days);
    default:
      return std::nullopt;
  }
}

void ServiceAccess::StartResolveClock(store::CaseRecord& r, TimeMs t,
                                      std::optional<TimeMs> due) const {
  DeadlineRule rule = RuleFor(r.c);
  TimeMs d = due ? *due : cfg().calendar.AddWorkingDays(t, rule.resolve_days);
  r.c.due_at = d;
  r.c.remind_at.reset();
  r.reminded = true;
  if (rule.remind_days_before > 0) {
    TimeMs remind = cfg().calendar.SubtractWorkingDays(d, rule.remind_days_before);
    if (remind > t) {
      r.c.remind_at = remind;
      r.reminded = false;
    }
  }
  r.c.escalation_level = 0;
}

void ServiceAccess::StartAcceptClock(store::CaseRecord& r, TimeMs t) const {
  r.c.accept_due_at = cfg().calendar.AddWorkingDays(t, RuleFor(r.c).accept_days);
  r.c.escalation_level = 0;
}

std::string ServiceAccess::CategoryName(const std::string& code) const {
  const Category* c = cfg().taxonomy.Find(code);
  return c ? c->name : std::string();
}

std::string ServiceAccess::Reply(soci::session& sql, const Case& c, const std::string& action,
                                 std::map<std::string, std::string> vars) const {
  ReplyTemplates t = cfg().templates;
  for (const auto& row : store::ListTemplates(sql)) t.Set(row.category, row.action, row.text);
  vars.emplace("number", c.number);
  vars.emplace("category", CategoryName(c.category));
  vars.emplace("unit", c.lead_unit ? c.lead_unit->name : std::string("责任单位"));
  vars.emplace("due", c.due_at ? FormatLocalMinute(*c.due_at) : std::string());
  return t.Render(cfg().taxonomy, c.category, action, vars);
}

TimelineEntry ServiceAccess::AddEvent(soci::session& sql, const store::CaseRecord& r, Action action,
                                      const org::Actor* actor, bool is_public, std::string text,
                                      json::object data) const {
  TimelineEntry e;
  e.id = NewId();
  e.case_id = r.c.id;
  e.at = now();
  e.action = ActionName(action);
  e.status_after = r.c.status;
  if (actor != nullptr && actor->via != org::Actor::Via::kSystem) {
    e.actor_id = actor->person_id;
    e.actor_name = actor->name;
    e.actor_unit = actor->unit.name;
  }
  e.is_public = is_public;
  e.text = std::move(text);
  e.data = std::move(data);
  store::InsertEvent(sql, e);
  return e;
}

Status ServiceAccess::Audit(soci::session& sql, const org::Actor& actor, const std::string& action,
                            const store::CaseRecord& before, const store::CaseRecord& after) const {
  return org::AuditChange(sql, actor, "case." + action, "case", after.c.id,
                          before.c.id ? json::value(AuditSummary(before.c)) : json::value(nullptr),
                          AuditSummary(after.c));
}

void ServiceAccess::Notify(soci::session& sql, Id unit_id, const std::string& role,
                           const std::string& kind, const Case& c, const std::string& text) const {
  for (Id person : store::PeopleWithRole(sql, unit_id, role)) {
    Notification n;
    n.id = NewId();
    n.person_id = person;
    n.at = now();
    n.kind = kind;
    n.case_ref = CaseRef{c.id, c.number};
    n.text = text;
    store::InsertNotification(sql, n);
  }
}

void ServiceAccess::Save(soci::session& sql, store::CaseRecord& r, bool co_changed) const {
  r.c.updated_at = now();
  r.escalate_at = EscalateAt(r.c);
  store::UpdateCase(sql, r);
  if (co_changed) {
    std::vector<Id> ids;
    for (const auto& u : r.c.co_units) ids.push_back(u.id);
    store::SetCoUnits(sql, r.c.id, ids);
  }
}

// --- reads

Result<Page<CaseView>> CaseService::List(const org::Actor& actor, const CaseFilter& filter,
                                         int offset, int limit) {
  ServiceAccess a{*this};
  return db_.Query([&](soci::session& sql) -> Result<Page<CaseView>> {
    store::UnitInfo dispatcher = a.Dispatcher(sql);
    Relation probe = RelationOf(actor, dispatcher.path, "", {}, "");
    bool staff = actor.Has(org::Role::kAdmin) || actor.Has(org::Role::kLeader) ||
                 actor.Has(org::Role::kOfficer) || actor.Has(org::Role::kInspector) ||
                 actor.Has(org::Role::kRiverChief);
    if (!staff) return Error::Forbidden("无权查看案件");
    std::optional<std::vector<Id>> scope;
    bool everything = org::IsDistrictWide(actor) || probe.sees;
    if (!everything) scope = store::UnitIdsUnder(sql, actor.unit.path);
    if (filter.unit_id && scope &&
        std::find(scope->begin(), scope->end(), *filter.unit_id) == scope->end()) {
      return Error::Forbidden("无权查看该单位的案件");
    }
    if (filter.subdistrict_id && scope &&
        std::find(scope->begin(), scope->end(), *filter.subdistrict_id) == scope->end()) {
      return Error::Forbidden("无权查看该街道的案件");
    }
    std::vector<std::string> cats;
    if (!filter.category.empty()) {
      cats = config_.taxonomy.SelfAndDescendants(filter.category);
      if (cats.empty()) return Error::InvalidArgument("category", "未知分类：" + filter.category);
    }
    Page<CaseView> page;
    auto rows = store::ListCases(sql, filter, cats, scope, a.now(), offset, limit, page.total);
    for (const auto& r : rows) {
      Relation rel =
          RelationOf(actor, dispatcher.path, r.lead_path, r.co_paths, r.subdistrict_path);
      page.items.push_back(a.View(actor, rel, r));
    }
    return page;
  });
}

Result<CaseDetail> CaseService::Get(const org::Actor& actor, Id id) {
  ServiceAccess a{*this};
  return db_.Query([&](soci::session& sql) -> Result<CaseDetail> {
    auto r = store::FindCase(sql, id);
    if (!r) return Error::NotFound("没有该案件");
    Relation rel = a.RelationFor(sql, actor, *r);
    if (!rel.sees) return Error::NotFound("没有该案件");
    CaseDetail d;
    d.view = a.View(actor, rel, *r);
    d.timeline = store::ListEvents(sql, id, false);
    if (attachments_.list) d.attachments = attachments_.list(sql, id);
    return d;
  });
}

Result<Case> CaseService::FindByNumber(const std::string& number) {
  return db_.Query([&](soci::session& sql) -> Result<Case> {
    auto r = store::FindCaseByNumber(sql, number);
    if (!r) return Error::NotFound("没有该案件");
    return r->c;
  });
}

Result<Case> CaseService::FindById(Id id) {
  return db_.Query([&](soci::session& sql) -> Result<Case> {
    auto r = store::FindCase(sql, id);
    if (!r) return Error::NotFound("没有该案件");
    return r->c;
  });
}

Result<RoutingAnswer> CaseService::Route(const std::string& category,
                                         std::optional<Id> subdistrict_id) {
  if (config_.taxonomy.Find(category) == nullptr) {
    return Error::InvalidArgument("category", "未知分类：" + category);
  }
  return db_.Query([&](soci::session& sql) -> Result<RoutingAnswer> {
    std::string sub_code;
    if (subdistrict_id) {
      auto u = store::FindUnit(sql, *subdistrict_id);
      if (!u || u->kind != "subdistrict") {
        return Error::InvalidArgument("subdistrict", "没有该街道");
      }
      sub_code = u->code;
    }
    RoutingCodes codes = config_.routing.Route(config_.taxonomy, category, sub_code);
    RoutingAnswer out;
    if (auto u = store::FindUnitByCode(sql, codes.lead)) out.lead_unit = UnitRef{u->id, u->name};
    for (const auto& code : codes.co) {
      if (auto u = store::FindUnitByCode(sql, code))
        out.co_units.push_back(UnitRef{u->id, u->name});
    }
    return out;
  });
}

json::object CaseService::Templates() const {
  ReplyTemplates t = config_.templates;
  auto rows = db_.Query([&](soci::session& sql) -> Result<std::vector<store::TemplateRow>> {
    return store::ListTemplates(sql);
  });
  if (rows.ok()) {
    for (const auto& row : *rows) t.Set(row.category, row.action, row.text);
  }
  return t.ToJson();
}

Status CaseService::SetTemplate(const org::Actor& actor, const std::string& category,
                                const std::string& action, const std::string& text) {
  if (!actor.Has(org::Role::kAdmin) || !org::CanWrite(actor)) {
    return Error::Forbidden("只有管理员可以修改答复模板");
  }
  if (category != "*" && config_.taxonomy.Find(category) == nullptr) {
    return Error::InvalidArgument("category", "未知分类：" + category);
  }
  auto parsed = ParseAction(action);
  if (!parsed) return Error::InvalidArgument("action", "未知操作：" + action);
  if (text.empty() || text.size() > 2000) {
    return Error::InvalidArgument("text", "模板文本不能为空，且不超过 2000 字节");
  }
  ServiceAccess a{*this};
  return db_.RunInTransaction([&](soci::session& sql) -> Status {
    store::UpsertTemplate(sql, {category, action, text}, actor.person_id, a.now());
    return org::AuditChange(
        sql, actor, "case_template.update", "case_template", 0,
        json::object{{"category", category}, {"action", action}},
        json::object{{"category", category}, {"action", action}, {"text", text}});
  });
}

}  // namespace gl::cases
