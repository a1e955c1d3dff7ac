// The state machine as pure code, against the table in tests/data/cases/transitions.json:
// every action, for every role, on a case in every status.
#include <gtest/gtest.h>

#include <algorithm>

#include "cases/case_fixture.h"
#include "greenloop/cases/state_machine.h"

namespace gl::cases {
namespace {

using testing::TransitionTable;

// Demo-like unit paths: district /1/, bureau /1/2/, 化龙桥 /1/3/, 石油路 /1/4/, and an
// enterprise under 化龙桥 /1/3/5/.
org::Actor ActorFor(const std::string& role) {
  org::Actor a;
  a.person_id = 7;
  a.login = role;
  a.unit.path = "/1/";
  a.unit.kind = org::UnitKind::kDistrict;
  auto dept = [&](const char* path) {
    a.unit.path = path;
    a.unit.kind = org::UnitKind::kDepartment;
  };
  if (role == "admin") a.roles = {org::Role::kAdmin};
  if (role == "inspector") a.roles = {org::Role::kInspector};
  if (role == "eeb.officer" || role == "eeb.officer:read-token") {
    dept("/1/2/");
    a.roles = {org::Role::kOfficer};
  }
  if (role == "eeb.leader") {
    dept("/1/2/");
    a.roles = {org::Role::kLeader};
  }
  if (role == "hlq.officer") {
    a.unit.path = "/1/3/";
    a.unit.kind = org::UnitKind::kSubdistrict;
    a.roles = {org::Role::kOfficer};
  }
  if (role == "syl.officer") {
    a.unit.path = "/1/4/";
    a.unit.kind = org::UnitKind::kSubdistrict;
    a.roles = {org::Role::kOfficer};
  }
  if (role == "enterprise") {
    a.unit.path = "/1/3/5/";
    a.unit.kind = org::UnitKind::kEnterprise;
    a.roles = {org::Role::kEnterprise};
  }
  if (role == "eeb.officer:read-token") {
    a.via = org::Actor::Via::kToken;
    a.token_scope = "read";
  }
  return a;
}

bool Listed(const json::value& list, const std::string& s) {
  if (list.is_string()) return list.as_string() == "*";
  for (const auto& v : list.as_array()) {
    if (v.as_string() == s) return true;
  }
  return false;
}

TEST(StateMachineTest, EveryActionForEveryRoleInEveryStatus) {
  const json::object& table = TransitionTable();
  int checked = 0;
  for (const auto& status_v : table.at("statuses").as_array()) {
    std::string status(status_v.as_string());
    Case c;
    c.status = *ParseStatus(status);
    bool has_lead = status != "reported" && status != "accepted" && status != "rejected";
    if (has_lead) c.lead_unit = UnitRef{3, "化龙桥街道"};
    for (const auto& [role, role_v] : table.at("roles").as_object()) {
      Relation rel = RelationOf(ActorFor(std::string(role)), "/1/2/", has_lead ? "/1/3/" : "",
                                {"/1/6/"}, "/1/3/");
      EXPECT_EQ(rel.sees, role_v.at("sees").as_bool()) << role;
      for (const auto& row_v : table.at("actions").as_array()) {
        const json::object& row = row_v.as_object();
        std::string action(row.at("action").as_string());
        Decision d = Decide(c, *ParseAction(action), rel);
        ErrorCode want = !Listed(row.at("roles"), std::string(role)) ? ErrorCode::kForbidden
                         : !Listed(row.at("from"), status)           ? ErrorCode::kConflict
                                                                     : ErrorCode::kOk;
        EXPECT_EQ(d.code, want) << role << " " << action << " on " << status << ": " << d.message;
        std::string to(row.at("to").as_string());
        if (want == ErrorCode::kOk && to != "same") {
          std::string got(StatusName(d.to));
          if (action == "reopen") {
            EXPECT_EQ(got, has_lead ? "dispatched" : "accepted");
          } else {
            EXPECT_EQ(got, to) << action;
          }
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 9 * 8 * 12);
}

TEST(StateMachineTest, RulesMatchTheTable) {
  for (const auto& row_v : TransitionTable().at("actions").as_array()) {
    const json::object& row = row_v.as_object();
    const TransitionRule* rule = RuleOf(*ParseAction(row.at("action").as_string()));
    ASSERT_NE(rule, nullptr);
    EXPECT_EQ(rule->is_public, row.at("public").as_bool()) << row.at("action");
  }
  EXPECT_EQ(RuleOf(Action::kEscalate), nullptr);
}

TEST(StateMachineTest, AllowedActionsAreWhatTheUserMayDoNow) {
  Case c;
  c.status = CaseStatus::kDispatched;
  c.lead_unit = UnitRef{3, "化龙桥街道"};
  auto names = [](const std::vector<Action>& v) {
    std::vector<std::string> out;
    for (Action a : v) out.emplace_back(ActionName(a));
    return out;
  };
  Relation hlq = RelationOf(ActorFor("hlq.officer"), "/1/2/", "/1/3/", {}, "/1/3/");
  EXPECT_EQ(names(AllowedActions(c, hlq)), (std::vector<std::string>{"start", "return", "note"}));
  Relation eeb = RelationOf(ActorFor("eeb.officer"), "/1/2/", "/1/3/", {}, "/1/3/");
  EXPECT_EQ(names(AllowedActions(c, eeb)), (std::vector<std::string>{"merge", "note"}));
  Relation ro = RelationOf(ActorFor("eeb.officer:read-token"), "/1/2/", "/1/3/", {}, "/1/3/");
  EXPECT_TRUE(AllowedActions(c, ro).empty());
}

TEST(StateMachineTest, CitizenReopensOnlyWithinSevenDaysOfClosure) {
  Case c;
  c.status = CaseStatus::kClosed;
  c.closed_at = 1000;
  TimeMs week = 7LL * 24 * 3600 * 1000;
  EXPECT_TRUE(CitizenMayReopen(c, 1000 + week, week));
  EXPECT_FALSE(CitizenMayReopen(c, 1001 + week, week));
  EXPECT_TRUE(CitizenMayRate(c));
  c.satisfaction = 4;
  EXPECT_FALSE(CitizenMayRate(c));
  c.status = CaseStatus::kResolved;
  EXPECT_FALSE(CitizenMayReopen(c, 2000, week));
}

}  // namespace
}  // namespace gl::cases
