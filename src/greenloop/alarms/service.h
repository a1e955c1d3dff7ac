// greenloop/alarms/service.h
//
// Alarms and alarm rules as the API sees them. Every call checks the actor first:
// an alarm is visible to the people of its site's subdistrict and supervising
// department and to district-wide roles; another unit's alarm by id reads as
// not_found, and a list asked for a site outside one's scope is forbidden. Staff
// (admin, leader, officer, inspector) in scope may acknowledge and clear; rules are
// changed by admins. Acknowledging, clearing and every rule change write an audit
// event in the same transaction.
//
// Errors: not_found, forbidden, invalid_argument (with field), conflict (an alarm
// already cleared, or acknowledged twice), internal on storage failure.
//
// Listener: after a committed change, OnChange's callback gets it (the runtime tells
// the engine and pushes it to the stream). Called on the request's thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "greenloop/alarms/model.h"
#include "greenloop/alarms/store.h"
#include "greenloop/base/error.h"
#include "greenloop/db/database.h"
#include "greenloop/monitoring/model.h"
#include "greenloop/org/model.h"

namespace gl::alarms {

struct AlarmChange {
  enum class Type { kAcknowledged, kCleared, kRulesChanged } type;
  Alarm alarm;  // for kAcknowledged and kCleared
};

struct AlarmDetail {
  Alarm alarm;
  std::vector<monitoring::Reading> readings;  // around the alarm, oldest first
};

// Whether the actor may see an alarm (its site's subdistrict or department paths).
bool CanSeeAlarm(const org::Actor& actor, const Alarm& alarm);

class AlarmService {
 public:
  explicit AlarmService(db::Database& db) : db_(db) {}

  // Seeds DefaultRules() when there are no rules at all. Returns how many were added.
  Result<int> SeedDefaultRules();

  Result<std::vector<Alarm>> List(const org::Actor& actor, store::AlarmFilter filter, int offset,
                                  int limit, long long& total);
  Result<AlarmDetail> Get(const org::Actor& actor, Id id);
  Result<Alarm> Acknowledge(const org::Actor& actor, Id id, const std::string& comment);
  Result<Alarm> Clear(const org::Actor& actor, Id id, const std::string& reason);
  Result<std::vector<std::pair<Id, std::string>>> SiteStates(const org::Actor& actor);

  Result<std::vector<Rule>> ListRules(const org::Actor& actor);
  Result<Rule> CreateRule(const org::Actor& actor, const json::object& body);
  Result<Rule> UpdateRule(const org::Actor& actor, Id id, const json::object& body);
  Status DeleteRule(const org::Actor& actor, Id id);

  // Every rule (no permission check: for the engine).
  Result<std::vector<Rule>> AllRules();

  void OnChange(std::function<void(const AlarmChange&)> listener) {
    on_change_ = std::move(listener);
  }

 private:
  Result<Alarm> Visible(const org::Actor& actor, Id id);
  void Notify(const AlarmChange& change) {
    if (on_change_) on_change_(change);
  }

  db::Database& db_;
  std::function<void(const AlarmChange&)> on_change_;
};

}  // namespace gl::alarms
