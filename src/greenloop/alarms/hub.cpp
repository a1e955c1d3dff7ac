#include "greenloop/alarms/hub.h"

#include <vector>

#include "greenloop/alarms/codec.h"
#include "greenloop/alarms/service.h"

namespace gl::alarms {

std::uint64_t StreamHub::Subscribe(org::Actor actor, Offer offer) {
  std::lock_guard lock(mutex_);
  std::uint64_t token = next_++;
  subs_[token] = std::make_shared<Sub>(Sub{std::move(actor), std::move(offer)});
  return token;
}

void StreamHub::Unsubscribe(std::uint64_t token) {
  std::lock_guard lock(mutex_);
  subs_.erase(token);
}

void StreamHub::Publish(std::string_view event, const Alarm& alarm) {
  std::vector<std::pair<std::uint64_t, std::shared_ptr<Sub>>> targets;
  {
    std::lock_guard lock(mutex_);
    if (subs_.empty()) return;
    for (const auto& [token, sub] : subs_) {
      if (CanSeeAlarm(sub->actor, alarm)) targets.emplace_back(token, sub);
    }
  }
  if (targets.empty()) return;
  const std::string message = StreamMessage(event, alarm);
  std::vector<std::uint64_t> slow;
  for (const auto& [token, sub] : targets) {
    if (!sub->offer(message)) slow.push_back(token);
  }
  if (!slow.empty()) {
    std::lock_guard lock(mutex_);
    for (auto token : slow) dropped_ += subs_.erase(token);
  }
}

size_t StreamHub::subscribers() const {
  std::lock_guard lock(mutex_);
  return subs_.size();
}

std::uint64_t StreamHub::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

}  // namespace gl::alarms
