// greenloop/cases/calendar.h
//
// Working days in China: Monday to Friday, except the State Council's public
// holidays, plus the weekend days it declares working days (调休). Loaded from
// data/calendar/holidays-cn.json (the official notices, see its "source").
// Pure: no database, no clock. Dates are Asia/Shanghai calendar dates.
//
// Deadlines keep the time of day: 2 working days after Friday 15:00 is Tuesday
// 15:00 (unless Monday or Tuesday is a holiday). A start on a non-working day counts
// from the next working day's same time.
#pragma once

#include <set>
#include <string>

#include "greenloop/base/error.h"
#include "greenloop/base/time.h"

namespace gl::cases {

class WorkCalendar {
 public:
  // Weekends off, no holidays (tests, or no calendar file).
  WorkCalendar() = default;
  // The JSON of holidays-cn.json: {"years":{"2026":{"holidays":[{"dates":[...]}...],
  // "workdays":[...]}}} or flat "holidays"/"workdays" date lists; see LoadFile.
  static Result<WorkCalendar> Parse(const std::string& json_text);
  static Result<WorkCalendar> LoadFile(const std::string& path);

  // days since 1970-01-01 of a local (Asia/Shanghai) date
  bool IsWorkingDay(long long local_day) const;
  bool IsWorkingDate(const std::string& yyyy_mm_dd) const;

  // `n` working days after `start` (n >= 0), same local time of day.
  TimeMs AddWorkingDays(TimeMs start, int n) const;
  // `n` working days before `t`, same local time of day.
  TimeMs SubtractWorkingDays(TimeMs t, int n) const;

  void AddHoliday(long long local_day) { holidays_.insert(local_day); }
  void AddWorkday(long long local_day) { workdays_.insert(local_day); }

 private:
  std::set<long long> holidays_;
  std::set<long long> workdays_;
};

// "2026-10-01" -> local day number; nullopt when malformed.
std::optional<long long> ParseLocalDay(const std::string& yyyy_mm_dd);

}  // namespace gl::cases
