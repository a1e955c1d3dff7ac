#include "greenloop/hj212/exchange.h"

#include <charconv>
#include <string>

namespace gl::hj212 {
namespace {

int Cn(std::string_view cn) {
  int v = -1;
  std::from_chars(cn.data(), cn.data() + cn.size(), v);
  return v;
}

// Flag for a packet of `version` with the A bit as given (HJ 212-2017 Table 3).
int FlagFor(Version version, bool ack) {
  return (VersionBits(version) << kFlagVersionShift) | (ack ? kFlagAckBit : 0);
}

// The 2017 reply header: same QN, PW, MN; ST=91; Flag=4 (A=0).
void ReplyHeader(const Frame& in, std::string_view cn, Frame* out) {
  out->Clear();
  if (auto v = in.qn()) out->SetQn(*v);
  out->SetSt(kStInteraction);
  out->SetCn(cn);
  if (auto v = in.pw()) out->SetPw(*v);
  if (auto v = in.mn()) out->SetMn(*v);
  const Version version = in.version() == Version::kUnknown ? Version::k2017 : in.version();
  out->SetFlag(FlagFor(version, false));
  out->SetHasCp(true);
}

// HJ/T 212-2005 replies put the answered QN inside CP (2005 Appendix C, example 6):
// ST=91;CN=9011;PW=...;MN=...;Flag=0;CP=&&QN=...;QnRtn=1&&
void Reply2005Header(const Frame& in, std::string_view cn, Frame* out) {
  out->Clear();
  out->SetSt(kStInteraction);
  out->SetCn(cn);
  if (auto v = in.pw()) out->SetPw(*v);
  if (auto v = in.mn()) out->SetMn(*v);
  out->SetFlag(0);
  out->SetHasCp(true);
  if (auto v = in.qn()) out->AddField("QN", *v);
}

void RequestHeader(const RequestTarget& to, std::string_view cn, Frame* out) {
  out->Clear();
  out->SetQn(to.qn);
  out->SetSt(to.st);
  out->SetCn(cn);
  out->SetPw(to.pw);
  out->SetMn(to.mn);
  // Requests are sent with A=1 (Flag=5 in 2017) so the device answers 9011.
  out->SetFlag(FlagFor(to.version, true));
  out->SetHasCp(true);
}

}  // namespace

CommandKind CommandKindOf(std::string_view cn) {
  const int c = Cn(cn);
  if (c >= 9011 && c <= 9014) return CommandKind::kAnswer;
  switch (c) {
    case 1013:  // 现场机时间校准请求 (a device's notice, HJ 212-2017 Table 9)
    case 2012:  // 停止察看实时数据 (notice)
    case 2022:  // 停止察看设备运行状态 (notice)
    case 2072:  // 上传报警事件 (HJ/T 212-2005 notice)
      return CommandKind::kNotice;
    case 1000:  // 设置超时时间及重发次数
    case 1012:  // 设置现场机时间
    case 1062:  // 设置实时数据间隔
    case 1064:  // 设置分钟数据间隔
    case 1072:  // 设置访问密码
    case 3011:  // 零点校准量程校准
    case 3012:  // 即时采样
    case 3013:  // 启动清洗/反吹
    case 3014:  // 比对采样
    case 3016:  // 设置采样时间周期
    case 3021:  // 设置现场机参数
      return CommandKind::kRequest;
    default:
      return CommandKind::kUpload;
  }
}

void BuildDataAck(const Frame& upload, Frame* out) {
  if (upload.version() == Version::k2005) {
    // ST=91;CN=9014;CP=&&QN=...;CN=2051&& (HJ/T 212-2005 Appendix C): no PW, MN or Flag.
    out->Clear();
    out->SetSt(kStInteraction);
    out->SetCn("9014");
    out->SetHasCp(true);
    if (auto v = upload.qn()) out->AddField("QN", *v);
    if (auto v = upload.cn()) out->AddField("CN", *v);
    if (auto v = upload.pno()) out->AddField("PNO", std::to_string(*v));
    if (auto v = upload.pnum()) out->AddField("PNUM", std::to_string(*v));
    return;
  }
  ReplyHeader(upload, "9014", out);
}

void BuildNoticeAck(const Frame& notice, Frame* out) {
  if (notice.version() == Version::k2005) {
    Reply2005Header(notice, "9013", out);
    return;
  }
  ReplyHeader(notice, "9013", out);
}

void BuildRequestAck(const Frame& request, QnRtn result, Frame* out) {
  if (request.version() == Version::k2005) {
    Reply2005Header(request, "9011", out);
  } else {
    ReplyHeader(request, "9011", out);
  }
  out->AddField("QnRtn", std::to_string(static_cast<int>(result)));
}

void BuildExecResult(const Frame& request, ExeRtn result, Frame* out) {
  if (request.version() == Version::k2005) {
    Reply2005Header(request, "9012", out);
  } else {
    ReplyHeader(request, "9012", out);
  }
  out->AddField("ExeRtn", std::to_string(static_cast<int>(result)));
}

bool BuildPlatformReply(const Frame& received, Frame* out) {
  out->Clear();
  if (!received.ack_requested() || !received.cn()) return false;
  switch (CommandKindOf(*received.cn())) {
    case CommandKind::kUpload:
      BuildDataAck(received, out);
      return true;
    case CommandKind::kNotice:
      BuildNoticeAck(received, out);
      return true;
    case CommandKind::kRequest:
    case CommandKind::kAnswer:
      break;
  }
  return false;
}

void BuildSetTimeRequest(const RequestTarget& to, std::string_view system_time, Frame* out) {
  RequestHeader(to, "1012", out);
  out->AddField("SystemTime", system_time);
}

void BuildGetTimeRequest(const RequestTarget& to, std::string_view pol_id, Frame* out) {
  RequestHeader(to, "1011", out);
  if (!pol_id.empty()) out->AddField("PolId", pol_id);
}

void BuildSetRtdIntervalRequest(const RequestTarget& to, int seconds, Frame* out) {
  RequestHeader(to, "1062", out);
  out->AddField("RtdInterval", std::to_string(seconds));
}

void BuildSetMinIntervalRequest(const RequestTarget& to, int minutes, Frame* out) {
  RequestHeader(to, "1064", out);
  out->AddField("MinInterval", std::to_string(minutes));
}

void BuildHistoryRequest(const RequestTarget& to, std::string_view cn, std::string_view begin_time,
                         std::string_view end_time, Frame* out) {
  RequestHeader(to, cn, out);
  out->AddField("BeginTime", begin_time);
  out->AddField("EndTime", end_time);
}

void BuildRealtimeRequest(const RequestTarget& to, bool start, Frame* out) {
  RequestHeader(to, start ? "2011" : "2012", out);
}

}  // namespace gl::hj212
