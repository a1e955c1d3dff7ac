// tests/support/http_client.h
//
// A small blocking HTTP/1.1 client over a real TCP socket, for tests against an
// in-process server. Keeps the session cookie and CSRF token after Login().
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "greenloop/base/json.h"

namespace gl::testing {

struct HttpResult {
  int status = 0;  // 0 when the connection failed
  std::string body;
  std::multimap<std::string, std::string> headers;  // names lower-case
  json::value Json() const;
  std::string Header(const std::string& lower_name) const;
  std::string ErrorCode() const;  // the "error" field of a JSON error body
};

class TestClient {
 public:
  explicit TestClient(std::uint16_t port) : port_(port) {}

  HttpResult Request(const std::string& method, const std::string& target,
                     const std::string& body = {},
                     const std::vector<std::pair<std::string, std::string>>& headers = {});
  HttpResult Get(const std::string& target) { return Request("GET", target); }
  HttpResult Post(const std::string& target, const std::string& body) {
    return Request("POST", target, body);
  }
  HttpResult Patch(const std::string& target, const std::string& body) {
    return Request("PATCH", target, body);
  }
  HttpResult Delete(const std::string& target) { return Request("DELETE", target); }

  // Signs in; keeps the cookie and CSRF token for later requests. Returns the response.
  HttpResult Login(const std::string& login, const std::string& password);
  void set_bearer(std::string token) { bearer_ = std::move(token); }
  void set_send_csrf(bool send) { send_csrf_ = send; }
  const std::string& csrf() const { return csrf_; }

  // Writes raw bytes on a fresh connection and reads until the server closes it.
  static std::string RawExchange(std::uint16_t port, const std::string& bytes);

 private:
  std::uint16_t port_;
  std::string cookie_;
  std::string csrf_;
  std::string bearer_;
  bool send_csrf_ = true;
};

}  // namespace gl::testing
