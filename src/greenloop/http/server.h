// greenloop/http/server.h
//
// The HTTP/1.1 server: Boost.Beast over Asio coroutines. One coroutine per
// connection owns its stream and read buffer; each request gets a fresh parser
// with a header and body limit and a read deadline. Every error a read can give
// is handled: a body over the limit answers 413, a malformed request 400, a
// timeout or reset closes the connection. Handlers run through the Router.
//
// Listen() binds or returns kUnavailable naming the address (a taken port is an
// error, not a silent dead acceptor). Stop() stops accepting, lets requests in
// flight finish and closes idle connections; Wait() returns when none are left
// or the deadline passes. The io_context must outlive the server.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/http/router.h"

namespace gl::http {

struct ServerOptions {
  size_t body_limit = 1 << 20;  // 1 MiB of request body
  // Larger (or smaller) limits for paths starting with a prefix ("/api/v1/attachments");
  // the longest matching prefix wins. Checked against Content-Length before any body is read.
  std::vector<std::pair<std::string, size_t>> body_limit_by_prefix;
  size_t header_limit = 16 * 1024;        // request line and headers
  std::chrono::seconds read_timeout{30};  // to read one request, and idle keep-alive
  size_t max_connections = 10000;         // beyond this, new connections get 503 and are closed
  // Reverse proxies in front of the server (their addresses). A request that comes from one
  // of them takes its client address from X-Forwarded-For (see ClientAddress), so per-address
  // limits count citizens, not the proxy. Empty: the socket's peer is the client.
  std::vector<std::string> trusted_proxies;
};

class HttpServer {
 public:
  HttpServer(boost::asio::io_context& ioc, const Router& router, ServerOptions options);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // "127.0.0.1", 8080. Port 0 picks a free port (see port()).
  Status Listen(const std::string& host, std::uint16_t port);
  std::uint16_t port() const;

  void Stop();
  // true if every connection closed before the deadline.
  bool Wait(std::chrono::steady_clock::time_point deadline);

  size_t active_connections() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// The client's address: `peer` itself unless `peer` is a trusted proxy and the request
// carries X-Forwarded-For; then the rightmost address of that header that is not a trusted
// proxy (the one the nearest trusted proxy saw), or `peer` when every hop is trusted.
std::string ClientAddress(const std::string& peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

// Opens, binds and listens `acceptor` on host:port; kUnavailable naming `flag` and
// the address when that fails (a taken port is an error, never a dead acceptor).
Status OpenAcceptor(boost::asio::ip::tcp::acceptor& acceptor, const std::string& host,
                    std::uint16_t port, const std::string& flag);

// Sleeps in short steps until `count` is zero (true) or the deadline passes (false).
bool WaitUntilZero(const std::atomic<size_t>& count,
                   std::chrono::steady_clock::time_point deadline);

// Splits "host:port" ("127.0.0.1:8080", "[::1]:8080", ":8080"); kInvalidArgument naming `flag`.
Result<std::pair<std::string, std::uint16_t>> ParseHostPort(const std::string& text,
                                                            const std::string& flag);

}  // namespace gl::http
