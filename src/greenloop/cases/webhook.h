// greenloop/cases/webhook.h
//
// Delivers case events to units' webhooks: a JSON POST per event, from one
// background thread, each with a timeout; a failure (refused, timed out, non-2xx)
// is logged and dropped, never retried and never blocks a request. Only http://
// URLs. Enqueue() is thread-safe and never blocks; the queue holds at most
// `max_queue` events (more are dropped and logged). Stop() ends the thread after
// the event in flight.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

namespace gl::cases {

struct WebhookOptions {
  int timeout_ms = 5000;
  size_t max_queue = 1000;
};

class WebhookSender {
 public:
  explicit WebhookSender(WebhookOptions options = {});
  ~WebhookSender();
  void Enqueue(std::string url, std::string json_body);
  void Stop();
  long long sent() const;
  long long failed() const;

 private:
  void Run();

  WebhookOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<std::string, std::string>> queue_;
  bool stopping_ = false;
  long long sent_ = 0, failed_ = 0;
  std::thread thread_;
};

// POSTs `body` to an http:// URL; returns the HTTP status, or an Error (bad URL,
// connection refused, timeout). Used by the sender; public for tests.
struct WebhookResult {
  int status = 0;
  std::string error;
};
WebhookResult PostJson(const std::string& url, const std::string& body, int timeout_ms);

}  // namespace gl::cases
