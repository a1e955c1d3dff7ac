#include "greenloop/simulator/backlog.h"

#include <algorithm>

namespace gl::simulator {

bool Backlog::Add(std::string qn, std::string packet, int readings) {
  bool dropped = false;
  if (entries_.size() >= options_.capacity && !entries_.empty()) {
    auto oldest = entries_.begin();
    if (oldest->second.in_flight) --in_flight_;
    entries_.erase(oldest);
    dropped = true;
  }
  Entry e;
  e.packet = std::move(packet);
  e.readings = readings;
  entries_.insert_or_assign(std::move(qn), std::move(e));
  return dropped;
}

std::optional<Backlog::Acked> Backlog::Ack(std::string_view qn) {
  auto it = entries_.find(qn);
  if (it == entries_.end() || it->second.attempts == 0) return std::nullopt;
  Acked a{it->second.first_sent, it->second.attempts, it->second.readings};
  if (it->second.in_flight) --in_flight_;
  entries_.erase(it);
  return a;
}

void Backlog::OnDisconnect() {
  for (auto& [qn, e] : entries_) e.in_flight = false;
  in_flight_ = 0;
}

std::optional<std::int64_t> Backlog::NextDue() const {
  std::optional<std::int64_t> next;
  for (const auto& [qn, e] : entries_) {
    if (!e.in_flight) {
      // An unsent upload can go as soon as the window has room.
      if (in_flight_ < options_.window) return std::int64_t{0};
      break;
    }
    next = next ? std::min(*next, e.due) : e.due;
  }
  return next;
}

std::int64_t Backlog::Timeout(int attempts) const {
  std::int64_t t = options_.timeout_ms;
  for (int i = 1; i < attempts && t < options_.max_timeout_ms; ++i) t *= 2;
  return std::min(t, options_.max_timeout_ms) * 1000;  // times are in microseconds
}

}  // namespace gl::simulator
