// The unacknowledged-upload backlog: window, timeouts with back-off, acks,
// reconnects and the bound.
#include <gtest/gtest.h>

#include <vector>

#include "greenloop/simulator/backlog.h"

namespace gl::simulator {
namespace {

constexpr std::int64_t kMs = 1000;  // the backlog counts microseconds

std::vector<std::string> Take(Backlog& b, std::int64_t now, int* resends = nullptr) {
  std::vector<std::string> out;
  b.TakeDue(now, [&](const Backlog::Send& s) {
    out.emplace_back(s.qn);
    if (resends && s.resend) ++*resends;
  });
  return out;
}

TEST(BacklogTest, SendsOldestFirstWithinTheWindow) {
  Backlog b({.capacity = 100, .window = 2, .timeout_ms = 5000});
  for (const char* qn : {"q1", "q2", "q3"}) EXPECT_FALSE(b.Add(qn, std::string("#") + qn, 3));
  EXPECT_EQ(Take(b, 0), (std::vector<std::string>{"q1", "q2"}));
  EXPECT_EQ(b.in_flight(), 2u);
  EXPECT_TRUE(Take(b, 1 * kMs).empty());  // window full, nothing timed out
  auto acked = b.Ack("q1");
  ASSERT_TRUE(acked);
  EXPECT_EQ(acked->readings, 3);
  EXPECT_EQ(acked->attempts, 1);
  EXPECT_EQ(Take(b, 2 * kMs), (std::vector<std::string>{"q3"}));
  EXPECT_FALSE(b.Ack("q1"));  // a second 9014 for the same QN
  EXPECT_FALSE(b.Ack("nope"));
}

TEST(BacklogTest, ResendsAfterTheTimeoutWithBackOff) {
  Backlog b({.capacity = 100, .window = 8, .timeout_ms = 5000, .max_timeout_ms = 12000});
  b.Add("q1", "p", 1);
  Take(b, 0);
  EXPECT_EQ(b.NextDue(), 5000 * kMs);
  EXPECT_TRUE(Take(b, 4999 * kMs).empty());
  int resends = 0;
  EXPECT_EQ(Take(b, 5000 * kMs, &resends).size(), 1u);
  EXPECT_EQ(resends, 1);
  EXPECT_EQ(b.NextDue(), 15000 * kMs);  // 10 s after the second send
  Take(b, 15000 * kMs);
  EXPECT_EQ(b.NextDue(), 27000 * kMs);  // capped at 12 s
  auto acked = b.Ack("q1");
  ASSERT_TRUE(acked);
  EXPECT_EQ(acked->first_sent_us, 0);
  EXPECT_EQ(acked->attempts, 3);
  EXPECT_FALSE(b.NextDue());
}

TEST(BacklogTest, AReconnectMakesEverythingUnansweredDueAgain) {
  Backlog b({.capacity = 100, .window = 2, .timeout_ms = 5000});
  b.Add("q1", "p1", 1);
  b.Add("q2", "p2", 1);
  b.Add("q3", "p3", 1);
  Take(b, 0);
  b.OnDisconnect();
  EXPECT_EQ(b.in_flight(), 0u);
  EXPECT_EQ(b.NextDue(), 0);
  int resends = 0;
  EXPECT_EQ(Take(b, 10 * kMs, &resends), (std::vector<std::string>{"q1", "q2"}));
  EXPECT_EQ(resends, 2);
}

TEST(BacklogTest, AFullBacklogDropsTheOldestAndSaysSo) {
  Backlog b({.capacity = 2, .window = 1, .timeout_ms = 5000});
  EXPECT_FALSE(b.Add("q1", "p1", 1));
  Take(b, 0);
  EXPECT_FALSE(b.Add("q2", "p2", 1));
  EXPECT_TRUE(b.Add("q3", "p3", 1));
  EXPECT_EQ(b.size(), 2u);
  EXPECT_EQ(b.in_flight(), 0u);  // q1 was in flight
  EXPECT_EQ(Take(b, 1), (std::vector<std::string>{"q2"}));
}

}  // namespace
}  // namespace gl::simulator
