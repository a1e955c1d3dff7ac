// CaseService: the staff transitions and the citizen's tracking, rating and reopening.
#include <algorithm>

#include "greenloop/base/crypto.h"
#include "greenloop/cases/service.h"
#include "greenloop/cases/service_internal.h"
#include "greenloop/org/permissions.h"

namespace gl::cases {
namespace {

Status CheckRequired(const TransitionRule& rule, const ActionInput& in) {
  for (const auto& f : rule.required) {
    bool missing = (f == "reason" && in.reason.empty()) || (f == "note" && in.note.empty()) ||
                   (f == "result" && in.result.empty()) || (f == "text" && in.text.empty()) ||
                   (f == "into_id" && !in.into_id);
    if (missing) return Error::InvalidArgument(f, "缺少必填字段 " + f);
  }
  return Status::Ok();
}

json::array IdArray(const std::vector<Id>& ids) {
  json::array a;
  for (Id id : ids) a.emplace_back(IdToJson(id));
  return a;
}

}  // namespace

Result<CaseDetail> CaseService::Transition(const org::Actor& actor, Id id, Action action,
                                           const ActionInput& in) {
  const TransitionRule* rule = RuleOf(action);
  if (rule == nullptr) return Error::Forbidden("该操作不能由工作人员执行");
  ServiceAccess a{*this};
  std::vector<UnitEvent> events;
  auto done = db_.Transact([&](soci::session& sql) -> Result<Id> {
    store::LockCase(sql, id);
    auto found = store::FindCase(sql, id);
    if (!found) return Error::NotFound("没有该案件");
    store::CaseRecord before = *found;
    store::CaseRecord r = *found;
    Relation rel = a.RelationFor(sql, actor, r);
    if (!rel.sees) return Error::NotFound("没有该案件");
    Decision d = Decide(r.c, action, rel);
    if (d.code != ErrorCode::kOk) return Error(d.code, d.message);
    GL_RETURN_IF_ERROR(CheckRequired(*rule, in));
    TimeMs now = a.now();
    bool co_changed = false;
    bool is_public = rule->is_public;
    std::string text;
    json::object data;
    r.c.status = d.to;
    switch (action) {
      case Action::kAccept:
        r.c.accepted_at = now;
        text = a.Reply(sql, r.c, "accept", {});
        if (!in.note.empty()) data["note"] = in.note;
        break;
      case Action::kReject: {
        if (!ParseRejectReason(in.reason)) {
          return Error::InvalidArgument("reason", "reason 应为 not_ours、duplicate 或 invalid");
        }
        r.c.reject_reason = in.reason;
        text = a.Reply(sql, r.c, "reject", {{"reason", RejectReasonText(in.reason)}});
        data["reason"] = in.reason;
        data["note"] = in.note;
        break;
      }
      case Action::kDispatch: {
        std::optional<Id> lead = in.lead_unit_id;
        std::vector<Id> co;
        if (in.co_unit_ids) co = *in.co_unit_ids;
        if (!lead || !in.co_unit_ids) {
          // Default from routing (the dispatcher may override either part).
          std::string sub_code;
          if (r.c.subdistrict) {
            if (auto u = store::FindUnit(sql, r.c.subdistrict->id)) sub_code = u->code;
          }
          RoutingCodes codes = a.cfg().routing.Route(a.cfg().taxonomy, r.c.category, sub_code);
          if (!lead) {
            auto u = store::FindUnitByCode(sql, codes.lead);
            if (!u) return Error::InvalidArgument("lead_unit_id", "路由规则中的牵头单位不存在");
            lead = u->id;
          }
          if (!in.co_unit_ids) {
            for (const auto& code : codes.co) {
              if (auto u = store::FindUnitByCode(sql, code)) co.push_back(u->id);
            }
          }
        }
        auto lu = store::FindUnit(sql, *lead);
        if (!lu || lu->kind == "enterprise") {
          return Error::InvalidArgument("lead_unit_id", "牵头单位不存在");
        }
        r.c.lead_unit = UnitRef{lu->id, lu->name};
        r.lead_path = lu->path;
        r.c.co_units.clear();
        r.co_paths.clear();
        for (Id cid : co) {
          if (cid == lu->id) continue;
          auto cu = store::FindUnit(sql, cid);
          if (!cu || cu->kind == "enterprise") {
            return Error::InvalidArgument("co_unit_ids", "协办单位不存在：" + IdToJson(cid));
          }
          if (std::any_of(r.c.co_units.begin(), r.c.co_units.end(),
                          [&](const UnitRef& u) { return u.id == cid; })) {
            continue;
          }
          r.c.co_units.push_back(UnitRef{cu->id, cu->name});
          r.co_paths.push_back(cu->path);
        }
        co_changed = true;
        if (in.due_at && *in.due_at <= now) {
          return Error::InvalidArgument("due_at", "办结期限应晚于当前时间");
        }
        r.c.dispatched_at = now;
        a.StartResolveClock(r, now, in.due_at);
        text = a.Reply(sql, r.c, "dispatch", {});
        data["lead_unit_id"] = IdToJson(lu->id);
        data["co_unit_ids"] = IdArray(co);
        data["due_at"] = FormatIsoShanghai(*r.c.due_at);
        if (!in.note.empty()) data["note"] = in.note;
        std::string msg = "案件 " + r.c.number + "（" + r.c.title + "）已派遣至本单位，请于 " +
                          FormatLocalMinute(*r.c.due_at) + " 前办结";
        a.Notify(sql, lu->id, "officer", "dispatch", r.c, msg);
        events.push_back({lu->id, "dispatch", r.c, msg});
        break;
      }
      case Action::kStart:
        text = a.Reply(sql, r.c, "start", {});
        if (!in.note.empty()) data["note"] = in.note;
        break;
      case Action::kReturn: {
        Id from_unit = r.c.lead_unit ? r.c.lead_unit->id : 0;
        r.c.lead_unit.reset();
        r.lead_path.clear();
        r.c.co_units.clear();
        r.co_paths.clear();
        co_changed = true;
        r.c.due_at.reset();
        r.c.remind_at.reset();
        a.StartAcceptClock(r, now);
        text = "责任单位退回：" + in.reason;
        data["reason"] = in.reason;
        data["from_unit_id"] = IdToJson(from_unit);
        store::UnitInfo disp = a.Dispatcher(sql);
        a.Notify(sql, disp.id, "officer", "returned", r.c,
                 "案件 " + r.c.number + " 被退回，需重新派遣：" + in.reason);
        break;
      }
      case Action::kResolve:
        r.c.resolved_at = now;
        if (!in.attachment_ids.empty()) {
          if (!attachments_.link) return Error::InvalidArgument("attachment_ids", "暂不支持附件");
          GL_RETURN_IF_ERROR(attachments_.link(sql, r.c.id, in.attachment_ids, actor.person_id));
        }
        text = a.Reply(sql, r.c, "resolve", {{"result", in.result}});
        data["result"] = in.result;
        data["attachment_ids"] = IdArray(in.attachment_ids);
        break;
      case Action::kVerify:
        text = a.Reply(sql, r.c, "verify", {});
        if (!in.note.empty()) data["note"] = in.note;
        break;
      case Action::kSendBack:
        r.c.resolved_at.reset();
        text = "核查未通过，退回重新办理：" + in.reason;
        data["reason"] = in.reason;
        if (r.c.lead_unit) {
          a.Notify(sql, r.c.lead_unit->id, "officer", "sent_back", r.c,
                   "案件 " + r.c.number + " 核查未通过，请重新办理：" + in.reason);
        }
        break;
      case Action::kClose:
        r.c.closed_at = now;
        text = a.Reply(sql, r.c, "close", {});
        if (!in.note.empty()) data["note"] = in.note;
        break;
      case Action::kMerge: {
        if (*in.into_id == r.c.id) return Error::InvalidArgument("into_id", "不能合并到案件自身");
        auto target = store::FindCase(sql, *in.into_id);
        if (!target || !a.RelationFor(sql, actor, *target).sees) {
          return Error::InvalidArgument("into_id", "没有该目标案件");
        }
        if (!IsOpen(target->c.status)) {
          return Error::Conflict("目标案件已结束，不能合并");
        }
        r.c.merged_into = CaseRef{target->c.id, target->c.number};
        text = a.Reply(sql, r.c, "merge", {{"into", target->c.number}});
        data["into_id"] = IdToJson(target->c.id);
        if (!in.note.empty()) data["note"] = in.note;
        a.AddEvent(sql, *target, Action::kAttach, &actor, false, "案件 " + r.c.number + " 并入本案",
                   json::object{{"case_id", IdToJson(r.c.id)}, {"number", r.c.number}});
        break;
      }
      case Action::kReopen:
        r.c.reopen_count++;
        r.c.closed_at.reset();
        r.c.resolved_at.reset();
        r.c.satisfaction.reset();
        r.c.reject_reason.clear();
        if (r.c.status == CaseStatus::kDispatched) {
          a.StartResolveClock(r, now, std::nullopt);
          a.Notify(sql, r.c.lead_unit->id, "officer", "reopened", r.c,
                   "案件 " + r.c.number + " 已重新办理：" + in.reason);
        } else {
          a.StartAcceptClock(r, now);
        }
        text = a.Reply(sql, r.c, "reopen", {{"reason", in.reason}});
        data["reason"] = in.reason;
        data["by"] = "inspector";
        break;
      case Action::kNote:
        is_public = in.is_public;
        text = in.text;
        break;
      default:
        return Error::Forbidden("该操作不能由工作人员执行");
    }
    a.Save(sql, r, co_changed);
    a.AddEvent(sql, r, action, &actor, is_public, text, std::move(data));
    GL_RETURN_IF_ERROR(a.Audit(sql, actor, std::string(ActionName(action)), before, r));
    return r.c.id;
  });
  if (!done.ok()) return done.error();
  a.Emit(events);
  return Get(actor, id);
}

// --- the citizen

namespace {

Result<store::CaseRecord> FindWithCode(soci::session& sql, const std::string& number,
                                       const std::string& code, bool lock = false) {
  if (lock) store::LockCaseByNumber(sql, number);
  auto r = store::FindCaseByNumber(sql, number);
  // One answer for a wrong number and a wrong code, so neither can be probed.
  if (!r || r->tracking_hash.empty() || code.empty() ||
      !ConstantTimeEquals(r->tracking_hash, Blake2bHex(code))) {
    return Error::NotFound("案件编号或查询码不正确");
  }
  return *r;
}

}  // namespace

Result<PublicCaseView> CaseService::TrackPublic(const std::string& number,
                                                const std::string& code) {
  ServiceAccess a{*this};
  return db_.Query([&](soci::session& sql) -> Result<PublicCaseView> {
    GL_ASSIGN_OR_RETURN(store::CaseRecord r, FindWithCode(sql, number, code));
    PublicCaseView v;
    v.c = r.c;
    v.c.reporter.reset();
    v.timeline = store::ListEvents(sql, r.c.id, true);
    for (auto& e : v.timeline) {
      e.actor_id = 0;
      e.actor_name.clear();
      e.data = json::object();
    }
    if (r.c.status == CaseStatus::kReported || r.c.status == CaseStatus::kAccepted) {
      v.expected_at = r.c.accept_due_at;
    } else if (r.c.status == CaseStatus::kDispatched || r.c.status == CaseStatus::kInProgress ||
               r.c.status == CaseStatus::kResolved || r.c.status == CaseStatus::kVerified) {
      v.expected_at = r.c.due_at;
    }
    v.can_rate = CitizenMayRate(r.c);
    v.can_reopen = CitizenMayReopen(r.c, a.now(), options_.reopen_window_ms);
    return v;
  });
}

Result<PublicCaseView> CaseService::RateByCitizen(const std::string& number,
                                                  const std::string& code, int satisfaction,
                                                  const std::string& comment) {
  if (satisfaction < 1 || satisfaction > 5) {
    return Error::InvalidArgument("satisfaction", "满意度应为 1 到 5");
  }
  if (comment.size() > 2000) return Error::InvalidArgument("comment", "评价不超过 2000 字节");
  ServiceAccess a{*this};
  auto done = db_.Transact([&](soci::session& sql) -> Result<Id> {
    GL_ASSIGN_OR_RETURN(store::CaseRecord r, FindWithCode(sql, number, code, true));
    if (!CitizenMayRate(r.c)) return Error::Conflict("案件结案后才能评价，且只能评价一次");
    store::CaseRecord before = r;
    r.c.satisfaction = satisfaction;
    r.c.satisfaction_comment = comment;
    a.Save(sql, r, false);
    org::Actor citizen = PublicActor();
    a.AddEvent(sql, r, Action::kRate, &citizen, true, a.Reply(sql, r.c, "rate", {}),
               json::object{{"satisfaction", satisfaction}, {"comment", comment}});
    GL_RETURN_IF_ERROR(a.Audit(sql, citizen, "rate", before, r));
    return r.c.id;
  });
  if (!done.ok()) return done.error();
  return TrackPublic(number, code);
}

Result<PublicCaseView> CaseService::ReopenByCitizen(const std::string& number,
                                                    const std::string& code,
                                                    const std::string& reason) {
  if (reason.empty()) return Error::InvalidArgument("reason", "请说明重新办理的理由");
  if (reason.size() > 2000) return Error::InvalidArgument("reason", "理由不超过 2000 字节");
  ServiceAccess a{*this};
  std::vector<UnitEvent> events;
  auto done = db_.Transact([&](soci::session& sql) -> Result<Id> {
    GL_ASSIGN_OR_RETURN(store::CaseRecord r, FindWithCode(sql, number, code, true));
    TimeMs now = a.now();
    if (!CitizenMayReopen(r.c, now, options_.reopen_window_ms)) {
      return Error::Conflict("只能在结案后 7 日内申请重新办理");
    }
    store::CaseRecord before = r;
    r.c.status = ReopenStatus(r.c);
    r.c.reopen_count++;
    r.c.closed_at.reset();
    r.c.resolved_at.reset();
    r.c.satisfaction.reset();
    if (r.c.status == CaseStatus::kDispatched) {
      a.StartResolveClock(r, now, std::nullopt);
      std::string msg = "市民对案件 " + r.c.number + " 申请重新办理：" + reason;
      a.Notify(sql, r.c.lead_unit->id, "officer", "reopened", r.c, msg);
      events.push_back({r.c.lead_unit->id, "reopened", r.c, msg});
    } else {
      a.StartAcceptClock(r, now);
    }
    a.Save(sql, r, false);
    org::Actor citizen = PublicActor();
    a.AddEvent(sql, r, Action::kReopen, &citizen, true,
               a.Reply(sql, r.c, "reopen", {{"reason", reason}}),
               json::object{{"reason", reason}, {"by", "citizen"}});
    GL_RETURN_IF_ERROR(a.Audit(sql, citizen, "reopen", before, r));
    return r.c.id;
  });
  if (!done.ok()) return done.error();
  a.Emit(events);
  return TrackPublic(number, code);
}

}  // namespace gl::cases
