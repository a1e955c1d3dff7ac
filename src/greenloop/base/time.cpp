#include "greenloop/base/time.h"

#include <chrono>
#include <cstdio>

namespace gl {

namespace {
// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ReadInt(std::string_view s, size_t pos, size_t len, int& out) {
  if (pos + len > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}
}  // namespace

TimeMs NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

CivilTime ToCivil(TimeMs ms) {
  std::int64_t days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
  std::int64_t rem = ms - days * 86400000;
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  return CivilTime{y,
                   static_cast<int>(m),
                   static_cast<int>(d),
                   static_cast<int>(rem / 3600000),
                   static_cast<int>(rem / 60000 % 60),
                   static_cast<int>(rem / 1000 % 60),
                   static_cast<int>(rem % 1000)};
}

std::optional<TimeMs> FromCivil(const CivilTime& t) {
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > DaysInMonth(t.year, t.month) ||
      t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 ||
      t.second > 59 || t.millisecond < 0 || t.millisecond > 999) {
    return std::nullopt;
  }
  std::int64_t days = DaysFromCivil(t.year, t.month, t.day);
  return ((days * 24 + t.hour) * 60 + t.minute) * 60000LL + t.second * 1000LL + t.millisecond;
}

std::string FormatIsoShanghai(TimeMs utc_ms) {
  CivilTime c = ToCivil(utc_ms + kShanghaiOffsetMs);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+08:00", c.year, c.month, c.day,
                c.hour, c.minute, c.second, c.millisecond);
  return buf;
}

std::optional<TimeMs> ParseTime(std::string_view s) {
  CivilTime c{};
  if (!ReadInt(s, 0, 4, c.year) || s.size() < 10 || s[4] != '-' || !ReadInt(s, 5, 2, c.month) ||
      s[7] != '-' || !ReadInt(s, 8, 2, c.day)) {
    return std::nullopt;
  }
  size_t pos = 10;
  std::int64_t offset_ms = kShanghaiOffsetMs;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != ' ') return std::nullopt;
    if (!ReadInt(s, pos + 1, 2, c.hour) || s.size() < pos + 6 || s[pos + 3] != ':' ||
        !ReadInt(s, pos + 4, 2, c.minute)) {
      return std::nullopt;
    }
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!ReadInt(s, pos + 1, 2, c.second)) return std::nullopt;
      pos += 3;
      if (pos < s.size() && s[pos] == '.') {
        size_t start = ++pos;
        int frac = 0;
        int digits = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          if (digits < 3) frac = frac * 10 + (s[pos] - '0'), ++digits;
          ++pos;
        }
        if (pos == start) return std::nullopt;
        while (digits++ < 3) frac *= 10;
        c.millisecond = frac;
      }
    }
    if (pos < s.size()) {
      if (s[pos] == 'Z' && pos + 1 == s.size()) {
        offset_ms = 0;
      } else if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && s[pos + 3] == ':') {
        int oh = 0, om = 0;
        if (!ReadInt(s, pos + 1, 2, oh) || !ReadInt(s, pos + 4, 2, om) || oh > 14 || om > 59) {
          return std::nullopt;
        }
        offset_ms = (oh * 60LL + om) * 60000LL * (s[pos] == '-' ? -1 : 1);
      } else {
        return std::nullopt;
      }
    }
  }
  auto local = FromCivil(c);
  if (!local) return std::nullopt;
  return *local - offset_ms;
}

}  // namespace gl
