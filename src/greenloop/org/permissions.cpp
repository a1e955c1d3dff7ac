#include "greenloop/org/permissions.h"

namespace gl::org {

bool IsDistrictWide(const Actor& actor) {
  return actor.Has(Role::kAdmin) || actor.Has(Role::kInspector) ||
         actor.unit.kind == UnitKind::kDistrict;
}

bool InScope(const Actor& actor, std::string_view unit_path) {
  if (IsDistrictWide(actor)) return true;
  return !actor.unit.path.empty() && unit_path.rfind(actor.unit.path, 0) == 0;
}

std::string ScopePrefix(const Actor& actor) {
  return IsDistrictWide(actor) ? std::string("/") : actor.unit.path;
}

bool CanManageOrg(const Actor& actor) { return actor.Has(Role::kAdmin) && CanWrite(actor); }

bool CanWrite(const Actor& actor) {
  return actor.via != Actor::Via::kToken || actor.token_scope == "write";
}

}  // namespace gl::org
