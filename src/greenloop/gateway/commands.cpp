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

}  // namespace gl::gateway
