// Scope rules as a table of situations (tests/data/org/scope.tsv).
#include "greenloop/org/permissions.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace gl::org {
namespace {

// The unit tree the table refers to: /1/ district, /1/2/ eeb, /1/3/ hlq, /1/3/4/ an
// enterprise in hlq, /1/5/ syl.
std::string PathOf(const std::string& name) {
  if (name == "district") return "/1/";
  if (name == "eeb") return "/1/2/";
  if (name == "hlq") return "/1/3/";
  if (name == "hlq_enterprise") return "/1/3/4/";
  if (name == "syl") return "/1/5/";
  ADD_FAILURE() << "unknown unit " << name;
  return "";
}

UnitKind KindOf(const std::string& name) {
  if (name == "district") return UnitKind::kDistrict;
  if (name == "eeb") return UnitKind::kDepartment;
  if (name == "hlq_enterprise") return UnitKind::kEnterprise;
  return UnitKind::kSubdistrict;
}

TEST(PermissionsTest, ScopeTable) {
  std::ifstream in(std::string(GL_SOURCE_DIR) + "/tests/data/org/scope.tsv");
  ASSERT_TRUE(in) << "missing tests/data/org/scope.tsv";
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream row(line);
    std::string role, actor_unit, record_unit, expected;
    row >> role >> actor_unit >> record_unit >> expected;
    Actor actor;
    actor.roles = {*ParseRole(role)};
    actor.unit.path = PathOf(actor_unit);
    actor.unit.kind = KindOf(actor_unit);
    EXPECT_EQ(InScope(actor, PathOf(record_unit)), expected == "yes") << line;
    ++cases;
  }
  EXPECT_GT(cases, 10);
}

TEST(PermissionsTest, OnlyWritableAdminsManage) {
  Actor admin;
  admin.roles = {Role::kAdmin};
  EXPECT_TRUE(CanManageOrg(admin));
  admin.via = Actor::Via::kToken;
  admin.token_scope = "read";
  EXPECT_FALSE(CanManageOrg(admin));
  Actor leader;
  leader.roles = {Role::kLeader};
  EXPECT_FALSE(CanManageOrg(leader));
}

}  // namespace
}  // namespace gl::org
