#include "greenloop/http/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace gl::http {

RateLimiter::RateLimiter(RateLimitOptions options, Clock clock)
    : options_(options), clock_(std::move(clock)) {
  if (!clock_) clock_ = [] { return std::chrono::steady_clock::now(); };
  options_.burst = std::max(1.0, options_.burst);
  options_.per_minute = std::max(1e-6, options_.per_minute);
}

void RateLimiter::Refill(Bucket& b, std::chrono::steady_clock::time_point now) const {
  double seconds = std::chrono::duration<double>(now - b.at).count();
  if (seconds > 0) {
    b.tokens = std::min(options_.burst, b.tokens + seconds * options_.per_minute / 60.0);
    b.at = now;
  }
}

void RateLimiter::Prune(std::chrono::steady_clock::time_point now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    Refill(it->second, now);
    it = it->second.tokens >= options_.burst ? buckets_.erase(it) : std::next(it);
  }
}

std::int64_t RateLimiter::Take(const std::string& key) {
  auto now = clock_();
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= options_.max_keys) Prune(now);
    it = buckets_.emplace(key, Bucket{options_.burst, now}).first;
  }
  Bucket& b = it->second;
  Refill(b, now);
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  double wait = (1.0 - b.tokens) * 60.0 / options_.per_minute;
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(wait)));
}

Response TooManyRequests(std::int64_t retry_after_s) {
  Response r =
      Response::FromError(Error(ErrorCode::kTooManyRequests,
                                "请求过于频繁，请 " + std::to_string(retry_after_s) + " 秒后再试"));
  r.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
  return r;
}

Handler RateLimited(RateLimiter& limiter, Handler handler) {
  return [&limiter, handler = std::move(handler)](Request& request) -> Result<Response> {
    if (std::int64_t wait = limiter.Take(request.remote_address); wait > 0) {
      return TooManyRequests(wait);
    }
    return handler(request);
  };
}

}  // namespace gl::http
