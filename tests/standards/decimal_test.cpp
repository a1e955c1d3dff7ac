#include "greenloop/standards/decimal.h"

#include <gtest/gtest.h>

namespace gl::standards {
namespace {

TEST(DecimalTest, ParsesExactly) {
  EXPECT_EQ(Decimal::Parse("12", "f")->micros(), 12'000'000);
  EXPECT_EQ(Decimal::Parse("0.9", "f")->micros(), 900'000);
  EXPECT_EQ(Decimal::Parse("-3.25", "f")->micros(), -3'250'000);
  EXPECT_EQ(Decimal::Parse(".5", "f")->micros(), 500'000);
  EXPECT_EQ(Decimal::Parse("007.", "f")->micros(), 7'000'000);
  EXPECT_EQ(Decimal::Parse("0.00005", "f")->ToString(), "0.00005");
  EXPECT_EQ(Decimal::Parse("35.10", "f")->ToString(), "35.1");
}

TEST(DecimalTest, RoundsBeyondSixPlacesHalfToEven) {
  EXPECT_EQ(Decimal::Parse("1.0000005", "f")->ToString(), "1");
  EXPECT_EQ(Decimal::Parse("1.0000015", "f")->ToString(), "1.000002");
  EXPECT_EQ(Decimal::Parse("1.00000051", "f")->ToString(), "1.000001");
}

TEST(DecimalTest, RejectsMalformedNamingTheField) {
  for (const char* bad : {"", "-", ".", "1e3", "abc", "1.2.3", "12a", "1 2", "1e13"}) {
    auto r = Decimal::Parse(bad, "pm25_24h");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(r.error().field(), "pm25_24h");
  }
  EXPECT_FALSE(Decimal::Parse("1000000000000", "f").ok());
  EXPECT_TRUE(Decimal::Parse("999999999999", "f").ok());
}

TEST(DecimalTest, DoublesTakeTheirShortestDecimal) {
  EXPECT_EQ(Decimal::FromDouble(0.1, "f")->micros(), 100'000);
  EXPECT_EQ(Decimal::FromDouble(0.1 + 0.2, "f")->ToString(), "0.3");
  // Float noise around a breakpoint must not push 35 (IAQI 50) over it.
  EXPECT_EQ(Decimal::FromDouble(35.00000000000001, "f")->ToString(), "35");
  EXPECT_EQ(Decimal::FromDouble(-2.5, "f")->ToString(), "-2.5");
  EXPECT_FALSE(Decimal::FromDouble(std::numeric_limits<double>::quiet_NaN(), "f").ok());
  EXPECT_FALSE(Decimal::FromDouble(std::numeric_limits<double>::infinity(), "f").ok());
  EXPECT_FALSE(Decimal::FromDouble(1e300, "f").ok());
}

TEST(DecimalTest, GbT8170RoundHalfToEven) {
  auto r = [](const char* s, int d) { return Decimal::Parse(s, "f")->RoundHalfEven(d).ToString(); };
  EXPECT_EQ(r("35.5", 0), "36");
  EXPECT_EQ(r("36.5", 0), "36");
  EXPECT_EQ(r("36.51", 0), "37");
  EXPECT_EQ(r("36.49", 0), "36");
  EXPECT_EQ(r("2.05", 1), "2");
  EXPECT_EQ(r("2.15", 1), "2.2");
  EXPECT_EQ(r("2.25", 1), "2.2");
  EXPECT_EQ(r("-2.5", 0), "-2");
  EXPECT_EQ(r("0.4", 0), "0");
}

}  // namespace
}  // namespace gl::standards
