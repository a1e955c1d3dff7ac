// Framer, parser, encoder and exchange behaviour beyond the data files.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/exchange.h"
#include "greenloop/hj212/frame_json.h"
#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/parser.h"

namespace gl::hj212 {
namespace {

// HJ 212-2017 Appendix A (V1 of the field frames).
const std::string kV1 =
    "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&"
    "RtdInterval=30&&1C80\r\n";
// A realistic upload used for round trips.
const std::string kUploadSegment =
    "QN=20210320163101890;ST=32;CN=2011;PW=123456;MN=81733553213013;Flag=5;CP=&&DataTime="
    "20210320013400;w00000-Rtd=181.682,w00000-Flag=N;w21001-SampleTime=20210320005400,w21001-Rtd="
    "45.160,w21001-Flag=N;w01018-Rtd=194.200,w01018-Flag=N&&";

struct Collect : RejectReporter {
  std::vector<Rejection> rejections;
  void Rejected(const Rejection& r) override { rejections.push_back(r); }
};

Frame MustParse(std::string_view segment) {
  Frame frame;
  ParseError error;
  EXPECT_TRUE(ParseDataSegment(segment, &frame, &error))
      << RejectName(error.reason) << ": " << error.detail << " at " << error.item;
  return frame;
}

std::string MustEncode(const Frame& frame) {
  auto packet = EncodePacket(frame);
  EXPECT_TRUE(packet.ok());
  return packet.ok() ? *packet : std::string();
}

TEST(Framer, ReportsOffsetDroppedBytesAndCrcDetails) {
  std::string bad = kV1;
  bad.replace(bad.size() - 6, 4, "1c81");
  Collect collect;
  Framer framer(&collect);
  framer.Feed("xx" + bad + kV1);
  RawFrame raw;
  ASSERT_TRUE(framer.Next(&raw));
  EXPECT_EQ(raw.offset, 2 + bad.size());
  EXPECT_EQ(raw.data.size(), 101u);
  ASSERT_EQ(collect.rejections.size(), 2u);
  EXPECT_EQ(collect.rejections[0].reason, Reject::kGarbage);
  EXPECT_EQ(collect.rejections[0].offset, 0u);
  EXPECT_EQ(collect.rejections[0].dropped, 2u);
  EXPECT_EQ(collect.rejections[1].reason, Reject::kBadCrc);
  EXPECT_EQ(collect.rejections[1].offset, 2u);
  EXPECT_EQ(collect.rejections[1].dropped, bad.size());
  EXPECT_EQ(collect.rejections[1].crc_sent, 0x1C81);
  EXPECT_EQ(collect.rejections[1].crc_computed, 0x1C80);
  EXPECT_FALSE(framer.Next(&raw));
}

TEST(Framer, NamesTheNonStandardCrcItSawAndAcceptsItOnlyWhenAllowed) {
  Frame frame;
  frame.SetSt("31");
  frame.SetCn("2011");
  frame.SetDataTime("20200923111707");
  EncodeOptions modbus;
  modbus.crc = CrcVariant::kModbusSwapped;
  std::string packet;
  ASSERT_TRUE(AppendPacket(frame, &packet, modbus).ok());

  Collect strict_reports;
  Framer strict(&strict_reports);
  strict.Feed(packet);
  RawFrame raw;
  EXPECT_FALSE(strict.Next(&raw));
  strict.Finish();
  EXPECT_FALSE(strict.Next(&raw));
  ASSERT_EQ(strict_reports.rejections.size(), 1u);
  EXPECT_EQ(strict_reports.rejections[0].reason, Reject::kBadCrc);
  EXPECT_EQ(strict_reports.rejections[0].crc_variant_matched, "modbus_swapped");

  Collect tolerant_reports;
  Framer tolerant(&tolerant_reports, FramerOptions().AcceptCrc(CrcVariant::kModbusSwapped));
  tolerant.Feed(packet);
  ASSERT_TRUE(tolerant.Next(&raw));
  EXPECT_EQ(raw.crc_variant, CrcVariant::kModbusSwapped);
  EXPECT_TRUE(tolerant_reports.rejections.empty());
}

TEST(Framer, EveryCutOfAStreamOfAllSortsYieldsTheSameFrames) {
  std::string stream = "\r\n" + kV1 + "junk#" + kV1 + "#";
  stream += "##" + kV1 + kV1.substr(0, 40) + kV1 + kV1;
  auto run = [&](std::size_t cut) {
    Collect collect;
    Framer framer(&collect);
    std::vector<std::string> out;
    RawFrame raw;
    auto drain = [&] {
      while (framer.Next(&raw)) out.push_back(std::to_string(raw.offset));
    };
    framer.Feed(std::string_view(stream).substr(0, cut));
    drain();
    framer.Feed(std::string_view(stream).substr(cut));
    drain();
    framer.Finish();
    drain();
    for (const Rejection& r : collect.rejections) {
      out.push_back(std::string(RejectName(r.reason)) + "@" + std::to_string(r.offset) + "+" +
                    std::to_string(r.dropped));
    }
    return out;
  };
  const auto whole = run(stream.size());
  EXPECT_EQ(std::count_if(whole.begin(), whole.end(),
                          [](const std::string& s) { return s.find('@') == std::string::npos; }),
            5);
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) ASSERT_EQ(run(cut), whole) << cut;
}

TEST(Framer, TooLongIsConfigurable) {
  Frame frame;
  frame.SetSt("32");
  frame.SetCn("2011");
  for (int i = 0; i < 120; ++i) frame.AddFactorValue("w01018", "Rtd", "12345.6");
  EncodeOptions loose;
  loose.max_data_length = 9999;
  std::string packet;
  ASSERT_TRUE(AppendPacket(frame, &packet, loose).ok());
  ASSERT_GT(packet.size(), 1024u);
  EXPECT_FALSE(EncodePacket(frame).ok());  // the encoder keeps the standard's limit by default

  Collect collect;
  Framer framer(&collect);
  framer.Feed(packet);
  framer.Finish();
  RawFrame raw;
  EXPECT_FALSE(framer.Next(&raw));
  ASSERT_EQ(collect.rejections.size(), 1u);
  EXPECT_EQ(collect.rejections[0].reason, Reject::kTooLong);

  FramerOptions options;
  options.max_data_length = 9999;
  Framer wide(&collect, options);
  wide.Feed(packet);
  EXPECT_TRUE(wide.Next(&raw));
}

TEST(Parser, ErrorNamesTheItem) {
  Frame frame;
  ParseError error;
  const std::string segment = "ST=32;CN=2011;CP=&&DataTime=20161301000000&&";
  ASSERT_FALSE(ParseDataSegment(segment, &frame, &error));
  EXPECT_EQ(error.reason, Reject::kBadDatetime);
  EXPECT_EQ(error.item, "DataTime=20161301000000");
  EXPECT_EQ(error.position, segment.find("DataTime"));
}

TEST(Parser, AReusedFrameForgetsThePreviousPacket) {
  Frame frame;
  ParseError error;
  ASSERT_TRUE(ParseDataSegment(kUploadSegment, &frame, &error));
  ASSERT_TRUE(ParseDataSegment("ST=91;CN=9014;CP=&&&&", &frame, &error));
  EXPECT_EQ(frame.qn(), std::nullopt);
  EXPECT_EQ(frame.factor_value_count(), 0u);
  EXPECT_EQ(frame.data_time(), std::nullopt);
  EXPECT_EQ(frame.cn(), "9014");
}

TEST(Parser, FindsValuesByCodeAndSuffix) {
  Frame frame = MustParse(kUploadSegment);
  EXPECT_EQ(frame.FindFactorValue("w21001", "SampleTime"), "20210320005400");
  EXPECT_EQ(frame.FindFactorValue("w01018", "Rtd"), "194.200");
  EXPECT_EQ(frame.FindFactorValue("w01018", "Avg"), std::nullopt);
  EXPECT_EQ(frame.FindField("RtdInterval"), std::nullopt);
  EXPECT_TRUE(frame.ack_requested());
  EXPECT_FALSE(frame.split());
  EXPECT_EQ(frame.version(), Version::k2017);
}

TEST(Parser, DateTimeValidation) {
  EXPECT_TRUE(IsValidDateTime("20160801085857"));
  EXPECT_TRUE(IsValidDateTime("20160824003817000"));  // with milliseconds (hj212.md pitfall 11)
  EXPECT_TRUE(IsValidDateTime("20240229235959"));
  EXPECT_FALSE(IsValidDateTime("20230229000000"));
  EXPECT_FALSE(IsValidDateTime("20160801240000"));
  EXPECT_FALSE(IsValidDateTime("2016080108585"));
  EXPECT_FALSE(IsValidDateTime("2016080108585x"));
}

TEST(Encoder, ParseOfEncodeGivesTheSameFrameAndTheSameBytes) {
  const Frame original = MustParse(kUploadSegment);
  const std::string packet = MustEncode(original);
  std::string segment;
  AppendDataSegment(original, &segment);
  EXPECT_EQ(segment, kUploadSegment);  // the standard's order and separators are kept
  char length[8];
  std::snprintf(length, sizeof length, "##%04zu", kUploadSegment.size());
  EXPECT_EQ(packet.substr(0, 6), length);
  Collect collect;
  Framer framer(&collect);
  framer.Feed(packet);
  RawFrame raw;
  ASSERT_TRUE(framer.Next(&raw));
  const Frame again = MustParse(raw.data);
  EXPECT_EQ(json::serialize(FrameToJson(again)), json::serialize(FrameToJson(original)));
  EXPECT_TRUE(collect.rejections.empty());
}

TEST(Encoder, BuildsFromSettersAndJson) {
  auto object = ParseJsonObject(
      R"({"ok":true,"version":"2017","qn":"20160801085857223","st":"32","cn":"2011","pw":"123456",)"
      R"("mn":"010000A8900016F000169DC0","flag":5,"pnum":null,"pno":null,"ack_requested":true,)"
      R"("cp":{"DataTime":"20160801085857","factors":{"w01018":{"Rtd":"101.0","Flag":"N"}},"fields":{}}})");
  ASSERT_TRUE(object.ok());
  Frame frame;
  ASSERT_TRUE(FrameFromJson(*object, &frame).ok());
  EXPECT_EQ(MustEncode(frame),
            "##0141QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;"
            "CP=&&DataTime=20160801085857;w01018-Rtd=101.0,w01018-Flag=N&&8EC1\r\n");
  EXPECT_EQ(json::serialize(FrameToJson(frame)), json::serialize(*object));

  auto wrong = ParseJsonObject(R"({"st":"32","cn":"2011","flag":"5"})");
  ASSERT_TRUE(wrong.ok());
  Status s = FrameFromJson(*wrong, &frame);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field(), "flag");
}

TEST(FrameJson, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  // GBK "正常" (D5 FD B3 A3) from an old device; HJ 212-2017 §6.3 wants UTF-8.
  const Frame frame = MustParse(
      "ST=32;CN=3020;CP=&&DataTime=20160801085857;i11001-Info=//\xD5\xFD\xB3\xA3//;"
      "i12001-Info=//\xE6\xAD\xA3\xE5\xB8\xB8//&&");
  EXPECT_EQ(frame.FindFactorValue("i11001", "Info"), "//\xD5\xFD\xB3\xA3//");  // kept as sent
  const std::string text = json::serialize(FrameToJson(frame));
  auto back = ParseJson(text);
  ASSERT_TRUE(back.ok()) << text;
  const auto& factors = back->at("cp").at("factors");
  EXPECT_EQ(factors.at("i11001").at("Info"),
            "//\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD//");
  EXPECT_EQ(factors.at("i12001").at("Info"), "//正常//");
}

// The reply packets of hj212.md §4 (D1-D4 of the field frames), byte for byte.
TEST(Exchange, RepliesMatchTheStandardByteForByte) {
  const Frame upload = MustParse(
      "QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&"
      "DataTime=20160801085857;w01018-Rtd=101.0,w01018-Flag=N&&");
  Frame reply;
  BuildDataAck(upload, &reply);
  EXPECT_EQ(MustEncode(reply),
            "##0087QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;"
            "CP=&&&&3240\r\n");
  BuildRequestAck(upload, QnRtn::kReady, &reply);
  EXPECT_EQ(MustEncode(reply),
            "##0094QN=20160801085857223;ST=91;CN=9011;PW=123456;MN=010000A8900016F000169DC0;Flag=4;"
            "CP=&&QnRtn=1&&1B00\r\n");
  BuildExecResult(upload, ExeRtn::kSuccess, &reply);
  EXPECT_EQ(MustEncode(reply),
            "##0095QN=20160801085857223;ST=91;CN=9012;PW=123456;MN=010000A8900016F000169DC0;Flag=4;"
            "CP=&&ExeRtn=1&&6240\r\n");
  BuildNoticeAck(upload, &reply);
  EXPECT_EQ(MustEncode(reply),
            "##0087QN=20160801085857223;ST=91;CN=9013;PW=123456;MN=010000A8900016F000169DC0;Flag=4;"
            "CP=&&&&2A80\r\n");
}

TEST(Exchange, PlatformRequestsMatchTheAppendixAExample) {
  RequestTarget to{"20160801085857223", "32", "100000", "010000A8900016F000169DC0"};
  Frame request;
  BuildSetRtdIntervalRequest(to, 30, &request);
  EXPECT_EQ(MustEncode(request), kV1);

  BuildSetTimeRequest(to, "20160801085857", &request);
  EXPECT_EQ(request.cn(), "1012");
  EXPECT_EQ(request.FindField("SystemTime"), "20160801085857");
  BuildHistoryRequest(to, "2061", "20160801000000", "20160801235959", &request);
  std::string segment;
  AppendDataSegment(request, &segment);
  const Frame parsed = MustParse(segment);
  EXPECT_EQ(parsed.cn(), "2061");
  EXPECT_EQ(parsed.FindField("BeginTime"), "20160801000000");
  EXPECT_EQ(parsed.FindField("EndTime"), "20160801235959");
  EXPECT_EQ(parsed.flag(), 5);
}

TEST(Exchange, CommandKinds) {
  EXPECT_EQ(CommandKindOf("2011"), CommandKind::kUpload);
  EXPECT_EQ(CommandKindOf("2061"), CommandKind::kUpload);
  EXPECT_EQ(CommandKindOf("1013"), CommandKind::kNotice);
  EXPECT_EQ(CommandKindOf("1012"), CommandKind::kRequest);
  EXPECT_EQ(CommandKindOf("9014"), CommandKind::kAnswer);
}

TEST(Reject, EveryReasonHasADistinctName) {
  std::set<std::string_view> names;
  for (int i = 0; i < kRejectCount; ++i) {
    std::string_view name = RejectName(static_cast<Reject>(i));
    EXPECT_NE(name, "unknown");
    EXPECT_TRUE(names.insert(name).second) << name;
  }
}

}  // namespace
}  // namespace gl::hj212
