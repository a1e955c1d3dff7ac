#include "greenloop/standards/noise.h"

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

Result<NoiseEvaluation> RunCase(const std::vector<std::string>& head,
                                std::map<std::string, std::string> args) {
  NoiseInput in;
  GL_ASSIGN_OR_RETURN(in.standard, ParseNoiseStandard(head[0]));
  in.zone = head[1] == "-" ? "" : head[1];
  GL_ASSIGN_OR_RETURN(in.period, ParseNoisePeriod(head[2]));
  GL_ASSIGN_OR_RETURN(in.leq, Decimal::Parse(args["leq"], "leq"));
  if (args.count("lmax")) {
    GL_ASSIGN_OR_RETURN(Decimal lmax, Decimal::Parse(args["lmax"], "lmax"));
    in.lmax = lmax;
  }
  in.indoor = args["indoor"] == "1";
  if (args.count("kind")) {
    GL_ASSIGN_OR_RETURN(in.lmax_kind, ParseLmaxKind(args["kind"]));
  }
  return EvaluateNoise(in);
}

TEST(NoiseTest, EveryZoneLimitAndRule) {
  auto cases = ReadCases("noise_cases.txt");
  ASSERT_GE(cases.size(), 120u);
  for (const CaseLine& c : cases) {
    SCOPED_TRACE("noise_cases.txt:" + std::to_string(c.line_no) + ": " + c.text);
    ASSERT_EQ(c.fields.size(), 2u);
    auto words = Words(c.fields[0]);
    ASSERT_GE(words.size(), 4u);
    std::vector<std::string> head(words.begin(), words.begin() + 3);
    std::string rest;
    for (std::size_t i = 3; i < words.size(); ++i) rest += words[i] + " ";
    auto r = RunCase(head, Pairs(rest));
    auto expect = Pairs(c.fields[1]);
    if (expect.count("error")) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
      EXPECT_EQ(r.error().field(), expect["error"]) << r.error().ToString();
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    for (const auto& [k, v] : expect) {
      if (k == "limit")
        EXPECT_EQ(r->limit, std::stoi(v));
      else if (k == "exceeded")
        EXPECT_EQ(r->exceeded, v == "1");
      else if (k == "over")
        EXPECT_EQ(r->over_db, D(v));
      else if (k == "lmax_limit") {
        if (v == "-")
          EXPECT_FALSE(r->lmax_limit.has_value());
        else {
          ASSERT_TRUE(r->lmax_limit.has_value());
          EXPECT_EQ(*r->lmax_limit, std::stoi(v));
        }
      } else if (k == "lmax_exceeded")
        EXPECT_EQ(r->lmax_exceeded, v == "1");
      else if (k == "lmax_over")
        EXPECT_EQ(r->lmax_over_db, D(v));
      else
        ADD_FAILURE() << "unknown expectation " << k;
    }
  }
}

TEST(NoiseTest, StandardNamesAsSitesWriteThem) {
  EXPECT_EQ(*ParseNoiseStandard("GB 12348-2008"), NoiseStandard::kGb12348);
  EXPECT_EQ(*ParseNoiseStandard("GB 12523-2011"), NoiseStandard::kGb12523);
  EXPECT_EQ(*ParseNoiseStandard("GB 3096-2008"), NoiseStandard::kGb3096);
  EXPECT_FALSE(ParseNoiseStandard("GB 12348-2009").ok());
}

TEST(NoiseTest, DayIsSixToTwentyTwoShanghaiUnlessConfigured) {
  auto at = [](const char* iso, DayNightConfig cfg = {}) {
    return NoisePeriodAt(*ParseTime(iso), cfg) == NoisePeriod::kDay ? "day" : "night";
  };
  EXPECT_STREQ(at("2026-11-29T05:59:59+08:00"), "night");
  EXPECT_STREQ(at("2026-11-29T06:00:00+08:00"), "day");
  EXPECT_STREQ(at("2026-11-29T21:59:59+08:00"), "day");
  EXPECT_STREQ(at("2026-11-29T22:00:00+08:00"), "night");
  EXPECT_STREQ(at("2026-11-29T00:00:00+08:00"), "night");
  // 14:00 UTC is 22:00 in Shanghai.
  EXPECT_STREQ(at("2026-11-29T14:00:00Z"), "night");
  EXPECT_STREQ(at("2026-11-29T13:59:00Z"), "day");
  // A county that starts the night at 23:00 and the day at 07:00.
  DayNightConfig late{7 * 60, 23 * 60};
  EXPECT_STREQ(at("2026-11-29T22:30:00+08:00", late), "day");
  EXPECT_STREQ(at("2026-11-29T06:30:00+08:00", late), "night");
  EXPECT_STREQ(at("1969-12-31T23:00:00+08:00"), "night");
}

}  // namespace
}  // namespace gl::standards
