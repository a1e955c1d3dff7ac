#include "greenloop/http/router.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace gl::http {

namespace {
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end;
  }
  return out;
}
}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
  Route r{std::move(method), std::move(pattern), {}, std::move(handler)};
  for (auto s : SplitPath(r.pattern)) r.segments.emplace_back(s);
  routes_.push_back(std::move(r));
}

bool Router::Match(const Route& route, const std::vector<std::string_view>& segments,
                   std::map<std::string, std::string>& params) {
  if (route.segments.size() != segments.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& want = route.segments[i];
    if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
      found[want.substr(1, want.size() - 2)] = std::string(segments[i]);
    } else if (want != segments[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

Response Router::Invoke(const Handler& handler, Request& request,
                        const std::string& route_name) const {
  auto start = std::chrono::steady_clock::now();
  Response response;
  try {
    Result<Response> result = handler(request);
    response = result.ok() ? std::move(result).value() : Response::FromError(result.error());
    if (!result.ok() && result.error().code() == ErrorCode::kInternal) {
      spdlog::error("{} {}: {}", request.method, request.path, result.error().message());
    }
  } catch (const std::exception& e) {
    spdlog::error("{} {}: unhandled exception: {}", request.method, request.path, e.what());
    response = Response::FromError(Error::Internal("internal error"));
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.ObserveRequest(route_name, request.method, response.status, seconds);
  return response;
}

Response Router::Dispatch(Request& request) const {
  auto segments = SplitPath(request.path);
  bool path_known = false;
  for (const Route& route : routes_) {
    std::map<std::string, std::string> params;
    if (!Match(route, segments, params)) continue;
    path_known = true;
    bool method_ok = route.method == request.method ||
                     (route.method == "GET" && request.method == "HEAD");
    if (!method_ok) continue;
    request.path_params = std::move(params);
    return Invoke(route.handler, request, route.pattern);
  }
  bool api = request.path.rfind("/api/", 0) == 0;
  if (!api && fallback_ && (request.method == "GET" || request.method == "HEAD")) {
    return Invoke(fallback_, request, "static");
  }
  Error error = path_known ? Error(ErrorCode::kMethodNotAllowed,
                                   request.method + " is not allowed on " + request.path)
                           : Error::NotFound("no such resource: " + request.path);
  Response r = Response::FromError(error);
  metrics_.ObserveRequest(path_known ? "method_not_allowed" : "unmatched", request.method,
                          r.status, 0);
  return r;
}

}  // namespace gl::http
