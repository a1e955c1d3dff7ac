#include "greenloop/monitoring/rules.h"

#include <charconv>
#include <cmath>

namespace gl::monitoring {

bool IsKnownSiteKind(std::string_view kind) {
  return kind == "restaurant" || kind == "construction" || kind == "water_section" ||
         kind == "air_station" || kind == "industrial";
}

bool Device::Online(TimeMs now) const {
  if (!last_seen_at) return false;
  TimeMs window = std::max<TimeMs>(3LL * interval_s * 1000, 180000);
  return now - *last_seen_at <= window;
}

std::string_view ReadingKindName(ReadingKind kind) {
  switch (kind) {
    case ReadingKind::kRealtime: return "raw";
    case ReadingKind::kMinute: return "minute";
    case ReadingKind::kHour: return "hour";
    case ReadingKind::kDay: return "day";
  }
  return "raw";
}

bool FlagIsValid(std::string_view flag) { return flag.empty() || flag == "N" || flag == "3"; }

TimeMs PeriodLength(Period period) {
  return period == Period::kHour ? 3600000LL : 86400000LL;
}

TimeMs PeriodStart(Period period, TimeMs t) {
  TimeMs length = PeriodLength(period);
  // Days start at local midnight; hours are the same in UTC and UTC+8.
  TimeMs shift = period == Period::kDay ? kShanghaiOffsetMs : 0;
  TimeMs local = t + shift;
  TimeMs floored = local >= 0 ? local - local % length : local - ((local % length) + length) % length;
  return floored - shift;
}

std::optional<ReadingKind> ReadingKindOfCn(std::string_view cn) {
  if (cn == "2011") return ReadingKind::kRealtime;
  if (cn == "2051") return ReadingKind::kMinute;
  if (cn == "2061") return ReadingKind::kHour;
  if (cn == "2031") return ReadingKind::kDay;
  return std::nullopt;
}

std::optional<TimeMs> ParseDataTime(std::string_view s) {
  if (s.size() != 14 && s.size() != 17) return std::nullopt;
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  CivilTime c{num(0, 4), num(4, 2), num(6, 2), num(8, 2), num(10, 2), num(12, 2),
              s.size() == 17 ? num(14, 3) : 0};
  auto local = FromCivil(c);
  if (!local) return std::nullopt;
  return *local - kShanghaiOffsetMs;
}

namespace {
std::optional<double> ToNumber(std::optional<std::string_view> text) {
  if (!text || text->empty()) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}
}  // namespace

Result<std::vector<Reading>> ReadingsOfUpload(const hj212::Frame& frame, ReadingKind kind,
                                              Id device_id) {
  auto data_time = frame.data_time();
  if (!data_time) return Error::InvalidArgument("DataTime", "the upload has no DataTime");
  auto t = ParseDataTime(*data_time);
  if (!t) return Error::InvalidArgument("DataTime", "DataTime is not YYYYMMDDhhmmss");
  std::string_view value_suffix = kind == ReadingKind::kRealtime ? "Rtd" : "Avg";
  std::vector<Reading> out;
  for (size_t i = 0; i < frame.factor_value_count(); ++i) {
    hj212::FactorValue fv = frame.factor_value(i);
    if (fv.suffix != value_suffix) continue;
    Reading r;
    r.t = *t;
    r.device_id = device_id;
    r.factor = std::string(fv.code);
    r.kind = kind;
    r.text_value = std::string(fv.value);
    r.value = ToNumber(fv.value);
    if (auto flag = frame.FindFactorValue(fv.code, "Flag")) r.flag = std::string(*flag);
    if (kind != ReadingKind::kRealtime) {
      r.min_value = ToNumber(frame.FindFactorValue(fv.code, "Min"));
      r.max_value = ToNumber(frame.FindFactorValue(fv.code, "Max"));
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace gl::monitoring
