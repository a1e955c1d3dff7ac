// greenloop/cases/state_machine.h
//
// The closed loop as pure code: which action moves a case from which status to
// which, who may take it, which fields it needs and whether its timeline entry is
// public. No database, no clock of its own.
//
//   reported --accept--> accepted --dispatch--> dispatched --start--> in_progress
//   reported|accepted --reject(reason)--> rejected
//   dispatched|in_progress --return(reason)--> accepted       (the unit says: not ours)
//   in_progress --resolve(result)--> resolved --verify--> verified --close--> closed
//   resolved --send_back(reason)--> in_progress
//   any open status --merge(into)--> merged
//   closed|rejected --reopen(reason)--> dispatched (lead unit kept) or accepted (none)
//   note: any status, no change
//
// Who: a dispatcher (admin, or an officer of the dispatching unit, 生态环境局) accepts,
// rejects, dispatches, merges, verifies, sends back and closes; the lead unit's
// officers (their unit or a unit under it) start, return and resolve; an inspector
// verifies, sends back, closes and reopens. Anyone who may see the case and write
// may add a note. A read-only token may do nothing.
// Decide() answers kForbidden when the actor's role can never take the action on
// this case, kConflict when it could but not in the current status (or the reopen
// window has passed).
#pragma once

#include <string>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/cases/model.h"
#include "greenloop/org/model.h"

namespace gl::cases {

// What an actor is to one case, worked out from roles and unit paths.
struct Relation {
  bool can_write = false;     // not a read-only token
  bool dispatcher = false;    // admin, or an officer of the dispatching unit
  bool lead_handler = false;  // an officer of the lead unit or a unit above it (before a
                              // lead unit is set: of the case's subdistrict)
  bool co_handler = false;    // an officer of a co-unit
  bool inspector = false;
  bool sees = false;  // may read the case at all
};

// dispatcher_path: the dispatching unit's path; lead_path and co_paths: "" when none;
// subdistrict_path: the case's subdistrict ("" when none).
Relation RelationOf(const org::Actor& actor, const std::string& dispatcher_path,
                    const std::string& lead_path, const std::vector<std::string>& co_paths,
                    const std::string& subdistrict_path);

struct TransitionRule {
  Action action;
  std::vector<CaseStatus> from;  // empty = any status (note)
  // The status after; for reopen it depends on the lead unit (NextStatus).
  CaseStatus to;
  bool is_public;                     // the timeline entry shows to the citizen
  std::vector<std::string> required;  // input fields that must be present
};
// The rule of a staff action; nullptr for kCreate/kEscalate/kAttach/kRate.
const TransitionRule* RuleOf(Action action);
const std::vector<TransitionRule>& AllRules();

// Whether the relation's roles may ever take `action` (ignoring status).
bool RoleMay(Action action, const Relation& rel);

struct Decision {
  ErrorCode code = ErrorCode::kOk;  // kOk, kForbidden or kConflict
  CaseStatus to = CaseStatus::kReported;
  std::string message;  // Chinese, for the error
};
Decision Decide(const Case& c, Action action, const Relation& rel);

// The status reopen leads to: dispatched when the case still has a lead unit.
CaseStatus ReopenStatus(const Case& c);

// The staff actions the relation may take now, in StaffActions() order.
std::vector<Action> AllowedActions(const Case& c, const Relation& rel);

// The citizen may reopen a closed case within `window_ms` of its closure, and
// rate it once after closure.
bool CitizenMayReopen(const Case& c, TimeMs now, TimeMs window_ms);
bool CitizenMayRate(const Case& c);

}  // namespace gl::cases
