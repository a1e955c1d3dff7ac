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

}  // namespace gl::gateway
