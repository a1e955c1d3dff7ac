// greenloop/monitoring/rules.h
//
// Pure rules of the monitoring data: which data flags leave a reading out of an
// average, how periods are cut, how an upload becomes readings. No I/O.
#pragma once

#include <string_view>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/hj212/model.h"
#include "greenloop/monitoring/model.h"

namespace gl::monitoring {

// Whether a reading with this data flag counts in averages. HJ 212-2017 Table 8:
// only N (仪器仪表工作正常) is normal; F, M, S, D, C, T, B mark stopped, maintenance,
// manual, fault, calibration, over-range and comms-failure data. HJ/T 212-2005 air
// stations send digits, where 3 is 正常数据 (hj212.md §2.7). No flag counts as valid.
bool FlagIsValid(std::string_view flag);

// Start of the hour / the Asia/Shanghai day holding `t`.
TimeMs PeriodStart(Period period, TimeMs t);
TimeMs PeriodLength(Period period);

// The reading kind an upload's CN carries, or nullopt for a CN that holds no
// readings (2011 real-time, 2051 minute, 2061 hourly, 2031 daily: HJ 212-2017 Table 9).
std::optional<ReadingKind> ReadingKindOfCn(std::string_view cn);

// DataTime "YYYYMMDDhhmmss" (Asia/Shanghai local, HJ 212-2017 Table 4 N14) to UTC ms.
std::optional<TimeMs> ParseDataTime(std::string_view text);

// The readings an upload carries for `device_id`. Real-time uploads give each
// factor's Rtd; minute, hourly and daily uploads give Avg with Min and Max.
// kInvalidArgument when DataTime is missing or malformed.
Result<std::vector<Reading>> ReadingsOfUpload(const hj212::Frame& frame, ReadingKind kind,
                                              Id device_id);

}  // namespace gl::monitoring
