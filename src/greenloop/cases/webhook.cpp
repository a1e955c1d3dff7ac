#include "greenloop/cases/webhook.h"

#include <spdlog/spdlog.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>

namespace gl::cases {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace asio = boost::asio;

WebhookResult PostJson(const std::string& url, const std::string& body, int timeout_ms) {
  WebhookResult out;
  if (url.rfind("http://", 0) != 0) {
    out.error = "only http:// URLs";
    return out;
  }
  std::string rest = url.substr(7);
  size_t slash = rest.find('/');
  std::string hostport = rest.substr(0, slash);
  std::string target = slash == std::string::npos ? "/" : rest.substr(slash);
  std::string host = hostport, port = "80";
  if (size_t colon = hostport.rfind(':'); colon != std::string::npos) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
  }
  try {
    asio::io_context ioc;
    asio::ip::tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    auto timeout = std::chrono::milliseconds(timeout_ms);
    beast::error_code ec;
    stream.expires_after(timeout);
    auto endpoints = resolver.resolve(host, port);
    stream.async_connect(endpoints, [&](beast::error_code e, const auto&) { ec = e; });
    ioc.run();
    if (ec) {
      out.error = ec.message();
      return out;
    }
    bhttp::request<bhttp::string_body> req{bhttp::verb::post, target, 11};
    req.set(bhttp::field::host, hostport);
    req.set(bhttp::field::content_type, "application/json");
    req.set(bhttp::field::user_agent, "GreenLoop-cases-webhook");
    req.body() = body;
    req.prepare_payload();
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> res;
    ioc.restart();
    stream.expires_after(timeout);
    bhttp::async_write(stream, req, [&](beast::error_code e, size_t) {
      ec = e;
      if (e) return;
      bhttp::async_read(stream, buffer, res, [&](beast::error_code e2, size_t) { ec = e2; });
    });
    ioc.run();
    if (ec) {
      out.error = ec.message();
      return out;
    }
    out.status = static_cast<int>(res.result_int());
    stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
  } catch (const std::exception& e) {
    out.error = e.what();
  }
  return out;
}

WebhookSender::WebhookSender(WebhookOptions options) : options_(options) {
  thread_ = std::thread([this] { Run(); });
}

WebhookSender::~WebhookSender() { Stop(); }

void WebhookSender::Enqueue(std::string url, std::string json_body) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    if (queue_.size() >= options_.max_queue) {
      ++failed_;
      spdlog::warn("cases webhook: queue full, dropped an event for {}", url);
      return;
    }
    queue_.emplace_back(std::move(url), std::move(json_body));
  }
  cv_.notify_one();
}

void WebhookSender::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

long long WebhookSender::sent() const {
  std::lock_guard lock(mu_);
  return sent_;
}

long long WebhookSender::failed() const {
  std::lock_guard lock(mu_);
  return failed_;
}

void WebhookSender::Run() {
  for (;;) {
    std::pair<std::string, std::string> item;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    WebhookResult r = PostJson(item.first, item.second, options_.timeout_ms);
    bool ok = r.error.empty() && r.status >= 200 && r.status < 300;
    if (!ok) {
      spdlog::warn("cases webhook {} failed: {}", item.first,
                   r.error.empty() ? "HTTP " + std::to_string(r.status) : r.error);
    }
    std::lock_guard lock(mu_);
    (ok ? sent_ : failed_)++;
  }
}

}  // namespace gl::cases
