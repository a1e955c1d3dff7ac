// greenloop/http/message.h
//
// The request and response that handlers see: plain data, no Beast types, so
// handlers (a capability's api.cpp) can be tested without a socket.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/base/json.h"

namespace gl::http {

struct Request {
  std::string method;                              // "GET", "POST", ...
  std::string path;                                // percent-decoded, no query
  std::map<std::string, std::string> query;        // decoded; the last of repeated keys wins
  std::map<std::string, std::string> path_params;  // {id} in the route pattern
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::string remote_address;

  // The first header of that (lower-case) name, or empty.
  std::string_view Header(std::string_view lower_name) const;
  // A cookie's value from the Cookie header, or nullopt.
  std::optional<std::string> Cookie(std::string_view name) const;
  // The body as a JSON object; kBadJson when malformed or not an object.
  Result<json::object> JsonBody() const;
  // A path parameter parsed as an id; kNotFound when it is not one (an id that
  // cannot exist names no record).
  Result<std::int64_t> IdParam(std::string_view name) const;
  // A query parameter, or nullopt.
  std::optional<std::string> Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Json(int status, const json::value& value);
  static Response FromError(const Error& error);
  static Response NoContent();
};

// Paging from ?page=&page_size= (page from 1, size 1..500, default 50).
struct Paging {
  int page = 1;
  int page_size = 50;
  int offset() const { return (page - 1) * page_size; }
};
Result<Paging> ParsePaging(const Request& request);

// {"items":[...],"total":N}, the shape of every list.
Response ListResponse(json::array items, std::int64_t total);

}  // namespace gl::http
