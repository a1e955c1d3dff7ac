// Command answers are exact frames: what a logger sends back for each platform request.
#include <gtest/gtest.h>

#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/exchange.h"
#include "greenloop/simulator/commands.h"

namespace gl::simulator {
namespace {

constexpr std::string_view kMn = "0100C1A01000031500103001";

DeviceSpec Fume(hj212::Version v = hj212::Version::k2017) {
  DeviceSpec d;
  d.site_code = "rst-jfb-001";
  d.site_kind = SiteKind::kRestaurant;
  d.mn = v == hj212::Version::k2005 ? "50010310000105" : std::string(kMn);
  d.pw = "284124";
  d.st = "31";
  d.version = v;
  d.factors = {"gl_fume", "gl_fan_i", "gl_pur_i"};
  d.key = HashText(d.mn);
  return d;
}

std::string Segment(const hj212::Frame& f) {
  std::string s;
  hj212::AppendDataSegment(f, &s);
  return s;
}

struct Fixture {
  DeviceSpec device = Fume();
  QnSource qn;
  // 2026-11-29 12:30:00 in Shanghai.
  TimeMs now = *ParseDataTime("20261129123000");
  CommandContext Context() {
    return CommandContext{.device = &device,
                          .params = {.scenario = Scenario::kNormal, .seed = 1},
                          .device_now = now,
                          .clock_offset = 0,
                          .rtd_interval_s = 60,
                          .memory = {},
                          .qn = &qn};
  }
  hj212::RequestTarget To() {
    return {.qn = "20261129123000223",
            .st = "31",
            .pw = device.pw,
            .mn = device.mn,
            .version = device.version};
  }
};

TEST(CommandsTest, SetTimeAnswers9011Then9012WithTheSameQnAndMovesTheClock) {
  Fixture fx;
  hj212::Frame req;
  hj212::BuildSetTimeRequest(fx.To(), "20261129133000", &req);
  CommandAnswer a = AnswerCommand(req, fx.Context());
  ASSERT_EQ(a.frames.size(), 2u);
  EXPECT_EQ(Segment(a.frames[0]),
            "QN=20261129123000223;ST=91;CN=9011;PW=284124;MN=0100C1A01000031500103001;Flag=4;"
            "CP=&&QnRtn=1&&");
  EXPECT_EQ(Segment(a.frames[1]),
            "QN=20261129123000223;ST=91;CN=9012;PW=284124;MN=0100C1A01000031500103001;Flag=4;"
            "CP=&&ExeRtn=1&&");
  ASSERT_TRUE(a.new_clock_offset);
  EXPECT_EQ(*a.new_clock_offset, 3600 * 1000);  // the device clock is now an hour ahead
  EXPECT_FALSE(a.rejected);
}

TEST(CommandsTest, SetTimeWithABadTimeFailsTheExecution) {
  Fixture fx;
  hj212::Frame req;
  hj212::BuildSetTimeRequest(fx.To(), "2026", &req);
  CommandAnswer a = AnswerCommand(req, fx.Context());
  ASSERT_EQ(a.frames.size(), 2u);
  EXPECT_EQ(a.frames[0].FindField("QnRtn"), "1");
  EXPECT_EQ(a.frames[1].FindField("ExeRtn"), "3");
  EXPECT_FALSE(a.new_clock_offset);
}

TEST(CommandsTest, GetTimeUploadsSystemTimeBetween9011And9012) {
  Fixture fx;
  hj212::Frame req;
  hj212::BuildGetTimeRequest(fx.To(), "", &req);
  CommandAnswer a = AnswerCommand(req, fx.Context());
  ASSERT_EQ(a.frames.size(), 3u);
  EXPECT_EQ(a.frames[0].cn(), "9011");
  EXPECT_EQ(Segment(a.frames[1]),
            "QN=20261129123000223;ST=31;CN=1011;PW=284124;MN=0100C1A01000031500103001;Flag=4;"
            "CP=&&SystemTime=20261129123000&&");
  EXPECT_EQ(a.frames[2].cn(), "9012");
}

TEST(CommandsTest, SetRtdIntervalAppliesWithinTheStandardRange) {
  Fixture fx;
  hj212::Frame req;
  hj212::BuildSetRtdIntervalRequest(fx.To(), 30, &req);
  CommandAnswer a = AnswerCommand(req, fx.Context());
  EXPECT_EQ(a.new_rtd_interval_s, 30);
  ASSERT_EQ(a.frames.size(), 2u);
  EXPECT_EQ(a.frames[1].FindField("ExeRtn"), "1");

  hj212::BuildSetRtdIntervalRequest(fx.To(), 10, &req);  // below 30: Table 4
  a = AnswerCommand(req, fx.Context());
  EXPECT_FALSE(a.new_rtd_interval_s);
  EXPECT_EQ(a.frames[1].FindField("ExeRtn"), "3");
}

TEST(CommandsTest, HourlyHistoryRequestAnswersTheStoredRecordsInRange) {
  Fixture fx;
  hj212::Frame req;
  hj212::BuildHistoryRequest(fx.To(), "2061", "20261129090000", "20261129113000", &req);
  CommandAnswer a = AnswerCommand(req, fx.Context());
  // 9011, the hours starting 09:00, 10:00, 11:00 (11:00-12:00 has ended by 12:30), 9012.
  ASSERT_EQ(a.frames.size(), 5u);
  EXPECT_EQ(Segment(a.frames[0]),
            "QN=20261129123000223;ST=91;CN=9011;PW=284124;MN=0100C1A01000031500103001;Flag=4;"
            "CP=&&QnRtn=1&&");
  const char* hours[] = {"20261129090000", "20261129100000", "20261129110000"};
  for (int i = 0; i < 3; ++i) {
    const hj212::Frame& rec = a.frames[1 + i];
    EXPECT_EQ(rec.cn(), "2061");
    EXPECT_EQ(rec.data_time(), hours[i]);
    EXPECT_EQ(rec.flag(), 4);  // no answer wanted (HJ 212-2017 C.20)
    EXPECT_NE(rec.qn(), req.qn());
    // Exactly the record the device uploaded for that hour (same values).
    hj212::Frame expected;
    BuildPeriodRecord(fx.Context().params, fx.device, Period::kHour, *ParseDataTime(hours[i]),
                      *rec.qn(), false, &expected);
    EXPECT_EQ(Segment(rec), Segment(expected));
  }
  EXPECT_EQ(Segment(a.frames[4]),
            "QN=20261129123000223;ST=91;CN=9012;PW=284124;MN=0100C1A01000031500103001;Flag=4;"
            "CP=&&ExeRtn=1&&");
  EXPECT_EQ(a.history_records, 3);
}

TEST(CommandsTest, MinuteHistoryOutsideMemoryHasNoData) {
  Fixture fx;
  hj212::Frame req;
  hj212::BuildHistoryRequest(fx.To(), "2051", "20261127000000", "20261127010000", &req);
  CommandAnswer a = AnswerCommand(req, fx.Context());
  ASSERT_EQ(a.frames.size(), 2u);
  EXPECT_EQ(a.frames[1].FindField("ExeRtn"), "100");
  hj212::BuildHistoryRequest(fx.To(), "2051", "20261129122700", "20261129123500", &req);
  a = AnswerCommand(req, fx.Context());
  ASSERT_EQ(a.frames.size(), 5u);  // 12:27, 12:28, 12:29: only whole minutes
  EXPECT_EQ(a.frames[3].data_time(), "20261129122900");
}

TEST(CommandsTest, RecordsInRangeKeepsToMemoryAndWholePeriods) {
  const TimeMs now = *ParseDataTime("20261129123000");
  auto days = RecordsInRange(Period::kDay, now - 40LL * 86400000, now, now, {});
  // 31 days of memory back from 11-29 12:30 reach into 10-29; its record began
  // before that, so the oldest whole day kept is 10-30, the newest 11-28.
  ASSERT_EQ(days.size(), 30u);
  EXPECT_EQ(FormatDataTime(days.front()), "20261030000000");
  EXPECT_EQ(FormatDataTime(days.back()), "20261128000000");
  auto mins = RecordsInRange(Period::kMinute, now - 10, now + 3600000, now, {});
  EXPECT_TRUE(mins.empty());
}

TEST(CommandsTest, UnknownRequestsAreRejectedAndStrangersTurnedAway) {
  Fixture fx;
  hj212::Frame req;
  hj212::BuildHistoryRequest(fx.To(), "3020", "20261129090000", "20261129100000", &req);
  CommandAnswer a = AnswerCommand(req, fx.Context());
  ASSERT_EQ(a.frames.size(), 1u);
  EXPECT_EQ(Segment(a.frames[0]),
            "QN=20261129123000223;ST=91;CN=9011;PW=284124;MN=0100C1A01000031500103001;Flag=4;"
            "CP=&&QnRtn=2&&");
  EXPECT_TRUE(a.rejected);

  auto to = fx.To();
  to.mn = "0100C1A01000031500109999";
  hj212::BuildSetTimeRequest(to, "20261129133000", &req);
  a = AnswerCommand(req, fx.Context());
  ASSERT_EQ(a.frames.size(), 1u);
  EXPECT_EQ(a.frames[0].FindField("QnRtn"), "4");
  to = fx.To();
  to.pw = "000000";
  hj212::BuildSetTimeRequest(to, "20261129133000", &req);
  a = AnswerCommand(req, fx.Context());
  EXPECT_EQ(a.frames[0].FindField("QnRtn"), "3");
}

TEST(CommandsTest, Hj212Of2005DevicesAnswersIn2005Form) {
  Fixture fx;
  fx.device = Fume(hj212::Version::k2005);
  hj212::Frame req;
  hj212::BuildSetTimeRequest(fx.To(), "20261129133000", &req);
  CommandAnswer a = AnswerCommand(req, fx.Context());
  ASSERT_EQ(a.frames.size(), 2u);
  EXPECT_EQ(Segment(a.frames[0]),
            "ST=91;CN=9011;PW=284124;MN=50010310000105;Flag=0;CP=&&QN=20261129123000223;QnRtn=1&&");
}

TEST(CommandsTest, StopAndStartRealtime) {
  Fixture fx;
  hj212::Frame req;
  hj212::BuildRealtimeRequest(fx.To(), false, &req);
  CommandAnswer a = AnswerCommand(req, fx.Context());
  EXPECT_EQ(a.realtime_enabled, false);
  ASSERT_EQ(a.frames.size(), 1u);
  EXPECT_EQ(a.frames[0].cn(), "9013");
  hj212::BuildRealtimeRequest(fx.To(), true, &req);
  a = AnswerCommand(req, fx.Context());
  EXPECT_EQ(a.realtime_enabled, true);
}

}  // namespace
}  // namespace gl::simulator
