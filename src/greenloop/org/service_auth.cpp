// Sign-in, sessions and API tokens (see service.h).
#include <spdlog/spdlog.h>

#include "greenloop/audit/audit.h"
#include "greenloop/base/crypto.h"
#include "greenloop/org/permissions.h"
#include "greenloop/org/service.h"

namespace gl::org {

OrgService::OrgService(db::Database& db, OrgOptions options)
    : db_(db),
      options_(options),
      dummy_hash_(HashPassword(RandomHex(16), options.fast_password_hashing)) {}

Status OrgService::ValidatePassword(const std::string& password) const {
  if (password.size() < options_.min_password_length) {
    return Error::InvalidArgument("password", "password must have at least " +
                                                  std::to_string(options_.min_password_length) +
                                                  " characters");
  }
  if (password.size() > 256) {
    return Error::InvalidArgument("password", "password must have at most 256 characters");
  }
  return Status::Ok();
}

Result<Actor> OrgService::LoadActor(soci::session& sql, Id person_id) {
  auto person = store::FindPerson(sql, person_id);
  if (!person || !person->active) return Error::Unauthenticated("the account is not active");
  auto unit = store::FindUnit(sql, person->unit_id);
  if (!unit) return Error::Internal("person without unit");
  Actor a;
  a.person_id = person->id;
  a.login = person->login;
  a.name = person->name;
  a.unit = *unit;
  a.roles = person->roles;
  return a;
}

namespace {
audit::Entry SessionEvent(const Actor& actor, std::string action, json::object summary) {
  return audit::Entry{actor.person_id ? std::optional<Id>(actor.person_id) : std::nullopt,
                      actor.login, std::move(action), "person",
                      IdToJson(actor.person_id), std::move(summary)};
}
}  // namespace

Result<LoginResult> OrgService::Login(const std::string& login, const std::string& password) {
  if (login.empty() || login.size() > 64) {
    return Error::InvalidArgument("login", "login is required (at most 64 characters)");
  }
  if (password.empty() || password.size() > 256) {
    return Error::InvalidArgument("password", "password is required (at most 256 characters)");
  }
  TimeMs now = NowMs();
  // Read first, hash outside the transaction: argon2id takes a while and must not hold
  // the write lock.
  std::optional<std::pair<Person, std::string>> found;
  store::LoginFailures failures;
  GL_RETURN_IF_ERROR(db_.Run([&](soci::session& sql) {
    failures = store::GetLoginFailures(sql, login);
    found = store::FindPersonByLogin(sql, login);
    return Status::Ok();
  }));
  if (failures.locked_until > now) {
    return Error(ErrorCode::kTooManyRequests,
                 "too many failed sign-ins: this login is locked until " +
                     FormatIsoShanghai(failures.locked_until));
  }
  bool password_ok = VerifyPassword(found ? found->second : dummy_hash_, password);
  bool ok = found && found->first.active && password_ok;
  if (!ok) {
    GL_RETURN_IF_ERROR(db_.RunInTransaction([&](soci::session& sql) -> Status {
      store::LoginFailures current = store::GetLoginFailures(sql, login);
      current.failures += 1;
      json::object summary{{"login", login}, {"failures", current.failures}};
      std::string action = "session.login_failed";
      if (current.failures >= options_.max_failed_logins) {
        current.locked_until = now + options_.lockout_ms;
        current.failures = 0;
        summary["locked_until"] = FormatIsoShanghai(current.locked_until);
        action = "session.login_locked";
      }
      store::PutLoginFailures(sql, login, current, now);
      Actor who;
      if (found) {
        who.person_id = found->first.id;
        who.login = found->first.login;
      } else {
        who.login = "anonymous";
      }
      auto e = audit::Record(sql, SessionEvent(who, action, summary));
      return e.ok() ? Status::Ok() : Status(e.error());
    }));
    return Error(ErrorCode::kBadCredentials, "wrong login or password");
  }
  LoginResult result;
  result.session_token = RandomHex(32);
  result.csrf_token = RandomHex(32);
  result.expires_at = now + options_.session_ttl_ms;
  GL_RETURN_IF_ERROR(db_.RunInTransaction([&](soci::session& sql) -> Status {
    store::ClearLoginFailures(sql, login);
    store::InsertSession(sql, Blake2bHex(result.session_token),
                         store::SessionRow{found->first.id, result.csrf_token, result.expires_at},
                         now);
    GL_ASSIGN_OR_RETURN(result.actor, LoadActor(sql, found->first.id));
    result.actor.csrf_token = result.csrf_token;
    auto e = audit::Record(sql, SessionEvent(result.actor, "session.login", json::object{}));
    return e.ok() ? Status::Ok() : Status(e.error());
  }));
  return result;
}

Status OrgService::Logout(const Actor& actor, const std::string& session_token) {
  return db_.RunInTransaction([&](soci::session& sql) -> Status {
    store::DeleteSession(sql, Blake2bHex(session_token));
    auto e = audit::Record(sql, SessionEvent(actor, "session.logout", json::object{}));
    return e.ok() ? Status::Ok() : Status(e.error());
  });
}

Result<Actor> OrgService::AuthenticateSession(const std::string& session_token) {
  if (session_token.size() != 64) return Error::Unauthenticated("not signed in");
  return db_.Query([&](soci::session& sql) -> Result<Actor> {
    auto row = store::FindSession(sql, Blake2bHex(session_token));
    if (!row || row->expires_at <= NowMs()) {
      return Error::Unauthenticated("not signed in, or the session has expired");
    }
    GL_ASSIGN_OR_RETURN(Actor actor, LoadActor(sql, row->person_id));
    actor.via = Actor::Via::kSession;
    actor.csrf_token = row->csrf_token;
    return actor;
  });
}

Result<Actor> OrgService::AuthenticateToken(const std::string& bearer_token) {
  if (bearer_token.size() != 64) return Error::Unauthenticated("invalid API token");
  return db_.Query([&](soci::session& sql) -> Result<Actor> {
    auto row = store::FindToken(sql, Blake2bHex(bearer_token));
    TimeMs now = NowMs();
    if (!row || row->revoked_at || (row->expires_at && *row->expires_at <= now)) {
      return Error::Unauthenticated("invalid, revoked or expired API token");
    }
    GL_ASSIGN_OR_RETURN(Actor actor, LoadActor(sql, row->person_id));
    actor.via = Actor::Via::kToken;
    actor.token_scope = row->scope;
    return actor;
  });
}

Result<IssuedToken> OrgService::IssueToken(const Actor& actor, const TokenInput& input) {
  if (!CanManageOrg(actor)) return Error::Forbidden("only an admin may issue API tokens");
  if (input.name.empty() || input.name.size() > 100) {
    return Error::InvalidArgument("name", "name is required (at most 100 characters)");
  }
  if (input.scope != "read" && input.scope != "write") {
    return Error::InvalidArgument("scope", "scope must be \"read\" or \"write\"");
  }
  TimeMs now = NowMs();
  if (input.expires_at && *input.expires_at <= now) {
    return Error::InvalidArgument("expires_at", "expires_at must be in the future");
  }
  IssuedToken issued;
  issued.token = RandomHex(32);
  issued.id = NewId();
  issued.row = store::TokenRow{issued.id, input.person_id.value_or(actor.person_id), input.name,
                               input.scope, actor.person_id, now, input.expires_at, std::nullopt};
  GL_RETURN_IF_ERROR(db_.RunInTransaction([&](soci::session& sql) -> Status {
    auto subject = store::FindPerson(sql, issued.row.person_id);
    if (!subject || !subject->active) {
      return Error::InvalidArgument("person_id", "no active person with that id");
    }
    store::InsertToken(sql, Blake2bHex(issued.token), issued.row);
    auto e = audit::Record(
        sql, audit::Entry{actor.person_id, actor.login, "token.issue", "api_token",
                          IdToJson(issued.id),
                          json::object{{"name", input.name},
                                       {"scope", input.scope},
                                       {"person_id", IdToJson(issued.row.person_id)}}});
    return e.ok() ? Status::Ok() : Status(e.error());
  }));
  return issued;
}

}  // namespace gl::org
