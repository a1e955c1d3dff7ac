// greenloop/cases/stats.h
//
// Case statistics per lead unit and period, for dashboards and the monthly
// assessment, and the funnel of the dashboard. Read-only SQL over `cases`.
//
// Definitions (platform choices; the issue names the measures, not their formulas):
//   received          cases reported in [from, to) whose lead unit is the unit
//   closed            cases closed in [from, to)
//   closed_on_time    of those, resolved no later than their due time (or with none)
//   overdue_now       open cases whose running deadline has passed now (accept deadline
//                     while reported/accepted, resolve deadline while dispatched/in progress)
//   avg_handling_hours  mean of closed_at - created_at over the cases closed in the period
//   reopen_rate       share of the cases closed in the period that were reopened at least once
//   satisfaction      mean rating (1..5) of the cases closed in the period that were rated
// Cases not yet dispatched have no lead unit; district-wide readers get them as one row
// with "unit": null.
//
// Scope: district-wide actors and the dispatching unit see every unit; others their unit
// and the units under it. A `unit_id` outside the scope is kForbidden.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/base/json.h"
#include "greenloop/cases/model.h"
#include "greenloop/db/database.h"
#include "greenloop/org/model.h"

namespace gl::cases {

struct UnitStats {
  std::optional<UnitRef> unit;  // nullopt: not yet dispatched
  long long received = 0, closed = 0, closed_on_time = 0, overdue_now = 0, reopened = 0;
  std::optional<double> avg_handling_hours;
  std::optional<double> satisfaction;
  long long rated = 0;
  std::optional<double> reopen_rate() const {
    return closed > 0 ? std::optional<double>(double(reopened) / double(closed)) : std::nullopt;
  }
};

struct Funnel {
  long long received = 0, in_progress = 0, overdue = 0, closed = 0;
};

struct CaseStats {
  std::vector<UnitStats> items;  // by unit name
  Funnel funnel;
};

struct StatsQuery {
  TimeMs from = 0, to = 0;  // [from, to)
  std::optional<Id> unit_id;
  TimeMs now = 0;
};

// dispatcher_unit_code: RoutingTable::dispatcher_unit (its officers read district-wide).
Result<CaseStats> ComputeCaseStats(db::Database& db, const org::Actor& actor,
                                   const std::string& dispatcher_unit_code,
                                   const StatsQuery& query);

// {"from","to","items":[{"unit":{"id","name"}|null,"received","closed","closed_on_time",
//  "overdue_now","avg_handling_hours","reopen_rate","satisfaction"}],"funnel":{...}}
json::object CaseStatsJson(const CaseStats& stats, const StatsQuery& query);

}  // namespace gl::cases
