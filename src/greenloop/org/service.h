// greenloop/org/service.h
//
// People, units, sign-in and API tokens. Every call checks the actor's role and
// unit scope first (permissions.h), runs in one transaction, and writes an audit
// event with the change. Errors:
//   kUnauthenticated / kBadCredentials  no or a bad session, token or password
//   kTooManyRequests                    the login is locked after repeated failures
//   kForbidden                          the actor may not do this, or may not list that unit
//   kNotFound                           no such record, or one outside the actor's scope
//   kInvalidArgument (with field)       bad input
//   kConflict                           a taken login or code, or a unit still in use
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/db/database.h"
#include "greenloop/org/model.h"
#include "greenloop/org/store.h"

namespace gl::org {

struct OrgOptions {
  TimeMs session_ttl_ms = 12LL * 3600 * 1000;
  int max_failed_logins = 5;                 // in a row, then the login is locked
  TimeMs lockout_ms = 15LL * 60 * 1000;
  size_t min_password_length = 10;
  bool fast_password_hashing = false;        // tests only
};

struct LoginResult {
  std::string session_token;  // the secret for the cookie; only its hash is stored
  std::string csrf_token;
  TimeMs expires_at = 0;
  Actor actor;
};

struct UnitInput {
  std::optional<Id> parent_id;
  UnitKind kind = UnitKind::kDepartment;
  std::string code, name, name_en;
};
struct UnitPatch {
  std::optional<std::string> name, name_en;
};

struct PersonInput {
  std::string login, name;
  Id unit_id = 0;
  std::vector<Role> roles;
  std::string password;
  std::optional<std::string> phone;
};
struct PersonPatch {
  std::optional<std::string> name;
  std::optional<Id> unit_id;
  std::optional<std::vector<Role>> roles;
  std::optional<std::optional<std::string>> phone;  // set to nullopt-inside to clear
  std::optional<std::string> password;
};

struct TokenInput {
  std::string name;
  std::string scope = "read";        // "read" or "write"
  std::optional<Id> person_id;       // whom the token acts as; default the issuer
  std::optional<TimeMs> expires_at;
};
struct IssuedToken {
  Id id = 0;
  std::string token;  // shown once
  store::TokenRow row;
};

template <typename T>
struct Page {
  std::vector<T> items;
  long long total = 0;
};

class OrgService {
 public:
  OrgService(db::Database& db, OrgOptions options);

  Result<LoginResult> Login(const std::string& login, const std::string& password);
  Status Logout(const Actor& actor, const std::string& session_token);
  Result<Actor> AuthenticateSession(const std::string& session_token);
  Result<Actor> AuthenticateToken(const std::string& bearer_token);

  Result<Page<Unit>> ListUnits(const Actor& actor, const store::UnitFilter& filter, int offset,
                               int limit);
  Result<Unit> GetUnit(const Actor& actor, Id id);
  Result<Unit> CreateUnit(const Actor& actor, const UnitInput& input);
  Result<Unit> UpdateUnit(const Actor& actor, Id id, const UnitPatch& patch);
  Result<Unit> DeactivateUnit(const Actor& actor, Id id);

  // filter.scope_prefix is set from the actor; a filter.unit_id outside scope is kForbidden.
  Result<Page<Person>> ListPeople(const Actor& actor, store::PersonFilter filter, int offset,
                                  int limit);
  Result<Person> GetPerson(const Actor& actor, Id id);
  Result<Person> CreatePerson(const Actor& actor, const PersonInput& input);
  Result<Person> UpdatePerson(const Actor& actor, Id id, const PersonPatch& patch);
  Result<Person> DeactivatePerson(const Actor& actor, Id id);

  Result<IssuedToken> IssueToken(const Actor& actor, const TokenInput& input);

  db::Database& database() { return db_; }
  const OrgOptions& options() const { return options_; }

 private:
  Result<Actor> LoadActor(soci::session& sql, Id person_id);
  Status ValidatePassword(const std::string& password) const;

  db::Database& db_;
  OrgOptions options_;
  std::string dummy_hash_;  // verified against for unknown logins, so timing tells nothing
};

}  // namespace gl::org
