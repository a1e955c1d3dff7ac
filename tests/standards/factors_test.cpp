#include "greenloop/standards/factors.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "greenloop/standards/aqi.h"
#include "greenloop/standards/water.h"

namespace gl::standards {
namespace {

TEST(FactorsTest, IssueCodesMapBothWays) {
  // The mapping the issue asks for (HJ 212-2017 Appendix B; a05024 field practice).
  const std::pair<const char*, const char*> pairs[] = {
      {"pm25", "a34004"}, {"pm10", "a34002"},  {"so2", "a21026"},  {"no2", "a21004"},
      {"co", "a21005"},   {"o3", "a05024"},    {"nh3n", "w21003"}, {"tp", "w21011"},
      {"tn", "w21001"},   {"codmn", "w01019"}, {"cod", "w01018"},  {"do", "w01009"},
      {"ph", "w01001"},   {"noise", "LA"},     {"tsp", "a34001"},  {"fume", "gl_fume"},
  };
  for (auto [key, code] : pairs) {
    const Factor* f = FindFactor(key);
    ASSERT_NE(f, nullptr) << key;
    EXPECT_EQ(f->code, code);
    EXPECT_EQ(FindFactorByCode(code), f) << code;
    EXPECT_FALSE(f->name_zh.empty());
    EXPECT_FALSE(f->name_en.empty());
  }
  EXPECT_EQ(FindFactor("o3")->code_status, CodeStatus::kFieldPractice);
  EXPECT_EQ(FindFactor("fume")->code_status, CodeStatus::kPlatformLocal);
  EXPECT_EQ(FindFactor("pm25")->code_status, CodeStatus::kHj212_2017);
}

TEST(FactorsTest, UnitsMatchWhatTheStandardsTake) {
  EXPECT_EQ(FindFactor("pm25")->unit, "µg/m³");
  EXPECT_EQ(FindFactor("so2")->unit, "µg/m³");
  EXPECT_EQ(FindFactor("so2")->hj212_unit, "mg/m³");
  EXPECT_EQ(FindFactor("co")->unit, "mg/m³");
  EXPECT_EQ(FindFactor("nh3n")->unit, "mg/L");
  EXPECT_EQ(FindFactor("noise")->unit, "dB(A)");
  EXPECT_EQ(FindFactor("fume")->unit, "mg/m³");
  EXPECT_EQ(FindFactor("hg")->hj212_unit, "µg/L");
}

TEST(FactorsTest, LookupsAndUniqueness) {
  EXPECT_EQ(FindFactorByCode("A34004"), FindFactor("pm25"));
  EXPECT_EQ(FindFactorByCode("la"), FindFactor("noise"));
  EXPECT_EQ(FindFactorByCode("a50001"), nullptr);  // not the noise code
  EXPECT_EQ(FindFactorByCode(""), nullptr);
  EXPECT_EQ(FindFactor("PM25"), nullptr);
  EXPECT_EQ(FindFactorByCode2005("02"), FindFactor("so2"));
  EXPECT_EQ(FindFactorByCode2005("011"), FindFactor("cod"));
  EXPECT_EQ(FindFactorByCode2005("B03"), FindFactor("noise"));
  EXPECT_EQ(FindFactorByCode2005(""), nullptr);
  std::set<std::string> keys, codes;
  for (const Factor& f : Factors()) {
    EXPECT_TRUE(keys.insert(std::string(f.key)).second) << f.key;
    std::string c(f.code);
    for (char& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_TRUE(codes.insert(c).second) << f.code;
  }
}

TEST(FactorsTest, EveryStandardsKeyIsInTheCatalogue) {
  for (Pollutant p : {Pollutant::kSo2, Pollutant::kNo2, Pollutant::kCo, Pollutant::kO3,
                      Pollutant::kPm10, Pollutant::kPm25})
    EXPECT_NE(FindFactor(PollutantName(p)), nullptr) << PollutantName(p);
  for (const char* k : {"ph", "do", "codmn", "cod", "nh3n", "tp", "tn", "petroleum", "phenol",
                        "cr6", "hg", "water_temp"}) {
    EXPECT_NE(FindFactor(k), nullptr) << k;
    EXPECT_NE(FindWaterParameter(k), nullptr) << k;
  }
}

TEST(FactorsTest, ValidRange) {
  auto d = [](const char* s) { return *Decimal::Parse(s, "v"); };
  EXPECT_TRUE(CheckFactorRange(*FindFactor("pm25"), d("0")).ok());
  EXPECT_EQ(CheckFactorRange(*FindFactor("pm25"), d("-0.1")).error().field(), "pm25");
  EXPECT_TRUE(CheckFactorRange(*FindFactor("ph"), d("14")).ok());
  EXPECT_FALSE(CheckFactorRange(*FindFactor("ph"), d("14.1")).ok());
  EXPECT_FALSE(CheckFactorRange(*FindFactor("humidity"), d("100.5")).ok());
  EXPECT_FALSE(CheckFactorRange(*FindFactor("wind_dir"), d("361")).ok());
  EXPECT_TRUE(CheckFactorRange(*FindFactor("air_temp"), d("-5")).ok());
}

}  // namespace
}  // namespace gl::standards
