// greenloop/simulator/backlog.h
//
// A device's unacknowledged uploads. Every upload sent with the A bit waits here
// until the platform's 9014 with the same QN arrives (HJ 212-2017 Table C.14).
// An upload not acknowledged within the timeout is sent again, with the timeout
// doubling per attempt up to a cap (§6.2 resends after a timeout; unlike the
// standard's "3 retries then give up", a logger that must not lose data keeps
// trying). After a reconnect everything unacknowledged is due again.
//
// Sends go out oldest first and at most `window` uploads are in flight (sent, not
// yet acknowledged) at a time, so a slow platform slows the device instead of
// being flooded. The backlog is bounded; when full the oldest upload is dropped
// and Add() says so, so the caller counts and logs it (never silently).
//
// Pure bookkeeping with caller-supplied times (monotonic microseconds); not thread-safe:
// one Backlog per device, used from the device's strand.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gl::simulator {

struct BacklogOptions {
  std::size_t capacity = 10000;    // uploads kept at most
  std::size_t window = 8;          // uploads in flight at most
  std::int64_t timeout_ms = 5000;  // first resend after this long without an answer
  std::int64_t max_timeout_ms = 60000;
};

class Backlog {
 public:
  explicit Backlog(BacklogOptions options) : options_(options) {}

  // Queues a new upload keyed by its QN (which must be new: QnSource). `readings` is
  // carried for the caller's statistics. Returns true if the oldest upload had to be
  // dropped to make room.
  bool Add(std::string qn, std::string packet, int readings);

  // One upload to write now.
  struct Send {
    const std::string* packet;  // valid until the backlog is next changed
    bool resend;                // sent before (a timeout or a reconnect)
    std::string_view qn;
  };
  // Calls `sink(Send)` for each upload due at `now`: in-flight uploads whose timeout
  // passed, then unsent ones while fewer than `window` are in flight. Marks them sent.
  template <typename Sink>
  void TakeDue(std::int64_t now, Sink&& sink);

  struct Acked {
    std::int64_t first_sent_us;  // when it was first written
    int attempts;
    int readings;
  };
  // The 9014 for `qn` arrived: forgets the upload. nullopt if unknown (acknowledged
  // already, dropped, or never sent by this device).
  std::optional<Acked> Ack(std::string_view qn);

  // The connection was lost: every in-flight upload is to be sent again on the next
  // connection (with its attempt count kept for the back-off).
  void OnDisconnect();

  // The earliest time TakeDue has something to do, or nullopt if it has nothing until
  // an Add, Ack or OnDisconnect.
  std::optional<std::int64_t> NextDue() const;

  std::size_t size() const { return entries_.size(); }
  std::size_t in_flight() const { return in_flight_; }
  const BacklogOptions& options() const { return options_; }

 private:
  struct Entry {
    std::string packet;
    std::int64_t first_sent = -1;
    std::int64_t due = 0;  // resend time while in flight
    int attempts = 0;
    int readings = 0;
    bool in_flight = false;
  };
  std::int64_t Timeout(int attempts) const;

  BacklogOptions options_;
  // QNs grow strictly per device, so map order is age order; in-flight entries are
  // always a prefix (sends go oldest first and a disconnect resets them all).
  std::map<std::string, Entry, std::less<>> entries_;
  std::size_t in_flight_ = 0;
};

template <typename Sink>
void Backlog::TakeDue(std::int64_t now, Sink&& sink) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    Entry& e = it->second;
    if (e.in_flight) {
      if (e.due > now) continue;
    } else {
      if (in_flight_ >= options_.window) break;
      e.in_flight = true;
      ++in_flight_;
    }
    const bool resend = e.attempts > 0;
    if (e.first_sent < 0) e.first_sent = now;
    ++e.attempts;
    e.due = now + Timeout(e.attempts);
    sink(Send{&e.packet, resend, it->first});
  }
}

}  // namespace gl::simulator
