// CaseService: intake from staff, the public and alarms; duplicate offers.
#include <cmath>

#include "greenloop/base/crypto.h"
#include "greenloop/cases/service.h"
#include "greenloop/cases/service_internal.h"
#include "greenloop/monitoring/store.h"
#include "greenloop/org/permissions.h"

namespace gl::cases {
namespace {

constexpr size_t kMaxTitle = 200, kMaxText = 5000, kMaxAddress = 300;

// 10 characters without look-alikes (no 0/O, 1/I/L): about 50 bits.
std::string NewTrackingCode() {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  std::string hex = RandomHex(10);
  std::string out;
  for (size_t i = 0; i < 10; ++i) {
    int byte = std::stoi(hex.substr(i * 2, 2), nullptr, 16);
    out += kAlphabet[byte % (sizeof kAlphabet - 1)];
  }
  return out;
}

Status CheckPoint(const std::optional<GeoPoint>& p) {
  if (!p) return Status::Ok();
  if (!std::isfinite(p->lon) || !std::isfinite(p->lat) || p->lon < -180 || p->lon > 180 ||
      p->lat < -90 || p->lat > 90) {
    return Error::InvalidArgument("location", "经纬度超出范围");
  }
  return Status::Ok();
}

Status CheckText(const std::string& field, const std::string& value, size_t max, bool required) {
  if (required && value.empty()) return Error::InvalidArgument(field, "缺少必填字段 " + field);
  if (value.size() > max) {
    return Error::InvalidArgument(field, field + " 不超过 " + std::to_string(max) + " 字节");
  }
  return Status::Ok();
}

int YearOf(TimeMs t) { return ToCivil(t + kShanghaiOffsetMs).year; }

}  // namespace

// The common part of every intake: number, subdistrict, deadlines, the create entry.
struct IntakeWork {
  ServiceAccess& a;
  soci::session& sql;

  Status Prepare(store::CaseRecord& r, std::optional<Id> subdistrict_id) {
    TimeMs now = a.now();
    r.c.id = NewId();
    r.c.created_at = r.c.updated_at = now;
    if (subdistrict_id) {
      auto u = store::FindUnit(sql, *subdistrict_id);
      if (!u || u->kind != "subdistrict") {
        return Error::InvalidArgument("subdistrict_id", "没有该街道");
      }
      r.c.subdistrict = UnitRef{u->id, u->name};
      r.subdistrict_path = u->path;
    } else if (r.c.location && a.opt().locate_subdistrict) {
      std::string code = a.opt().locate_subdistrict(*r.c.location);
      if (auto u = code.empty() ? std::nullopt : store::FindUnitByCode(sql, code)) {
        r.c.subdistrict = UnitRef{u->id, u->name};
        r.subdistrict_path = u->path;
      }
    }
    a.StartAcceptClock(r, now);
    r.c.number = store::NextNumber(sql, a.opt().number_prefix, YearOf(now));
    return Status::Ok();
  }

  void Insert(store::CaseRecord& r) {
    r.escalate_at = a.EscalateAt(r.c);
    store::InsertCase(sql, r);
  }
};

std::vector<DuplicateOffer> FindDuplicates(ServiceAccess& a, soci::session& sql, const Case& c) {
  std::vector<DuplicateOffer> out;
  if (!c.location) return out;
  double radius = a.opt().duplicate_radius_m;
  double dlat = radius / 111320.0;
  double dlon = radius / (111320.0 * std::max(0.01, std::cos(c.location->lat * 3.14159265 / 180)));
  auto near = store::OpenCasesNear(sql, c.category, c.created_at - a.opt().duplicate_window_ms,
                                   c.location->lon - dlon, c.location->lon + dlon,
                                   c.location->lat - dlat, c.location->lat + dlat, c.id);
  for (const auto& r : near) {
    double d = DistanceMeters(*c.location, *r.c.location);
    if (d <= radius)
      out.push_back(DuplicateOffer{CaseRef{r.c.id, r.c.number}, r.c.title, std::round(d)});
  }
  std::sort(out.begin(), out.end(), [](const DuplicateOffer& x, const DuplicateOffer& y) {
    return x.distance_m < y.distance_m;
  });
  return out;
}

Result<StaffIntakeResult> CaseService::CreateByStaff(const org::Actor& actor,
                                                     const StaffIntake& in) {
  ServiceAccess a{*this};
  if (!org::CanWrite(actor) ||
      !(actor.Has(org::Role::kAdmin) || actor.Has(org::Role::kOfficer) ||
        actor.Has(org::Role::kInspector) || actor.Has(org::Role::kRiverChief))) {
    return Error::Forbidden("无权登记案件");
  }
  if (in.source != Source::kHotline && in.source != Source::kInspection &&
      in.source != Source::kPatrol && in.source != Source::kRectification) {
    return Error::InvalidArgument("source", "source 应为 hotline、inspection 或 patrol");
  }
  if (config_.taxonomy.Find(in.category) == nullptr) {
    return Error::InvalidArgument("category", "未知分类：" + in.category);
  }
  GL_RETURN_IF_ERROR(CheckText("title", in.title, kMaxTitle, true));
  GL_RETURN_IF_ERROR(CheckText("description", in.description, kMaxText, true));
  GL_RETURN_IF_ERROR(CheckText("address", in.address, kMaxAddress, false));
  GL_RETURN_IF_ERROR(CheckPoint(in.location));
  if (in.reporter) {
    GL_RETURN_IF_ERROR(CheckText("reporter", in.reporter->name, 100, false));
    GL_RETURN_IF_ERROR(CheckText("reporter", in.reporter->phone, 40, false));
  }
  return db_.Transact([&](soci::session& sql) -> Result<StaffIntakeResult> {
    store::CaseRecord r;
    r.c.source = in.source;
    r.c.category = in.category;
    r.c.title = in.title;
    r.c.description = in.description;
    r.c.location = in.location;
    r.c.address = in.address;
    r.c.reporter = in.reporter;
    r.c.priority = in.priority.value_or(Priority::kNormal);
    r.c.created_by = actor.person_id;
    std::optional<Id> sub = in.subdistrict_id;
    if (in.site_id) {
      auto site = monitoring::store::FindSite(sql, *in.site_id);
      if (!site) return Error::InvalidArgument("site_id", "没有该站点");
      r.c.site = UnitRef{site->id, site->name};
      if (!sub) sub = site->subdistrict_id;
      if (!r.c.location && site->lon && site->lat) r.c.location = GeoPoint{*site->lon, *site->lat};
    }
    IntakeWork w{a, sql};
    GL_RETURN_IF_ERROR(w.Prepare(r, sub));
    w.Insert(r);
    a.AddEvent(sql, r, Action::kCreate, &actor, true, a.Reply(sql, r.c, "create", {}),
               json::object{{"source", SourceName(r.c.source)}});
    GL_RETURN_IF_ERROR(a.Audit(sql, actor, "create", store::CaseRecord{}, r));
    StaffIntakeResult out;
    out.duplicates = FindDuplicates(a, sql, r.c);
    out.created = r.c;
    return out;
  });
}

Result<PublicIntakeResult> CaseService::CreateFromPublic(const PublicIntake& in) {
  ServiceAccess a{*this};
  if (config_.taxonomy.Find(in.category) == nullptr) {
    return Error::InvalidArgument("category", "未知分类：" + in.category);
  }
  GL_RETURN_IF_ERROR(CheckText("description", in.description, kMaxText, true));
  GL_RETURN_IF_ERROR(CheckText("title", in.title, kMaxTitle, false));
  GL_RETURN_IF_ERROR(CheckText("address", in.address, kMaxAddress, false));
  GL_RETURN_IF_ERROR(CheckPoint(in.location));
  if (in.contact) {
    GL_RETURN_IF_ERROR(CheckText("contact", in.contact->name, 100, false));
    GL_RETURN_IF_ERROR(CheckText("contact", in.contact->phone, 40, false));
  }
  std::string code = NewTrackingCode();
  return db_.Transact([&](soci::session& sql) -> Result<PublicIntakeResult> {
    store::CaseRecord r;
    r.c.source = in.source;
    r.c.category = in.category;
    r.c.description = in.description;
    r.c.location = in.location;
    r.c.address = in.address;
    if (in.contact && (!in.contact->name.empty() || !in.contact->phone.empty())) {
      r.c.reporter = in.contact;
    }
    r.tracking_hash = Blake2bHex(code);
    IntakeWork w{a, sql};
    GL_RETURN_IF_ERROR(w.Prepare(r, std::nullopt));
    r.c.title = !in.title.empty()
                    ? in.title
                    : a.CategoryName(in.category) +
                          (in.address.empty() ? std::string("问题") : "：" + in.address);
    if (r.c.title.size() > kMaxTitle) r.c.title = a.CategoryName(in.category) + "问题";
    w.Insert(r);
    if (!in.attachment_ids.empty()) {
      if (!attachments_.link) return Error::InvalidArgument("photos", "暂不支持附件");
      GL_RETURN_IF_ERROR(attachments_.link(sql, r.c.id, in.attachment_ids, 0));
    }
    org::Actor citizen = PublicActor();
    json::object data{{"source", SourceName(r.c.source)}};
    if (!in.channel.empty()) data["channel"] = in.channel;
    a.AddEvent(sql, r, Action::kCreate, &citizen, true, a.Reply(sql, r.c, "create", {}),
               std::move(data));
    GL_RETURN_IF_ERROR(a.Audit(sql, citizen, "create", store::CaseRecord{}, r));
    PublicIntakeResult out;
    out.created = r.c;
    out.tracking_code = code;
    out.expected_at = r.c.accept_due_at;
    return out;
  });
}

Result<std::pair<Case, bool>> CaseService::OpenOrAttachForAlarm(const AlarmIntake& in) {
  if (config_.taxonomy.Find(in.category) == nullptr) {
    return Error::InvalidArgument("category", "未知分类：" + in.category);
  }
  ServiceAccess a{*this};
  std::vector<UnitEvent> events;
  org::Actor system = org::Actor::System();
  auto done = db_.Transact([&](soci::session& sql) -> Result<std::pair<Id, bool>> {
    TimeMs now = a.now();
    // One hand-off per site at a time (the site row's lock on PostgreSQL; SQLite's write
    // lock), so two alarms of one problem never open two cases.
    store::LockSite(sql, in.site_id);
    if (auto open = store::FindOpenCaseForProblem(sql, in.site_id, in.problem_key)) {
      store::LockCase(sql, *open);
      auto r = store::FindCase(sql, *open);
      bool already = std::find(r->c.alarm_ids.begin(), r->c.alarm_ids.end(), in.alarm_id) !=
                     r->c.alarm_ids.end();
      if (!already) {
        store::AttachAlarm(sql, r->c.id, in.alarm_id, now);
        r->c.updated_at = now;
        a.Save(sql, *r, false);
        a.AddEvent(sql, *r, Action::kAttach, &system, false, "同一问题再次告警：" + in.title,
                   json::object{{"alarm_id", IdToJson(in.alarm_id)}});
      }
      return std::make_pair(r->c.id, false);
    }
    auto site = monitoring::store::FindSite(sql, in.site_id);
    if (!site) return Error::InvalidArgument("site_id", "没有该站点");
    store::CaseRecord r;
    r.c.source = Source::kAlarm;
    r.c.category = in.category;
    r.c.title = in.title.empty() ? site->name + "告警" : in.title;
    if (r.c.title.size() > kMaxTitle) r.c.title = site->name + "告警";
    r.c.description = in.description;
    r.c.site = UnitRef{site->id, site->name};
    if (site->lon && site->lat) r.c.location = GeoPoint{*site->lon, *site->lat};
    r.c.address = site->name;
    r.c.priority = in.priority;
    r.c.problem_key = in.problem_key;
    IntakeWork w{a, sql};
    GL_RETURN_IF_ERROR(w.Prepare(r, site->subdistrict_id));
    // Monitored data needs no acceptance: the case is dispatched by its site's routing at once.
    std::string sub_code;
    if (auto u = store::FindUnit(sql, site->subdistrict_id)) sub_code = u->code;
    RoutingCodes codes = a.cfg().routing.Route(a.cfg().taxonomy, in.category, sub_code);
    auto lead = store::FindUnitByCode(sql, codes.lead);
    if (!lead) return Error::Internal("路由规则中的牵头单位不存在：" + codes.lead);
    r.c.lead_unit = UnitRef{lead->id, lead->name};
    r.lead_path = lead->path;
    for (const auto& code : codes.co) {
      if (auto u = store::FindUnitByCode(sql, code)) {
        r.c.co_units.push_back(UnitRef{u->id, u->name});
        r.co_paths.push_back(u->path);
      }
    }
    r.c.status = CaseStatus::kDispatched;
    r.c.accepted_at = r.c.dispatched_at = now;
    a.StartResolveClock(r, now, std::nullopt);
    w.Insert(r);
    std::vector<Id> co_ids;
    for (const auto& u : r.c.co_units) co_ids.push_back(u.id);
    store::SetCoUnits(sql, r.c.id, co_ids);
    store::AttachAlarm(sql, r.c.id, in.alarm_id, now);
    a.AddEvent(sql, r, Action::kCreate, &system, false, "在线监测告警生成案件：" + r.c.title,
               json::object{{"source", "alarm"},
                            {"alarm_id", IdToJson(in.alarm_id)},
                            {"problem_key", in.problem_key}});
    a.AddEvent(sql, r, Action::kDispatch, &system, true, a.Reply(sql, r.c, "dispatch", {}),
               json::object{{"lead_unit_id", IdToJson(lead->id)}, {"by", "routing"}});
    GL_RETURN_IF_ERROR(a.Audit(sql, system, "create", store::CaseRecord{}, r));
    std::string msg = "在线监测告警案件 " + r.c.number + "（" + r.c.title +
                      "）已派遣至本单位，请于 " + FormatLocalMinute(*r.c.due_at) + " 前办结";
    a.Notify(sql, lead->id, "officer", "dispatch", r.c, msg);
    events.push_back({lead->id, "dispatch", r.c, msg});
    return std::make_pair(r.c.id, true);
  });
  if (!done.ok()) return done.error();
  a.Emit(events);
  GL_ASSIGN_OR_RETURN(Case c, FindById(done->first));
  return std::make_pair(std::move(c), done->second);
}

}  // namespace gl::cases
