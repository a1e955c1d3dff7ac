// greenloop/org/model.h
//
// Units, people, roles and the actor making a request: plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenloop/base/id.h"
#include "greenloop/base/time.h"

namespace gl::org {

enum class UnitKind { kDistrict, kDepartment, kSubdistrict, kEnterprise };
std::string_view UnitKindName(UnitKind kind);
std::optional<UnitKind> ParseUnitKind(std::string_view name);

enum class Role { kAdmin, kLeader, kOfficer, kInspector, kRiverChief, kEnterprise, kCitizen };
std::string_view RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct Unit {
  Id id = 0;
  std::optional<Id> parent_id;
  UnitKind kind = UnitKind::kDepartment;
  std::string code;
  std::string name;     // Chinese, the first language
  std::string name_en;
  std::string path;     // "/<root id>/.../<own id>/"
  bool active = true;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
};

struct Person {
  Id id = 0;
  Id unit_id = 0;
  std::string login;
  std::string name;
  std::optional<std::string> phone;
  std::vector<Role> roles;
  bool active = true;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::string unit_name;  // filled on reads, for display
};

// Who is asking, resolved from a session cookie or a bearer token.
struct Actor {
  Id person_id = 0;
  std::string login;
  std::string name;
  Unit unit;
  std::vector<Role> roles;
  enum class Via { kSession, kToken, kSystem } via = Via::kSession;
  std::string token_scope;  // "read" or "write", for kToken
  std::string csrf_token;   // for kSession

  bool Has(Role role) const;
  // The built-in actor for start-up work (demo loading, migrations).
  static Actor System();
};

}  // namespace gl::org
