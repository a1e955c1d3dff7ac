#include "greenloop/standards/aqi.h"

#include <gtest/gtest.h>

#include <sstream>

#include "standards/case_file.h"

namespace gl::standards {
namespace {

using testing::CaseLine;
using testing::Pairs;
using testing::ReadCases;
using testing::Words;

Decimal D(const std::string& s) {
  auto d = Decimal::Parse(s, "test");
  EXPECT_TRUE(d.ok()) << s;
  return d.ok() ? *d : Decimal();
}

std::string Join(const std::vector<Pollutant>& ps) {
  if (ps.empty()) return "-";
  std::string out;
  for (Pollutant p : ps) out += (out.empty() ? "" : ",") + std::string(PollutantName(p));
  return out;
}

TEST(AqiTableTest, EveryBreakpointCase) {
  auto cases = ReadCases("aqi_breakpoints.txt");
  ASSERT_GT(cases.size(), 600u);
  for (const CaseLine& c : cases) {
    SCOPED_TRACE("aqi_breakpoints.txt:" + std::to_string(c.line_no) + ": " + c.text);
    auto w = Words(c.fields[0]);
    ASSERT_EQ(w.size(), 4u);
    auto edition = ParseEdition(w[0]);
    ASSERT_TRUE(edition.ok());
    auto ind = ParseIndicator(w[1]);
    ASSERT_TRUE(ind.has_value());
    auto iaqi = ComputeIaqi(*edition, *ind, D(w[2]));
    ASSERT_TRUE(iaqi.ok()) << iaqi.error().ToString();
    if (w[3] == "above") {
      EXPECT_TRUE(iaqi->above_scale);
      EXPECT_FALSE(iaqi->value.has_value());
    } else {
      EXPECT_FALSE(iaqi->above_scale);
      ASSERT_TRUE(iaqi->value.has_value());
      EXPECT_EQ(*iaqi->value, std::stoi(w[3]));
    }
  }
}

TEST(AqiReportTest, WorkedExamplesAndRules) {
  auto cases = ReadCases("aqi_reports.txt");
  ASSERT_GE(cases.size(), 40u);
  for (const CaseLine& c : cases) {
    SCOPED_TRACE("aqi_reports.txt:" + std::to_string(c.line_no) + ": " + c.fields[0]);
    ASSERT_EQ(c.fields.size(), 4u);
    auto head = Words(c.fields[1]);
    ASSERT_EQ(head.size(), 2u);
    auto edition = ParseEdition(head[0]);
    auto kind = ParseReportKind(head[1]);
    ASSERT_TRUE(edition.ok() && kind.ok());
    ConcentrationMap values;
    for (const auto& [k, v] : Pairs(c.fields[2])) values[k] = D(v);
    auto expect = Pairs(c.fields[3]);
    auto r = ComputeAqi(*edition, *kind, values);
    if (expect.count("error")) {
      ASSERT_FALSE(r.ok()) << "expected an error";
      EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
      EXPECT_EQ(r.error().field(), expect["error"]) << r.error().ToString();
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    for (const auto& [k, v] : expect) {
      if (k == "aqi") {
        if (v == "above") {
          EXPECT_TRUE(r->above_scale);
          EXPECT_FALSE(r->aqi.has_value());
        } else {
          EXPECT_FALSE(r->above_scale);
          ASSERT_TRUE(r->aqi.has_value());
          EXPECT_EQ(*r->aqi, std::stoi(v));
        }
      } else if (k == "level") {
        EXPECT_EQ(r->category->level, std::stoi(v));
      } else if (k == "category") {
        EXPECT_EQ(r->category->name_zh, v);
      } else if (k == "primary") {
        EXPECT_EQ(Join(r->primary), v);
      } else if (k == "non_attainment") {
        EXPECT_EQ(Join(r->non_attainment), v);
      } else if (k == "na") {
        EXPECT_EQ(r->aqi_na, v == "1");
      } else if (k.rfind("iaqi.", 0) == 0) {
        std::string key = k.substr(5);
        const IndicatorResult* found = nullptr;
        for (const auto& ir : r->indicators)
          if (IndicatorName(ir.indicator) == key) found = &ir;
        ASSERT_NE(found, nullptr) << key;
        if (v == "-") {
          EXPECT_FALSE(found->iaqi.has_value()) << key;
          EXPECT_FALSE(found->above_scale) << key;
        } else if (v == "above") {
          EXPECT_TRUE(found->above_scale) << key;
        } else {
          ASSERT_TRUE(found->iaqi.has_value()) << key;
          EXPECT_EQ(*found->iaqi, std::stoi(v)) << key;
        }
      } else {
        ADD_FAILURE() << "unknown expectation " << k;
      }
    }
  }
}

TEST(AqiReportTest, SpecialRulesAreNamedInTheResult) {
  auto r = ComputeAqi(AqiEdition::k2012, AqiReportKind::kHourly,
                      {{"so2_1h", D("900")}, {"so2_24h", D("300")}});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->indicators.size(), 2u);
  EXPECT_EQ(r->indicators[1].indicator, Indicator::kSo2_1h);
  EXPECT_EQ(r->indicators[1].rule, "so2_1h>800: iaqi from so2_24h");
  EXPECT_EQ(r->indicators[0].role, AqiIndicatorRole::kAuxiliary);
}

TEST(AqiReportTest, EachEditionUsesExactlyItsIndicators) {
  auto names = [](AqiEdition e, AqiReportKind k) {
    std::string out;
    for (Indicator i : IndexedIndicators(e, k)) out += std::string(IndicatorName(i)) + " ";
    return out;
  };
  EXPECT_EQ(names(AqiEdition::k2012, AqiReportKind::kDaily),
            "so2_24h no2_24h co_24h o3_1h o3_8h pm10_24h pm25_24h ");
  EXPECT_EQ(names(AqiEdition::k2012, AqiReportKind::kHourly),
            "so2_1h no2_1h co_1h o3_1h o3_8h pm10_24h pm25_24h ");
  EXPECT_EQ(names(AqiEdition::k2026, AqiReportKind::kDaily),
            "so2_24h no2_24h co_24h o3_8h pm10_24h pm25_24h ");
  EXPECT_EQ(names(AqiEdition::k2026, AqiReportKind::kHourly),
            "so2_1h no2_1h co_1h o3_1h pm10_1h pm25_1h ");
}

TEST(AqiCategoryTest, TableTwoBoundaries) {
  struct {
    int aqi, level;
    const char* zh;
    const char* en;
    const char* colour;
  } cases[] = {
      {0, 1, "优", "Excellent", "#00E400"},
      {50, 1, "优", "Excellent", "#00E400"},
      {51, 2, "良", "Good", "#FFFF00"},
      {100, 2, "良", "Good", "#FFFF00"},
      {101, 3, "轻度污染", "Lightly polluted", "#FF7E00"},
      {150, 3, "轻度污染", "Lightly polluted", "#FF7E00"},
      {151, 4, "中度污染", "Moderately polluted", "#FF0000"},
      {200, 4, "中度污染", "Moderately polluted", "#FF0000"},
      {201, 5, "重度污染", "Heavily polluted", "#99004C"},
      {300, 5, "重度污染", "Heavily polluted", "#99004C"},
      {301, 6, "严重污染", "Severely polluted", "#7E0023"},
      {500, 6, "严重污染", "Severely polluted", "#7E0023"},
  };
  for (const auto& c : cases) {
    const AqiCategory& cat = CategoryOf(c.aqi);
    EXPECT_EQ(cat.level, c.level) << c.aqi;
    EXPECT_EQ(cat.name_zh, c.zh) << c.aqi;
    EXPECT_EQ(cat.name_en, c.en) << c.aqi;
    EXPECT_EQ(cat.colour, c.colour) << c.aqi;
  }
}

TEST(AqiEditionTest, ChosenByDateInShanghai) {
  EXPECT_EQ(AqiEditionOnDate(2026, 2, 28), AqiEdition::k2012);
  EXPECT_EQ(AqiEditionOnDate(2026, 3, 1), AqiEdition::k2026);
  EXPECT_EQ(AqiEditionOnDate(2025, 12, 31), AqiEdition::k2012);
  EXPECT_EQ(AqiEditionOnDate(2027, 1, 1), AqiEdition::k2026);
  // 2026-03-01 00:00 +08:00 is 2026-02-28 16:00 UTC.
  TimeMs sw = *ParseTime("2026-02-28T16:00:00Z");
  EXPECT_EQ(AqiEditionAt(sw - 1), AqiEdition::k2012);
  EXPECT_EQ(AqiEditionAt(sw), AqiEdition::k2026);
  EXPECT_EQ(*ResolveEdition(std::nullopt, "2026-02-28"), AqiEdition::k2012);
  EXPECT_EQ(*ResolveEdition(std::nullopt, "2026-03-01"), AqiEdition::k2026);
  EXPECT_EQ(*ResolveEdition(std::string_view("2012"), "2026-11-29"), AqiEdition::k2012);
  EXPECT_EQ(ResolveEdition(std::string_view("2020"), "").error().field(), "edition");
  EXPECT_EQ(ResolveEdition(std::nullopt, "").error().field(), "date");
  EXPECT_EQ(ResolveEdition(std::nullopt, "yesterday").error().field(), "date");
  EXPECT_EQ(ParseReportKind("weekly").error().field(), "report");
}

TEST(AqiIaqiTest, NoSubIndexForPm1hIn2012) {
  auto r = ComputeIaqi(AqiEdition::k2012, Indicator::kPm25_1h, D("30"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field(), "pm25_1h");
  EXPECT_EQ(ComputeIaqi(AqiEdition::k2012, Indicator::kPm25_24h, D("-0.1")).error().field(),
            "pm25_24h");
}

}  // namespace
}  // namespace gl::standards
