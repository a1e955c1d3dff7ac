// greenloop/http/rate_limit.h
//
// A token bucket per client key (the client's address), for endpoints anyone can
// call. Each key's bucket holds up to `burst` tokens and refills at `per_minute`
// tokens a minute; a request takes one token.
//
// Contract:
// - Take(key) returns 0 when the request may proceed (a token was taken), or the
//   whole seconds (>= 1) after which one token will be there: the Retry-After value.
// - RateLimited(limiter, handler) asks Take(request.remote_address) before the
//   handler; a limited request answers 429 {"error":"too_many_requests"} with a
//   Retry-After header and the handler is not called.
// - The clock is injectable (tests use a fake one). Thread-safe. Memory is bounded:
//   full, idle buckets are dropped once more than `max_keys` are kept.
//
// State is per process: on several nodes each node limits on its own, so the
// effective limit is nodes x the configured one (acceptable for abuse protection;
// not a quota).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "greenloop/base/error.h"
#include "greenloop/http/message.h"
#include "greenloop/http/router.h"

namespace gl::http {

struct RateLimitOptions {
  double per_minute = 30;    // sustained rate
  double burst = 10;         // bucket size
  size_t max_keys = 100000;  // beyond this, full buckets are forgotten
};

class RateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  explicit RateLimiter(RateLimitOptions options, Clock clock = {});

  // 0: allowed (one token taken). Otherwise the seconds until one token is back.
  std::int64_t Take(const std::string& key);

  const RateLimitOptions& options() const { return options_; }

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point at;
  };
  void Refill(Bucket& b, std::chrono::steady_clock::time_point now) const;
  void Prune(std::chrono::steady_clock::time_point now);

  RateLimitOptions options_;
  Clock clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

// Wraps a handler: the limiter is asked first; a limited request answers 429
// {"error":"too_many_requests","message"} with a Retry-After header. The limiter
// must outlive the handler.
Handler RateLimited(RateLimiter& limiter, Handler handler);

// The 429 answer for a limited request: the JSON error body and Retry-After.
Response TooManyRequests(std::int64_t retry_after_s);

}  // namespace gl::http
