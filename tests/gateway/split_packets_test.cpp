// Reassembly bookkeeping of split uploads, with a fake clock.
#include "greenloop/gateway/split_packets.h"

#include <gtest/gtest.h>

namespace gl::gateway {
namespace {

using Clock = SplitPacketTracker::Clock;
const Clock::time_point kT0{};

TEST(SplitPacketTrackerTest, PiecesInAnyOrderCompleteThePacketOnce) {
  SplitPacketTracker tracker;
  EXPECT_EQ(tracker.Add("MN1", "2011", "20261129100000", 3, 3, kT0), PieceOutcome::kPending);
  EXPECT_EQ(tracker.Add("MN1", "2011", "20261129100000", 3, 1, kT0), PieceOutcome::kPending);
  EXPECT_EQ(tracker.Add("MN1", "2011", "20261129100000", 3, 1, kT0), PieceOutcome::kRepeat);
  EXPECT_EQ(tracker.Add("MN1", "2011", "20261129100000", 3, 2, kT0), PieceOutcome::kCompleted);
  EXPECT_EQ(tracker.open_packets(), 0u);
  EXPECT_EQ(tracker.Add("MN1", "2011", "20261129100000", 1, 1, kT0), PieceOutcome::kCompleted);
}

TEST(SplitPacketTrackerTest, PiecesThatFitNoPacketAreInconsistent) {
  SplitPacketTracker tracker;
  EXPECT_EQ(tracker.Add("MN1", "2011", "t", 2, 3, kT0), PieceOutcome::kInconsistent);
  EXPECT_EQ(tracker.Add("MN1", "2011", "t", 2, 0, kT0), PieceOutcome::kInconsistent);
  EXPECT_EQ(tracker.Add("MN1", "2011", "t", 0, 0, kT0), PieceOutcome::kInconsistent);
  EXPECT_EQ(tracker.Add("MN1", "2011", "t", 10000, 1, kT0), PieceOutcome::kInconsistent);
  EXPECT_EQ(tracker.Add("MN1", "2011", "t", 2, 1, kT0), PieceOutcome::kPending);
  EXPECT_EQ(tracker.Add("MN1", "2011", "t", 4, 2, kT0),
            PieceOutcome::kInconsistent);  // PNUM changed
}

TEST(SplitPacketTrackerTest, PacketsOfOtherDevicesCommandsAndTimesAreKeptApart) {
  SplitPacketTracker tracker;
  EXPECT_EQ(tracker.Add("MN1", "2011", "t1", 2, 1, kT0), PieceOutcome::kPending);
  EXPECT_EQ(tracker.Add("MN2", "2011", "t1", 2, 2, kT0), PieceOutcome::kPending);
  EXPECT_EQ(tracker.Add("MN1", "2061", "t1", 2, 2, kT0), PieceOutcome::kPending);
  EXPECT_EQ(tracker.Add("MN1", "2011", "t2", 2, 2, kT0), PieceOutcome::kPending);
  EXPECT_EQ(tracker.open_packets(), 4u);
}

TEST(SplitPacketTrackerTest, ExpiryNamesTheMissingPieces) {
  SplitPacketTracker tracker(std::chrono::minutes(5));
  tracker.Add("MN1", "2011", "t1", 4, 2, kT0);
  tracker.Add("MN1", "2011", "t1", 4, 4, kT0 + std::chrono::minutes(1));
  tracker.Add("MN1", "2011", "t2", 2, 1, kT0 + std::chrono::minutes(3));
  EXPECT_TRUE(tracker.Expire(kT0 + std::chrono::minutes(4)).empty());
  auto expired = tracker.Expire(kT0 + std::chrono::minutes(5));
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].mn, "MN1");
  EXPECT_EQ(expired[0].data_time, "t1");
  EXPECT_EQ(expired[0].pnum, 4);
  EXPECT_EQ(expired[0].missing, (std::vector<int>{1, 3}));
  auto rest = tracker.ExpireAll();
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].missing, (std::vector<int>{2}));
  EXPECT_EQ(tracker.open_packets(), 0u);
}

TEST(SplitPacketTrackerTest, OpenPacketsAreBounded) {
  SplitPacketTracker tracker(std::chrono::minutes(5), 3);
  for (int i = 0; i < 10; ++i) {
    tracker.Add("MN1", "2011", "t" + std::to_string(i), 2, 1, kT0 + std::chrono::seconds(i));
  }
  EXPECT_EQ(tracker.open_packets(), 3u);
  // The newest survive.
  EXPECT_EQ(tracker.Add("MN1", "2011", "t9", 2, 2, kT0), PieceOutcome::kCompleted);
}

}  // namespace
}  // namespace gl::gateway
