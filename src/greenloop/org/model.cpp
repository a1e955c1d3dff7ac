#include "greenloop/org/model.h"

#include <algorithm>
#include <array>
#include <utility>

namespace gl::org {

namespace {
constexpr std::array<std::pair<UnitKind, std::string_view>, 4> kUnitKinds = {{
    {UnitKind::kDistrict, "district"},
    {UnitKind::kDepartment, "department"},
    {UnitKind::kSubdistrict, "subdistrict"},
    {UnitKind::kEnterprise, "enterprise"},
}};
constexpr std::array<std::pair<Role, std::string_view>, 7> kRoles = {{
    {Role::kAdmin, "admin"},
    {Role::kLeader, "leader"},
    {Role::kOfficer, "officer"},
    {Role::kInspector, "inspector"},
    {Role::kRiverChief, "river_chief"},
    {Role::kEnterprise, "enterprise"},
    {Role::kCitizen, "citizen"},
}};

template <typename E, size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "unknown";
}
template <typename E, size_t N>
std::optional<E> ValueOf(const std::array<std::pair<E, std::string_view>, N>& table,
                         std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}
}  // namespace

std::string_view UnitKindName(UnitKind kind) { return NameOf(kUnitKinds, kind); }
std::optional<UnitKind> ParseUnitKind(std::string_view name) { return ValueOf(kUnitKinds, name); }
std::string_view RoleName(Role role) { return NameOf(kRoles, role); }
std::optional<Role> ParseRole(std::string_view name) { return ValueOf(kRoles, name); }

bool Actor::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

Actor Actor::System() {
  Actor a;
  a.login = "system";
  a.name = "system";
  a.unit.kind = UnitKind::kDistrict;
  a.unit.path = "/";
  a.roles = {Role::kAdmin};
  a.via = Via::kSystem;
  return a;
}

}  // namespace gl::org
