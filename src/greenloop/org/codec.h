// greenloop/org/codec.h
//
// JSON forms of units, people and actors, shared by the API and the audit
// summaries. Ids travel as strings (64-bit ids exceed JavaScript's safe integers);
// times as ISO 8601 in Asia/Shanghai. Passwords and hashes never appear.
#pragma once

#include "greenloop/base/json.h"
#include "greenloop/org/model.h"

namespace gl::org {

json::object UnitToJson(const Unit& unit);
json::object PersonToJson(const Person& person);
// {"id","login","name","unit":{...},"roles":[...],"phone","active"} for /me and sign-in.
json::object ActorToJson(const Actor& actor, const std::optional<std::string>& phone);
json::array RolesToJson(const std::vector<Role>& roles);

}  // namespace gl::org
