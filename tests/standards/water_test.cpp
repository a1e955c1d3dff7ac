#include "greenloop/standards/water.h"

#include <gtest/gtest.h>

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

std::string Join(const std::vector<std::string>& v) {
  if (v.empty()) return "-";
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

TEST(WaterClassTest, EveryLimitCase) {
  auto cases = ReadCases("water_classes.txt");
  ASSERT_GT(cases.size(), 500u);
  for (const CaseLine& c : cases) {
    SCOPED_TRACE("water_classes.txt:" + std::to_string(c.line_no) + ": " + c.text);
    auto w = Words(c.fields[0]);
    ASSERT_EQ(w.size(), 4u);
    auto body = ParseWaterBody(w[0]);
    ASSERT_TRUE(body.ok());
    auto cls = ClassifyWaterParameter(*body, w[1], D(w[2]));
    ASSERT_TRUE(cls.ok()) << cls.error().ToString();
    if (w[3] == "none") {
      EXPECT_FALSE(cls->has_value());
    } else {
      ASSERT_TRUE(cls->has_value());
      EXPECT_EQ(WaterClassName(**cls), w[3]);
    }
  }
}

TEST(WaterSectionTest, AssessmentAndTargetCases) {
  auto cases = ReadCases("water_sections.txt");
  ASSERT_GE(cases.size(), 20u);
  for (const CaseLine& c : cases) {
    SCOPED_TRACE("water_sections.txt:" + std::to_string(c.line_no) + ": " + c.fields[0]);
    ASSERT_EQ(c.fields.size(), 4u);
    auto head = Words(c.fields[1]);
    auto expect = Pairs(c.fields[3]);
    std::map<std::string, Decimal> values;
    for (const auto& [k, v] : Pairs(c.fields[2])) values[k] = D(v);
    auto run = [&]() -> Result<WaterCompliance> {
      GL_ASSIGN_OR_RETURN(WaterBody body, ParseWaterBody(head[0]));
      if (head.size() > 1) {
        auto t = Pairs(head[1]);
        GL_ASSIGN_OR_RETURN(WaterClass target, ParseWaterClass(t["target"]));
        return CheckWaterTarget(body, target, values);
      }
      GL_ASSIGN_OR_RETURN(WaterAssessment a, AssessWater(body, values));
      return WaterCompliance{a, WaterClass::kV, true, {}};
    };
    auto r = run();
    if (expect.count("error")) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
      EXPECT_EQ(r.error().field(), expect["error"]) << r.error().ToString();
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    const WaterAssessment& a = r->assessment;
    for (const auto& [k, v] : expect) {
      if (k == "class") {
        EXPECT_EQ(WaterClassName(a.overall), v);
      } else if (k == "grade") {
        EXPECT_EQ(a.grade.name_zh, v);
      } else if (k == "worst") {
        EXPECT_EQ(Join(a.worst), v);
      } else if (k == "unclassified") {
        EXPECT_EQ(Join(a.not_classified), v);
      } else if (k == "meets") {
        EXPECT_EQ(r->meets, v == "1");
      } else if (k == "exceed") {
        std::vector<std::string> keys;
        for (const auto& e : r->exceedances) keys.push_back(e.key);
        EXPECT_EQ(Join(keys), v);
      } else if (k.rfind("by.", 0) == 0) {
        ASSERT_TRUE(a.by_parameter.count(k.substr(3))) << k;
        EXPECT_EQ(WaterClassName(a.by_parameter.at(k.substr(3))), v) << k;
      } else if (k.rfind("ref.", 0) == 0) {
        ASSERT_TRUE(a.reference.count(k.substr(4))) << k;
        EXPECT_EQ(WaterClassName(a.reference.at(k.substr(4))), v) << k;
      } else {
        ADD_FAILURE() << "unknown expectation " << k;
      }
    }
  }
}

TEST(WaterSectionTest, ExceedanceCarriesTheTargetLimit) {
  auto r = CheckWaterTarget(WaterBody::kRiver, WaterClass::kIII,
                            {{"do", D("4")}, {"nh3n", D("1.6")}, {"ph", D("9.2")}});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->exceedances.size(), 3u);
  EXPECT_EQ(r->exceedances[0].key, "do");
  EXPECT_EQ(r->exceedances[0].limit.kind, LimitKind::kAtLeast);
  EXPECT_EQ(r->exceedances[0].limit.value, D("5"));
  EXPECT_EQ(r->exceedances[1].limit.value, D("1"));
  EXPECT_EQ(r->exceedances[2].limit.kind, LimitKind::kRange);
  EXPECT_EQ(r->exceedances[2].limit.high, D("9"));
}

TEST(WaterRiverGradeTest, ShareOfSections) {
  using C = WaterClass;
  auto grade = [](std::vector<C> v) { return std::string(GradeRiver(v)->name_zh); };
  EXPECT_EQ(grade({C::kI, C::kII, C::kIII, C::kII, C::kI, C::kII, C::kIII, C::kI, C::kII, C::kIV}),
            "优");                                                        // 9/10 = 90%
  EXPECT_EQ(grade({C::kI, C::kII, C::kIII, C::kIV, C::kV}), "轻度污染");  // 60%, 劣V 0%
  // 6/8 = 75% -> 良好.
  EXPECT_EQ(grade({C::kI, C::kI, C::kI, C::kI, C::kI, C::kI, C::kIV, C::kV}), "良好");
  // 5/8 < 75%; 劣V 1/8 = 12.5% -> 轻度污染.
  EXPECT_EQ(grade({C::kI, C::kI, C::kI, C::kI, C::kI, C::kIV, C::kV, C::kWorseThanV}), "轻度污染");
  // 劣V 2/10 = 20% -> 中度污染; 4/10 = 40% -> 重度污染.
  EXPECT_EQ(grade({C::kI, C::kI, C::kI, C::kI, C::kI, C::kI, C::kIV, C::kIV, C::kWorseThanV,
                   C::kWorseThanV}),
            "中度污染");
  EXPECT_EQ(grade({C::kI, C::kI, C::kI, C::kI, C::kIV, C::kIV, C::kWorseThanV, C::kWorseThanV,
                   C::kWorseThanV, C::kWorseThanV}),
            "重度污染");
  std::vector<C> four = {C::kI, C::kII, C::kIII, C::kIV};
  EXPECT_EQ(GradeRiver(four).error().field(), "sections");
}

}  // namespace
}  // namespace gl::standards
