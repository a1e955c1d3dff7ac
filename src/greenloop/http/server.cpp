#include "greenloop/http/server.h"
#include "greenloop/http/websocket.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/url/parse.hpp>
#include <charconv>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace gl::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// One open connection, as seen by Stop(): close it now if idle, else after its response.
struct Connection {
  beast::tcp_stream* stream = nullptr;
  asio::any_io_executor executor;
  std::atomic<bool> busy{false};
  std::atomic<bool> closing{false};
  bool alive = true;  // cleared on the connection's strand before its stream is destroyed
};

Request ToRequest(bhttp::request<bhttp::string_body>&& req, const std::string& remote,
                  Error& target_error) {
  Request out;
  out.method = std::string(req.method_string());
  out.remote_address = remote;
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  auto target = boost::urls::parse_origin_form(req.target());
  if (!target) {
    target_error = Error::InvalidArgument("target", "malformed request target");
    return out;
  }
  out.path = target->path();
  for (auto param : target->params()) out.query[param.key] = param.value;
  out.body = std::move(req.body());
  return out;
}

bhttp::response<bhttp::string_body> ToBeast(Response&& r, unsigned version, bool keep_alive,
                                            bool head) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::server, "greenloop");
  if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
  bool has_cache_header = false;
  for (auto& [name, value] : r.headers) {
    if (beast::iequals(name, "cache-control")) has_cache_header = true;
    res.insert(name, value);
  }
  if (!has_cache_header) res.set(bhttp::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(keep_alive);
  res.body() = std::move(r.body);
  res.prepare_payload();
  if (head) res.body().clear();  // Content-Length stays that of the GET
  return res;
}

Response PlainError(ErrorCode code, std::string message) {
  return Response::FromError(Error(code, std::move(message)));
}
}  // namespace

struct HttpServer::Impl : std::enable_shared_from_this<Impl> {
  asio::io_context& ioc;
  const Router& router;
  ServerOptions options;
  tcp::acceptor acceptor;
  std::atomic<bool> stopping{false};
  std::atomic<size_t> active{0};
  std::mutex mutex;
  std::unordered_map<std::uint64_t, std::shared_ptr<Connection>> connections;
  std::uint64_t next_connection = 0;

  size_t largest_body_limit;

  Impl(asio::io_context& io, const Router& r, ServerOptions o)
      : ioc(io), router(r), options(o), acceptor(io), largest_body_limit(o.body_limit) {
    for (const auto& [prefix, limit] : options.body_limit_by_prefix) {
      largest_body_limit = std::max(largest_body_limit, limit);
    }
  }

  // The longest matching prefix's limit, else the default. `target` may carry a query.
  size_t BodyLimitFor(std::string_view target) const {
    target = target.substr(0, target.find('?'));
    size_t limit = options.body_limit, matched = 0;
    for (const auto& [prefix, prefix_limit] : options.body_limit_by_prefix) {
      if (prefix.size() > matched && target.starts_with(prefix)) {
        limit = prefix_limit;
        matched = prefix.size();
      }
    }
    return limit;
  }

  asio::awaitable<void> Accept() {
    auto self = shared_from_this();
    while (!stopping) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kUseTuple);
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) break;
        spdlog::warn("http accept: {}", ec.message());
        // Out of descriptors and similar: back off instead of spinning.
        asio::steady_timer pause(ioc, std::chrono::milliseconds(50));
        co_await pause.async_wait(kUseTuple);
        continue;
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor, Serve(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> Serve(tcp::socket socket) {
    auto self = shared_from_this();
    ++active;
    std::string remote;
    {
      boost::system::error_code ec;
      auto ep = socket.remote_endpoint(ec);
      if (!ec) remote = ep.address().to_string();
    }
    beast::tcp_stream stream(std::move(socket));
    auto conn = std::make_shared<Connection>();
    conn->stream = &stream;
    conn->executor = stream.get_executor();
    std::uint64_t conn_id;
    {
      std::lock_guard lock(mutex);
      conn_id = next_connection++;
      connections[conn_id] = conn;
    }
    if (active > options.max_connections) {
      co_await WriteAndClose(stream, PlainError(ErrorCode::kUnavailable, "too many connections"));
    } else {
      co_await ServeRequests(stream, *conn, remote);
    }
    conn->alive = false;
    {
      std::lock_guard lock(mutex);
      connections.erase(conn_id);
    }
    --active;
  }

  asio::awaitable<void> ServeRequests(beast::tcp_stream& stream, Connection& conn,
                                      const std::string& remote) {
    beast::flat_buffer buffer;  // persists across requests: it may hold the next one's bytes
    for (;;) {
      if (stopping || conn.closing) break;
      bhttp::request_parser<bhttp::string_body> parser;
      // The header decides the body's limit (uploads may be larger than JSON): read it
      // under the largest limit, then hold the body to its route's.
      parser.body_limit(largest_body_limit);
      parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
      stream.expires_after(options.read_timeout);
      size_t body_limit = options.body_limit;
      auto [ec, bytes] = co_await bhttp::async_read_header(stream, buffer, parser, kUseTuple);
      (void)bytes;
      if (!ec || ec == bhttp::error::body_limit) body_limit = BodyLimitFor(parser.get().target());
      if (!ec) {
        auto length = parser.content_length();
        if (length && *length > body_limit) {
          ec = bhttp::error::body_limit;
        } else {
          parser.body_limit(body_limit);
          if (!parser.is_done()) {
            auto [body_ec, body_bytes] =
                co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
            (void)body_bytes;
            ec = body_ec;
          }
        }
      }
      if (ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
          ec == beast::error::timeout || ec == asio::error::operation_aborted ||
          ec == asio::error::connection_reset || ec == asio::error::bad_descriptor) {
        break;
      }
      if (ec == bhttp::error::body_limit) {
        co_await WriteAndClose(
            stream, PlainError(ErrorCode::kPayloadTooLarge,
                               "request body over " + std::to_string(body_limit) + " bytes"));
        break;
      }
      if (ec == bhttp::error::header_limit) {
        co_await WriteAndClose(
            stream,
            PlainError(ErrorCode::kPayloadTooLarge,
                       "request headers over " + std::to_string(options.header_limit) + " bytes"));
        break;
      }
      if (ec) {
        // Any other parse error: the request is malformed and the stream cannot be resynced.
        co_await WriteAndClose(stream, PlainError(ErrorCode::kInvalidArgument,
                                                  "malformed HTTP request: " + ec.message()));
        break;
      }
      conn.busy = true;
      auto req = parser.release();
      bool keep_alive = req.keep_alive() && !stopping;
      unsigned version = req.version();
      bool head = req.method() == bhttp::verb::head;
      Error target_error(ErrorCode::kOk, {});
      std::optional<bhttp::request<bhttp::string_body>> upgrade;
      if (beast::websocket::is_upgrade(req)) upgrade = req;
      Request request = ToRequest(std::move(req), remote, target_error);
      if (!options.trusted_proxies.empty()) {
        request.remote_address =
            ClientAddress(remote, request.Header("x-forwarded-for"), options.trusted_proxies);
      }
      // A WebSocket stream takes the connection over (websocket.h).
      if (auto ws = upgrade && target_error.code() == ErrorCode::kOk
                        ? FindStream(router, request.path)
                        : nullptr) {
        co_await ServeStream(stream, std::move(*upgrade), std::move(request), ws, conn.closing);
        conn.busy = false;
        break;
      }
      Response response = target_error.code() == ErrorCode::kOk ? router.Dispatch(request)
                                                                : Response::FromError(target_error);
      auto res = ToBeast(std::move(response), version, keep_alive && !conn.closing, head);
      stream.expires_after(options.read_timeout);
      auto [wec, written] = co_await bhttp::async_write(stream, res, kUseTuple);
      (void)written;
      conn.busy = false;
      if (wec || !res.keep_alive()) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  // Answers and closes. The unread rest of the request is drained for a moment first, so
  // the client reads the answer instead of a reset (a lingering close). Counted in /metrics
  // under route "unparsed": these requests never reach the router.
  asio::awaitable<void> WriteAndClose(beast::tcp_stream& stream, Response response) {
    router.metrics().ObserveRequest("unparsed", "-", response.status, 0);
    auto res = ToBeast(std::move(response), 11, false, false);
    stream.expires_after(std::chrono::seconds(5));
    co_await bhttp::async_write(stream, res, kUseTuple);
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    std::array<char, 16384> sink;
    size_t drained = 0;
    stream.expires_after(std::chrono::seconds(1));
    while (drained < 8 * options.body_limit + (1 << 20)) {  // the small limit: a flood is cut
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), kUseTuple);
      if (ec) break;
      drained += n;
    }
    stream.socket().close(ignored);
  }
};

HttpServer::HttpServer(asio::io_context& ioc, const Router& router, ServerOptions options)
    : impl_(std::make_shared<Impl>(ioc, router, options)) {}

HttpServer::~HttpServer() { Stop(); }

std::string ClientAddress(const std::string& peer, std::string_view forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) !=
           trusted_proxies.end();
  };
  if (forwarded_for.empty() || !trusted(peer)) return peer;
  // Walk from the right: each trusted hop vouches for the address to its left.
  while (!forwarded_for.empty()) {
    size_t comma = forwarded_for.rfind(',');
    std::string_view hop =
        comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
    forwarded_for =
        comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    while (!hop.empty() && (hop.front() == ' ' || hop.front() == '\t')) hop.remove_prefix(1);
    while (!hop.empty() && (hop.back() == ' ' || hop.back() == '\t')) hop.remove_suffix(1);
    if (hop.empty()) continue;
    if (!trusted(hop)) return std::string(hop);
  }
  return peer;
}

Status OpenAcceptor(tcp::acceptor& acceptor, const std::string& host, std::uint16_t port,
                    const std::string& flag) {
  boost::system::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec) return Error(ErrorCode::kUnavailable, "bad " + flag + " address '" + host + "'", flag);
  tcp::endpoint endpoint(address, port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error(ErrorCode::kUnavailable,
                 "cannot listen on " + host + ":" + std::to_string(port) + " (" + flag +
                     "): " + ec.message(),
                 flag);
  }
  return Status::Ok();
}

Status HttpServer::Listen(const std::string& host, std::uint16_t port) {
  GL_RETURN_IF_ERROR(OpenAcceptor(impl_->acceptor, host, port, "--http"));
  asio::co_spawn(impl_->acceptor.get_executor(), impl_->Accept(), asio::detached);
  return Status::Ok();
}

std::uint16_t HttpServer::port() const {
  boost::system::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void HttpServer::Stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->acceptor.get_executor(), [impl = impl_] {
    boost::system::error_code ignored;
    impl->acceptor.close(ignored);
  });
  std::lock_guard lock(impl_->mutex);
  for (auto& [id, conn] : impl_->connections) {
    conn->closing = true;
    asio::post(conn->executor, [conn] {
      // A connection waiting for its next request is cut; one in a request finishes it.
      if (conn->alive && !conn->busy) conn->stream->cancel();
    });
  }
}

bool WaitUntilZero(const std::atomic<size_t>& count,
                   std::chrono::steady_clock::time_point deadline) {
  while (count > 0) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

bool HttpServer::Wait(std::chrono::steady_clock::time_point deadline) {
  return WaitUntilZero(impl_->active, deadline);
}

size_t HttpServer::active_connections() const { return impl_->active; }

Result<std::pair<std::string, std::uint16_t>> ParseHostPort(const std::string& text,
                                                            const std::string& flag) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    return Error::InvalidArgument(flag, flag + " must be HOST:PORT, got '" + text + "'");
  }
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "0.0.0.0";
  std::string port_text = text.substr(colon + 1);
  unsigned port = 0;
  auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port > 65535) {
    return Error::InvalidArgument(flag, flag + " has a bad port: '" + port_text + "'");
  }
  return std::make_pair(host, static_cast<std::uint16_t>(port));
}

}  // namespace gl::http
