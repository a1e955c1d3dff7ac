#include "greenloop/simulator/session.h"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <chrono>
#include <deque>
#include <unordered_set>

#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/parser.h"
#include "greenloop/simulator/records.h"

namespace gl::simulator {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;

namespace {
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);
constexpr TimeMs kMinuteMs = 60 * 1000;

std::int64_t SteadyUs() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Counts what the platform sent that the codec refused (it should be nothing).
class CountingReporter : public hj212::RejectReporter {
 public:
  explicit CountingReporter(Stats* stats) : stats_(stats) {}
  void Rejected(const hj212::Rejection& r) override {
    if (r.reason == hj212::Reject::kGarbage) return;
    stats_->rejected_frames.fetch_add(1, std::memory_order_relaxed);
    spdlog::warn("simulator: rejected bytes from the platform: {} ({})",
                 hj212::RejectName(r.reason), r.detail);
  }

 private:
  Stats* stats_;
};

void LogException(std::exception_ptr e) {
  if (!e) return;
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    spdlog::error("simulator: device coroutine failed: {}", ex.what());
  }
}

}  // namespace

struct DeviceSession::State {
  using Strand = asio::strand<asio::io_context::executor_type>;
  State(asio::io_context& ioc, DeviceSpec d, const SessionConfig& c)
      : strand(asio::make_strand(ioc)),
        device(std::move(d)),
        config(c),
        stats(*c.stats),
        backlog(c.backlog),
        tick_timer(strand),
        wake_timer(strand),
        sleep_timer(strand),
        rtd_interval_s(c.interval_s > 0 ? c.interval_s : device.interval_s) {}

  Strand strand;
  DeviceSpec device;
  const SessionConfig& config;
  Stats& stats;
  Backlog backlog;
  std::deque<std::string> outbox;  // answers and 2005 uploads: written once, never acknowledged
  std::unordered_set<std::string> duplicate_qns;  // uploads to write twice on their first send
  QnSource qn;
  asio::steady_timer tick_timer, wake_timer, sleep_timer;
  tcp::socket* socket = nullptr;  // the open connection, if any
  TimeMs clock_offset = 0;        // device clock minus real time (1012 moves it)
  int rtd_interval_s;
  bool realtime = true;  // 2011 uploads on (2012 stops them, 2011 starts them)
  bool in_outage = false;
  bool stopping = false;
  std::int64_t rate_next = 0;   // rate test: index of the next upload
  std::int64_t rate_quota = 0;  // rate test: uploads to make

  TimeMs Now() const { return NowMs() + clock_offset; }
  void Wake() { wake_timer.cancel(); }

  void CloseSocket() {
    if (socket == nullptr) return;
    boost::system::error_code ignored;
    socket->shutdown(tcp::socket::shutdown_both, ignored);
    socket->close(ignored);
  }

  asio::awaitable<void> Sleep(TimeMs ms) {
    if (stopping) co_return;
    sleep_timer.expires_after(std::chrono::milliseconds(std::max<TimeMs>(ms, 0)));
    co_await sleep_timer.async_wait(kUseTuple);
  }

  // Encodes and queues one upload; A-bit uploads go to the backlog.
  void Queue(const hj212::Frame& frame, int readings, TimeMs data_time) {
    std::string packet;
    Status st = hj212::AppendPacket(frame, &packet, hj212::EncodeOptions{.crc = device.crc});
    if (!st.ok()) {
      spdlog::error("simulator: {} cannot encode CN {}: {}", device.mn, frame.cn().value_or(""),
                    st.error().ToString());
      return;
    }
    stats.uploads.fetch_add(1, std::memory_order_relaxed);
    stats.readings.fetch_add(readings, std::memory_order_relaxed);
    const bool dup = IsDuplicated(config.params, device, data_time);
    if (frame.ack_requested()) {
      const std::string qn_text(frame.qn().value_or(""));
      if (dup) duplicate_qns.insert(qn_text);
      stats.pending.fetch_add(1, std::memory_order_relaxed);
      if (backlog.Add(qn_text, std::move(packet), readings)) {
        stats.dropped.fetch_add(1, std::memory_order_relaxed);
        stats.pending.fetch_sub(1, std::memory_order_relaxed);
        spdlog::warn("simulator: {} backlog full ({} uploads): dropped the oldest", device.mn,
                     backlog.options().capacity);
      }
    } else {
      if (outbox.size() >= backlog.options().capacity) {
        outbox.pop_front();
        stats.dropped.fetch_add(1, std::memory_order_relaxed);
        spdlog::warn("simulator: {} outbox full: dropped the oldest upload", device.mn);
      }
      if (dup) {
        outbox.push_back(packet);
        stats.duplicates.fetch_add(1, std::memory_order_relaxed);
      }
      outbox.push_back(std::move(packet));
    }
    Wake();
  }

  void UploadRealtime(TimeMs data_time) {
    hj212::Frame f;
    const int n = BuildRealtime(config.params, device, data_time, qn.Next(Now()),
                                device.acknowledged_uploads(), &f);
    Queue(f, n, data_time);
  }

  void UploadPeriod(Period period, TimeMs start) {
    hj212::Frame f;
    const int n = BuildPeriodRecord(config.params, device, period, start, qn.Next(Now()),
                                    device.acknowledged_uploads(), &f);
    Queue(f, n, start);
  }

  // Rate test: keep the window full until the device's quota is sent. A fixed quota
  // per device (not a shared budget) keeps every DataTime in [rate_base, now).
  void Refill() {
    while (backlog.size() < backlog.options().window && rate_next < rate_quota) {
      UploadRealtime(config.rate_base_ms + 1000 * rate_next++);
    }
  }

  asio::awaitable<void> Ticker();
  asio::awaitable<void> ConnectionLoop();
  asio::awaitable<void> ReadLoop(tcp::socket& s);
  asio::awaitable<void> WriteLoop(tcp::socket& s);
  void HandleFrame(const hj212::Frame& frame);
  void HandleAck(std::string_view qn_text);
};

// ---- the ticker: uploads on schedule --------------------------------------

asio::awaitable<void> DeviceSession::State::Ticker() {
  // Loggers are not synchronised: each has its own phase within the interval.
  const TimeMs phase_ms = static_cast<TimeMs>(device.key % 997) * 5;
  auto next_after = [&](TimeMs now, TimeMs step, TimeMs offset) {
    return (now - offset) / step * step + step + offset;
  };
  bool reschedule = true;
  TimeMs next_rtd = 0, next_min = 0, next_hour = 0, next_day = 0;
  TimeMs last_offset = clock_offset;
  int last_interval = rtd_interval_s;
  while (!stopping) {
    const TimeMs now = Now();
    if (reschedule || last_offset != clock_offset || last_interval != rtd_interval_s) {
      // After a clock or interval change, go on from the next boundary: no burst,
      // no silence.
      const TimeMs step = static_cast<TimeMs>(rtd_interval_s) * 1000;
      next_rtd = next_after(now, step, phase_ms % step);
      next_min = PeriodStart(Period::kMinute, now) + kMinuteMs;
      next_hour = PeriodStart(Period::kHour, now) + PeriodLength(Period::kHour);
      next_day = PeriodStart(Period::kDay, now) + PeriodLength(Period::kDay);
      last_offset = clock_offset;
      last_interval = rtd_interval_s;
      reschedule = false;
    }
    const bool outage = ConditionAt(config.params, device, now).outage;
    if (outage && !in_outage) {
      stats.outages.fetch_add(1, std::memory_order_relaxed);
      spdlog::info("simulator: {} ({}) goes silent (outage scenario) until {}", device.mn,
                   device.site_code, FormatDataTime(OutageEnd(config.params, device, now)));
      CloseSocket();
    }
    in_outage = outage;
    // Measuring goes on during an outage (the records stay in memory for history
    // requests); only sending stops.
    if (now >= next_rtd) {
      if (realtime && !outage) UploadRealtime(next_rtd);
      next_rtd = next_after(now, static_cast<TimeMs>(rtd_interval_s) * 1000, next_rtd);
    }
    if (now >= next_min) {
      if (config.periodic_records && !outage) UploadPeriod(Period::kMinute, next_min - kMinuteMs);
      next_min = PeriodStart(Period::kMinute, now) + kMinuteMs;
    }
    if (now >= next_hour) {
      if (config.periodic_records && !outage) {
        UploadPeriod(Period::kHour, next_hour - PeriodLength(Period::kHour));
      }
      next_hour = PeriodStart(Period::kHour, now) + PeriodLength(Period::kHour);
    }
    if (now >= next_day) {
      if (config.periodic_records && !outage) {
        UploadPeriod(Period::kDay, next_day - PeriodLength(Period::kDay));
      }
      next_day = PeriodStart(Period::kDay, now) + PeriodLength(Period::kDay);
    }
    const TimeMs wait = std::min({next_rtd, next_min, next_hour}) - Now();
    tick_timer.expires_after(std::chrono::milliseconds(std::clamp<TimeMs>(wait, 1, kMinuteMs)));
    co_await tick_timer.async_wait(kUseTuple);
  }
}

// ---- the connection: connect, read and write, reconnect -------------------

asio::awaitable<void> DeviceSession::State::ConnectionLoop() {
  int backoff_ms = config.reconnect_min_ms;
  while (!stopping) {
    const TimeMs now = Now();
    if (ConditionAt(config.params, device, now).outage) {
      co_await Sleep(OutageEnd(config.params, device, now) - now + 1);
      continue;
    }
    tcp::socket s(strand);
    asio::steady_timer deadline(strand);
    deadline.expires_after(std::chrono::milliseconds(config.connect_timeout_ms));
    socket = &s;  // so that Stop() can cut the attempt short
    auto connected =
        co_await (s.async_connect(config.target, kUseTuple) || deadline.async_wait(kUseTuple));
    const bool ok = connected.index() == 0 && !std::get<0>(std::get<0>(connected));
    socket = nullptr;
    if (stopping) break;
    if (!ok) {
      stats.connect_failures.fetch_add(1, std::memory_order_relaxed);
      spdlog::debug("simulator: {} cannot connect; retry in {} ms", device.mn, backoff_ms);
      const double jitter = 0.75 + 0.5 * Uniform(config.params.seed, device.key, SteadyUs(), 7);
      co_await Sleep(static_cast<TimeMs>(backoff_ms * jitter));
      backoff_ms = std::min(backoff_ms * 2, config.reconnect_max_ms);
      continue;
    }
    boost::system::error_code ignored;
    s.set_option(tcp::no_delay(true), ignored);
    stats.connects.fetch_add(1, std::memory_order_relaxed);
    spdlog::debug("simulator: {} connected; {} uploads waiting for an answer", device.mn,
                  backlog.size());
    socket = &s;
    const std::int64_t since = SteadyUs();
    co_await (ReadLoop(s) || WriteLoop(s));
    socket = nullptr;
    s.close(ignored);
    backlog.OnDisconnect();  // everything unanswered goes again on the next connection
    stats.disconnects.fetch_add(1, std::memory_order_relaxed);
    if (stopping) break;
    spdlog::debug("simulator: {} disconnected", device.mn);
    if (SteadyUs() - since > 10'000'000) backoff_ms = config.reconnect_min_ms;
    co_await Sleep(backoff_ms);
    backoff_ms = std::min(backoff_ms * 2, config.reconnect_max_ms);
  }
}

asio::awaitable<void> DeviceSession::State::ReadLoop(tcp::socket& s) {
  CountingReporter reporter(&stats);
  // The platform should answer with the standard CRC, but a logger does not care.
  hj212::FramerOptions options;
  options.AcceptCrc(hj212::CrcVariant::kModbus).AcceptCrc(hj212::CrcVariant::kModbusSwapped);
  hj212::Framer framer(&reporter, options);
  std::array<char, 8192> buf;
  hj212::RawFrame raw;
  hj212::Frame frame;
  hj212::ParseError error;
  for (;;) {
    auto [ec, n] = co_await s.async_read_some(asio::buffer(buf), kUseTuple);
    if (ec) co_return;
    framer.Feed(std::string_view(buf.data(), n));
    while (framer.Next(&raw)) {
      if (!hj212::ParseFrame(raw, &frame, &error)) {
        stats.rejected_frames.fetch_add(1, std::memory_order_relaxed);
        spdlog::warn("simulator: {} got an unparseable frame: {}", device.mn, error.detail);
        continue;
      }
      HandleFrame(frame);
    }
  }
}

asio::awaitable<void> DeviceSession::State::WriteLoop(tcp::socket& s) {
  std::string batch;
  for (;;) {
    if (stopping) co_return;
    batch.clear();
    std::size_t from_outbox = 0;
    for (const std::string& p : outbox) {
      if (batch.size() > 64 * 1024) break;
      batch += p;
      ++from_outbox;
    }
    std::int64_t sent = static_cast<std::int64_t>(from_outbox);
    backlog.TakeDue(SteadyUs(), [&](const Backlog::Send& send) {
      batch += *send.packet;
      ++sent;
      if (send.resend) {
        stats.resent.fetch_add(1, std::memory_order_relaxed);
      } else if (auto it = duplicate_qns.find(std::string(send.qn)); it != duplicate_qns.end()) {
        batch += *send.packet;  // the duplicates scenario: the same frame twice
        ++sent;
        stats.duplicates.fetch_add(1, std::memory_order_relaxed);
        duplicate_qns.erase(it);
      }
    });
    if (!batch.empty()) {
      auto [ec, n] = co_await asio::async_write(s, asio::buffer(batch), kUseTuple);
      if (ec) co_return;
      // Only now is the outbox's part written; answers queued meanwhile stay behind it.
      outbox.erase(outbox.begin(), outbox.begin() + static_cast<long>(from_outbox));
      stats.frames_sent.fetch_add(sent, std::memory_order_relaxed);
      continue;
    }
    const auto due = backlog.NextDue();
    const std::int64_t wait_us = due ? std::max<std::int64_t>(*due - SteadyUs(), 0) : 3'600'000'000;
    wake_timer.expires_after(std::chrono::microseconds(wait_us));
    co_await wake_timer.async_wait(kUseTuple);
  }
}

void DeviceSession::State::HandleAck(std::string_view qn_text) {
  auto acked = backlog.Ack(qn_text);
  if (!acked) {
    stats.unexpected_acks.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  stats.pending.fetch_sub(1, std::memory_order_relaxed);
  stats.acknowledged_readings.fetch_add(acked->readings, std::memory_order_relaxed);
  stats.ack_latency.Record(SteadyUs() - acked->first_sent_us);
  stats.acknowledged.fetch_add(1, std::memory_order_relaxed);
  if (config.on_ack) config.on_ack();
  if (config.rate_test) Refill();
  Wake();  // the window has room again
}

void DeviceSession::State::HandleFrame(const hj212::Frame& frame) {
  const std::string_view cn = frame.cn().value_or("");
  if (cn == "9014") {
    // 2017: the QN is the header's; HJ/T 212-2005 puts it inside CP.
    auto q = frame.qn();
    if (!q) q = frame.FindField("QN");
    HandleAck(q.value_or(""));
    return;
  }
  if (cn == "9011" || cn == "9012" || cn == "9013") return;  // we send no requests or notices
  CommandContext ctx{.device = &device,
                     .params = config.params,
                     .device_now = Now(),
                     .clock_offset = clock_offset,
                     .rtd_interval_s = rtd_interval_s,
                     .memory = config.memory,
                     .qn = &qn};
  CommandAnswer answer = AnswerCommand(frame, ctx);
  if (answer.new_clock_offset) clock_offset = *answer.new_clock_offset;
  if (answer.new_rtd_interval_s) rtd_interval_s = *answer.new_rtd_interval_s;
  if (answer.realtime_enabled) realtime = *answer.realtime_enabled;
  if (answer.new_clock_offset || answer.new_rtd_interval_s) tick_timer.cancel();  // reschedule
  stats.commands_answered.fetch_add(1, std::memory_order_relaxed);
  if (answer.rejected) stats.commands_rejected.fetch_add(1, std::memory_order_relaxed);
  stats.history_records.fetch_add(answer.history_records, std::memory_order_relaxed);
  // The platform calibrates every clock on connect: routine answers go to debug.
  const auto level =
      answer.rejected || answer.history_records > 0 ? spdlog::level::info : spdlog::level::debug;
  spdlog::log(level, "simulator: {} answered CN {} QN {} with {} frame(s){}", device.mn, cn,
              frame.qn().value_or("-"), answer.frames.size(), answer.rejected ? " (rejected)" : "");
  for (const hj212::Frame& f : answer.frames) {
    std::string packet;
    if (hj212::AppendPacket(f, &packet, hj212::EncodeOptions{.crc = device.crc}).ok()) {
      outbox.push_back(std::move(packet));
    }
  }
  Wake();
}

// ---- DeviceSession -------------------------------------------------------

DeviceSession::DeviceSession(asio::io_context& ioc, DeviceSpec device, const SessionConfig& config)
    : state_(std::make_shared<State>(ioc, std::move(device), config)) {}

DeviceSession::~DeviceSession() = default;

const DeviceSpec& DeviceSession::device() const { return state_->device; }

void DeviceSession::SetRateQuota(std::int64_t frames) { state_->rate_quota = frames; }

void DeviceSession::Start(int delay_ms) {
  auto st = state_;
  asio::co_spawn(
      st->strand,
      [st, delay_ms]() -> asio::awaitable<void> {
        co_await st->Sleep(delay_ms);
        if (st->stopping) co_return;
        if (st->config.rate_test) {
          st->Refill();
        } else {
          asio::co_spawn(
              st->strand, [st]() { return st->Ticker(); }, LogException);
        }
        co_await st->ConnectionLoop();
      },
      LogException);
}

void DeviceSession::Stop() {
  auto st = state_;
  asio::post(st->strand, [st] {
    st->stopping = true;
    st->CloseSocket();
    st->tick_timer.cancel();
    st->wake_timer.cancel();
    st->sleep_timer.cancel();
  });
}

}  // namespace gl::simulator
