// greenloop/org/store.h
//
// SQL for units, people, roles, sessions, API tokens and login failures. Every
// function runs on the session it is given (the caller owns the transaction) and
// lets SOCI's exceptions through; Database::Run/RunInTransaction turns them into
// Errors. Find* return nullopt when there is no such row. No permission checks
// here: that is the service's job.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "greenloop/org/model.h"

namespace gl::org::store {

// --- units
void InsertUnit(soci::session& sql, const Unit& unit);
void UpdateUnit(soci::session& sql, const Unit& unit);  // name, name_en, active, updated_at
std::optional<Unit> FindUnit(soci::session& sql, Id id);
std::optional<Unit> FindUnitByCode(soci::session& sql, const std::string& code);

struct UnitFilter {
  std::optional<Id> parent_id;
  std::optional<UnitKind> kind;
  std::string name_contains;
  bool include_inactive = false;
};
std::vector<Unit> ListUnits(soci::session& sql, const UnitFilter& filter, int offset, int limit,
                            long long& total);
long long CountUnits(soci::session& sql);
long long CountActiveChildren(soci::session& sql, Id unit_id);
long long CountActivePeople(soci::session& sql, Id unit_id);

// --- people
void InsertPerson(soci::session& sql, const Person& person, const std::string& password_hash);
void UpdatePerson(soci::session& sql, const Person& person);  // unit, name, phone, active
void ReplaceRoles(soci::session& sql, Id person_id, const std::vector<Role>& roles);
void SetPasswordHash(soci::session& sql, Id person_id, const std::string& hash, TimeMs now);
std::optional<Person> FindPerson(soci::session& sql, Id id);
// The person and their password hash.
std::optional<std::pair<Person, std::string>> FindPersonByLogin(soci::session& sql,
                                                                const std::string& login);

struct PersonFilter {
  std::string scope_prefix = "/";  // unit path prefix
  std::optional<Id> unit_id;       // exactly this unit
  std::optional<Role> role;
  std::string text_contains;       // login or name
  bool include_inactive = false;
};
std::vector<Person> ListPeople(soci::session& sql, const PersonFilter& filter, int offset,
                               int limit, long long& total);

// --- sessions (only hashes of the secrets are stored)
struct SessionRow {
  Id person_id = 0;
  std::string csrf_token;
  TimeMs expires_at = 0;
};
void InsertSession(soci::session& sql, const std::string& token_hash, const SessionRow& row,
                   TimeMs now);
std::optional<SessionRow> FindSession(soci::session& sql, const std::string& token_hash);
void DeleteSession(soci::session& sql, const std::string& token_hash);
void DeleteSessionsOf(soci::session& sql, Id person_id);

struct TokenRow {
  Id id = 0;
  Id person_id = 0;
  std::string name;
  std::string scope;
  Id created_by = 0;
  TimeMs created_at = 0;
  std::optional<TimeMs> expires_at;
  std::optional<TimeMs> revoked_at;
};
void InsertToken(soci::session& sql, const std::string& token_hash, const TokenRow& row);
std::optional<TokenRow> FindToken(soci::session& sql, const std::string& token_hash);
void RevokeTokensOf(soci::session& sql, Id person_id, TimeMs now);

// --- login failures, for the lockout
struct LoginFailures {
  int failures = 0;
  TimeMs locked_until = 0;
};
LoginFailures GetLoginFailures(soci::session& sql, const std::string& login);
void PutLoginFailures(soci::session& sql, const std::string& login, const LoginFailures& value,
                      TimeMs now);
void ClearLoginFailures(soci::session& sql, const std::string& login);

}  // namespace gl::org::store
