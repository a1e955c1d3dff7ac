#include <spdlog/spdlog.h>

#include <sys/resource.h>

#include <condition_variable>
#include <csignal>
#include <mutex>

#include "greenloop/app/app.h"
#include "greenloop/app/command.h"

namespace {

std::mutex g_signal_mutex;
std::condition_variable g_signal_cv;
volatile std::sig_atomic_t g_signal = 0;

// Signals are taken by a dedicated thread with sigwait, so no handler runs in
// async-signal context and the io threads never see them.
int WaitForStopSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
  return sig;
}

// Thousands of device connections need thousands of descriptors: raise the soft
// limit to the hard one (commonly 1024 -> 1048576).
void RaiseDescriptorLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &limit) != 0) spdlog::warn("cannot raise the open-file limit");
  }
}

void RunServe(const gl::app::ServeOptions& options) {
  RaiseDescriptorLimit();
  // Block the stop signals in every thread the app starts; main waits for them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  auto app = gl::app::App::Start(options);
  if (!app.ok()) {
    spdlog::error("cannot start: {}", app.error().ToString());
    gl::app::SetExitCode(1);
    return;
  }
  spdlog::info("GreenLoop serving: web http://{} (db {}); SIGINT or SIGTERM to stop", options.http,
               (*app)->db_dialect());
  int sig = WaitForStopSignal();
  spdlog::info("signal {}: stopping (finishing requests in flight)", sig);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(9);
  (*app)->Stop();
  bool clean = (*app)->Wait(deadline);
  if (!clean) spdlog::warn("some connections were still open at the deadline and were cut");
  app->reset();
  spdlog::info("stopped");
}

gl::app::CommandRegistration registration("serve", [](CLI::App& root) {
  auto options = std::make_shared<gl::app::ServeOptions>();
  auto* cmd = root.add_subcommand("serve", "Serve the web UI, the JSON API and the HJ 212 gateway");
  cmd->add_option("--db", options->db_url,
                  "Database URL: sqlite:PATH or postgresql://user@host:port/dbname")
      ->capture_default_str();
  cmd->add_option("--http", options->http, "HTTP listen address HOST:PORT")->capture_default_str();
  cmd->add_option("--hj212", options->hj212, "HJ 212 gateway listen address HOST:PORT")
      ->capture_default_str();
  cmd->add_flag(
      "--demo", options->demo,
      "Load the Yuzhong demo district into an empty database (a non-empty one is left alone)");
  cmd->add_option("--data-dir", options->data_dir, "Folder with the shipped data (demo/, ...)")
      ->capture_default_str();
  cmd->add_option("--web-root", options->web_root, "Folder with the built web UI")
      ->capture_default_str();
  cmd->add_option("--threads", options->threads, "I/O threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd->add_option("--trusted-proxy", options->trusted_proxies,
                  "Address of a reverse proxy in front; requests from it take the client's address "
                  "from X-Forwarded-For (repeat for several)");
  cmd->add_option("--body-limit", options->body_limit, "Largest request body in bytes")
      ->capture_default_str()
      ->check(CLI::Range(static_cast<size_t>(1024), static_cast<size_t>(1) << 30));
  cmd->add_option("--node-id", options->node_id,
                  "This node's number 0-1023 for id generation (set it when several nodes share "
                  "one database; default random)")
      ->check(CLI::Range(0, 1023));
  cmd->add_option("--case-clock-scale", options->case_clock_scale,
                  "Run case deadlines and escalation this many times faster than real time "
                  "(demo only: 1440 makes a working day pass in about a minute)")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 100000.0));
  cmd->callback([options] { RunServe(*options); });
});

}  // namespace
