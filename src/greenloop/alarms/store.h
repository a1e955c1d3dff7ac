// greenloop/alarms/store.h
//
// SQL for alarm rules, alarms and suppressions. Every function runs on the session
// it is given (the caller owns the transaction) and lets SOCI's exceptions through
// to Database::Run/RunInTransaction. Find* return nullopt when there is no such
// row. No permission checks: that is the service's job.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "greenloop/alarms/model.h"

namespace gl::alarms::store {

// --- rules
void InsertRule(soci::session& sql, const Rule& rule);
void UpdateRule(soci::session& sql, const Rule& rule);
void DeleteRule(soci::session& sql, Id id);
std::optional<Rule> FindRule(soci::session& sql, Id id);
std::vector<Rule> ListRules(soci::session& sql);
long long CountRules(soci::session& sql);

// --- alarms
void InsertAlarm(soci::session& sql, const Alarm& alarm);
// The engine's view of an alarm: value, peak, count, times, severity, texts, case, and
// its status. It never turns an acknowledged alarm back to active, and never touches an
// alarm cleared by hand. Returns whether a row changed.
bool UpdateAlarmFromEngine(soci::session& sql, const Alarm& alarm);
std::optional<Alarm> FindAlarm(soci::session& sql, Id id);

struct AlarmFilter {
  std::string scope_prefix = "/";     // unit path prefix: subdistrict or department
  std::vector<std::string> statuses;  // empty: any
  std::optional<Id> site_id;
  std::string rule_kind, category, severity, site_kind;
  std::optional<TimeMs> from, to;  // first_at in [from, to)
};
// Newest first.
std::vector<Alarm> ListAlarms(soci::session& sql, const AlarmFilter& filter, int offset, int limit,
                              long long& total);
// Every alarm not cleared (for the engine's restart).
std::vector<Alarm> OpenAlarms(soci::session& sql);

// active -> acknowledged. false when the alarm is not active.
bool Acknowledge(soci::session& sql, Id id, Id by, TimeMs at, const std::string& comment);
// open -> cleared by a person. false when the alarm is already cleared.
bool ClearByHand(soci::session& sql, Id id, Id by, TimeMs at, const std::string& reason);

// Sites in scope with an open alarm, and the state the worst of them gives:
// (site id, "exceeding" | "no_data" | "suspect"); device-only problems count as no_data.
std::vector<std::pair<Id, std::string>> SiteStates(soci::session& sql,
                                                   const std::string& scope_prefix);

// --- suppressions
void InsertSuppression(soci::session& sql, const Suppression& s);
// Ends the device's open suppression of that flag.
void EndSuppression(soci::session& sql, Id device_id, const std::string& flag, TimeMs ended_at);

}  // namespace gl::alarms::store
