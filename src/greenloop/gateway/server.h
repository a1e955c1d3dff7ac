// greenloop/gateway/server.h
//
// The HJ 212 TCP gateway. One coroutine per device connection owns its socket,
// its Framer and its read buffer. For every frame: parse; look the MN up in the
// registry and check the PW and the CRC variant (unknown MN, wrong PW, a CRC the
// device is not allowed: rejected, counted by reason, logged, never stored);
// turn an upload (2011, 2051, 2061, 2031) into readings and hand them to the
// IngestWriter; once they are committed, answer 9014 if the Flag A bit asks for
// it. Notices get 9013. A connection waits for its upload's commit before
// reading on, so a full write queue stops the socket reads (back-pressure).
//
// Limits: an idle timeout, a connection cap, a frame-rate cap per connection
// (excess frames are delayed, not dropped). Listen() fails with kUnavailable
// naming the address. Stop() closes every connection; Wait() joins.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "greenloop/base/error.h"
#include "greenloop/gateway/registry.h"
#include "greenloop/gateway/writer.h"
#include "greenloop/http/metrics.h"

namespace gl::gateway {

struct GatewayOptions {
  std::chrono::seconds idle_timeout{600};  // devices report every few minutes at most
  size_t max_connections = 20000;
  int max_frames_per_second = 200;  // per connection
  size_t max_data_length = 1024;    // HJ 212-2017 §6.3.1: 0 <= n <= 1024
};

class GatewayServer {
 public:
  GatewayServer(boost::asio::io_context& ioc, DeviceRegistry& registry, IngestWriter& writer,
                http::Metrics& metrics, GatewayOptions options = {});
  ~GatewayServer();
  GatewayServer(const GatewayServer&) = delete;
  GatewayServer& operator=(const GatewayServer&) = delete;

  Status Listen(const std::string& host, std::uint16_t port);
  std::uint16_t port() const;
  void Stop();
  bool Wait(std::chrono::steady_clock::time_point deadline);
  size_t active_connections() const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace gl::gateway
