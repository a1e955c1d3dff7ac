#include "greenloop/cases/state_machine.h"

#include <algorithm>

#include "greenloop/org/permissions.h"

namespace gl::cases {
namespace {

using S = CaseStatus;

bool Under(const std::string& path, const std::string& prefix) {
  return !path.empty() && !prefix.empty() && path.rfind(prefix, 0) == 0;
}

std::string ActionText(Action a) {
  switch (a) {
    case Action::kAccept:
      return "受理";
    case Action::kReject:
      return "不予受理";
    case Action::kDispatch:
      return "派遣";
    case Action::kStart:
      return "开始办理";
    case Action::kReturn:
      return "退回";
    case Action::kResolve:
      return "办结";
    case Action::kVerify:
      return "核查";
    case Action::kSendBack:
      return "核查退回";
    case Action::kClose:
      return "结案";
    case Action::kMerge:
      return "合并";
    case Action::kReopen:
      return "重新办理";
    case Action::kNote:
      return "备注";
    default:
      return std::string(ActionName(a));
  }
}

std::string StatusText(CaseStatus s) {
  switch (s) {
    case S::kReported:
      return "待受理";
    case S::kAccepted:
      return "已受理待派遣";
    case S::kRejected:
      return "不予受理";
    case S::kDispatched:
      return "已派遣";
    case S::kInProgress:
      return "办理中";
    case S::kResolved:
      return "已办结待核查";
    case S::kVerified:
      return "已核查";
    case S::kClosed:
      return "已结案";
    case S::kMerged:
      return "已合并";
  }
  return {};
}

}  // namespace

Relation RelationOf(const org::Actor& actor, const std::string& dispatcher_path,
                    const std::string& lead_path, const std::vector<std::string>& co_paths,
                    const std::string& subdistrict_path) {
  Relation r;
  r.can_write = org::CanWrite(actor);
  bool officer = actor.Has(org::Role::kOfficer);
  const std::string& mine = actor.unit.path;
  r.dispatcher = actor.Has(org::Role::kAdmin) || (officer && Under(mine, dispatcher_path));
  // Before a lead unit is set (or after it returned the case), the case's subdistrict
  // is the prospective handler: its officers then meet a status conflict, not a deny.
  r.lead_handler = officer && Under(lead_path.empty() ? subdistrict_path : lead_path, mine);
  for (const auto& p : co_paths) r.co_handler = r.co_handler || (officer && Under(p, mine));
  r.inspector = actor.Has(org::Role::kInspector);
  bool staff = actor.Has(org::Role::kAdmin) || actor.Has(org::Role::kLeader) || officer ||
               r.inspector || actor.Has(org::Role::kRiverChief);
  r.sees = staff && (org::IsDistrictWide(actor) || Under(mine, dispatcher_path) ||
                     Under(lead_path, mine) || Under(subdistrict_path, mine) ||
                     std::any_of(co_paths.begin(), co_paths.end(),
                                 [&](const std::string& p) { return Under(p, mine); }));
  return r;
}

const std::vector<TransitionRule>& AllRules() {
  static const std::vector<TransitionRule> rules = {
      {Action::kAccept, {S::kReported}, S::kAccepted, true, {}},
      {Action::kReject, {S::kReported, S::kAccepted}, S::kRejected, true, {"reason", "note"}},
      {Action::kDispatch, {S::kAccepted}, S::kDispatched, true, {"lead_unit_id"}},
      {Action::kStart, {S::kDispatched}, S::kInProgress, true, {}},
      {Action::kReturn, {S::kDispatched, S::kInProgress}, S::kAccepted, false, {"reason"}},
      {Action::kResolve, {S::kInProgress}, S::kResolved, true, {"result"}},
      {Action::kVerify, {S::kResolved}, S::kVerified, true, {}},
      {Action::kSendBack, {S::kResolved}, S::kInProgress, false, {"reason"}},
      {Action::kClose, {S::kVerified}, S::kClosed, true, {}},
      {Action::kMerge,
       {S::kReported, S::kAccepted, S::kDispatched, S::kInProgress},
       S::kMerged,
       true,
       {"into_id"}},
      {Action::kReopen, {S::kClosed, S::kRejected}, S::kDispatched, true, {"reason"}},
      {Action::kNote, {}, S::kReported, false, {"text"}},
  };
  return rules;
}

const TransitionRule* RuleOf(Action action) {
  for (const auto& r : AllRules()) {
    if (r.action == action) return &r;
  }
  return nullptr;
}

bool RoleMay(Action action, const Relation& rel) {
  if (!rel.can_write || !rel.sees) return false;
  switch (action) {
    case Action::kAccept:
    case Action::kReject:
    case Action::kDispatch:
    case Action::kMerge:
      return rel.dispatcher;
    case Action::kStart:
    case Action::kReturn:
    case Action::kResolve:
      return rel.lead_handler;
    case Action::kVerify:
    case Action::kSendBack:
    case Action::kClose:
      return rel.dispatcher || rel.inspector;
    case Action::kReopen:
      return rel.inspector;
    case Action::kNote:
      return true;
    default:
      return false;
  }
}

CaseStatus ReopenStatus(const Case& c) { return c.lead_unit ? S::kDispatched : S::kAccepted; }

Decision Decide(const Case& c, Action action, const Relation& rel) {
  Decision d;
  const TransitionRule* rule = RuleOf(action);
  if (rule == nullptr) {
    d.code = ErrorCode::kForbidden;
    d.message = "该操作不能由工作人员执行";
    return d;
  }
  if (!RoleMay(action, rel)) {
    d.code = ErrorCode::kForbidden;
    d.message = "无权对该案件执行“" + ActionText(action) + "”";
    return d;
  }
  if (action == Action::kNote) {
    d.to = c.status;
    return d;
  }
  if (std::find(rule->from.begin(), rule->from.end(), c.status) == rule->from.end()) {
    d.code = ErrorCode::kConflict;
    d.message = "案件当前状态为“" + StatusText(c.status) + "”，不能" + ActionText(action);
    return d;
  }
  d.to = action == Action::kReopen ? ReopenStatus(c) : rule->to;
  return d;
}

std::vector<Action> AllowedActions(const Case& c, const Relation& rel) {
  std::vector<Action> out;
  for (Action a : StaffActions()) {
    if (Decide(c, a, rel).code == ErrorCode::kOk) out.push_back(a);
  }
  return out;
}

bool CitizenMayReopen(const Case& c, TimeMs now, TimeMs window_ms) {
  return c.status == S::kClosed && c.closed_at && now <= *c.closed_at + window_ms;
}

bool CitizenMayRate(const Case& c) { return c.status == S::kClosed && !c.satisfaction; }

}  // namespace gl::cases
