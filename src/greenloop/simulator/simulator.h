// greenloop/simulator/simulator.h
//
// A run of `greenloop simulate`: a fleet of simulated HJ 212 data loggers
// (session.h), each with its own TCP connection to the platform, on one
// io_context served by a few threads. Runs until the duration passes, the rate
// test's frames are all acknowledged, or Stop(); then reports one JSON summary.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/simulator/session.h"
#include "greenloop/simulator/stats.h"

namespace gl::simulator {

struct SimulatorOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 9212;
  std::vector<DeviceSpec> fleet;  // MakeFleet(LoadSites(...), n)
  SimParams params;
  int interval_s = 0;     // real-time interval for every device; 0: each device's own
  double duration_s = 0;  // 0: until Stop() (or the rate test is done)
  int threads = 2;
  BacklogOptions backlog;  // capacity 0: 24 hours of each device's uploads
  MemoryLimits memory;
  bool periodic_records = true;
  int reconnect_min_ms = 500;
  int reconnect_max_ms = 30000;
  // Rate test (--frames N): no schedule and no scenario; the fleet's HJ 212-2017/2025
  // devices send N real-time uploads as fast as the acknowledgements allow.
  std::int64_t frames = 0;
};

class Simulator {
 public:
  explicit Simulator(SimulatorOptions options);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Runs the fleet; blocks until done. kInvalidArgument if the target does not
  // resolve or the fleet is empty. Call once.
  Status Run();
  // Ends the run soon (sessions close their connections). Thread-safe; may be
  // called before Run() (which then returns at once) or from a signal thread.
  void Stop();

  // Counters so far (live during Run(); thread-safe reads).
  const Stats& stats() const { return stats_; }
  // The summary line (see stats.h); complete once Run() has returned.
  std::string SummaryLine() const;

 private:
  void StopSessions();

  SimulatorOptions options_;
  Stats stats_;
  SessionConfig config_;
  std::unique_ptr<boost::asio::io_context> ioc_;
  std::vector<std::unique_ptr<DeviceSession>> sessions_;
  std::atomic<bool> stop_requested_{false};
  std::atomic<bool> sessions_stopped_{false};
  std::int64_t started_us_ = 0;
  std::atomic<std::int64_t> rate_done_us_{0};
  double elapsed_s_ = 0;
  int devices_ = 0;
};

}  // namespace gl::simulator
