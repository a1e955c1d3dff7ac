// CRC known answers (HJ 212-2017 Appendix A and hj212.md §1.3-§1.6).
#include "greenloop/hj212/crc.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace gl::hj212 {
namespace {

TEST(Crc, CheckValues) {
  // hj212.md §1.3: CRC("123456789") = 0x2F80; CRC-16/MODBUS of the same = 0x4B37.
  EXPECT_EQ(Crc16Hj212("123456789"), 0x2F80);
  EXPECT_EQ(Crc16Hj212Bytewise("123456789"), 0x2F80);
  EXPECT_EQ(Crc16Hj212Reference("123456789"), 0x2F80);
  EXPECT_EQ(Crc16Modbus("123456789"), 0x4B37);
  EXPECT_EQ(Crc16Hj212(""), 0xFFFF);
}

TEST(Crc, StandardAppendixAExample) {
  // HJ 212-2017 Appendix A: the packet says 1C80 (the prose's "1C08" is a typo).
  const std::string segment =
      "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&"
      "RtdInterval=30&&";
  ASSERT_EQ(segment.size(), 101u);
  EXPECT_EQ(Crc16Hj212(segment), 0x1C80);
  // hj212.md §1.4 V1: Modbus would give 0759.
  EXPECT_EQ(Crc16Modbus(segment), 0x0759);
}

TEST(Crc, SlicedEqualsReferenceForEveryLengthAndRandomBytes) {
  std::mt19937 rng(212);
  for (std::size_t len = 0; len < 600; ++len) {
    std::string data(len, '\0');
    for (char& c : data) c = static_cast<char>(rng());
    const std::uint16_t expected = Crc16Hj212Reference(data);
    ASSERT_EQ(Crc16Hj212(data), expected) << "length " << len;
    ASSERT_EQ(Crc16Hj212Bytewise(data), expected) << "length " << len;
  }
}

TEST(Crc, LowByteIsAlwaysOneOfEightValues) {
  // hj212.md §1.3: only the high byte carries, so the low byte is in {00,01,40,41,80,81,C0,C1}.
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::string data(1 + rng() % 64, '\0');
    for (char& c : data) c = static_cast<char>(rng());
    const unsigned low = Crc16Hj212(data) & 0xFF;
    EXPECT_TRUE(low == 0x00 || low == 0x01 || low == 0x40 || low == 0x41 || low == 0x80 ||
                low == 0x81 || low == 0xC0 || low == 0xC1)
        << std::hex << low;
  }
}

TEST(Crc, FieldDeviceModbusSwapped) {
  // hj212.md V16 (tonyxia2016 rx.log): HJ 212 CRC would be 0440; "A6EC" is Modbus 0xECA6
  // byte-swapped.
  const std::string segment =
      "ST=31;CN=2011;PW=123456;MN=4201003;CP=&&DataTime=20200923111707;112-Rtd=11.285,112-Flag=N;"
      "121-Rtd=27.702,121-Flag=N;023-Rtd=4.372,023-Flag=N;802-Rtd=12.668,802-Flag=N;803-Rtd=4.314,"
      "803-Flag=N;808-Rtd=0.000,808-Flag=N;801-Rtd=2.920,801-Flag=N;811-Rtd=266.765,811-Flag=N;"
      "810-Rtd=44.881,810-Flag=N;812-Rtd=1.508,812-Flag=N;806-Rtd=10.850,806-Flag=N;039-Rtd=14.531,"
      "039-Flag=N;805-Rtd=23.591,805-Flag=N;817-Rtd=1.583,817-Flag=N;a99949-Rtd=786.913,a99949-"
      "Flag=N;a99948-Rtd=267.765,a99948-Flag=N;804-Rtd=140.124,804-Flag=N;040-Rtd=0.000,040-Flag=N;"
      "028-Rtd=0.160,028-Flag=N;029-Rtd=4.685,029-Flag=N;030-Rtd=40.235,030-Flag=N;041-Rtd=0.000,"
      "041-Flag=N;809-Rtd=1.615,809-Flag=N;814-Rtd=4.697,814-Flag=N;038-Rtd=0.881,038-Flag=N;816-"
      "Rtd=1.284,816-Flag=N;813-Rtd=2.116,813-Flag=N;033-Rtd=0.000,033-Flag=N;036-Rtd=0.000,036-"
      "Flag=N;807-Rtd=0.000,807-Flag=N;815-Rtd=0.721,815-Flag=N&&";
  ASSERT_EQ(segment.size(), 868u);
  EXPECT_EQ(Crc16Hj212(segment), 0x0440);
  EXPECT_EQ(Crc16Modbus(segment), 0xECA6);
  EXPECT_EQ(PrintedCrc(CrcVariant::kModbusSwapped, segment), 0xA6EC);
  EXPECT_EQ(PrintedCrc(CrcVariant::kModbus, segment), 0xECA6);
}

TEST(Crc, HexIsCaseInsensitiveAndExactlyFourDigits) {
  EXPECT_EQ(ParseCrcHex("1dc0"), 0x1DC0);
  EXPECT_EQ(ParseCrcHex("1DC0"), 0x1DC0);
  EXPECT_EQ(ParseCrcHex("880"), std::nullopt);  // xiaoyao9184 issue #25: dropped leading zero
  EXPECT_EQ(ParseCrcHex("1DCG"), std::nullopt);
  char out[4];
  FormatCrcHex(0x0A0B, out);
  EXPECT_EQ(std::string(out, 4), "0A0B");
}

TEST(Crc, VariantNamesRoundTrip) {
  for (CrcVariant v : {CrcVariant::kHj212, CrcVariant::kModbus, CrcVariant::kModbusSwapped}) {
    EXPECT_EQ(CrcVariantFromName(CrcVariantName(v)), v);
  }
  EXPECT_EQ(CrcVariantFromName("crc32"), std::nullopt);
}

}  // namespace
}  // namespace gl::hj212
