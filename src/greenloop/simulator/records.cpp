#include "greenloop/simulator/records.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>

#include "greenloop/simulator/values.h"

namespace gl::simulator {
namespace {

constexpr TimeMs kMinuteMs = 60 * 1000;

int Digits(std::string_view s, std::size_t pos, std::size_t len) {
  int v = -1;
  auto r = std::from_chars(s.data() + pos, s.data() + pos + len, v);
  if (r.ec != std::errc() || r.ptr != s.data() + pos + len) return -1;
  return v;
}

TimeMs SampleStep(Period period) {
  switch (period) {
    case Period::kMinute:
      return 5 * 1000;
    case Period::kHour:
      return kMinuteMs;
    case Period::kDay:
      return 10 * kMinuteMs;
  }
  return kMinuteMs;
}

}  // namespace

std::string FormatDataTime(TimeMs t) {
  const CivilTime c = ToCivil(t + kShanghaiOffsetMs);
  return fmt::format("{:04d}{:02d}{:02d}{:02d}{:02d}{:02d}", c.year, c.month, c.day, c.hour,
                     c.minute, c.second);
}

std::optional<TimeMs> ParseDataTime(std::string_view text) {
  if (text.size() != 14 && text.size() != 17) return std::nullopt;
  CivilTime c{Digits(text, 0, 4),
              Digits(text, 4, 2),
              Digits(text, 6, 2),
              Digits(text, 8, 2),
              Digits(text, 10, 2),
              Digits(text, 12, 2),
              0};
  if (c.year < 0 || c.month < 0 || c.day < 0 || c.hour < 0 || c.minute < 0 || c.second < 0) {
    return std::nullopt;
  }
  auto utc = FromCivil(c);
  if (!utc) return std::nullopt;
  return *utc - kShanghaiOffsetMs;
}

std::string QnSource::Next(TimeMs device_now) {
  last_ = std::max(device_now, last_ + 1);
  const CivilTime c = ToCivil(last_ + kShanghaiOffsetMs);
  return fmt::format("{:04d}{:02d}{:02d}{:02d}{:02d}{:02d}{:03d}", c.year, c.month, c.day, c.hour,
                     c.minute, c.second, c.millisecond);
}

std::string_view PeriodCn(Period period) {
  switch (period) {
    case Period::kMinute:
      return "2051";
    case Period::kHour:
      return "2061";
    case Period::kDay:
      return "2031";
  }
  return "2051";
}

std::optional<Period> PeriodFromCn(std::string_view cn) {
  if (cn == "2051") return Period::kMinute;
  if (cn == "2061") return Period::kHour;
  if (cn == "2031") return Period::kDay;
  return std::nullopt;
}

TimeMs PeriodLength(Period period) {
  switch (period) {
    case Period::kMinute:
      return kMinuteMs;
    case Period::kHour:
      return 60 * kMinuteMs;
    case Period::kDay:
      return 24 * 60 * kMinuteMs;
  }
  return kMinuteMs;
}

TimeMs PeriodStart(Period period, TimeMs t) {
  const TimeMs len = PeriodLength(period);
  const TimeMs local = t + kShanghaiOffsetMs;
  const TimeMs floored = local >= 0 ? local / len * len : (local - len + 1) / len * len;
  return floored - kShanghaiOffsetMs;
}

void UploadHeader(const DeviceSpec& device, std::string_view cn, std::string_view qn, bool ack,
                  hj212::Frame* out) {
  out->Clear();
  if (device.version != hj212::Version::k2005) {
    out->SetQn(qn);
    out->SetFlag((hj212::VersionBits(device.version) << hj212::kFlagVersionShift) |
                 (ack ? hj212::kFlagAckBit : 0));
  }
  out->SetSt(device.st);
  out->SetCn(cn);
  out->SetPw(device.pw);
  out->SetMn(device.mn);
  out->SetHasCp(true);
}

int BuildRealtime(const SimParams& params, const DeviceSpec& device, TimeMs data_time,
                  std::string_view qn, bool ack, hj212::Frame* out) {
  UploadHeader(device, "2011", qn, ack, out);
  out->SetDataTime(FormatDataTime(data_time));
  const Condition cond = ConditionAt(params, device, data_time);
  for (const std::string& code : device.factors) {
    const double v = ShapedValue(params, device, code, data_time, cond,
                                 ValueAt(params, device, code, data_time, cond.exceeding));
    out->AddFactorValue(code, "Rtd", FormatValue(code, v));
    out->AddFactorValue(code, "Flag", FlagOf(cond));
  }
  return static_cast<int>(device.factors.size());
}

int BuildPeriodRecord(const SimParams& params, const DeviceSpec& device, Period period,
                      TimeMs period_start, std::string_view qn, bool ack, hj212::Frame* out) {
  UploadHeader(device, PeriodCn(period), qn, ack, out);
  out->SetDataTime(FormatDataTime(period_start));
  const TimeMs step = SampleStep(period);
  const TimeMs end = period_start + PeriodLength(period);
  // Conditions are per sample; collect them once for all factors.
  std::vector<Condition> conds;
  for (TimeMs t = period_start; t < end; t += step) conds.push_back(ConditionAt(params, device, t));
  const auto faulty =
      std::count_if(conds.begin(), conds.end(), [](const Condition& c) { return c.fault; });
  const bool flag_d = faulty * 4 > static_cast<long>(conds.size());
  for (const std::string& code : device.factors) {
    double sum = 0, lo = std::numeric_limits<double>::max(),
           hi = std::numeric_limits<double>::lowest();
    std::size_t i = 0;
    for (TimeMs t = period_start; t < end; t += step, ++i) {
      const double v = ShapedValue(params, device, code, t, conds[i],
                                   ValueAt(params, device, code, t, conds[i].exceeding));
      sum += v;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    out->AddFactorValue(code, "Avg", FormatValue(code, sum / static_cast<double>(conds.size())));
    out->AddFactorValue(code, "Min", FormatValue(code, lo));
    out->AddFactorValue(code, "Max", FormatValue(code, hi));
    out->AddFactorValue(code, "Flag", flag_d ? "D" : "N");
  }
  return static_cast<int>(device.factors.size());
}

void BuildFieldUpload(const DeviceSpec& device, std::string_view cn, std::string_view qn,
                      std::string_view key, std::string_view value, hj212::Frame* out) {
  UploadHeader(device, cn, qn, false, out);
  // 2005 answers still name the exchange: its uploads otherwise carry no QN.
  if (device.version == hj212::Version::k2005) out->SetQn(qn);
  out->AddField(key, value);
}

}  // namespace gl::simulator
