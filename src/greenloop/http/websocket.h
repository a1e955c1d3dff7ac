// greenloop/http/websocket.h
//
// Server-push streams over WebSocket (RFC 6455), Boost.Beast. A capability
// registers a path on a Router with RegisterStream(); the HTTP server hands an
// upgrade request for that path to ServeStream(), which:
//   - refuses a browser's cross-origin request (an Origin header whose host is not
//     the Host header) with 403, before anything else;
//   - asks the route's opener (which authenticates: the session cookie) and answers
//     its Error as JSON with the error's status (401, 403, ...);
//   - accepts, then writes the messages the opener's sink was given, in order, as
//     text frames. Messages from the client are read and dropped (control frames are
//     answered). Pings keep the connection alive; one silent for `idle` is closed.
//   - never blocks a sender: StreamSink::Send only queues; a connection whose queue
//     holds `queue_limit` messages is a slow consumer and is closed, its Send false.
//   - closes (going away) when the server stops.
// The opener's cleanup runs once when the connection ends, however it ends.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "greenloop/base/error.h"
#include "greenloop/http/message.h"
#include "greenloop/http/router.h"

namespace gl::http {

class StreamSink {
 public:
  virtual ~StreamSink() = default;
  // Queues a text message. false when the connection has ended or cannot keep up.
  virtual bool Send(std::string text) = 0;
};

// Returns the cleanup to run when the connection ends, or the Error that refuses it.
using StreamOpener =
    std::function<Result<std::function<void()>>(const Request&, std::shared_ptr<StreamSink>)>;

struct StreamOptions {
  size_t queue_limit = 512;
  std::chrono::seconds idle{60};
  size_t max_client_message = 4096;
};

struct StreamRoute {
  StreamOpener open;
  StreamOptions options;
};

// Registers a stream at `path` (exact match) for the servers that use `router`.
void RegisterStream(const Router& router, std::string path, StreamOpener open,
                    StreamOptions options = {});
// The stream registered at `path`, or nullptr.
std::shared_ptr<const StreamRoute> FindStream(const Router& router, std::string_view path);

// Whether `origin` (an Origin header) names the same host as `host` (the Host
// header); an absent Origin (not a browser) passes.
bool SameOrigin(std::string_view origin, std::string_view host);

// Serves one upgraded connection until it ends. Takes over `stream`.
boost::asio::awaitable<void> ServeStream(
    boost::beast::tcp_stream& stream,
    boost::beast::http::request<boost::beast::http::string_body> upgrade, Request request,
    std::shared_ptr<const StreamRoute> route, const std::atomic<bool>& closing);

}  // namespace gl::http
