// greenloop/org/auth.h
//
// Who is making an HTTP request. Every capability's api.cpp calls RequireActor
// before anything else.
//
// A browser sends the HttpOnly session cookie `gl_session`; its mutating requests
// (anything but GET, HEAD, OPTIONS) must also carry `X-CSRF-Token` equal to the
// token handed out at sign-in (kCsrf otherwise). A machine client sends
// `Authorization: Bearer <token>`; a "read" token may not mutate (kForbidden).
// No credentials, or stale ones: kUnauthenticated.
#pragma once

#include "greenloop/http/message.h"
#include "greenloop/org/service.h"

namespace gl::org {

inline constexpr std::string_view kSessionCookie = "gl_session";

Result<Actor> RequireActor(OrgService& service, const http::Request& request);

// Parses a query flag: absent -> fallback; "1"/"true" -> true; "0"/"false" -> false.
Result<bool> QueryFlag(const http::Request& request, std::string_view name, bool fallback);

}  // namespace gl::org
