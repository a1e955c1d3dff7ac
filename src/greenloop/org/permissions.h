// greenloop/org/permissions.h
//
// Who may see and do what, by role and unit scope. Pure: no database, no HTTP.
// Every capability's service asks these before any work; a deny is final.
//
// Scope: district-wide actors (admin, inspector, or anyone whose unit is the
// district itself) see every unit's records. Everyone else sees the records of
// their own unit and the units under it: a subdistrict officer their subdistrict,
// a department leader their department.
#pragma once

#include <string_view>

#include "greenloop/org/model.h"

namespace gl::org {

bool IsDistrictWide(const Actor& actor);

// Whether a record owned by the unit with this path is inside the actor's scope.
bool InScope(const Actor& actor, std::string_view unit_path);

// The path prefix an actor's list queries are limited to ("/" for district-wide).
std::string ScopePrefix(const Actor& actor);

// Units, people and tokens are managed by admins only.
bool CanManageOrg(const Actor& actor);

// A token with scope "read" may not change anything.
bool CanWrite(const Actor& actor);

}  // namespace gl::org
