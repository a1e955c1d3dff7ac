// Units and people (see service.h).
#include <regex>

#include "greenloop/org/audit_change.h"
#include "greenloop/base/crypto.h"
#include "greenloop/org/codec.h"
#include "greenloop/org/permissions.h"
#include "greenloop/org/service.h"

namespace gl::org {

namespace {
Status CheckText(const std::string& field, const std::string& value, size_t max, bool required) {
  if (required && value.empty()) return Error::InvalidArgument(field, field + " is required");
  if (value.size() > max) {
    return Error::InvalidArgument(field, field + " must have at most " + std::to_string(max) +
                                             " bytes");
  }
  return Status::Ok();
}

bool MatchesIdentifier(const std::string& text, size_t max) {
  static const std::regex kPattern("^[a-z0-9][a-z0-9._-]*$");
  return !text.empty() && text.size() <= max && std::regex_match(text, kPattern);
}

Status CheckRoles(const std::vector<Role>& roles) {
  if (roles.empty()) return Error::InvalidArgument("roles", "at least one role is required");
  return Status::Ok();
}

Error Denied() { return Error::Forbidden("only an admin may change units and people"); }
}  // namespace

// ---------------------------------------------------------------- units

Result<Page<Unit>> OrgService::ListUnits(const Actor& actor, const store::UnitFilter& filter,
                                         int offset, int limit) {
  (void)actor;  // the organisation chart is reference data every signed-in user may read
  return db_.Query([&](soci::session& sql) -> Result<Page<Unit>> {
    Page<Unit> page;
    page.items = store::ListUnits(sql, filter, offset, limit, page.total);
    return page;
  });
}

Result<Unit> OrgService::GetUnit(const Actor& actor, Id id) {
  (void)actor;
  return db_.Query([&](soci::session& sql) -> Result<Unit> {
    auto unit = store::FindUnit(sql, id);
    if (!unit) return Error::NotFound("no such unit");
    return *unit;
  });
}

Result<Unit> OrgService::CreateUnit(const Actor& actor, const UnitInput& in) {
  if (!CanManageOrg(actor)) return Denied();
  if (!MatchesIdentifier(in.code, 32)) {
    return Error::InvalidArgument(
        "code", "code must be 1-32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
  }
  GL_RETURN_IF_ERROR(CheckText("name", in.name, 200, true));
  GL_RETURN_IF_ERROR(CheckText("name_en", in.name_en, 200, false));
  if (in.kind == UnitKind::kDistrict && in.parent_id) {
    return Error::InvalidArgument("parent_id", "a district is the root: it has no parent");
  }
  if (in.kind != UnitKind::kDistrict && !in.parent_id) {
    return Error::InvalidArgument("parent_id", "parent_id is required");
  }
  return db_.Transact([&](soci::session& sql) -> Result<Unit> {
    TimeMs now = NowMs();
    Unit u;
    u.id = NewId();
    u.parent_id = in.parent_id;
    u.kind = in.kind;
    u.code = in.code;
    u.name = in.name;
    u.name_en = in.name_en;
    u.created_at = u.updated_at = now;
    if (in.parent_id) {
      auto parent = store::FindUnit(sql, *in.parent_id);
      if (!parent || !parent->active) {
        return Error::InvalidArgument("parent_id", "no active unit with that id");
      }
      u.path = parent->path + std::to_string(u.id) + "/";
    } else {
      if (store::CountUnits(sql) > 0) {
        return Error::Conflict("the district already exists; other units need a parent");
      }
      u.path = "/" + std::to_string(u.id) + "/";
    }
    if (store::FindUnitByCode(sql, u.code)) return Error::Conflict("unit code " + u.code + " is taken");
    store::InsertUnit(sql, u);
    GL_RETURN_IF_ERROR(AuditChange(sql, actor, "unit.create", "unit", u.id, nullptr, UnitToJson(u)));
    return u;
  });
}

Result<Unit> OrgService::UpdateUnit(const Actor& actor, Id id, const UnitPatch& patch) {
  if (!CanManageOrg(actor)) return Denied();
  if (patch.name) GL_RETURN_IF_ERROR(CheckText("name", *patch.name, 200, true));
  if (patch.name_en) GL_RETURN_IF_ERROR(CheckText("name_en", *patch.name_en, 200, false));
  return db_.Transact([&](soci::session& sql) -> Result<Unit> {
    auto unit = store::FindUnit(sql, id);
    if (!unit) return Error::NotFound("no such unit");
    Unit before = *unit;
    if (patch.name) unit->name = *patch.name;
    if (patch.name_en) unit->name_en = *patch.name_en;
    unit->updated_at = NowMs();
    store::UpdateUnit(sql, *unit);
    GL_RETURN_IF_ERROR(
        AuditChange(sql, actor, "unit.update", "unit", id, UnitToJson(before), UnitToJson(*unit)));
    return *unit;
  });
}

Result<Unit> OrgService::DeactivateUnit(const Actor& actor, Id id) {
  if (!CanManageOrg(actor)) return Denied();
  return db_.Transact([&](soci::session& sql) -> Result<Unit> {
    auto unit = store::FindUnit(sql, id);
    if (!unit) return Error::NotFound("no such unit");
    if (!unit->parent_id) return Error::Conflict("the district itself cannot be deactivated");
    if (store::CountActiveChildren(sql, id) > 0) {
      return Error::Conflict("the unit still has active sub-units: deactivate them first");
    }
    if (store::CountActivePeople(sql, id) > 0) {
      return Error::Conflict("the unit still has active people: move or deactivate them first");
    }
    Unit before = *unit;
    unit->active = false;
    unit->updated_at = NowMs();
    store::UpdateUnit(sql, *unit);
    GL_RETURN_IF_ERROR(
        AuditChange(sql, actor, "unit.deactivate", "unit", id, UnitToJson(before), UnitToJson(*unit)));
    return *unit;
  });
}

// ---------------------------------------------------------------- people

Result<Page<Person>> OrgService::ListPeople(const Actor& actor, store::PersonFilter filter,
                                            int offset, int limit) {
  return db_.Query([&](soci::session& sql) -> Result<Page<Person>> {
    if (filter.unit_id) {
      auto unit = store::FindUnit(sql, *filter.unit_id);
      if (!unit) return Error::InvalidArgument("unit", "no unit with that id");
      if (!InScope(actor, unit->path)) {
        return Error::Forbidden("you may not list the people of that unit");
      }
    }
    filter.scope_prefix = ScopePrefix(actor);
    Page<Person> page;
    page.items = store::ListPeople(sql, filter, offset, limit, page.total);
    return page;
  });
}

Result<Person> OrgService::GetPerson(const Actor& actor, Id id) {
  return db_.Query([&](soci::session& sql) -> Result<Person> {
    auto person = store::FindPerson(sql, id);
    if (!person) return Error::NotFound("no such person");
    auto unit = store::FindUnit(sql, person->unit_id);
    // Another unit's record reads as not found, not as forbidden: ids reveal nothing.
    if (!unit || !InScope(actor, unit->path)) return Error::NotFound("no such person");
    return *person;
  });
}

Result<Person> OrgService::CreatePerson(const Actor& actor, const PersonInput& in) {
  if (!CanManageOrg(actor)) return Denied();
  if (!MatchesIdentifier(in.login, 64)) {
    return Error::InvalidArgument(
        "login", "login must be 1-64 characters of a-z, 0-9, '.', '_' or '-'");
  }
  GL_RETURN_IF_ERROR(CheckText("name", in.name, 100, true));
  if (in.phone) GL_RETURN_IF_ERROR(CheckText("phone", *in.phone, 32, false));
  GL_RETURN_IF_ERROR(CheckRoles(in.roles));
  GL_RETURN_IF_ERROR(ValidatePassword(in.password));
  std::string hash = HashPassword(in.password, options_.fast_password_hashing);
  return db_.Transact([&](soci::session& sql) -> Result<Person> {
    auto unit = store::FindUnit(sql, in.unit_id);
    if (!unit || !unit->active) return Error::InvalidArgument("unit_id", "no active unit with that id");
    if (store::FindPersonByLogin(sql, in.login)) {
      return Error::Conflict("login " + in.login + " is taken");
    }
    Person p;
    p.id = NewId();
    p.unit_id = in.unit_id;
    p.login = in.login;
    p.name = in.name;
    p.phone = in.phone;
    p.roles = in.roles;
    p.created_at = p.updated_at = NowMs();
    p.unit_name = unit->name;
    store::InsertPerson(sql, p, hash);
    GL_RETURN_IF_ERROR(AuditChange(sql, actor, "person.create", "person", p.id, nullptr, PersonToJson(p)));
    return p;
  });
}

Result<Person> OrgService::UpdatePerson(const Actor& actor, Id id, const PersonPatch& patch) {
  if (!CanManageOrg(actor)) return Denied();
  if (patch.name) GL_RETURN_IF_ERROR(CheckText("name", *patch.name, 100, true));
  if (patch.phone && *patch.phone) GL_RETURN_IF_ERROR(CheckText("phone", **patch.phone, 32, false));
  if (patch.roles) GL_RETURN_IF_ERROR(CheckRoles(*patch.roles));
  std::optional<std::string> hash;
  if (patch.password) {
    GL_RETURN_IF_ERROR(ValidatePassword(*patch.password));
    hash = HashPassword(*patch.password, options_.fast_password_hashing);
  }
  return db_.Transact([&](soci::session& sql) -> Result<Person> {
    auto person = store::FindPerson(sql, id);
    if (!person) return Error::NotFound("no such person");
    Person before = *person;
    if (patch.unit_id && *patch.unit_id != person->unit_id) {
      auto unit = store::FindUnit(sql, *patch.unit_id);
      if (!unit || !unit->active) return Error::InvalidArgument("unit_id", "no active unit with that id");
      person->unit_id = unit->id;
      person->unit_name = unit->name;
    }
    if (patch.name) person->name = *patch.name;
    if (patch.phone) person->phone = *patch.phone;
    if (patch.roles) person->roles = *patch.roles;
    person->updated_at = NowMs();
    store::UpdatePerson(sql, *person);
    if (patch.roles) store::ReplaceRoles(sql, id, *patch.roles);
    if (hash) {
      store::SetPasswordHash(sql, id, *hash, person->updated_at);
      store::DeleteSessionsOf(sql, id);  // a reset password signs the person out everywhere
    }
    json::object after = PersonToJson(*person);
    if (hash) after["password_changed"] = true;
    GL_RETURN_IF_ERROR(AuditChange(sql, actor, "person.update", "person", id, PersonToJson(before), after));
    return *person;
  });
}

Result<Person> OrgService::DeactivatePerson(const Actor& actor, Id id) {
  if (!CanManageOrg(actor)) return Denied();
  if (id == actor.person_id) return Error::Conflict("you cannot deactivate yourself");
  return db_.Transact([&](soci::session& sql) -> Result<Person> {
    auto person = store::FindPerson(sql, id);
    if (!person) return Error::NotFound("no such person");
    Person before = *person;
    person->active = false;
    person->updated_at = NowMs();
    store::UpdatePerson(sql, *person);
    store::DeleteSessionsOf(sql, id);
    store::RevokeTokensOf(sql, id, person->updated_at);
    GL_RETURN_IF_ERROR(AuditChange(sql, actor, "person.deactivate", "person", id, PersonToJson(before),
                             PersonToJson(*person)));
    return *person;
  });
}

}  // namespace gl::org
