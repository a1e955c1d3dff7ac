// Working days from the shipped calendar (data/calendar/holidays-cn.json, the State
// Council's 2024-2026 notices) and the data files that drive cases.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "greenloop/cases/calendar.h"
#include "greenloop/cases/config.h"
#include "greenloop/cases/geo.h"

namespace gl::cases {
namespace {

TimeMs At(const char* text) { return *ParseTime(text); }

class CalendarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto cal =
        WorkCalendar::LoadFile(std::string(GL_SOURCE_DIR) + "/data/calendar/holidays-cn.json");
    ASSERT_TRUE(cal.ok()) << cal.error().ToString();
    cal_ = std::move(cal).value();
  }
  WorkCalendar cal_;
};

TEST_F(CalendarTest, WeekendsHolidaysAndAdjustedWorkingDays) {
  EXPECT_TRUE(cal_.IsWorkingDate("2026-11-27"));   // Friday
  EXPECT_FALSE(cal_.IsWorkingDate("2026-11-28"));  // Saturday
  EXPECT_FALSE(cal_.IsWorkingDate("2026-10-01"));  // 国庆节
  EXPECT_FALSE(cal_.IsWorkingDate("2026-10-07"));
  EXPECT_TRUE(cal_.IsWorkingDate("2026-10-10"));   // Saturday, 调休上班
  EXPECT_TRUE(cal_.IsWorkingDate("2026-09-20"));   // Sunday, 调休上班
  EXPECT_FALSE(cal_.IsWorkingDate("2026-02-16"));  // 春节
  EXPECT_TRUE(cal_.IsWorkingDate("2026-02-14"));   // Saturday, 调休上班
  EXPECT_FALSE(cal_.IsWorkingDate("2026-01-01"));  // 元旦 (Thursday)
  EXPECT_TRUE(cal_.IsWorkingDate("2026-01-04"));   // Sunday, 调休上班
}

TEST_F(CalendarTest, DeadlineAcrossNationalDay) {
  // Wednesday 2026-09-30 15:00 + 2 working days: 10-01..07 are holidays, so the
  // first working day is Thursday 10-08 and the second Friday 10-09.
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-09-30T15:00:00+08:00"), 2),
            At("2026-10-09T15:00:00+08:00"));
  // Without the calendar it would be Friday 10-02.
  WorkCalendar plain;
  EXPECT_EQ(plain.AddWorkingDays(At("2026-09-30T15:00:00+08:00"), 2),
            At("2026-10-02T15:00:00+08:00"));
}

TEST_F(CalendarTest, DeadlineOnAnAdjustedWorkingSaturday) {
  // Friday 10-09 + 1 working day = Saturday 10-10 (调休上班), not Monday 10-12.
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-10-09T09:30:00+08:00"), 1),
            At("2026-10-10T09:30:00+08:00"));
  // Friday 02-13 + 1 = Saturday 02-14 (a make-up day before 春节); + 2 jumps the
  // holiday 02-15..23 to Tuesday 02-24.
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-02-13T10:00:00+08:00"), 1),
            At("2026-02-14T10:00:00+08:00"));
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-02-13T10:00:00+08:00"), 2),
            At("2026-02-24T10:00:00+08:00"));
}

TEST_F(CalendarTest, StartOnAHolidayCountsFromTheNextWorkingDay) {
  // Reported on Saturday 11-28 at 20:00: counting starts Monday 11-30 20:00.
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-11-28T20:00:00+08:00"), 1),
            At("2026-12-01T20:00:00+08:00"));
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-11-28T20:00:00+08:00"), 0),
            At("2026-11-30T20:00:00+08:00"));
  // Local midnight stays local midnight (the +08:00 day boundary, not UTC's).
  EXPECT_EQ(cal_.AddWorkingDays(At("2026-11-27T00:30:00+08:00"), 1),
            At("2026-11-30T00:30:00+08:00"));
}

TEST_F(CalendarTest, SubtractWorkingDaysForTheReminder) {
  EXPECT_EQ(cal_.SubtractWorkingDays(At("2026-10-09T15:00:00+08:00"), 1),
            At("2026-10-08T15:00:00+08:00"));
  EXPECT_EQ(cal_.SubtractWorkingDays(At("2026-10-08T15:00:00+08:00"), 1),
            At("2026-09-30T15:00:00+08:00"));
  EXPECT_EQ(cal_.SubtractWorkingDays(At("2026-10-12T15:00:00+08:00"), 1),
            At("2026-10-10T15:00:00+08:00"));
}

TEST(CasesConfigTest, ShippedDataLoads) {
  auto cfg = LoadCaseConfig(std::string(GL_SOURCE_DIR) + "/data");
  ASSERT_TRUE(cfg.ok()) << cfg.error().ToString();
  // The nine governances and the seed's eight key tasks are all in the taxonomy.
  for (const char* name : {"治水", "治气", "治土", "治废", "治塑", "治山", "治岸", "治城", "治乡",
                           "五水共治", "河长制（河道巡查问题）", "雨污分流", "建筑垃圾",
                           "移动源污染", "餐饮油烟", "施工噪声", "无废城市"}) {
    bool found = false;
    for (const auto& c : cfg->taxonomy.All()) found = found || c.name == name;
    EXPECT_TRUE(found) << name;
  }
  EXPECT_EQ(cfg->taxonomy.RootOf("air.fume"), "air");
  EXPECT_EQ(cfg->taxonomy.SelfAndDescendants("air").size(), 6u);
  // Routing: fume goes to the subdistrict with market regulation and the bureau.
  RoutingCodes fume = cfg->routing.Route(cfg->taxonomy, "air.fume", "hlq");
  EXPECT_EQ(fume.lead, "hlq");
  EXPECT_EQ(fume.co, (std::vector<std::string>{"amr", "eeb"}));
  // A sub-item without a rule of its own falls back to its parent's.
  EXPECT_EQ(cfg->routing.Route(cfg->taxonomy, "air.burning", "syl").lead, "syl");
  // A named subdistrict beats "*".
  EXPECT_EQ(cfg->routing.Route(cfg->taxonomy, "water.river_chief", "ctm").co,
            (std::vector<std::string>{"wrb", "eeb"}));
  // No subdistrict: the fallback lead.
  EXPECT_EQ(cfg->routing.Route(cfg->taxonomy, "air.fume", "").lead, "eeb");
  // Deadlines per category and priority.
  EXPECT_EQ(cfg->deadlines.For(cfg->taxonomy, "air.fume", Priority::kNormal).resolve_days, 5);
  EXPECT_EQ(
      cfg->deadlines.For(cfg->taxonomy, "city.construction_noise", Priority::kNormal).resolve_days,
      3);
  EXPECT_EQ(cfg->deadlines.For(cfg->taxonomy, "air.fume", Priority::kCritical).resolve_days, 1);
  EXPECT_EQ(cfg->deadlines.For(cfg->taxonomy, "soil.contamination", Priority::kUrgent).accept_days,
            1);
  // Templates: the category's own, then "*"; placeholders filled.
  std::string t = cfg->templates.Render(cfg->taxonomy, "air.fume", "dispatch",
                                        {{"unit", "化龙桥街道"}, {"due", "2026-12-04 10:00"}});
  EXPECT_NE(t.find("化龙桥街道会同市场监管部门"), std::string::npos) << t;
  EXPECT_NE(t.find("2026-12-04 10:00"), std::string::npos);
  EXPECT_EQ(cfg->templates.Render(cfg->taxonomy, "soil.contamination", "verify", {}),
            "办理结果已经核查。");
}

TEST(CasesConfigTest, BadRoutingFileIsRefusedWithItsEntry) {
  auto bad = RoutingTable::Parse(R"({"rules":[{"category":"air.fume"}]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(
      Taxonomy::Parse(R"({"categories":[{"code":"a","name":"甲"},{"code":"a","name":"乙"}]})")
          .ok());
  EXPECT_FALSE(WorkCalendar::Parse(R"({"holidays":["2026-13-45"]})").ok());
}

TEST(SubdistrictLocatorTest, DemoCentresLieInTheirOwnSubdistricts) {
  std::ifstream in(std::string(GL_SOURCE_DIR) + "/data/demo/subdistricts.geojson");
  std::stringstream ss;
  ss << in.rdbuf();
  auto loc = SubdistrictLocator::FromGeoJson(ss.str());
  ASSERT_TRUE(loc.ok()) << loc.error().ToString();
  EXPECT_EQ(loc->size(), 11u);
  EXPECT_EQ(loc->Locate({106.515, 29.556}), "hlq");
  EXPECT_EQ(loc->Locate({106.516, 29.537}), "syl");
  EXPECT_EQ(loc->Locate({106.577, 29.558}), "jfb");
  EXPECT_EQ(loc->Locate({120.0, 30.0}), "");  // Hangzhou is not in Yuzhong
}

}  // namespace
}  // namespace gl::cases
