// greenloop/app/app.h
//
// The running server: database, migrations, the demo district, services, the
// HTTP router and server, and the threads that run them. `greenloop serve` is a
// thin shell over this; tests start one in-process on port 0.
//
// Start() returns a serving App or an Error naming what failed (database URL,
// a taken port, a malformed demo file). Stop() stops accepting and lets work in
// flight finish; Wait() joins within the deadline. Destroying an App stops it.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "greenloop/base/error.h"

namespace gl::app {

struct ServeOptions {
  std::string db_url = "sqlite:var/greenloop.db";
  std::string http = "127.0.0.1:8080";
  std::string hj212 = "127.0.0.1:9212";
  bool demo = false;
  std::filesystem::path data_dir = "data";  // holds demo/ and other shipped data
  std::filesystem::path web_root = "web/dist";
  int threads = 4;
  size_t body_limit = 1 << 20;
  std::vector<std::string> trusted_proxies;  // reverse proxies whose X-Forwarded-For is believed
  int node_id = -1;                          // -1: random
  bool fast_password_hashing = false;        // tests only
  // Cases: deadlines and escalation run on a clock this many times faster than real
  // time (demo only; 1 = real time). Escalation looks every minute of that clock.
  double case_clock_scale = 1;
};

class App {
 public:
  static Result<std::unique_ptr<App>> Start(const ServeOptions& options);
  ~App();

  std::uint16_t http_port() const;
  std::uint16_t hj212_port() const;
  std::string db_dialect() const;
  void Stop();
  // true when everything finished before the deadline.
  bool Wait(std::chrono::steady_clock::time_point deadline);

  struct Impl;

 private:
  explicit App(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gl::app
