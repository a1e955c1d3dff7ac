#include "greenloop/org/codec.h"

namespace gl::org {

json::array RolesToJson(const std::vector<Role>& roles) {
  json::array out;
  for (Role r : roles) out.emplace_back(RoleName(r));
  return out;
}

json::object UnitToJson(const Unit& u) {
  return json::object{
      {"id", IdToJson(u.id)},
      {"parent_id", u.parent_id ? json::value(IdToJson(*u.parent_id)) : json::value(nullptr)},
      {"kind", UnitKindName(u.kind)},
      {"code", u.code},
      {"name", u.name},
      {"name_en", u.name_en},
      {"active", u.active},
      {"created_at", FormatIsoShanghai(u.created_at)},
      {"updated_at", FormatIsoShanghai(u.updated_at)},
  };
}

json::object PersonToJson(const Person& p) {
  return json::object{
      {"id", IdToJson(p.id)},
      {"login", p.login},
      {"name", p.name},
      {"unit_id", IdToJson(p.unit_id)},
      {"unit_name", p.unit_name},
      {"roles", RolesToJson(p.roles)},
      {"phone", p.phone ? json::value(*p.phone) : json::value(nullptr)},
      {"active", p.active},
      {"created_at", FormatIsoShanghai(p.created_at)},
      {"updated_at", FormatIsoShanghai(p.updated_at)},
  };
}

json::object ActorToJson(const Actor& a, const std::optional<std::string>& phone) {
  return json::object{
      {"id", IdToJson(a.person_id)},
      {"login", a.login},
      {"name", a.name},
      {"unit",
       json::object{{"id", IdToJson(a.unit.id)},
                    {"code", a.unit.code},
                    {"name", a.unit.name},
                    {"name_en", a.unit.name_en},
                    {"kind", UnitKindName(a.unit.kind)}}},
      {"roles", RolesToJson(a.roles)},
      {"phone", phone ? json::value(*phone) : json::value(nullptr)},
      {"active", true},
  };
}

}  // namespace gl::org
