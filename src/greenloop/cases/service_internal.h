// greenloop/cases/service_internal.h
//
// Helpers shared by the service's files (service*.cpp). Not for other capabilities.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "greenloop/cases/service.h"
#include "greenloop/cases/state_machine.h"
#include "greenloop/cases/store.h"

namespace gl::cases {

// What one transaction decided to tell units (webhooks), sent after it committed.
struct UnitEvent {
  Id unit_id = 0;
  std::string kind;
  Case c;
  std::string text;
};

struct ServiceAccess {
  CaseService& s;

  const CaseConfig& cfg() const { return s.config_; }
  const CaseOptions& opt() const { return s.options_; }
  TimeMs now() const { return s.options_.clock(); }
  const AttachmentHooks& attachments() const { return s.attachments_; }
  void Emit(const std::vector<UnitEvent>& events) const;

  // The dispatching unit (生态环境局 in the demo); empty path when it does not exist.
  store::UnitInfo Dispatcher(soci::session& sql) const;
  Relation RelationFor(soci::session& sql, const org::Actor& actor,
                       const store::CaseRecord& r) const;
  CaseView View(const org::Actor& actor, const Relation& rel, const store::CaseRecord& r) const;

  // Deadlines.
  DeadlineRule RuleFor(const Case& c) const;
  // The time the next escalation level falls due, from the running deadline and the level.
  std::optional<TimeMs> EscalateAt(const Case& c) const;
  // Sets due_at, remind_at, the reminder flag and resets the escalation after a dispatch.
  void StartResolveClock(store::CaseRecord& r, TimeMs now, std::optional<TimeMs> due) const;
  void StartAcceptClock(store::CaseRecord& r, TimeMs now) const;

  // The category's Chinese name ("" for an unknown code).
  std::string CategoryName(const std::string& code) const;
  // A public timeline text from the reply templates.
  std::string Reply(soci::session& sql, const Case& c, const std::string& action,
                    std::map<std::string, std::string> vars) const;

  // Writes a timeline entry (and returns it).
  TimelineEntry AddEvent(soci::session& sql, const store::CaseRecord& r, Action action,
                         const org::Actor* actor, bool is_public, std::string text,
                         json::object data) const;
  Status Audit(soci::session& sql, const org::Actor& actor, const std::string& action,
               const store::CaseRecord& before, const store::CaseRecord& after) const;
  // In-app notifications to people of a unit with a role; unit_id 0 = any unit.
  void Notify(soci::session& sql, Id unit_id, const std::string& role, const std::string& kind,
              const Case& c, const std::string& text) const;

  // Writes the record (and its co-units when `co_changed`).
  void Save(soci::session& sql, store::CaseRecord& r, bool co_changed) const;
};

// The actor that stands for a citizen (no person, no roles).
org::Actor PublicActor();
// "2026-12-03 15:00" in Asia/Shanghai.
std::string FormatLocalMinute(TimeMs t);
// Metres between two points (haversine, mean Earth radius).
double DistanceMeters(const GeoPoint& a, const GeoPoint& b);
// The Chinese label of a reject reason.
std::string RejectReasonText(const std::string& reason);
// A short JSON summary of a case for audit events.
json::object AuditSummary(const Case& c);

}  // namespace gl::cases
