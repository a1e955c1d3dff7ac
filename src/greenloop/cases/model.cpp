#include "greenloop/cases/model.h"

#include <array>
#include <utility>

namespace gl::cases {
namespace {

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return {};
}

template <typename E, size_t N>
std::optional<E> Parse(const std::array<std::pair<E, std::string_view>, N>& table,
                       std::string_view name) {
  for (const auto& [e, n] : table) {
    if (n == name) return e;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<CaseStatus, std::string_view>, 9> kStatuses{{
    {CaseStatus::kReported, "reported"},
    {CaseStatus::kAccepted, "accepted"},
    {CaseStatus::kRejected, "rejected"},
    {CaseStatus::kDispatched, "dispatched"},
    {CaseStatus::kInProgress, "in_progress"},
    {CaseStatus::kResolved, "resolved"},
    {CaseStatus::kVerified, "verified"},
    {CaseStatus::kClosed, "closed"},
    {CaseStatus::kMerged, "merged"},
}};

constexpr std::array<std::pair<Action, std::string_view>, 16> kActions{{
    {Action::kAccept, "accept"},
    {Action::kReject, "reject"},
    {Action::kDispatch, "dispatch"},
    {Action::kStart, "start"},
    {Action::kReturn, "return"},
    {Action::kResolve, "resolve"},
    {Action::kVerify, "verify"},
    {Action::kSendBack, "send_back"},
    {Action::kClose, "close"},
    {Action::kMerge, "merge"},
    {Action::kReopen, "reopen"},
    {Action::kNote, "note"},
    {Action::kCreate, "create"},
    {Action::kEscalate, "escalate"},
    {Action::kAttach, "attach"},
    {Action::kRate, "rate"},
}};

constexpr std::array<std::pair<Source, std::string_view>, 6> kSources{{
    {Source::kAlarm, "alarm"},
    {Source::kComplaint, "complaint"},
    {Source::kHotline, "hotline"},
    {Source::kInspection, "inspection"},
    {Source::kPatrol, "patrol"},
    {Source::kRectification, "rectification"},
}};

constexpr std::array<std::pair<Priority, std::string_view>, 3> kPriorities{{
    {Priority::kNormal, "normal"},
    {Priority::kUrgent, "urgent"},
    {Priority::kCritical, "critical"},
}};

constexpr std::array<std::pair<RejectReason, std::string_view>, 3> kReasons{{
    {RejectReason::kNotOurs, "not_ours"},
    {RejectReason::kDuplicate, "duplicate"},
    {RejectReason::kInvalid, "invalid"},
}};

}  // namespace

std::string_view StatusName(CaseStatus status) { return NameOf(kStatuses, status); }
std::optional<CaseStatus> ParseStatus(std::string_view name) { return Parse(kStatuses, name); }
bool IsOpen(CaseStatus status) {
  return status != CaseStatus::kRejected && status != CaseStatus::kClosed &&
         status != CaseStatus::kMerged;
}

std::string_view ActionName(Action action) { return NameOf(kActions, action); }
std::optional<Action> ParseAction(std::string_view name) { return Parse(kActions, name); }
const std::vector<Action>& StaffActions() {
  static const std::vector<Action> actions = {Action::kAccept, Action::kReject,   Action::kDispatch,
                                              Action::kStart,  Action::kReturn,   Action::kResolve,
                                              Action::kVerify, Action::kSendBack, Action::kClose,
                                              Action::kMerge,  Action::kReopen,   Action::kNote};
  return actions;
}

std::string_view SourceName(Source source) { return NameOf(kSources, source); }
std::optional<Source> ParseSource(std::string_view name) { return Parse(kSources, name); }

std::string_view PriorityName(Priority priority) { return NameOf(kPriorities, priority); }
std::optional<Priority> ParsePriority(std::string_view name) { return Parse(kPriorities, name); }

std::string_view RejectReasonName(RejectReason reason) { return NameOf(kReasons, reason); }
std::optional<RejectReason> ParseRejectReason(std::string_view name) {
  return Parse(kReasons, name);
}

bool Case::OverdueAt(TimeMs now) const {
  if (status == CaseStatus::kReported || status == CaseStatus::kAccepted) {
    return accept_due_at && now > *accept_due_at;
  }
  if (status == CaseStatus::kDispatched || status == CaseStatus::kInProgress) {
    return due_at && now > *due_at;
  }
  return false;
}

}  // namespace gl::cases
