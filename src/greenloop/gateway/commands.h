// greenloop/gateway/commands.h
//
// What the platform asks of a device when it (re)connects: pure decisions, no I/O.
// - Time calibration: a device whose DataTime is more than `max_clock_skew` away
//   from the platform's clock is sent 1012 设置现场机时间 (HJ 212-2017 Table 9).
// - Gap filling: a device silent for more than three reporting intervals (and at
//   most `max_backfill`) is asked for the minute data it holds for the gap with a
//   2051 history request (BeginTime/EndTime, HJ 212-2017 Tables C.20-C.23); what it
//   sends back is stored like any other upload, so the gap closes by itself.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenloop/base/time.h"

namespace gl::gateway {

struct CommandPolicy {
  TimeMs max_clock_skew = 5 * 60 * 1000;
  TimeMs max_backfill = 24LL * 3600 * 1000;  // older data is asked for by hand
};

struct ConnectDecision {
  bool set_time = false;
  std::optional<TimeMs> backfill_from;  // ask for [backfill_from, now)
};

// `device_time`: the DataTime of the device's first upload on this connection;
// `last_seen_before`: when the platform last heard from it before this connection.
ConnectDecision DecideOnConnect(TimeMs now, std::optional<TimeMs> device_time,
                                std::optional<TimeMs> last_seen_before, int interval_s,
                                const CommandPolicy& policy = {});

// "YYYYMMDDhhmmss" in Asia/Shanghai, as SystemTime, BeginTime and EndTime are written.
std::string DeviceTimeText(TimeMs t);
// A fresh QN "YYYYMMDDhhmmsszzz" (HJ 212-2017 Table 3) for a platform request.
std::string RequestQn(TimeMs t);

// Requests sent to one device and not yet answered with 9011 (HJ 212-2017 §6.4: a
// request is answered first with 9011 请求应答, then 9012 执行结果). An unanswered
// request is sent again with the same QN after the response timeout, doubling the
// wait each time (10 s, 20 s, 40 s), and given up after `retries` resends (§6.2
// Table 1: 10 s over cellular links, 3 retries). The connection checks whenever
// the device sends anything, so a device reporting every minute is retried at its
// next report. Not thread-safe: one per connection.
class OutstandingRequests {
 public:
  struct Policy {
    TimeMs timeout = 10 * 1000;
    int retries = 3;
  };
  struct Request {
    std::string qn, cn, packet;
    int sends = 1;
    TimeMs due = 0;
  };

  OutstandingRequests() = default;
  explicit OutstandingRequests(Policy policy) : policy_(policy) {}

  void Sent(std::string qn, std::string cn, std::string packet, TimeMs now);
  // The device answered (9011) the request `qn`; false when it was not outstanding.
  bool Answered(std::string_view qn);
  // Requests due again now (their `sends` already counted) go to `resend`; those that
  // have had all their resends go to `given_up` and are forgotten.
  void Poll(TimeMs now, std::vector<Request>* resend, std::vector<Request>* given_up);

  size_t size() const { return requests_.size(); }

 private:
  Policy policy_;
  std::vector<Request> requests_;
};

}  // namespace gl::gateway
