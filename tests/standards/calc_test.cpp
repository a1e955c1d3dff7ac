#include "greenloop/standards/calc.h"

#include <gtest/gtest.h>

namespace gl::standards {
namespace {

TEST(CalcAqiTest, IssueExampleA1ThroughTheRequest) {
  AqiRequest req{"daily",
                 std::string("2012"),
                 "2026-11-29",
                 {{"so2_24h", 12.0},
                  {"no2_24h", 45.0},
                  {"pm10_24h", 120.0},
                  {"co_24h", 0.9},
                  {"o3_1h", 170.0},
                  {"o3_8h", 130.0},
                  {"pm25_24h", std::string("80")}}};
  auto r = CalcAqi(req);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(*r->aqi, 107);
  EXPECT_EQ(r->category->level, 3);
  EXPECT_EQ(r->category->name_zh, "轻度污染");
  EXPECT_EQ(r->category->name_en, "Lightly polluted");
  EXPECT_EQ(r->category->colour, "#FF7E00");
  ASSERT_EQ(r->primary.size(), 1u);
  EXPECT_EQ(PollutantName(r->primary[0]), "pm25");
  EXPECT_EQ(EditionName(r->edition), "2012");
}

TEST(CalcAqiTest, EditionFollowsTheDateWhenNull) {
  AqiRequest req{"daily", std::nullopt, "2026-03-01", {{"pm25_24h", 80.0}}};
  EXPECT_EQ(*CalcAqi(req)->aqi, 119);  // HJ 633-2026 (B1's PM2.5)
  req.date = "2026-02-28";
  EXPECT_EQ(*CalcAqi(req)->aqi, 107);  // HJ 633-2012 (A1's PM2.5)
}

TEST(CalcAqiTest, BadInputNamesTheField) {
  auto field = [](AqiRequest req) { return CalcAqi(req).error().field(); };
  EXPECT_EQ(field({"daily", std::nullopt, "2026-11-29", {{"o3_1h", 100.0}}}), "o3_1h");
  EXPECT_EQ(field({"daily", std::nullopt, "2026-11-29", {{"pm25_24h", -3.0}}}), "pm25_24h");
  EXPECT_EQ(field({"daily", std::nullopt, "2026-11-29", {{"pm25_24h", std::string("3x")}}}),
            "pm25_24h");
  EXPECT_EQ(field({"daily", std::nullopt, "2026-11-29", {{"pm2_5", 3.0}}}), "pm2_5");
  EXPECT_EQ(field({"daily", std::nullopt, "", {{"pm25_24h", 3.0}}}), "date");
  EXPECT_EQ(field({"weekly", std::nullopt, "2026-11-29", {{"pm25_24h", 3.0}}}), "report");
  EXPECT_EQ(field({"daily", std::string("2013"), "", {{"pm25_24h", 3.0}}}), "edition");
  EXPECT_EQ(field({"hourly", std::string("2012"), "", {{"so2_1h", 900.0}}}), "so2_24h");
}

TEST(CalcWaterTest, ClassAndWorst) {
  WaterRequest req{"river", std::nullopt, {{"ph", 7.2}, {"nh3n", 0.4}, {"tp", 0.12}}};
  auto r = CalcWaterClass(req);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(WaterClassName(r->assessment.overall), "III");
  EXPECT_EQ(WaterClassName(r->assessment.by_parameter.at("nh3n")), "II");
  ASSERT_EQ(r->assessment.worst.size(), 1u);
  EXPECT_EQ(r->assessment.worst[0], "tp");
  req.target = "II";
  EXPECT_FALSE(CalcWaterClass(req)->meets);
  req.waterbody = "ocean";
  EXPECT_EQ(CalcWaterClass(req).error().field(), "waterbody");
  req.waterbody = "lake";
  req.values["tp"] = std::string("");
  EXPECT_EQ(CalcWaterClass(req).error().field(), "tp");
}

TEST(CalcNoiseTest, ConstructionNight) {
  NoiseRequest req{"GB12523", "", "night", 58.5, 72.0, false, std::nullopt};
  auto r = CalcNoise(req);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->limit, 55);
  EXPECT_TRUE(r->exceeded);
  EXPECT_EQ(r->over_db.ToString(), "3.5");
  EXPECT_EQ(*r->lmax_limit, 70);
  EXPECT_TRUE(r->lmax_exceeded);
  req.leq.reset();
  EXPECT_EQ(CalcNoise(req).error().field(), "leq");
  NoiseRequest bad{"GB3096", "2", "day", -1.0, std::nullopt, false, std::nullopt};
  EXPECT_EQ(CalcNoise(bad).error().field(), "leq");
}

}  // namespace
}  // namespace gl::standards
