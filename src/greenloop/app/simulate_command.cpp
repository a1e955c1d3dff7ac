// `greenloop simulate`: simulated HJ 212 data loggers of the demo district
// (src/greenloop/simulator/). The summary goes to stdout as one JSON line; logs go
// to stderr so a benchmark script can read stdout as it is.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <thread>

#include "greenloop/app/command.h"
#include "greenloop/http/server.h"
#include "greenloop/simulator/simulator.h"
#include "greenloop/simulator/sites.h"

namespace {

namespace sim = gl::simulator;

struct SimulateFlags {
  std::string target;
  int devices = 0;
  int interval_s = 0;
  double duration_s = 0;
  std::string scenario = "mixed";
  std::string sites = "data/demo/sites.json";
  std::uint64_t seed = 1;
  std::int64_t frames = 0;
  bool rate_test = false;
  int threads = 2;
  std::size_t window = 0;
  double ack_timeout_s = 5;
  std::size_t backlog = 0;
  bool verbose = false;
};

std::string ScenarioHelp() {
  std::string text = "Scenario:";
  for (const sim::ScenarioInfo& s : sim::Scenarios()) {
    text += "\n  " + std::string(s.name) + std::string(12 - s.name.size(), ' ') +
            std::string(s.summary);
  }
  return text;
}

int RunSimulate(const SimulateFlags& f) {
  auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("greenloop", sink));
  if (f.verbose) spdlog::set_level(spdlog::level::debug);

  auto hostport = gl::http::ParseHostPort(f.target, "--target");
  if (!hostport.ok()) {
    spdlog::error("{}", hostport.error().ToString());
    return 2;
  }
  auto scenario = sim::ScenarioFromName(f.scenario);
  if (!scenario) {
    spdlog::error("unknown scenario \"{}\" (see greenloop simulate --help)", f.scenario);
    return 2;
  }
  auto devices = sim::LoadSites(f.sites);
  if (!devices.ok()) {
    spdlog::error("{}", devices.error().ToString());
    return 2;
  }
  sim::SimulatorOptions o;
  o.host = hostport->first.empty() ? "127.0.0.1" : hostport->first;
  o.port = hostport->second;
  o.fleet = sim::MakeFleet(*devices, f.devices);
  o.params = {.scenario = *scenario, .seed = f.seed};
  o.interval_s = f.interval_s;
  o.duration_s = f.duration_s;
  o.threads = f.threads;
  o.frames = f.frames > 0 ? f.frames : (f.rate_test ? 100000 : 0);
  o.backlog.window = f.window > 0 ? f.window : (o.frames > 0 ? 64 : 8);
  o.backlog.timeout_ms = static_cast<std::int64_t>(f.ack_timeout_s * 1000);
  o.backlog.capacity = f.backlog;  // 0: 24 h of each device's data
  if (o.frames > 0 && o.backlog.capacity == 0) o.backlog.capacity = o.backlog.window * 4;

  // Signals are taken by a thread with sigwait, so no handler runs in signal context.
  // SIGUSR2 is how Run()'s end wakes that thread when no signal came.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  sim::Simulator simulator(std::move(o));
  std::thread signals([&simulator, set] {
    int sig = 0;
    if (sigwait(&set, &sig) == 0 && sig != SIGUSR2) {
      spdlog::info("signal {}: stopping the simulator", sig);
      simulator.Stop();
    }
  });
  gl::Status st = simulator.Run();
  pthread_kill(signals.native_handle(), SIGUSR2);
  signals.join();
  if (!st.ok()) {
    spdlog::error("{}", st.error().ToString());
    return 1;
  }
  std::printf("%s\n", simulator.SummaryLine().c_str());
  std::fflush(stdout);
  return 0;
}

gl::app::CommandRegistration registration("simulate", [](CLI::App& root) {
  auto f = std::make_shared<SimulateFlags>();
  auto* cmd = root.add_subcommand(
      "simulate", "Simulated HJ 212 data loggers of the demo district, one TCP connection each");
  cmd->footer(ScenarioHelp());
  cmd->add_option("--target", f->target, "The platform's HJ 212 gateway HOST:PORT")->required();
  cmd->add_option("--devices", f->devices,
                  "How many devices (default all in --sites; more than that adds clones with "
                  "made-up MNs, for load tests)")
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--interval", f->interval_s,
                  "Real-time (2011) interval in seconds for every device (default: each device's "
                  "interval_s)")
      ->check(CLI::Range(0, 86400));
  cmd->add_option("--duration", f->duration_s, "Seconds to run; 0 runs until SIGINT/SIGTERM")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  cmd->add_option(
         "--scenario", f->scenario,
         "normal, exceedance, faults, duplicates, mixed, flatline or just_under (see below)")
      ->capture_default_str();
  cmd->add_option("--sites", f->sites, "The demo sites file")->capture_default_str();
  cmd->add_option("--seed", f->seed, "Seed of values and events (same seed, same run)")
      ->capture_default_str();
  cmd->add_option("--frames", f->frames,
                  "Rate test: send N real-time frames as fast as acknowledgements allow, then "
                  "report readings/s and ack latency")
      ->check(CLI::Range(static_cast<std::int64_t>(0), static_cast<std::int64_t>(1) << 40));
  cmd->add_flag("--rate-test", f->rate_test, "Rate test of 100000 frames (see --frames)");
  cmd->add_option("--threads", f->threads, "I/O threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--window", f->window,
                  "Uploads in flight per device before waiting for 9014 (default 8; 64 in a rate "
                  "test)");
  cmd->add_option("--ack-timeout", f->ack_timeout_s,
                  "Seconds without 9014 before an upload is sent again (doubling up to 60)")
      ->capture_default_str()
      ->check(CLI::Range(0.05, 600.0));
  cmd->add_option("--backlog", f->backlog,
                  "Unacknowledged uploads kept per device (default: 24 hours of its data)");
  cmd->add_flag("--verbose", f->verbose, "Log every connection and disconnection");
  cmd->callback([f] { gl::app::SetExitCode(RunSimulate(*f)); });
});

}  // namespace
