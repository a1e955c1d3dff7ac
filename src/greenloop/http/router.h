// greenloop/http/router.h
//
// Maps (method, path) to a handler. Patterns are literal segments and `{name}`
// parameters: "/api/v1/people/{id}". A handler returns a Response or an Error;
// the router turns an Error into `{"error","message"}` with its status, an
// exception into a logged 500, and records every request in Metrics.
//
// Paths under /api/ that match no route answer 404 (or 405 when the path exists
// for another method) as JSON; other GET and HEAD requests go to the fallback
// (static files), when one is set.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "greenloop/http/message.h"
#include "greenloop/http/metrics.h"

namespace gl::http {

using Handler = std::function<Result<Response>(Request&)>;

class Router {
 public:
  explicit Router(Metrics& metrics) : metrics_(metrics) {}

  void Add(std::string method, std::string pattern, Handler handler);
  void Get(std::string pattern, Handler h) { Add("GET", std::move(pattern), std::move(h)); }
  void Post(std::string pattern, Handler h) { Add("POST", std::move(pattern), std::move(h)); }
  void Patch(std::string pattern, Handler h) { Add("PATCH", std::move(pattern), std::move(h)); }
  void Delete(std::string pattern, Handler h) { Add("DELETE", std::move(pattern), std::move(h)); }
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

  // Never throws. Fills request.path_params.
  Response Dispatch(Request& request) const;

  Metrics& metrics() const { return metrics_; }

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool Match(const Route& route, const std::vector<std::string_view>& segments,
                    std::map<std::string, std::string>& params);
  Response Invoke(const Handler& handler, Request& request, const std::string& route_name) const;

  Metrics& metrics_;
  std::vector<Route> routes_;
  Handler fallback_;
};

}  // namespace gl::http
