#include "greenloop/simulator/simulator.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <boost/asio.hpp>
#include <chrono>
#include <thread>

namespace gl::simulator {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

std::int64_t SteadyUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// One socket per device: thousands of devices need more than the usual 1024 files.
void RaiseFileLimit(std::size_t wanted) {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return;
  if (lim.rlim_cur >= wanted + 64) return;
  lim.rlim_cur = std::min<rlim_t>(lim.rlim_max, wanted + 64);
  if (setrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur < wanted + 64) {
    spdlog::warn("simulator: open-file limit {} may be too low for {} devices", lim.rlim_cur,
                 wanted);
  }
}

// 24 hours of one device's uploads: its real-time frames plus minute, hour, day records.
std::size_t DayOfUploads(int interval_s) {
  return static_cast<std::size_t>(86400 / std::max(interval_s, 1)) + 1440 + 24 + 1;
}

}  // namespace

Simulator::Simulator(SimulatorOptions options) : options_(std::move(options)) {}

Simulator::~Simulator() = default;

void Simulator::Stop() {
  // Polled by Run()'s housekeeping timer: no io_context access from other threads.
  stop_requested_ = true;
}

void Simulator::StopSessions() {
  if (sessions_stopped_.exchange(true)) return;
  for (auto& s : sessions_) s->Stop();
}

Status Simulator::Run() {
  std::vector<DeviceSpec> fleet = options_.fleet;
  if (options_.frames > 0) {
    // Only loggers that ask for acknowledgements can be timed from send to 9014.
    std::erase_if(fleet, [](const DeviceSpec& d) { return !d.acknowledged_uploads(); });
    options_.params.scenario = Scenario::kNormal;
  }
  if (fleet.empty()) return Error::InvalidArgument("devices", "no devices to simulate");
  devices_ = static_cast<int>(fleet.size());

  ioc_ = std::make_unique<asio::io_context>(std::max(options_.threads, 1));
  boost::system::error_code ec;
  tcp::resolver resolver(*ioc_);
  auto endpoints = resolver.resolve(options_.host, std::to_string(options_.port), ec);
  if (ec || endpoints.empty()) {
    return Error::InvalidArgument("target",
                                  "cannot resolve " + options_.host + ": " + ec.message());
  }
  RaiseFileLimit(fleet.size());

  config_.target = endpoints.begin()->endpoint();
  config_.params = options_.params;
  config_.interval_s = options_.interval_s;
  config_.backlog = options_.backlog;
  config_.memory = options_.memory;
  config_.periodic_records = options_.periodic_records && options_.frames == 0;
  config_.reconnect_min_ms = options_.reconnect_min_ms;
  config_.reconnect_max_ms = options_.reconnect_max_ms;
  config_.stats = &stats_;
  if (options_.frames > 0) {
    config_.rate_test = true;
    // DataTimes one second apart per device, ending just before now: each upload
    // is a distinct reading for the platform's idempotent store, none in the future.
    const std::int64_t per_device = (options_.frames + devices_ - 1) / devices_;
    config_.rate_base_ms = (NowMs() / 1000 - per_device) * 1000;
    config_.on_ack = [this] {
      if (stats_.acknowledged.load(std::memory_order_relaxed) >= options_.frames &&
          rate_done_us_.load() == 0) {
        std::int64_t expected = 0;
        if (rate_done_us_.compare_exchange_strong(expected, SteadyUs())) Stop();
      }
    };
  }

  sessions_.reserve(fleet.size());
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    DeviceSpec d = fleet[i];
    BacklogOptions b = options_.backlog;
    if (b.capacity == 0) {
      b.capacity = DayOfUploads(options_.interval_s > 0 ? options_.interval_s : d.interval_s);
    }
    config_.backlog = b;  // read by the session's constructor only
    sessions_.push_back(std::make_unique<DeviceSession>(*ioc_, std::move(d), config_));
    if (options_.frames > 0) {
      const auto n = static_cast<std::int64_t>(fleet.size());
      const auto idx = static_cast<std::int64_t>(i);
      sessions_.back()->SetRateQuota(options_.frames / n + (idx < options_.frames % n ? 1 : 0));
    }
  }
  config_.backlog = options_.backlog;
  spdlog::info("simulator: {} devices -> {}:{}, scenario {}, seed {}{}", devices_, options_.host,
               options_.port, ScenarioName(options_.params.scenario), options_.params.seed,
               options_.frames > 0 ? fmt::format(", rate test of {} frames", options_.frames) : "");

  started_us_ = SteadyUs();
  for (std::size_t i = 0; i < sessions_.size(); ++i) {
    // Spread the first connections over up to a second, as a fleet powering up would.
    sessions_[i]->Start(options_.frames > 0 ? 0 : static_cast<int>((i * 37) % 1000));
  }
  // One housekeeping timer: the duration, a Stop() that came before the io_context
  // existed, and a progress line every 30 s (to the log; the summary is stdout's).
  // It stops re-arming once the sessions are told to stop, so run() can return.
  asio::steady_timer housekeeping(*ioc_);
  std::int64_t last_progress_us = started_us_;
  std::function<void(boost::system::error_code)> tick = [&](boost::system::error_code) {
    const std::int64_t now = SteadyUs();
    if (stop_requested_ ||
        (options_.duration_s > 0 && now - started_us_ >= options_.duration_s * 1e6)) {
      StopSessions();
    }
    if (sessions_stopped_) return;
    if (now - last_progress_us >= 30'000'000) {
      last_progress_us = now;
      spdlog::info("simulator: sent {} acknowledged {} pending {} resent {} connected {}",
                   stats_.frames_sent.load(), stats_.acknowledged.load(), stats_.pending.load(),
                   stats_.resent.load(), stats_.connects.load() - stats_.disconnects.load());
    }
    housekeeping.expires_after(std::chrono::milliseconds(50));
    housekeeping.async_wait(tick);
  };
  asio::post(*ioc_, [&] { tick({}); });

  std::vector<std::thread> threads;
  for (int i = 1; i < options_.threads; ++i) threads.emplace_back([this] { ioc_->run(); });
  ioc_->run();
  for (auto& t : threads) t.join();
  elapsed_s_ = static_cast<double>(SteadyUs() - started_us_) / 1e6;
  return Status::Ok();
}

std::string Simulator::SummaryLine() const {
  SummaryInfo info;
  info.scenario =
      std::string(ScenarioName(options_.frames > 0 ? Scenario::kNormal : options_.params.scenario));
  info.devices = devices_;
  info.elapsed_s = elapsed_s_;
  info.rate_test = options_.frames > 0;
  info.frames_target = options_.frames;
  const std::int64_t done = rate_done_us_.load();
  info.rate_elapsed_s =
      static_cast<double>(
          (done > 0 ? done : started_us_ + static_cast<std::int64_t>(elapsed_s_ * 1e6)) -
          started_us_) /
      1e6;
  return SummaryJson(stats_, info);
}

}  // namespace gl::simulator
