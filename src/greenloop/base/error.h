// greenloop/base/error.h
//
// Errors travel as values. `Error` carries one code from a closed set; each code
// maps 1:1 to the `error` field of the JSON API and to one HTTP status, so a
// service's failure reaches the client unchanged. `Result<T>` holds either a
// value or an Error; `Status` is a Result with no value.
//
// Exceptions are kept for programmer errors and for failures that end the
// process; anything a user or a device can cause is an Error.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace gl {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,   // "invalid_argument", 400: a field is missing, of the wrong type or out of range
  kBadJson,           // "bad_json", 400: the body is not well-formed JSON
  kUnauthenticated,   // "unauthenticated", 401: no or an expired session or token
  kBadCredentials,    // "bad_credentials", 401: wrong login or password
  kForbidden,         // "forbidden", 403: the actor may not do this
  kCsrf,              // "csrf_failed", 403: a browser session's mutation without a valid X-CSRF-Token
  kNotFound,          // "not_found", 404: no such record, or one outside the actor's scope
  kMethodNotAllowed,  // "method_not_allowed", 405
  kConflict,          // "conflict", 409: a unique value is taken, or the state forbids the change
  kPayloadTooLarge,   // "payload_too_large", 413
  kUnsupportedMedia,  // "unsupported_media_type", 415
  kTooManyRequests,   // "too_many_requests", 429: rate limit or a locked login
  kInternal,          // "internal", 500: a bug or a storage failure; logged with detail
  kUnavailable,       // "unavailable", 503: shutting down or the database is unreachable
};

// The stable API name of a code ("not_found", ...).
std::string_view ErrorCodeName(ErrorCode code);
// The HTTP status that goes with a code (404 for kNotFound, ...).
int ErrorCodeHttpStatus(ErrorCode code);

class Error {
 public:
  Error(ErrorCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Error InvalidArgument(std::string field, std::string message) {
    return Error(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
  }
  static Error NotFound(std::string message) { return Error(ErrorCode::kNotFound, std::move(message)); }
  static Error Forbidden(std::string message) { return Error(ErrorCode::kForbidden, std::move(message)); }
  static Error Conflict(std::string message) { return Error(ErrorCode::kConflict, std::move(message)); }
  static Error Unauthenticated(std::string message) {
    return Error(ErrorCode::kUnauthenticated, std::move(message));
  }
  static Error Internal(std::string message) { return Error(ErrorCode::kInternal, std::move(message)); }

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The request field the error is about, or empty.
  const std::string& field() const { return field_; }
  // "not_found: no such unit".
  std::string ToString() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::string field_;
};

// Either a T or an Error. Accessing value() of a failed result is a programmer error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Unit {};

// A Result with no value: OK, or an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}  // NOLINT
  static Status Ok() { return Status(); }
  bool ok() const { return error_.code() == ErrorCode::kOk; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return error_; }

 private:
  Error error_{ErrorCode::kOk, {}};
};

}  // namespace gl

// Returns the error of `expr` (a Status or a Result) from the enclosing function.
#define GL_RETURN_IF_ERROR(expr)          \
  do {                                    \
    auto gl_status_ = (expr);             \
    if (!gl_status_.ok()) return gl_status_.error(); \
  } while (0)

#define GL_CONCAT_INNER_(a, b) a##b
#define GL_CONCAT_(a, b) GL_CONCAT_INNER_(a, b)
// `GL_ASSIGN_OR_RETURN(auto x, Compute());` binds the value or returns the error.
#define GL_ASSIGN_OR_RETURN(lhs, expr) \
  GL_ASSIGN_OR_RETURN_IMPL_(GL_CONCAT_(gl_result_, __LINE__), lhs, expr)
#define GL_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return tmp.error();              \
  lhs = std::move(tmp).value()
