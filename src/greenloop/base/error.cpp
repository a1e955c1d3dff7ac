#include "greenloop/base/error.h"

namespace gl {

namespace {
struct CodeInfo {
  ErrorCode code;
  std::string_view name;
  int http_status;
};

// The single table behind the API's `error` field; order follows the enum.
constexpr CodeInfo kCodes[] = {
    {ErrorCode::kOk, "ok", 200},
    {ErrorCode::kInvalidArgument, "invalid_argument", 400},
    {ErrorCode::kBadJson, "bad_json", 400},
    {ErrorCode::kUnauthenticated, "unauthenticated", 401},
    {ErrorCode::kBadCredentials, "bad_credentials", 401},
    {ErrorCode::kForbidden, "forbidden", 403},
    {ErrorCode::kCsrf, "csrf_failed", 403},
    {ErrorCode::kNotFound, "not_found", 404},
    {ErrorCode::kMethodNotAllowed, "method_not_allowed", 405},
    {ErrorCode::kConflict, "conflict", 409},
    {ErrorCode::kPayloadTooLarge, "payload_too_large", 413},
    {ErrorCode::kUnsupportedMedia, "unsupported_media_type", 415},
    {ErrorCode::kTooManyRequests, "too_many_requests", 429},
    {ErrorCode::kInternal, "internal", 500},
    {ErrorCode::kUnavailable, "unavailable", 503},
};
static_assert(std::size(kCodes) == static_cast<size_t>(ErrorCode::kUnavailable) + 1);
}  // namespace

std::string_view ErrorCodeName(ErrorCode code) { return kCodes[static_cast<size_t>(code)].name; }

int ErrorCodeHttpStatus(ErrorCode code) { return kCodes[static_cast<size_t>(code)].http_status; }

std::string Error::ToString() const {
  std::string out(ErrorCodeName(code_));
  out += ": ";
  out += message_;
  if (!field_.empty()) {
    out += " (field ";
    out += field_;
    out += ")";
  }
  return out;
}

}  // namespace gl
