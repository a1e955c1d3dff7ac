#include "greenloop/simulator/commands.h"

#include <charconv>
#include <string>

#include "greenloop/hj212/exchange.h"

namespace gl::simulator {
namespace {

using hj212::ExeRtn;
using hj212::Frame;
using hj212::QnRtn;

void Ack(CommandAnswer& a, const Frame& req, QnRtn rtn) {
  hj212::BuildRequestAck(req, rtn, &a.frames.emplace_back());
  a.rejected = rtn != QnRtn::kReady;
}
void Exec(CommandAnswer& a, const Frame& req, ExeRtn rtn) {
  hj212::BuildExecResult(req, rtn, &a.frames.emplace_back());
}

std::optional<int> Int(std::optional<std::string_view> text) {
  if (!text) return std::nullopt;
  int v = 0;
  auto r = std::from_chars(text->data(), text->data() + text->size(), v);
  if (r.ec != std::errc() || r.ptr != text->data() + text->size()) return std::nullopt;
  return v;
}

TimeMs Retention(Period period, const MemoryLimits& m) {
  switch (period) {
    case Period::kMinute:
      return m.minute;
    case Period::kHour:
      return m.hour;
    case Period::kDay:
      return m.day;
  }
  return m.minute;
}

bool ParseTimeField(const Frame& req, std::string_view key, TimeMs* out) {
  auto text = req.FindField(key);
  if (!text) return false;
  auto t = ParseDataTime(*text);
  if (!t) return false;
  *out = *t;
  return true;
}

void AnswerHistory(const Frame& req, Period period, const CommandContext& ctx, CommandAnswer& a) {
  // Plain values rather than optionals: g++ 12 warns (falsely) about optional<long>.
  TimeMs b = 0, e = 0;
  const bool valid = ParseTimeField(req, "BeginTime", &b) && ParseTimeField(req, "EndTime", &e);
  Ack(a, req, QnRtn::kReady);
  if (!valid || b > e) {
    Exec(a, req, ExeRtn::kBadCondition);
    return;
  }
  for (TimeMs start : RecordsInRange(period, b, e, ctx.device_now, ctx.memory)) {
    // Data sent in answer to a history request: a new QN, no answer wanted
    // (HJ 212-2017 Tables C.20, C.47).
    BuildPeriodRecord(ctx.params, *ctx.device, period, start, ctx.qn->Next(ctx.device_now), false,
                      &a.frames.emplace_back());
    ++a.history_records;
  }
  Exec(a, req, a.history_records > 0 ? ExeRtn::kSuccess : ExeRtn::kNoData);
}

}  // namespace

std::vector<TimeMs> RecordsInRange(Period period, TimeMs begin, TimeMs end, TimeMs device_now,
                                   const MemoryLimits& memory) {
  std::vector<TimeMs> out;
  const TimeMs len = PeriodLength(period);
  const TimeMs oldest = PeriodStart(period, device_now - Retention(period, memory)) + len;
  TimeMs t = PeriodStart(period, begin);
  if (t < begin) t += len;  // DataTime must lie in [begin, end]
  if (t < oldest) t = oldest;
  for (; t <= end && t + len <= device_now; t += len) out.push_back(t);
  return out;
}

CommandAnswer AnswerCommand(const Frame& req, const CommandContext& ctx) {
  CommandAnswer a;
  const DeviceSpec& dev = *ctx.device;
  const std::string_view cn = req.cn().value_or("");
  if (req.mn() && *req.mn() != dev.mn) {
    Ack(a, req, QnRtn::kBadMn);
    return a;
  }
  if (req.pw() && *req.pw() != dev.pw) {
    Ack(a, req, QnRtn::kBadPassword);
    return a;
  }
  if (cn == "1012") {
    auto t = req.FindField("SystemTime");
    std::optional<TimeMs> when = t ? ParseDataTime(*t) : std::nullopt;
    Ack(a, req, QnRtn::kReady);
    if (!when) {
      Exec(a, req, ExeRtn::kBadCondition);
      return a;
    }
    // Real time is unchanged; the device clock now reads `when`.
    a.new_clock_offset = *when - (ctx.device_now - ctx.clock_offset);
    Exec(a, req, ExeRtn::kSuccess);
    return a;
  }
  if (cn == "1011") {
    Ack(a, req, QnRtn::kReady);
    BuildFieldUpload(dev, "1011", req.qn().value_or(""), "SystemTime",
                     FormatDataTime(ctx.device_now), &a.frames.emplace_back());
    Exec(a, req, ExeRtn::kSuccess);
    return a;
  }
  if (cn == "1061") {
    Ack(a, req, QnRtn::kReady);
    BuildFieldUpload(dev, "1061", req.qn().value_or(""), "RtdInterval",
                     std::to_string(ctx.rtd_interval_s), &a.frames.emplace_back());
    Exec(a, req, ExeRtn::kSuccess);
    return a;
  }
  if (cn == "1062") {
    auto seconds = Int(req.FindField("RtdInterval"));
    Ack(a, req, QnRtn::kReady);
    // HJ 212-2017 Table 4: RtdInterval N4, 30 <= n <= 3600.
    if (!seconds || *seconds < 30 || *seconds > 3600) {
      Exec(a, req, ExeRtn::kBadCondition);
      return a;
    }
    a.new_rtd_interval_s = *seconds;
    Exec(a, req, ExeRtn::kSuccess);
    return a;
  }
  if (auto period = PeriodFromCn(cn)) {
    AnswerHistory(req, *period, ctx, a);
    return a;
  }
  if (cn == "2011") {
    Ack(a, req, QnRtn::kReady);
    a.realtime_enabled = true;
    Exec(a, req, ExeRtn::kSuccess);
    return a;
  }
  if (cn == "2012") {
    hj212::BuildNoticeAck(req, &a.frames.emplace_back());
    a.realtime_enabled = false;
    return a;
  }
  Ack(a, req, QnRtn::kRejected);
  return a;
}

}  // namespace gl::simulator
