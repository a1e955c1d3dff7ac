#include "support/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace gl::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

json::value HttpResult::Json() const {
  auto v = ParseJson(body);
  return v.ok() ? *v : json::value(nullptr);
}

std::string HttpResult::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string HttpResult::ErrorCode() const {
  auto v = Json();
  if (!v.is_object() || !v.as_object().contains("error")) return {};
  return std::string(v.as_object().at("error").as_string());
}

HttpResult TestClient::Request(const std::string& method, const std::string& target,
                               const std::string& body,
                               const std::vector<std::pair<std::string, std::string>>& headers) {
  HttpResult out;
  try {
    asio::io_context ioc;
    asio::ip::tcp::socket socket(ioc);
    socket.connect({asio::ip::make_address("127.0.0.1"), port_});
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
    if (!cookie_.empty()) req.set(bhttp::field::cookie, cookie_);
    if (send_csrf_ && !csrf_.empty()) req.set("X-CSRF-Token", csrf_);
    if (!bearer_.empty()) req.set(bhttp::field::authorization, "Bearer " + bearer_);
    for (const auto& [name, value] : headers) req.set(name, value);
    req.body() = body;
    req.prepare_payload();
    bhttp::write(socket, req);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 << 20);
    bhttp::read(socket, buffer, parser);
    auto res = parser.release();
    out.status = res.result_int();
    out.body = res.body();
    for (const auto& field : res) {
      std::string name(field.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers.emplace(name, std::string(field.value()));
    }
    boost::system::error_code ignored;
    socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  } catch (const std::exception&) {
    out.status = 0;
  }
  return out;
}

HttpResult TestClient::Login(const std::string& login, const std::string& password) {
  json::object body{{"login", login}, {"password", password}};
  HttpResult r = Post("/api/v1/session", json::serialize(body));
  if (r.status == 200) {
    std::string set_cookie = r.Header("set-cookie");
    cookie_ = set_cookie.substr(0, set_cookie.find(';'));
    csrf_ = std::string(r.Json().as_object().at("csrf_token").as_string());
  }
  return r;
}

std::string TestClient::RawExchange(std::uint16_t port, const std::string& bytes) {
  std::string received;
  try {
    asio::io_context ioc;
    asio::ip::tcp::socket socket(ioc);
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    asio::write(socket, asio::buffer(bytes));
    std::array<char, 4096> chunk;
    boost::system::error_code ec;
    for (;;) {
      size_t n = socket.read_some(asio::buffer(chunk), ec);
      if (ec) break;
      received.append(chunk.data(), n);
    }
  } catch (const std::exception&) {
  }
  return received;
}

}  // namespace gl::testing
