#include "greenloop/org/auth.h"

#include "greenloop/base/crypto.h"
#include "greenloop/org/permissions.h"

namespace gl::org {

namespace {
bool IsSafeMethod(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}
}  // namespace

Result<Actor> RequireActor(OrgService& service, const http::Request& request) {
  std::string_view authorization = request.Header("authorization");
  if (authorization.rfind("Bearer ", 0) == 0) {
    GL_ASSIGN_OR_RETURN(Actor actor, service.AuthenticateToken(std::string(authorization.substr(7))));
    if (!IsSafeMethod(request.method) && !CanWrite(actor)) {
      return Error::Forbidden("this API token is read-only");
    }
    return actor;
  }
  auto cookie = request.Cookie(kSessionCookie);
  if (!cookie) return Error::Unauthenticated("sign in first");
  GL_ASSIGN_OR_RETURN(Actor actor, service.AuthenticateSession(*cookie));
  if (!IsSafeMethod(request.method)) {
    std::string_view sent = request.Header("x-csrf-token");
    if (sent.empty() || !ConstantTimeEquals(sent, actor.csrf_token)) {
      return Error(ErrorCode::kCsrf, "missing or wrong X-CSRF-Token header");
    }
  }
  return actor;
}

Result<bool> QueryFlag(const http::Request& request, std::string_view name, bool fallback) {
  auto value = request.Query(name);
  if (!value || value->empty()) return fallback;
  if (*value == "1" || *value == "true") return true;
  if (*value == "0" || *value == "false") return false;
  return Error::InvalidArgument(std::string(name), std::string(name) + " must be true or false");
}

}  // namespace gl::org
