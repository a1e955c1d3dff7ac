// tests/cases/case_fixture.h
//
// A CaseService on a fresh migrated database (SQLite and PostgreSQL) with the demo
// district loaded, a fake clock, the signed-in demo people, and the transition
// table of tests/data/cases/transitions.json.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "greenloop/cases/service.h"
#include "greenloop/org/service.h"
#include "support/test_db.h"

namespace gl::cases::testing {

// The JSON of tests/data/cases/transitions.json.
const json::object& TransitionTable();
json::object ReadJsonFile(const std::string& path);

class CaseServiceTest : public gl::testing::StoreTest {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The demo person of that login, signed in (cached); "<login>:read-token" acts
  // through a read-only API token.
  const org::Actor& As(const std::string& login);
  Id UnitId(const std::string& code);
  Id SiteId(const std::string& code);

  // A complaint about cooking fumes in 化龙桥 (routes to 化龙桥街道), anonymous
  // unless a contact is given.
  PublicIntakeResult Complaint(const std::string& description = "楼下餐馆油烟很大",
                               std::optional<Reporter> contact = std::nullopt);
  // A fresh case brought into `status` by the demo people (merged: into a fresh one).
  Case CaseIn(const std::string& status);
  Case Do(const std::string& login, Id id, Action action, ActionInput in = {});

  TimeMs now_ = 0;  // the fake clock (starts Monday 2026-11-30 10:00 +08:00)
  std::unique_ptr<org::OrgService> org_;
  std::unique_ptr<CaseService> cases_;
  std::map<std::string, org::Actor> actors_;
};

}  // namespace gl::cases::testing
