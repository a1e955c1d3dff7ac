#include "greenloop/http/message.h"

#include <charconv>

namespace gl::http {

std::string_view Request::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return {};
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  std::string_view cookies = Header("cookie");
  while (!cookies.empty()) {
    size_t end = cookies.find(';');
    std::string_view pair = cookies.substr(0, end);
    cookies = end == std::string_view::npos ? std::string_view() : cookies.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) {
      return std::string(pair.substr(eq + 1));
    }
  }
  return std::nullopt;
}

Result<json::object> Request::JsonBody() const {
  if (body.empty()) return Error(ErrorCode::kBadJson, "a JSON object body is required");
  return ParseJsonObject(body);
}

Result<std::int64_t> Request::IdParam(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  if (it == path_params.end()) return Error::Internal("route has no parameter " + std::string(name));
  auto id = ParseIdText(it->second);
  if (!id) return Error::NotFound("no record with id '" + it->second + "'");
  return *id;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Response Response::Json(int status, const json::value& value) {
  Response r;
  r.status = status;
  r.body = json::serialize(value);
  return r;
}

Response Response::FromError(const Error& error) {
  json::object body{{"error", ErrorCodeName(error.code())}, {"message", error.message()}};
  if (!error.field().empty()) body["field"] = error.field();
  return Json(ErrorCodeHttpStatus(error.code()), body);
}

Response Response::NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

namespace {
Result<int> PositiveIntParam(const Request& request, std::string_view name, int fallback, int max) {
  auto text = request.Query(name);
  if (!text || text->empty()) return fallback;
  int value = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || ptr != text->data() + text->size() || value < 1 || value > max) {
    return Error::InvalidArgument(std::string(name), std::string(name) + " must be an integer from 1 to " +
                                                         std::to_string(max));
  }
  return value;
}
}  // namespace

Result<Paging> ParsePaging(const Request& request) {
  Paging p;
  GL_ASSIGN_OR_RETURN(p.page, PositiveIntParam(request, "page", 1, 1000000));
  GL_ASSIGN_OR_RETURN(p.page_size, PositiveIntParam(request, "page_size", 50, 500));
  return p;
}

Response ListResponse(json::array items, std::int64_t total) {
  return Response::Json(200, json::object{{"items", std::move(items)}, {"total", total}});
}

}  // namespace gl::http
