// The platform's decisions about requests to devices: pure code, a fake clock.
#include "greenloop/gateway/commands.h"

#include <gtest/gtest.h>

namespace gl::gateway {
namespace {

constexpr TimeMs kMinute = 60 * 1000;
constexpr TimeMs kNow = 1796000000000;

TEST(DecideOnConnectTest, ClockOffByMoreThanFiveMinutesIsSet) {
  EXPECT_FALSE(DecideOnConnect(kNow, kNow + 4 * kMinute, std::nullopt, 60).set_time);
  EXPECT_TRUE(DecideOnConnect(kNow, kNow + 6 * kMinute, std::nullopt, 60).set_time);
  EXPECT_TRUE(DecideOnConnect(kNow, kNow - 6 * kMinute, std::nullopt, 60).set_time);
}

TEST(DecideOnConnectTest, SilenceOverThreeIntervalsIsBackfilledUpToADay) {
  EXPECT_FALSE(DecideOnConnect(kNow, kNow, kNow - 2 * kMinute, 60).backfill_from);
  EXPECT_EQ(DecideOnConnect(kNow, kNow, kNow - 10 * kMinute, 60).backfill_from,
            kNow - 10 * kMinute);
  EXPECT_FALSE(DecideOnConnect(kNow, kNow, kNow - 25 * 60 * kMinute, 60).backfill_from);
  EXPECT_FALSE(DecideOnConnect(kNow, kNow, std::nullopt, 60).backfill_from);
}

TEST(OutstandingRequestsTest, UnansweredRequestIsResentWithBackOffThenGivenUp) {
  OutstandingRequests requests;  // 10 s, 3 resends (HJ 212-2017 §6.2 Table 1)
  requests.Sent("Q1", "2051", "##packet", kNow);
  std::vector<OutstandingRequests::Request> resend, given_up;
  std::vector<TimeMs> resent_at;
  for (TimeMs t = kNow; t <= kNow + 200 * 1000; t += 1000) {
    resend.clear();
    requests.Poll(t, &resend, &given_up);
    for (const auto& r : resend) {
      EXPECT_EQ(r.packet, "##packet");  // the same request, the same QN
      resent_at.push_back((t - kNow) / 1000);
    }
    if (!given_up.empty()) break;
  }
  // Resent after 10 s, then 20 s and 40 s later; given up 80 s after the last.
  EXPECT_EQ(resent_at, (std::vector<TimeMs>{10, 30, 70}));
  ASSERT_EQ(given_up.size(), 1u);
  EXPECT_EQ(given_up[0].qn, "Q1");
  EXPECT_EQ(given_up[0].sends, 4);
  EXPECT_EQ(requests.size(), 0u);
}

TEST(OutstandingRequestsTest, AnsweredRequestIsForgotten) {
  OutstandingRequests requests;
  requests.Sent("Q1", "1012", "##a", kNow);
  requests.Sent("Q2", "2051", "##b", kNow);
  EXPECT_TRUE(requests.Answered("Q1"));
  EXPECT_FALSE(requests.Answered("Q1"));
  EXPECT_FALSE(requests.Answered("unknown"));
  std::vector<OutstandingRequests::Request> resend, given_up;
  requests.Poll(kNow + 11 * 1000, &resend, &given_up);
  ASSERT_EQ(resend.size(), 1u);
  EXPECT_EQ(resend[0].qn, "Q2");
}

}  // namespace
}  // namespace gl::gateway
