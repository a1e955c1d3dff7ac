// greenloop/cases/escalation_loop.h
//
// The background thread that runs CaseService::RunEscalation() every `interval`
// (and once at start). Errors are logged, the loop carries on. Stop() wakes and
// joins it; safe to call twice.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "greenloop/cases/service.h"

namespace gl::cases {

class EscalationLoop {
 public:
  EscalationLoop(CaseService& cases, std::chrono::milliseconds interval);
  ~EscalationLoop();
  void Start();
  void Stop();
  long long passes() const;

 private:
  void Run();

  CaseService& cases_;
  std::chrono::milliseconds interval_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  long long passes_ = 0;
  std::thread thread_;
};

}  // namespace gl::cases
