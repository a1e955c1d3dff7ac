// greenloop/base/time.h
//
// Times are stored as UTC epoch milliseconds and shown in Asia/Shanghai. China has
// kept UTC+8 without daylight saving since 1991, so local time is a fixed offset.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gl {

using TimeMs = std::int64_t;

inline constexpr TimeMs kShanghaiOffsetMs = 8LL * 3600 * 1000;

TimeMs NowMs();

// "2026-11-29T23:46:00.123+08:00": ISO 8601 in Asia/Shanghai, for APIs and logs.
std::string FormatIsoShanghai(TimeMs utc_ms);

// Parses ISO 8601 with an offset or 'Z' ("2026-11-29T15:46:00Z",
// "2026-11-29T23:46:00+08:00"), or a bare date/time taken as Asia/Shanghai
// ("2026-11-29", "2026-11-29 23:46:00"). nullopt when malformed.
std::optional<TimeMs> ParseTime(std::string_view text);

// Civil date and time fields; month 1-12, day 1-31.
struct CivilTime {
  int year, month, day, hour, minute, second, millisecond;
};
CivilTime ToCivil(TimeMs ms);               // of the given epoch ms, as UTC fields
std::optional<TimeMs> FromCivil(const CivilTime& t);  // UTC fields to epoch ms; nullopt if invalid

}  // namespace gl
