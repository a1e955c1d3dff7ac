#include "greenloop/org/demo.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <map>
#include <sstream>

#include "greenloop/audit/audit.h"
#include "greenloop/base/crypto.h"
#include "greenloop/base/json.h"
#include "greenloop/org/codec.h"
#include "greenloop/org/store.h"

namespace gl::org {

namespace {
Result<json::array> ReadArray(const std::filesystem::path& file, std::string_view key) {
  std::ifstream in(file);
  if (!in) return Error(ErrorCode::kInvalidArgument, "cannot read " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  auto doc = ParseJsonObject(text.str());
  if (!doc.ok()) return Error(ErrorCode::kInvalidArgument, file.string() + ": " + doc.error().message());
  const json::value* list = doc->if_contains(key);
  if (!list || !list->is_array()) {
    return Error(ErrorCode::kInvalidArgument, file.string() + ": needs an array \"" + std::string(key) + "\"");
  }
  return list->as_array();
}

Error Bad(const std::filesystem::path& file, size_t index, const Error& e) {
  return Error(ErrorCode::kInvalidArgument,
               file.filename().string() + " entry " + std::to_string(index) + ": " + e.message());
}

Status Audit(soci::session& sql, std::string action, std::string type, Id id, json::object after) {
  auto e = audit::Record(sql, audit::Entry{std::nullopt, "system", std::move(action), std::move(type),
                                           IdToJson(id), json::object{{"before", nullptr},
                                                                      {"after", std::move(after)},
                                                                      {"source", "demo"}}});
  return e.ok() ? Status::Ok() : Status(e.error());
}
}  // namespace

Result<bool> LoadDemoOrganisation(db::Database& db, const std::filesystem::path& dir,
                                  bool fast_hashing) {
  auto units_file = dir / "units.json";
  auto people_file = dir / "people.json";
  GL_ASSIGN_OR_RETURN(json::array units, ReadArray(units_file, "units"));
  GL_ASSIGN_OR_RETURN(json::array people, ReadArray(people_file, "people"));
  // One hash for all demo accounts: they share the one published password anyway.
  std::string hash = HashPassword(kDemoPassword, fast_hashing);
  bool loaded = false;
  GL_RETURN_IF_ERROR(db.RunInTransaction([&](soci::session& sql) -> Status {
    if (store::CountUnits(sql) > 0) return Status::Ok();
    TimeMs now = NowMs();
    std::map<std::string, Unit> by_code;
    for (size_t i = 0; i < units.size(); ++i) {
      if (!units[i].is_object()) return Bad(units_file, i, Error::InvalidArgument("", "not an object"));
      const json::object& o = units[i].as_object();
      Unit u;
      auto code = GetString(o, "code");
      auto kind = GetString(o, "kind");
      auto name = GetString(o, "name");
      auto name_en = GetOptionalString(o, "name_en");
      auto parent = GetOptionalString(o, "parent");
      if (!code.ok()) return Bad(units_file, i, code.error());
      if (!kind.ok()) return Bad(units_file, i, kind.error());
      if (!name.ok()) return Bad(units_file, i, name.error());
      if (!parent.ok()) return Bad(units_file, i, parent.error());
      auto parsed_kind = ParseUnitKind(*kind);
      if (!parsed_kind) return Bad(units_file, i, Error::InvalidArgument("kind", "unknown kind " + *kind));
      u.id = NewId();
      u.kind = *parsed_kind;
      u.code = *code;
      u.name = *name;
      u.name_en = name_en.ok() ? name_en->value_or("") : "";
      u.created_at = u.updated_at = now;
      if (parent->has_value()) {
        auto it = by_code.find(**parent);
        if (it == by_code.end()) {
          return Bad(units_file, i,
                     Error::InvalidArgument("parent", "parent " + **parent + " must come before it"));
        }
        u.parent_id = it->second.id;
        u.path = it->second.path + std::to_string(u.id) + "/";
      } else {
        u.path = "/" + std::to_string(u.id) + "/";
      }
      if (by_code.count(u.code)) {
        return Bad(units_file, i, Error::InvalidArgument("code", "duplicate code " + u.code));
      }
      store::InsertUnit(sql, u);
      GL_RETURN_IF_ERROR(Audit(sql, "unit.create", "unit", u.id, UnitToJson(u)));
      by_code[u.code] = u;
    }
    for (size_t i = 0; i < people.size(); ++i) {
      if (!people[i].is_object()) return Bad(people_file, i, Error::InvalidArgument("", "not an object"));
      const json::object& o = people[i].as_object();
      Person p;
      auto login = GetString(o, "login");
      auto name = GetString(o, "name");
      auto unit = GetString(o, "unit");
      auto phone = GetOptionalString(o, "phone");
      if (!login.ok()) return Bad(people_file, i, login.error());
      if (!name.ok()) return Bad(people_file, i, name.error());
      if (!unit.ok()) return Bad(people_file, i, unit.error());
      auto it = by_code.find(*unit);
      if (it == by_code.end()) {
        return Bad(people_file, i, Error::InvalidArgument("unit", "unknown unit " + *unit));
      }
      const json::value* roles = o.if_contains("roles");
      if (!roles || !roles->is_array() || roles->as_array().empty()) {
        return Bad(people_file, i, Error::InvalidArgument("roles", "roles must be a non-empty array"));
      }
      for (const auto& r : roles->as_array()) {
        auto role = r.is_string() ? ParseRole(r.as_string()) : std::nullopt;
        if (!role) return Bad(people_file, i, Error::InvalidArgument("roles", "unknown role"));
        p.roles.push_back(*role);
      }
      p.id = NewId();
      p.unit_id = it->second.id;
      p.unit_name = it->second.name;
      p.login = *login;
      p.name = *name;
      if (phone.ok()) p.phone = *phone;
      p.created_at = p.updated_at = now;
      store::InsertPerson(sql, p, hash);
      GL_RETURN_IF_ERROR(Audit(sql, "person.create", "person", p.id, PersonToJson(p)));
    }
    loaded = true;
    spdlog::info("demo district loaded: {} units, {} people", units.size(), people.size());
    return Status::Ok();
  }));
  return loaded;
}

}  // namespace gl::org
