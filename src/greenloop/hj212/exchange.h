// greenloop/hj212/exchange.h
//
// Who answers what (HJ 212-2017 §6.1, §6.5, Table 9, Appendix C), as Frames to
// pass to encoder.h:
//   - an upload from a device is answered by the platform with 9014 数据应答,
//     only when its Flag A bit is set (Table C.14: "根据标志 Flag 的值决定是否返回");
//   - a notice is answered with 9013 通知应答;
//   - a request from the platform is answered by the device with 9011 请求应答
//     (QnRtn), then, after any data, 9012 执行结果 (ExeRtn).
// Replies carry ST=91, Flag=4 (version bits of the answered packet, A=0) and echo
// the QN, PW and MN of the packet they answer, with an empty CP for 9013/9014.
// For HJ/T 212-2005 packets the 2005 form is built instead: QN (and for 9014 the
// answered CN) go inside CP, and 9014 has no PW or MN (HJ/T 212-2005 Appendix C).
//
// Also the platform's requests to a device (set time, intervals, history).
// Every Build* clears *out first and cannot fail; QN, PW, MN are copied.
#pragma once

#include <string_view>

#include "greenloop/hj212/model.h"

namespace gl::hj212 {

// What a CN is, seen from the platform (HJ 212-2017 §6.6.5 Table 9).
enum class CommandKind {
  kUpload,   // data from a device (2011, 2051, 2061, 2031, 2081, 1011, ...)
  kNotice,   // 通知: 1013 (device asks for time), 2012, 2022, 2072 (2005 alarm event)
  kRequest,  // platform -> device only: 1000, 1012, 1062, 1064, 1072, 3011-3014, 3016, 3021
  kAnswer,   // 9011, 9012, 9013, 9014
};
CommandKind CommandKindOf(std::string_view cn);

// 请求应答 results (HJ 212-2017 Table 7).
enum class QnRtn {
  kReady = 1,
  kRejected = 2,
  kBadPassword = 3,
  kBadMn = 4,
  kBadSt = 5,
  kBadFlag = 6,
  kBadQn = 7,
  kBadCn = 8,
  kBadCrc = 9,
  kUnknownError = 100,
};
// 执行结果 results (HJ 212-2017 Table 6).
enum class ExeRtn {
  kSuccess = 1,
  kFailed = 2,
  kBadCondition = 3,
  kTimeout = 4,
  kBusy = 5,
  kFault = 6,
  kNoData = 100,
};

// System code of the interaction replies (HJ 212-2017 §6.6.1 Table 5: 91 系统交互).
inline constexpr std::string_view kStInteraction = "91";

// 9014 for an upload (Table C.14).
void BuildDataAck(const Frame& upload, Frame* out);
// 9013 for a notice (Tables C.4, C.11, C.13).
void BuildNoticeAck(const Frame& notice, Frame* out);
// 9011 for a request (Table C.1, CP=&&QnRtn=1&&).
void BuildRequestAck(const Frame& request, QnRtn result, Frame* out);
// 9012 for a request once it has run (Table C.1, CP=&&ExeRtn=1&&).
void BuildExecResult(const Frame& request, ExeRtn result, Frame* out);

// The answer the platform owes for a packet received from a device: 9014 for an
// upload and 9013 for a notice, each only when the A bit asks for one. Returns
// false (and leaves *out cleared) when no answer is owed: A=0, an answer, or a
// platform request (which the device, not the platform, answers).
bool BuildPlatformReply(const Frame& received, Frame* out);

// Addressing for a platform request. The QN must be new for each exchange
// (YYYYMMDDhhmmsszzz, HJ 212-2017 Table 3); `st` is the device's system code.
struct RequestTarget {
  std::string_view qn;
  std::string_view st;
  std::string_view pw;
  std::string_view mn;
  Version version = Version::k2017;
};

// 1012 设置现场机时间 with SystemTime=YYYYMMDDhhmmss (Table 9; SystemTime N14, Table 4).
void BuildSetTimeRequest(const RequestTarget& to, std::string_view system_time, Frame* out);
// 1011 提取现场机时间; `pol_id` (PolId, optional) may be empty (Table 9).
void BuildGetTimeRequest(const RequestTarget& to, std::string_view pol_id, Frame* out);
// 1062 设置实时数据间隔, RtdInterval in seconds, 30-3600 (Table 4; Appendix A example).
void BuildSetRtdIntervalRequest(const RequestTarget& to, int seconds, Frame* out);
// 1064 设置分钟数据间隔, MinInterval in minutes, one of 1,2,3,4,5,6,10,12,15,20,30 (Table 4).
void BuildSetMinIntervalRequest(const RequestTarget& to, int minutes, Frame* out);
// History: 2031 daily, 2041 daily run time, 2051 minute, 2061 hourly data between
// BeginTime and EndTime (Tables C.20-C.23).
void BuildHistoryRequest(const RequestTarget& to, std::string_view cn, std::string_view begin_time,
                         std::string_view end_time, Frame* out);
// 2011 取污染物实时数据 (a request) / 2012 停止察看 (a notice) (Table 9).
void BuildRealtimeRequest(const RequestTarget& to, bool start, Frame* out);

}  // namespace gl::hj212
