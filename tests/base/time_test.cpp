#include "greenloop/base/time.h"

#include <gtest/gtest.h>

namespace gl {
namespace {

TEST(TimeTest, ParsesOffsetsAndShanghaiLocalTime) {
  EXPECT_EQ(ParseTime("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(ParseTime("1970-01-01T08:00:00+08:00"), 0);
  EXPECT_EQ(ParseTime("1970-01-01 08:00:00"), 0);  // bare times are Asia/Shanghai
  EXPECT_EQ(ParseTime("1970-01-01"), -8 * 3600 * 1000);
  EXPECT_EQ(ParseTime("2026-11-29T15:46:00.5Z"), 1795967160500);
}

TEST(TimeTest, RejectsMalformed) {
  for (const char* bad : {"", "2026", "2026-13-01", "2026-02-29", "2026-11-29T25:00",
                          "2026-11-29T10:00:00+8", "2026-11-29X", "abcd-ef-gh"}) {
    EXPECT_FALSE(ParseTime(bad).has_value()) << bad;
  }
  EXPECT_TRUE(ParseTime("2024-02-29").has_value());
}

TEST(TimeTest, FormatsInShanghai) {
  EXPECT_EQ(FormatIsoShanghai(0), "1970-01-01T08:00:00.000+08:00");
  EXPECT_EQ(FormatIsoShanghai(*ParseTime("2026-12-31T23:30:00Z")), "2027-01-01T07:30:00.000+08:00");
}

TEST(TimeTest, CivilRoundTrip) {
  for (TimeMs ms : {0LL, 951782400000LL, 1795967160123LL, -86400001LL}) {
    EXPECT_EQ(FromCivil(ToCivil(ms)), ms);
  }
}

}  // namespace
}  // namespace gl
