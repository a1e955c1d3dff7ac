// greenloop/gateway/split_packets.h
//
// Reassembly bookkeeping for split uploads (HJ 212-2017 §6.3.2 Table 3 Flag bit D,
// PNUM/PNO; Appendix C Tables C.47–C.50). In the standard's own example each piece
// has its own QN, repeats DataTime and carries a subset of the factors, and each
// piece is acknowledged on its own (C.50). So a piece's readings are stored as soon
// as it arrives (readings are keyed by time, device and factor, so the pieces of
// one packet land in the same rows they would have as one packet) and this tracker
// only follows which pieces of each packet have come, in any order:
//
// - Add() files a piece and says whether that completed its
//   packet (pieces are filed under (MN, CN, DataTime)), was a repeat, or does not fit (PNO
//   outside 1..PNUM, or a PNUM that disagrees with the packet's earlier pieces);
// - Expire() gives the packets still missing pieces after `max_age`, with the
//   numbers of the missing ones, and forgets them; ExpireAll() at disconnect.
//
// One tracker per device connection; not thread-safe (a connection is one strand).
#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace gl::gateway {

enum class PieceOutcome { kPending, kCompleted, kRepeat, kInconsistent };

struct IncompletePacket {
  std::string mn;
  std::string cn;
  std::string data_time;
  int pnum = 0;
  std::vector<int> missing;  // PNOs never received, ascending
};

class SplitPacketTracker {
 public:
  using Clock = std::chrono::steady_clock;

  explicit SplitPacketTracker(Clock::duration max_age = std::chrono::minutes(5),
                              size_t max_open = 256)
      : max_age_(max_age), max_open_(max_open) {}

  PieceOutcome Add(const std::string& mn, const std::string& cn, const std::string& data_time,
                   int pnum, int pno, Clock::time_point now);
  std::vector<IncompletePacket> Expire(Clock::time_point now);
  std::vector<IncompletePacket> ExpireAll();

  size_t open_packets() const { return open_.size(); }

 private:
  using Key = std::tuple<std::string, std::string, std::string>;  // MN, CN, DataTime
  struct Packet {
    int pnum = 0;
    std::set<int> received;
    Clock::time_point first_seen;
  };
  static IncompletePacket Describe(const Key& key, const Packet& p);

  Clock::duration max_age_;
  size_t max_open_;  // a device that never completes a packet cannot grow this without bound
  std::map<Key, Packet> open_;
};

}  // namespace gl::gateway
