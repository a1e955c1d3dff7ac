// greenloop/simulator/records.h
//
// The uploads a data logger makes, as hj212::Frames ready for the codec's
// encoder: real-time data (CN 2011: Rtd and Flag per factor), minute (2051),
// hourly (2061) and daily (2031) records (Avg, Min, Max and Flag per factor, the
// DataTime being the start of the period, HJ 212-2017 Table 4). Times on the wire
// are Asia/Shanghai YYYYMMDDhhmmss; inside the simulator they are UTC epoch ms of
// the device's own clock. Pure: a record is a function of (params, device, time),
// which is what lets a device answer history requests "from its memory".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "greenloop/base/time.h"
#include "greenloop/hj212/model.h"
#include "greenloop/simulator/scenario.h"
#include "greenloop/simulator/sites.h"

namespace gl::simulator {

// Local time YYYYMMDDhhmmss (Asia/Shanghai) of UTC `t`.
std::string FormatDataTime(TimeMs t);
// Inverse of FormatDataTime (extra millisecond digits are ignored); nullopt when malformed.
std::optional<TimeMs> ParseDataTime(std::string_view text);

// Hands out QNs (YYYYMMDDhhmmsszzz, Asia/Shanghai) that are unique and strictly
// increasing per device, even when the device's clock is set back, so a QN names
// one exchange and orders the unacknowledged backlog.
class QnSource {
 public:
  std::string Next(TimeMs device_now);
  TimeMs last() const { return last_; }

 private:
  TimeMs last_ = 0;
};

enum class Period { kMinute, kHour, kDay };

// "2051", "2061", "2031".
std::string_view PeriodCn(Period period);
// Period for a history CN; nullopt for any other CN.
std::optional<Period> PeriodFromCn(std::string_view cn);
TimeMs PeriodLength(Period period);
// Start of the period containing `t`, in local (Asia/Shanghai) time: days start at
// local midnight.
TimeMs PeriodStart(Period period, TimeMs t);

// The header every upload of `device` carries: ST, CN, PW, MN; for HJ 212-2017/2025
// also QN and Flag (version bits, A=`ack`). HJ/T 212-2005 uploads go without QN and
// Flag, as that edition allows (§6.3.2), so they are never answered. Clears *out.
void UploadHeader(const DeviceSpec& device, std::string_view cn, std::string_view qn, bool ack,
                  hj212::Frame* out);

// CN 2011 for `data_time`: DataTime, then <code>-Rtd and <code>-Flag per factor.
// Flag is N, or D while the device has a fault (scenario.h). Returns the number of
// readings (factor values) in it.
int BuildRealtime(const SimParams& params, const DeviceSpec& device, TimeMs data_time,
                  std::string_view qn, bool ack, hj212::Frame* out);

// 2051/2061/2031 for the period starting at `period_start`: <code>-Avg, -Min, -Max
// and -Flag per factor over the logger's samples of the period (every 5 s for a
// minute, every minute for an hour, every 10 minutes for a day). Flag is D when more
// than a quarter of the samples were taken during a fault (the flue-gas 75% rule,
// hj212.md §2.7), else N. Returns the number of readings.
int BuildPeriodRecord(const SimParams& params, const DeviceSpec& device, Period period,
                      TimeMs period_start, std::string_view qn, bool ack, hj212::Frame* out);

// CN 1011 / 1061 style upload answering a request: the request's QN, Flag without A.
void BuildFieldUpload(const DeviceSpec& device, std::string_view cn, std::string_view qn,
                      std::string_view key, std::string_view value, hj212::Frame* out);

}  // namespace gl::simulator
