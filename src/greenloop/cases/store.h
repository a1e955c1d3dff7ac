// greenloop/cases/store.h
//
// SQL for cases, their timeline, co-units, alarms, notifications and the admins'
// template edits. Every function runs on the session it is given (the caller owns
// the transaction) and lets SOCI's exceptions through to Database::Run/Transact.
// Find* return nullopt when there is no such row. No permission checks here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "greenloop/cases/model.h"

namespace gl::cases::store {

// A case with what the service needs beside the model: the unit paths that decide
// scope, the tracking code's hash and the reminder flag.
struct CaseRecord {
  Case c;
  std::string lead_path, subdistrict_path;
  std::vector<std::string> co_paths;
  std::string tracking_hash;
  bool reminded = false;
  std::optional<TimeMs> escalate_at;  // the next escalation level's time
};

// The next number of `year` for `prefix`: "YZ-2026-000124". Bumps the year's counter
// in the caller's transaction (serialised by the row lock / SQLite's write lock).
std::string NextNumber(soci::session& sql, const std::string& prefix, int year);

void InsertCase(soci::session& sql, const CaseRecord& r);
// Writes every mutable column of the case (status, units, deadlines, ...).
void UpdateCase(soci::session& sql, const CaseRecord& r);
void SetCoUnits(soci::session& sql, Id case_id, const std::vector<Id>& unit_ids);

std::optional<CaseRecord> FindCase(soci::session& sql, Id id);
// Takes the case row's write lock for the rest of the transaction (PostgreSQL; on
// SQLite the transaction already holds the database's write lock).
void LockCase(soci::session& sql, Id id);
void LockCaseByNumber(soci::session& sql, const std::string& number);
// The same for a monitoring site (serialises alarm hand-offs per site).
void LockSite(soci::session& sql, Id site_id);
std::optional<CaseRecord> FindCaseByNumber(soci::session& sql, const std::string& number);

// scope_unit_ids: nullopt = every case; otherwise cases whose lead unit, subdistrict
// or a co-unit is one of them. categories: the filter's code and its children.
std::vector<CaseRecord> ListCases(soci::session& sql, const CaseFilter& filter,
                                  const std::vector<std::string>& categories,
                                  const std::optional<std::vector<Id>>& scope_unit_ids, TimeMs now,
                                  int offset, int limit, long long& total);

// Alarms.
void AttachAlarm(soci::session& sql, Id case_id, Id alarm_id, TimeMs at);
// The open case with this site and problem key, if any (the newest).
std::optional<Id> FindOpenCaseForProblem(soci::session& sql, Id site_id,
                                         const std::string& problem_key);

// Open cases of the category created since `since` within the bounding box
// (for the duplicate offer; the caller measures the distance).
std::vector<CaseRecord> OpenCasesNear(soci::session& sql, const std::string& category, TimeMs since,
                                      double min_lon, double max_lon, double min_lat,
                                      double max_lat, Id except_id);

// Ids of cases whose escalate_at is before `now`, or whose reminder time has passed
// without a reminder while they are being handled.
std::vector<Id> CasesToEscalate(soci::session& sql, TimeMs now, int limit);

// The timeline.
void InsertEvent(soci::session& sql, const TimelineEntry& e);
std::vector<TimelineEntry> ListEvents(soci::session& sql, Id case_id, bool public_only);

// Notifications.
void InsertNotification(soci::session& sql, const Notification& n);
std::vector<Notification> ListNotifications(soci::session& sql, Id person_id, bool unread_only,
                                            int offset, int limit, long long& total);
void MarkNotificationsRead(soci::session& sql, Id person_id, const std::vector<Id>& ids, TimeMs at);

// Units and people, as far as cases need them.
struct UnitInfo {
  Id id = 0;
  std::string code, name, path, kind;
};
std::optional<UnitInfo> FindUnit(soci::session& sql, Id id);
std::optional<UnitInfo> FindUnitByCode(soci::session& sql, const std::string& code);
// Units whose path starts with `prefix` (an actor's scope).
std::vector<Id> UnitIdsUnder(soci::session& sql, const std::string& prefix);
// Active people of a unit holding `role` ("officer", "leader", ...); unit_id 0 = any unit.
std::vector<Id> PeopleWithRole(soci::session& sql, Id unit_id, const std::string& role);

// Template overrides: (category, action, text).
struct TemplateRow {
  std::string category, action, text;
};
std::vector<TemplateRow> ListTemplates(soci::session& sql);
void UpsertTemplate(soci::session& sql, const TemplateRow& row, Id by, TimeMs at);

// Webhooks per unit.
std::optional<std::string> FindWebhook(soci::session& sql, Id unit_id);
void SetWebhook(soci::session& sql, Id unit_id, const std::string& url, TimeMs at);

}  // namespace gl::cases::store
