// SQL for sessions, API tokens and login failures (see store.h).
#include "greenloop/org/store.h"

namespace gl::org::store {

void InsertSession(soci::session& sql, const std::string& token_hash, const SessionRow& row,
                   TimeMs now) {
  sql << "INSERT INTO sessions (token_hash, person_id, csrf_token, created_at, expires_at)"
         " VALUES (:hash, :person, :csrf, :created, :expires)",
      soci::use(token_hash), soci::use(row.person_id), soci::use(row.csrf_token), soci::use(now),
      soci::use(row.expires_at);
}

std::optional<SessionRow> FindSession(soci::session& sql, const std::string& token_hash) {
  SessionRow row;
  long long person = 0, expires = 0;
  sql << "SELECT person_id, csrf_token, expires_at FROM sessions WHERE token_hash = :hash",
      soci::use(token_hash), soci::into(person), soci::into(row.csrf_token), soci::into(expires);
  if (!sql.got_data()) return std::nullopt;
  row.person_id = person;
  row.expires_at = expires;
  return row;
}

void DeleteSession(soci::session& sql, const std::string& token_hash) {
  sql << "DELETE FROM sessions WHERE token_hash = :hash", soci::use(token_hash);
}

void DeleteSessionsOf(soci::session& sql, Id person_id) {
  sql << "DELETE FROM sessions WHERE person_id = :id", soci::use(person_id);
}

void InsertToken(soci::session& sql, const std::string& token_hash, const TokenRow& row) {
  long long expires = row.expires_at.value_or(0);
  soci::indicator expires_ind = row.expires_at ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO api_tokens (id, token_hash, person_id, name, scope, created_by, created_at,"
         " expires_at) VALUES (:id, :hash, :person, :name, :scope, :by, :created, :expires)",
      soci::use(row.id), soci::use(token_hash), soci::use(row.person_id), soci::use(row.name),
      soci::use(row.scope), soci::use(row.created_by), soci::use(row.created_at),
      soci::use(expires, expires_ind);
}

std::optional<TokenRow> FindToken(soci::session& sql, const std::string& token_hash) {
  TokenRow row;
  long long id = 0, person = 0, by = 0, created = 0, expires = 0, revoked = 0;
  soci::indicator expires_ind = soci::i_null, revoked_ind = soci::i_null;
  sql << "SELECT id, person_id, name, scope, created_by, created_at, expires_at, revoked_at"
         " FROM api_tokens WHERE token_hash = :hash",
      soci::use(token_hash), soci::into(id), soci::into(person), soci::into(row.name),
      soci::into(row.scope), soci::into(by), soci::into(created), soci::into(expires, expires_ind),
      soci::into(revoked, revoked_ind);
  if (!sql.got_data()) return std::nullopt;
  row.id = id;
  row.person_id = person;
  row.created_by = by;
  row.created_at = created;
  if (expires_ind == soci::i_ok) row.expires_at = expires;
  if (revoked_ind == soci::i_ok) row.revoked_at = revoked;
  return row;
}

void RevokeTokensOf(soci::session& sql, Id person_id, TimeMs now) {
  sql << "UPDATE api_tokens SET revoked_at = :now WHERE person_id = :id AND revoked_at IS NULL",
      soci::use(now), soci::use(person_id);
}

LoginFailures GetLoginFailures(soci::session& sql, const std::string& login) {
  LoginFailures out;
  long long locked = 0;
  sql << "SELECT failures, locked_until FROM login_failures WHERE login = :login",
      soci::use(login), soci::into(out.failures), soci::into(locked);
  if (!sql.got_data()) return LoginFailures{};
  out.locked_until = locked;
  return out;
}

void PutLoginFailures(soci::session& sql, const std::string& login, const LoginFailures& value,
                      TimeMs now) {
  // Portable upsert: ON CONFLICT works on SQLite (3.24+) and PostgreSQL alike.
  sql << "INSERT INTO login_failures (login, failures, locked_until, updated_at)"
         " VALUES (:login, :failures, :locked, :now) ON CONFLICT (login) DO UPDATE SET"
         " failures = excluded.failures, locked_until = excluded.locked_until,"
         " updated_at = excluded.updated_at",
      soci::use(login), soci::use(value.failures), soci::use(value.locked_until), soci::use(now);
}

void ClearLoginFailures(soci::session& sql, const std::string& login) {
  sql << "DELETE FROM login_failures WHERE login = :login", soci::use(login);
}

}  // namespace gl::org::store
