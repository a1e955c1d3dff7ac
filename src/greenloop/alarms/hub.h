// greenloop/alarms/hub.h
//
// Fan-out of alarm events to live subscribers (the WebSocket stream), each seeing
// only the alarms in its actor's scope (CanSeeAlarm). Publish() never blocks: a
// subscriber's Offer() must only queue, and one that refuses (queue full) is
// dropped from the hub. Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "greenloop/alarms/model.h"
#include "greenloop/org/model.h"

namespace gl::alarms {

class StreamHub {
 public:
  // Queues a message; false when the subscriber cannot keep up (it is then dropped).
  using Offer = std::function<bool(const std::string& message)>;

  // Returns a token for Unsubscribe.
  std::uint64_t Subscribe(org::Actor actor, Offer offer);
  void Unsubscribe(std::uint64_t token);
  // Sends {"type":"alarm","event":event,"alarm":...} to each subscriber that may see it.
  void Publish(std::string_view event, const Alarm& alarm);

  size_t subscribers() const;
  std::uint64_t dropped() const;

 private:
  struct Sub {
    org::Actor actor;
    Offer offer;
  };
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::shared_ptr<Sub>> subs_;
  std::uint64_t next_ = 1;
  std::uint64_t dropped_ = 0;
};

}  // namespace gl::alarms
