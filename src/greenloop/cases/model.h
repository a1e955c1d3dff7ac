// greenloop/cases/model.h
//
// The closed-loop case (一件事): one matter from whatever source, flowing from the
// report through acceptance, dispatch, handling, verification to closure. Plain
// data and the names every layer uses for statuses, actions, sources and
// priorities; the state machine is in state_machine.h, the SQL in store.h.
//
// Numbers read aloud: "YZ-2026-000123" = prefix, the year of the report (Asia/Shanghai)
// and a per-year sequence handed out in the creating transaction.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenloop/base/id.h"
#include "greenloop/base/json.h"
#include "greenloop/base/time.h"

namespace gl::cases {

enum class CaseStatus {
  kReported,
  kAccepted,
  kRejected,
  kDispatched,
  kInProgress,
  kResolved,
  kVerified,
  kClosed,
  kMerged,
};
std::string_view StatusName(CaseStatus status);  // "reported", "in_progress", ...
std::optional<CaseStatus> ParseStatus(std::string_view name);
// Open = not rejected, closed or merged (still somebody's work).
bool IsOpen(CaseStatus status);

// What a person (or the system) does to a case; each is one timeline entry.
enum class Action {
  kAccept,
  kReject,
  kDispatch,
  kStart,
  kReturn,
  kResolve,
  kVerify,
  kSendBack,
  kClose,
  kMerge,
  kReopen,
  kNote,
  // Taken by the system or the public, never offered in "actions":
  kCreate,    // the report itself
  kEscalate,  // overdue: level 1..3
  kAttach,    // an alarm or a merged case joined this case
  kRate,      // the citizen's satisfaction
};
std::string_view ActionName(Action action);  // "accept", "send_back", ...
std::optional<Action> ParseAction(std::string_view name);
// The twelve actions staff may take through POST /cases/{id}/<action>, in API order.
const std::vector<Action>& StaffActions();

enum class Source { kAlarm, kComplaint, kHotline, kInspection, kPatrol, kRectification };
std::string_view SourceName(Source source);
std::optional<Source> ParseSource(std::string_view name);

enum class Priority { kNormal, kUrgent, kCritical };
std::string_view PriorityName(Priority priority);
std::optional<Priority> ParsePriority(std::string_view name);

// Reasons for a rejection.
enum class RejectReason { kNotOurs, kDuplicate, kInvalid };
std::string_view RejectReasonName(RejectReason reason);  // "not_ours", "duplicate", "invalid"
std::optional<RejectReason> ParseRejectReason(std::string_view name);

// A node of the category taxonomy (data/cases/categories.json).
struct Category {
  std::string code;  // "fume", "water.sewage"
  std::string name;  // Chinese
  std::string name_en;
  std::string parent;  // empty for a top-level category
  std::vector<std::string> children;
};

struct GeoPoint {
  double lon = 0, lat = 0;
};

struct UnitRef {
  Id id = 0;
  std::string name;
};

struct CaseRef {
  Id id = 0;
  std::string number;
};

struct Reporter {
  std::string name;   // may be empty: anonymous reports are allowed
  std::string phone;  // may be empty
};

struct Case {
  Id id = 0;
  std::string number;  // YZ-2026-000123
  Source source = Source::kComplaint;
  std::string category;  // code; names come from the taxonomy
  std::string title;
  std::string description;
  std::optional<GeoPoint> location;
  std::string address;
  std::optional<UnitRef> site;         // a monitoring site (alarm cases, optional otherwise)
  std::optional<UnitRef> subdistrict;  // the subdistrict unit the matter is in
  Priority priority = Priority::kNormal;
  CaseStatus status = CaseStatus::kReported;
  std::optional<UnitRef> lead_unit;
  std::vector<UnitRef> co_units;
  std::optional<TimeMs> accept_due_at;  // while reported
  std::optional<TimeMs> due_at;         // resolve deadline, once dispatched
  std::optional<TimeMs> remind_at;      // the follow-up reminder before due_at
  int escalation_level = 0;             // 0..3
  bool supervised = false;              // 督办 (level 3)
  std::optional<Reporter> reporter;     // nullopt: anonymous, or an alarm
  std::optional<CaseRef> merged_into;
  std::vector<Id> alarm_ids;
  std::vector<CaseRef> linked_cases;  // cases merged into this one
  std::optional<int> satisfaction;    // 1..5, the citizen's rating
  std::string satisfaction_comment;
  std::string problem_key;    // alarm cases: same site + key = same problem
  std::string reject_reason;  // "not_ours" etc. while rejected
  int reopen_count = 0;
  Id created_by = 0;  // 0: the public or the system
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::optional<TimeMs> accepted_at, dispatched_at, resolved_at, closed_at;

  // Whether the running deadline (accept while reported, resolve once dispatched)
  // has passed at `now`.
  bool OverdueAt(TimeMs now) const;
};

// One entry of a case's history. Public entries are shown to the citizen (their
// text comes from the reply templates); internal ones to staff only.
struct TimelineEntry {
  Id id = 0;
  Id case_id = 0;
  TimeMs at = 0;
  std::string action;  // ActionName(), e.g. "dispatch", "escalate"
  CaseStatus status_after = CaseStatus::kReported;
  Id actor_id = 0;         // 0: the public or the system
  std::string actor_name;  // empty for the public / system
  std::string actor_unit;
  bool is_public = false;
  std::string text;   // Chinese
  json::object data;  // action-specific: reason, lead_unit_id, level, attachment_ids ...
};

// An in-app notification for one person (escalations, dispatches).
struct Notification {
  Id id = 0;
  Id person_id = 0;
  TimeMs at = 0;
  std::string kind;  // "escalation", "dispatch", "returned", "reopened"
  CaseRef case_ref;
  std::string text;
  bool read = false;
};

// An attachment as the case detail lists it (stored by the cases-public attachments part).
struct AttachmentRef {
  Id id = 0;
  std::string name;
  std::string content_type;
  long long size = 0;
  std::string url;
};

// An offer at intake: an open case of the same category, near and recent.
struct DuplicateOffer {
  CaseRef ref;
  std::string title;
  double distance_m = 0;
};

// Filters of the staff list (and of the export and the statistics).
struct CaseFilter {
  std::vector<CaseStatus> statuses;  // any of; empty = all
  bool open_only = false;            // status "open"
  std::optional<Id> unit_id;         // lead or co-unit
  std::string category;              // a code; a parent code matches its children
  std::optional<Source> source;
  bool overdue_only = false;
  std::optional<Id> subdistrict_id;
  std::string text;                  // in number, title, description, address
  std::optional<TimeMs> from, to;    // created_at in [from, to)
  std::string sort = "-created_at";  // created_at, due_at, updated_at, priority; '-' = descending
};

template <typename T>
struct Page {
  std::vector<T> items;
  long long total = 0;
};

}  // namespace gl::cases
