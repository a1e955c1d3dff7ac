#include "greenloop/standards/gb3095.h"

#include <gtest/gtest.h>

#include "standards/case_file.h"

namespace gl::standards {
namespace {

using testing::CaseLine;
using testing::ReadCases;
using testing::Words;

Decimal D(const std::string& s) {
  auto d = Decimal::Parse(s, "test");
  EXPECT_TRUE(d.ok()) << s;
  return d.ok() ? *d : Decimal();
}

Gb3095Column Column(const std::string& s) {
  if (s == "2012") return Gb3095Column::k2012;
  if (s == "2026t") return Gb3095Column::k2026Transitional;
  EXPECT_EQ(s, "2026f");
  return Gb3095Column::k2026Final;
}

TEST(Gb3095Test, EveryLimitAndItsEdges) {
  auto cases = ReadCases("gb3095_limits.txt");
  ASSERT_EQ(cases.size(), 138u);
  for (const CaseLine& c : cases) {
    SCOPED_TRACE("gb3095_limits.txt:" + std::to_string(c.line_no) + ": " + c.text);
    auto w = Words(c.fields[0]);
    ASSERT_EQ(w.size(), 5u);
    auto avg = ParseGb3095Averaging(w[2]);
    auto grade = ParseAirGrade(w[3]);
    ASSERT_TRUE(avg.ok() && grade.ok());
    auto limit = Gb3095LimitOf(Column(w[0]), w[1], *avg, *grade);
    ASSERT_TRUE(limit.ok()) << limit.error().ToString();
    EXPECT_EQ(limit->value, D(w[4]));
    EXPECT_EQ(limit->unit, w[1] == "co" ? "mg/m³" : "µg/m³");
    // At the limit complies; one millionth above exceeds.
    auto at = CheckGb3095(Column(w[0]), w[1], *avg, *grade, D(w[4]));
    EXPECT_FALSE(at->exceeded);
    auto above = CheckGb3095(Column(w[0]), w[1], *avg, *grade, D(w[4]) + Decimal::FromMicros(1));
    EXPECT_TRUE(above->exceeded);
    EXPECT_EQ(above->over, Decimal::FromMicros(1));
  }
}

TEST(Gb3095Test, ColumnByDateInShanghai) {
  EXPECT_EQ(Gb3095ColumnOnDate(2026, 2, 28), Gb3095Column::k2012);
  EXPECT_EQ(Gb3095ColumnOnDate(2026, 3, 1), Gb3095Column::k2026Transitional);
  EXPECT_EQ(Gb3095ColumnOnDate(2030, 12, 31), Gb3095Column::k2026Transitional);
  EXPECT_EQ(Gb3095ColumnOnDate(2031, 1, 1), Gb3095Column::k2026Final);
  EXPECT_EQ(Gb3095ColumnAt(*ParseTime("2026-02-28T15:59:59Z")), Gb3095Column::k2012);
  EXPECT_EQ(Gb3095ColumnAt(*ParseTime("2026-02-28T16:00:00Z")), Gb3095Column::k2026Transitional);
  EXPECT_EQ(Gb3095ColumnAt(*ParseTime("2030-12-31T16:00:00Z")), Gb3095Column::k2026Final);
}

TEST(Gb3095Test, PmDailyGradeTwoAcrossEditions) {
  auto pm25 = [](Gb3095Column c) {
    return Gb3095LimitOf(c, "pm25", Gb3095Averaging::kDaily, AirGrade::k2)->value;
  };
  EXPECT_EQ(pm25(Gb3095Column::k2012), D("75"));
  EXPECT_EQ(pm25(Gb3095Column::k2026Transitional), D("60"));
  EXPECT_EQ(pm25(Gb3095Column::k2026Final), D("50"));
}

TEST(Gb3095Test, ErrorsNameTheField) {
  EXPECT_EQ(Gb3095LimitOf(Gb3095Column::k2012, "h2s", Gb3095Averaging::kDaily, AirGrade::k2)
                .error()
                .field(),
            "item");
  EXPECT_EQ(Gb3095LimitOf(Gb3095Column::k2012, "co", Gb3095Averaging::kAnnual, AirGrade::k2)
                .error()
                .field(),
            "averaging");
  EXPECT_EQ(ParseAirGrade("3").error().field(), "grade");
  EXPECT_EQ(ParseGb3095Averaging("weekly").error().field(), "averaging");
  EXPECT_EQ(CheckGb3095(Gb3095Column::k2012, "so2", Gb3095Averaging::kDaily, AirGrade::k2, D("-1"))
                .error()
                .field(),
            "value");
}

}  // namespace
}  // namespace gl::standards
