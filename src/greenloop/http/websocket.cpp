#include "greenloop/http/websocket.h"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <map>
#include <mutex>

namespace gl::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;

namespace {
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

std::mutex g_routes_mutex;
std::map<std::pair<const Router*, std::string>, std::shared_ptr<const StreamRoute>> g_routes;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// One accepted connection, shared by its writer (ServeStream) and its reader.
class Connection : public StreamSink, public std::enable_shared_from_this<Connection> {
 public:
  Connection(beast::tcp_stream&& stream, const StreamOptions& options)
      : ws_(std::move(stream)), timer_(ws_.get_executor()), options_(options) {}

  bool Send(std::string text) override {
    std::lock_guard lock(mutex_);
    if (ended_) return false;
    if (queue_.size() >= options_.queue_limit) {
      ended_ = true;  // a slow consumer: dropped, never waited for
      asio::post(ws_.get_executor(), [self = shared_from_this()] {
        boost::system::error_code ignored;
        beast::get_lowest_layer(self->ws_).socket().close(ignored);
        self->timer_.cancel();
      });
      return false;
    }
    queue_.push_back(std::move(text));
    asio::post(ws_.get_executor(), [self = shared_from_this()] { self->timer_.cancel(); });
    return true;
  }

  void End() {
    std::lock_guard lock(mutex_);
    ended_ = true;
  }
  bool ended() {
    std::lock_guard lock(mutex_);
    return ended_;
  }
  std::deque<std::string> Take() {
    std::lock_guard lock(mutex_);
    std::deque<std::string> out;
    out.swap(queue_);
    return out;
  }

  websocket::stream<beast::tcp_stream> ws_;
  asio::steady_timer timer_;
  StreamOptions options_;

 private:
  std::mutex mutex_;
  std::deque<std::string> queue_;
  bool ended_ = false;
};

asio::awaitable<void> ReadAndDrop(std::shared_ptr<Connection> c) {
  beast::flat_buffer buffer;
  for (;;) {
    auto [ec, n] = co_await c->ws_.async_read(buffer, kUseTuple);
    (void)n;
    if (ec) break;
    buffer.consume(buffer.size());
  }
  c->End();
  c->timer_.cancel();
}

asio::awaitable<void> Refuse(beast::tcp_stream& stream, unsigned version, const Error& error) {
  Response r = Response::FromError(error);
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::content_type, r.content_type);
  res.set(bhttp::field::cache_control, "no-store");
  res.keep_alive(false);
  res.body() = std::move(r.body);
  res.prepare_payload();
  stream.expires_after(std::chrono::seconds(5));
  co_await bhttp::async_write(stream, res, kUseTuple);
}

}  // namespace

void RegisterStream(const Router& router, std::string path, StreamOpener open,
                    StreamOptions options) {
  std::lock_guard lock(g_routes_mutex);
  g_routes[{&router, std::move(path)}] =
      std::make_shared<const StreamRoute>(StreamRoute{std::move(open), options});
}

std::shared_ptr<const StreamRoute> FindStream(const Router& router, std::string_view path) {
  std::lock_guard lock(g_routes_mutex);
  auto it = g_routes.find({&router, std::string(path)});
  return it == g_routes.end() ? nullptr : it->second;
}

bool SameOrigin(std::string_view origin, std::string_view host) {
  if (origin.empty()) return true;
  size_t scheme = origin.find("://");
  if (scheme == std::string_view::npos) return false;  // "null" and the like
  std::string_view origin_host = origin.substr(scheme + 3);
  if (size_t slash = origin_host.find('/'); slash != std::string_view::npos) {
    origin_host = origin_host.substr(0, slash);
  }
  return !host.empty() && Lower(origin_host) == Lower(host);
}

asio::awaitable<void> ServeStream(beast::tcp_stream& stream,
                                  bhttp::request<bhttp::string_body> upgrade, Request request,
                                  std::shared_ptr<const StreamRoute> route,
                                  const std::atomic<bool>& closing) {
  const unsigned version = upgrade.version();
  if (!SameOrigin(request.Header("origin"), request.Header("host"))) {
    co_await Refuse(stream, version, Error::Forbidden("cross-origin stream refused"));
    co_return;
  }
  auto conn = std::make_shared<Connection>(std::move(stream), route->options);
  auto opened = route->open(request, conn);
  if (!opened.ok()) {
    conn->End();
    co_await Refuse(beast::get_lowest_layer(conn->ws_), version, opened.error());
    co_return;
  }
  std::function<void()> cleanup = std::move(opened).value();
  auto& ws = conn->ws_;
  beast::get_lowest_layer(ws).expires_never();
  websocket::stream_base::timeout timeouts;
  timeouts.handshake_timeout = std::chrono::seconds(10);
  timeouts.idle_timeout = route->options.idle;
  timeouts.keep_alive_pings = true;
  ws.set_option(timeouts);
  ws.read_message_max(route->options.max_client_message);
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(bhttp::field::server, "greenloop"); }));
  auto [aec] = co_await ws.async_accept(upgrade, kUseTuple);
  if (!aec) {
    asio::co_spawn(ws.get_executor(), ReadAndDrop(conn), asio::detached);
    ws.text(true);
    bool failed = false;
    while (!failed && !closing) {
      std::deque<std::string> batch = conn->Take();
      if (batch.empty()) {
        if (conn->ended()) break;
        conn->timer_.expires_after(std::chrono::seconds(1));
        co_await conn->timer_.async_wait(kUseTuple);
        continue;
      }
      for (const std::string& message : batch) {
        auto [wec, n] = co_await ws.async_write(asio::buffer(message), kUseTuple);
        (void)n;
        if (wec) {
          failed = true;
          break;
        }
      }
    }
    conn->End();
    if (!failed && ws.is_open()) {
      co_await ws.async_close(
          closing ? websocket::close_code::going_away : websocket::close_code::normal, kUseTuple);
    }
  }
  conn->End();
  if (cleanup) cleanup();
}

}  // namespace gl::http
