#include "greenloop/cases/calendar.h"

#include <fstream>
#include <sstream>

#include "greenloop/base/json.h"

namespace gl::cases {
namespace {

constexpr TimeMs kDayMs = 24LL * 3600 * 1000;

long long FloorDiv(long long a, long long b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

long long LocalDayOf(TimeMs t) { return FloorDiv(t + kShanghaiOffsetMs, kDayMs); }

Status AddDates(const json::value* list, const std::string& where, std::set<long long>& out) {
  if (list == nullptr) return Status::Ok();
  if (!list->is_array()) return Error::InvalidArgument(where, where + " 应为日期数组");
  for (const auto& v : list->as_array()) {
    if (!v.is_string()) return Error::InvalidArgument(where, where + " 中有非日期项");
    auto day = ParseLocalDay(std::string(v.as_string()));
    if (!day) return Error::InvalidArgument(where, "日期格式错误：" + std::string(v.as_string()));
    out.insert(*day);
  }
  return Status::Ok();
}

}  // namespace

std::optional<long long> ParseLocalDay(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto t = ParseTime(text);  // a bare date is taken as Asia/Shanghai midnight
  if (!t) return std::nullopt;
  return LocalDayOf(*t);
}

Result<WorkCalendar> WorkCalendar::Parse(const std::string& json_text) {
  GL_ASSIGN_OR_RETURN(json::object root, ParseJsonObject(json_text));
  WorkCalendar cal;
  GL_RETURN_IF_ERROR(AddDates(root.if_contains("holidays"), "holidays", cal.holidays_));
  GL_RETURN_IF_ERROR(AddDates(root.if_contains("workdays"), "workdays", cal.workdays_));
  if (const auto* years = root.if_contains("years")) {
    if (!years->is_object()) return Error::InvalidArgument("years", "years 应为对象");
    for (const auto& [year, body] : years->as_object()) {
      if (!body.is_object()) continue;
      const auto& y = body.as_object();
      std::string where = "years." + std::string(year);
      if (const auto* hs = y.if_contains("holidays"); hs && hs->is_array()) {
        for (const auto& h : hs->as_array()) {
          if (!h.is_object()) return Error::InvalidArgument(where, where + ".holidays 项应为对象");
          GL_RETURN_IF_ERROR(
              AddDates(h.as_object().if_contains("days"), where + ".holidays.days", cal.holidays_));
          GL_RETURN_IF_ERROR(AddDates(h.as_object().if_contains("adjusted_working_days"),
                                      where + ".holidays.adjusted_working_days", cal.workdays_));
        }
      }
      GL_RETURN_IF_ERROR(AddDates(y.if_contains("adjusted_working_days"),
                                  where + ".adjusted_working_days", cal.workdays_));
    }
  }
  return cal;
}

Result<WorkCalendar> WorkCalendar::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::InvalidArgument("calendar", "无法读取日历文件 " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto cal = Parse(ss.str());
  if (!cal.ok()) {
    return Error::InvalidArgument(cal.error().field(), path + ": " + cal.error().message());
  }
  return cal;
}

bool WorkCalendar::IsWorkingDay(long long local_day) const {
  if (workdays_.count(local_day) != 0) return true;
  if (holidays_.count(local_day) != 0) return false;
  long long weekday = ((local_day % 7) + 7) % 7;  // 0 = Thursday (1970-01-01)
  return weekday != 2 && weekday != 3;            // Saturday, Sunday
}

bool WorkCalendar::IsWorkingDate(const std::string& yyyy_mm_dd) const {
  auto day = ParseLocalDay(yyyy_mm_dd);
  return day && IsWorkingDay(*day);
}

TimeMs WorkCalendar::AddWorkingDays(TimeMs start, int n) const {
  long long day = LocalDayOf(start);
  TimeMs time_of_day = start + kShanghaiOffsetMs - day * kDayMs;
  if (!IsWorkingDay(day)) {
    // Counting starts on the next working day's same time; that start is not a day.
    do ++day;
    while (!IsWorkingDay(day));
  }
  for (int i = 0; i < n; ++i) {
    do ++day;
    while (!IsWorkingDay(day));
  }
  return day * kDayMs + time_of_day - kShanghaiOffsetMs;
}

TimeMs WorkCalendar::SubtractWorkingDays(TimeMs t, int n) const {
  long long day = LocalDayOf(t);
  TimeMs time_of_day = t + kShanghaiOffsetMs - day * kDayMs;
  for (int i = 0; i < n; ++i) {
    do --day;
    while (!IsWorkingDay(day));
  }
  return day * kDayMs + time_of_day - kShanghaiOffsetMs;
}

}  // namespace gl::cases
