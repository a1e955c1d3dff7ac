#include "greenloop/gateway/split_packets.h"

namespace gl::gateway {

PieceOutcome SplitPacketTracker::Add(const std::string& mn, const std::string& cn,
                                     const std::string& data_time, int pnum, int pno,
                                     Clock::time_point now) {
  // PNUM and PNO are N4 (HJ 212-2017 Table 3): 1..9999, and a piece's number is at most PNUM.
  if (pnum < 1 || pnum > 9999 || pno < 1 || pno > pnum) return PieceOutcome::kInconsistent;
  Key key{mn, cn, data_time};
  auto it = open_.find(key);
  if (it == open_.end()) {
    if (pnum == 1) return PieceOutcome::kCompleted;  // a "split" into one piece
    if (open_.size() >= max_open_) {
      // Make room by dropping the oldest packet; Expire() will not report it.
      auto oldest = open_.begin();
      for (auto i = open_.begin(); i != open_.end(); ++i) {
        if (i->second.first_seen < oldest->second.first_seen) oldest = i;
      }
      open_.erase(oldest);
    }
    it = open_.emplace(key, Packet{pnum, {}, now}).first;
  } else if (it->second.pnum != pnum) {
    return PieceOutcome::kInconsistent;
  }
  if (!it->second.received.insert(pno).second) return PieceOutcome::kRepeat;
  if (static_cast<int>(it->second.received.size()) == pnum) {
    open_.erase(it);
    return PieceOutcome::kCompleted;
  }
  return PieceOutcome::kPending;
}

IncompletePacket SplitPacketTracker::Describe(const Key& key, const Packet& p) {
  IncompletePacket out{std::get<0>(key), std::get<1>(key), std::get<2>(key), p.pnum, {}};
  for (int n = 1; n <= p.pnum; ++n) {
    if (!p.received.count(n)) out.missing.push_back(n);
  }
  return out;
}

std::vector<IncompletePacket> SplitPacketTracker::Expire(Clock::time_point now) {
  std::vector<IncompletePacket> out;
  for (auto it = open_.begin(); it != open_.end();) {
    if (now - it->second.first_seen >= max_age_) {
      out.push_back(Describe(it->first, it->second));
      it = open_.erase(it);
    } else {
      ++it;
    }
  }
  return out;
}

std::vector<IncompletePacket> SplitPacketTracker::ExpireAll() {
  std::vector<IncompletePacket> out;
  for (const auto& [key, packet] : open_) out.push_back(Describe(key, packet));
  open_.clear();
  return out;
}

}  // namespace gl::gateway
