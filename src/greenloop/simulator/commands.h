// greenloop/simulator/commands.h
//
// How a simulated logger answers the platform's commands (HJ 212-2017 §6.5,
// Table 9, Appendix C). Pure: a received Frame in, the Frames to send back out,
// plus the state changes the device must apply. The session (session.cpp)
// handles 9014 acknowledgements itself; everything else received goes here.
//
//   1012 set time      9011 QnRtn=1, 9012 ExeRtn=1; the device clock is moved
//   1011 get time      9011, a 1011 upload with SystemTime (the request's QN), 9012
//   1061 / 1062        get / set the real-time interval (RtdInterval 30..3600 s)
//   2051 / 2061 / 2031 history between BeginTime and EndTime: 9011, the minute /
//                      hourly / daily records in range from the device's memory as
//                      uploads with the same CN (each a new QN, no answer wanted),
//                      then 9012 (ExeRtn=100 when memory holds none)
//   2011 / 2012        start real-time uploads (9011, 9012) / stop them (a notice: 9013)
//   anything else      9011 QnRtn=2 (rejected)
// A request naming another MN gets QnRtn=4, a wrong PW QnRtn=3 (Table 7); a
// malformed parameter gets 9011 QnRtn=1 and then 9012 ExeRtn=3 (Table 6).
#pragma once

#include <optional>
#include <vector>

#include "greenloop/base/time.h"
#include "greenloop/hj212/model.h"
#include "greenloop/simulator/records.h"
#include "greenloop/simulator/scenario.h"
#include "greenloop/simulator/sites.h"

namespace gl::simulator {

// How far back a logger's memory reaches, per record kind. Loggers keep at least
// a day of minute data; the simulator's memory is its deterministic generator, so
// the logger is taken to have run before the simulator started.
struct MemoryLimits {
  TimeMs minute = 24LL * 3600 * 1000;
  TimeMs hour = 7LL * 24 * 3600 * 1000;
  TimeMs day = 31LL * 24 * 3600 * 1000;
};

// What the answering needs to know about the device. Pointers must be non-null
// and outlive the call.
struct CommandContext {
  const DeviceSpec* device = nullptr;
  SimParams params;
  TimeMs device_now = 0;    // the device's clock (UTC ms)
  TimeMs clock_offset = 0;  // device clock minus real time
  int rtd_interval_s = 60;
  MemoryLimits memory;
  QnSource* qn = nullptr;  // for the QNs of history uploads
};

struct CommandAnswer {
  std::vector<hj212::Frame> frames;        // to send, in order
  std::optional<TimeMs> new_clock_offset;  // after 1012
  std::optional<int> new_rtd_interval_s;   // after 1062
  std::optional<bool> realtime_enabled;    // after 2011 / 2012
  bool rejected = false;                   // answered with QnRtn other than 1
  int history_records = 0;                 // records sent for a history request
};

// The answer to `request` (a frame from the platform that is not 9011-9014).
CommandAnswer AnswerCommand(const hj212::Frame& request, const CommandContext& context);

// The records `period` holds in memory with DataTime (period start) in
// [begin, end], oldest first: only whole periods that ended by `device_now` and
// began within the retention of `memory`.
std::vector<TimeMs> RecordsInRange(Period period, TimeMs begin, TimeMs end, TimeMs device_now,
                                   const MemoryLimits& memory);

}  // namespace gl::simulator
