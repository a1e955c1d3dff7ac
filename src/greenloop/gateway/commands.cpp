#include "greenloop/gateway/commands.h"

#include <cstdio>
#include <cstdlib>

namespace gl::gateway {

ConnectDecision DecideOnConnect(TimeMs now, std::optional<TimeMs> device_time,
                                std::optional<TimeMs> last_seen_before, int interval_s,
                                const CommandPolicy& policy) {
  ConnectDecision d;
  if (device_time && std::llabs(*device_time - now) > policy.max_clock_skew) d.set_time = true;
  if (last_seen_before) {
    TimeMs silent = now - *last_seen_before;
    if (silent > 3LL * interval_s * 1000 && silent <= policy.max_backfill) {
      d.backfill_from = *last_seen_before;
    }
  }
  return d;
}

std::string DeviceTimeText(TimeMs t) {
  CivilTime c = ToCivil(t + kShanghaiOffsetMs);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d", c.year, c.month, c.day, c.hour,
                c.minute, c.second);
  return buf;
}

std::string RequestQn(TimeMs t) {
  CivilTime c = ToCivil(t + kShanghaiOffsetMs);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%03d", c.millisecond);
  return DeviceTimeText(t) + buf;
}

void OutstandingRequests::Sent(std::string qn, std::string cn, std::string packet, TimeMs now) {
  requests_.push_back({std::move(qn), std::move(cn), std::move(packet), 1, now + policy_.timeout});
}

bool OutstandingRequests::Answered(std::string_view qn) {
  for (auto it = requests_.begin(); it != requests_.end(); ++it) {
    if (it->qn == qn) {
      requests_.erase(it);
      return true;
    }
  }
  return false;
}

void OutstandingRequests::Poll(TimeMs now, std::vector<Request>* resend,
                               std::vector<Request>* given_up) {
  for (auto it = requests_.begin(); it != requests_.end();) {
    if (now < it->due) {
      ++it;
      continue;
    }
    if (it->sends > policy_.retries) {
      given_up->push_back(std::move(*it));
      it = requests_.erase(it);
      continue;
    }
    // The wait doubles with every send: timeout, 2x, 4x, ...
    it->due = now + (policy_.timeout << it->sends);
    ++it->sends;
    resend->push_back(*it);
    ++it;
  }
}

}  // namespace gl::gateway
