// greenloop/simulator/session.h
//
// One simulated data logger on the wire: its own TCP connection to the platform
// (reconnecting with back-off whenever it drops), a ticker that makes its uploads
// on schedule (2011 every interval, 2051 each full minute, 2061 each full hour,
// 2031 each local midnight), the backlog of unacknowledged uploads (backlog.h)
// and the answers to the platform's commands (commands.h).
//
// Three coroutines per device, all on the device's strand, so its state needs no
// lock: the ticker (runs for the device's whole life, connected or not, so uploads
// pile up in the backlog while the platform is down) and, per connection, a reader
// and a writer joined with `||` (when one ends the other is cancelled). Only the
// writer writes; the others queue and wake it.
//
// The coroutines share the session's state by shared_ptr, so destroying a
// DeviceSession is safe at any time; the state lives until they have ended.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <functional>
#include <memory>

#include "greenloop/simulator/backlog.h"
#include "greenloop/simulator/commands.h"
#include "greenloop/simulator/scenario.h"
#include "greenloop/simulator/sites.h"
#include "greenloop/simulator/stats.h"

namespace gl::simulator {

// Settings shared by every session of a run. Must outlive the sessions.
struct SessionConfig {
  boost::asio::ip::tcp::endpoint target;
  SimParams params;
  int interval_s = 0;  // real-time interval for all devices; 0: each device's own
  BacklogOptions backlog;
  MemoryLimits memory;
  bool periodic_records = true;  // 2051/2061/2031 uploads on their boundaries
  int reconnect_min_ms = 500;
  int reconnect_max_ms = 30000;
  int connect_timeout_ms = 5000;
  // Rate test: no ticker; each device keeps its window full of real-time uploads
  // (DataTime one second apart from `rate_base_ms`) until its quota is sent
  // (SetRateQuota).
  bool rate_test = false;
  std::int64_t rate_base_ms = 0;
  Stats* stats = nullptr;
  // Called (from a device's strand) whenever an upload is acknowledged.
  std::function<void()> on_ack;
};

class DeviceSession {
 public:
  DeviceSession(boost::asio::io_context& ioc, DeviceSpec device, const SessionConfig& config);
  ~DeviceSession();
  DeviceSession(const DeviceSession&) = delete;
  DeviceSession& operator=(const DeviceSession&) = delete;

  // Rate test: how many real-time uploads this device makes. Call before Start().
  void SetRateQuota(std::int64_t frames);
  // Starts the coroutines after `delay_ms` (spreads a fleet's first connections).
  void Start(int delay_ms);
  // Ends the coroutines soon: closes the connection and cancels every wait. Thread-safe.
  void Stop();

  const DeviceSpec& device() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace gl::simulator
