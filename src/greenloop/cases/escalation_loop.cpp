#include "greenloop/cases/escalation_loop.h"

#include <spdlog/spdlog.h>

namespace gl::cases {

EscalationLoop::EscalationLoop(CaseService& cases, std::chrono::milliseconds interval)
    : cases_(cases), interval_(interval) {}

EscalationLoop::~EscalationLoop() { Stop(); }

void EscalationLoop::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { Run(); });
}

void EscalationLoop::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

long long EscalationLoop::passes() const {
  std::lock_guard lock(mu_);
  return passes_;
}

void EscalationLoop::Run() {
  for (;;) {
    auto changed = cases_.RunEscalation();
    if (!changed.ok()) {
      spdlog::warn("cases escalation pass failed: {}", changed.error().ToString());
    } else if (*changed > 0) {
      spdlog::info("cases escalation: {} case(s) reminded or escalated", *changed);
    }
    std::unique_lock lock(mu_);
    ++passes_;
    if (cv_.wait_for(lock, interval_, [&] { return stopping_; })) return;
  }
}

}  // namespace gl::cases
