// `greenloop simulate` end to end over real TCP on 127.0.0.1: an in-test platform
// built from the real codec (Framer + ParseDataSegment + BuildPlatformReply +
// EncodePacket) withholds its acknowledgements for a while (the simulator must
// resend), drops one device's connection (it must reconnect and resend its
// backlog) and asks for hourly history (it must answer 9011, records, 9012).
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/exchange.h"
#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/parser.h"
#include "greenloop/simulator/records.h"
#include "greenloop/simulator/simulator.h"

namespace gl::simulator {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

struct Received {
  int conn = 0;
  std::string mn, cn, qn, data_time, segment;
};

class NullReporter : public hj212::RejectReporter {
 public:
  void Rejected(const hj212::Rejection&) override { ++count; }
  int count = 0;
};

// The platform side, on its own thread and io_context.
class TestPlatform {
 public:
  TestPlatform() : acceptor_(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    asio::co_spawn(ioc_, Accept(), asio::detached);
    thread_ = std::thread([this] { ioc_.run(); });
  }
  ~TestPlatform() {
    asio::post(ioc_, [this] {
      acceptor_.close();
      for (auto& [id, s] : sockets_) s->close();
    });
    ioc_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  std::atomic<bool> withhold{false};

  // Everything received so far.
  std::vector<Received> received() {
    std::lock_guard lock(mu_);
    return received_;
  }
  int connections_of(const std::string& mn) {
    std::lock_guard lock(mu_);
    return static_cast<int>(conns_of_[mn].size());
  }
  int rejects() { return reporter_.count; }

  // Closes the current connection of `mn` (the platform restarting, say).
  void Drop(const std::string& mn) {
    asio::post(ioc_, [this, mn] {
      std::lock_guard lock(mu_);
      if (conns_of_[mn].empty()) return;
      auto it = sockets_.find(conns_of_[mn].back());
      if (it != sockets_.end()) it->second->close();
    });
  }
  // Sends `packet` on the current connection of `mn`.
  void Send(const std::string& mn, std::string packet) {
    asio::post(ioc_, [this, mn, packet = std::move(packet)]() mutable {
      std::lock_guard lock(mu_);
      auto it = sockets_.find(conns_of_[mn].back());
      if (it == sockets_.end()) return;
      auto p = std::make_shared<std::string>(std::move(packet));
      asio::async_write(*it->second, asio::buffer(*p), [p](auto, auto) {});
    });
  }

 private:
  asio::awaitable<void> Accept() {
    for (;;) {
      auto [ec, s] = co_await acceptor_.async_accept(kUseTuple);
      if (ec) co_return;
      asio::co_spawn(ioc_, Serve(std::make_shared<tcp::socket>(std::move(s)), ++next_id_),
                     asio::detached);
    }
  }

  asio::awaitable<void> Serve(std::shared_ptr<tcp::socket> s, int id) {
    sockets_[id] = s;
    hj212::FramerOptions options;
    options.AcceptCrc(hj212::CrcVariant::kModbusSwapped);  // rst-ctm-003's logger
    hj212::Framer framer(&reporter_, options);
    hj212::RawFrame raw;
    hj212::Frame frame, reply;
    hj212::ParseError error;
    std::array<char, 4096> buf;
    bool registered = false;
    for (;;) {
      auto [ec, n] = co_await s->async_read_some(asio::buffer(buf), kUseTuple);
      if (ec) break;
      framer.Feed(std::string_view(buf.data(), n));
      std::string out;
      while (framer.Next(&raw)) {
        if (!hj212::ParseFrame(raw, &frame, &error)) {
          ++reporter_.count;
          continue;
        }
        Received r{id,
                   std::string(frame.mn().value_or("")),
                   std::string(frame.cn().value_or("")),
                   std::string(frame.qn().value_or("")),
                   std::string(frame.data_time().value_or("")),
                   std::string(raw.data)};
        {
          std::lock_guard lock(mu_);
          if (!registered) conns_of_[r.mn].push_back(id);
          registered = true;
          received_.push_back(r);
        }
        if (!withhold && hj212::BuildPlatformReply(frame, &reply)) {
          auto packet = hj212::EncodePacket(reply);
          if (packet.ok()) out += *packet;
        }
      }
      if (!out.empty()) {
        auto [wec, wn] = co_await asio::async_write(*s, asio::buffer(out), kUseTuple);
        if (wec) break;
      }
    }
    sockets_.erase(id);
  }

  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  NullReporter reporter_;
  int next_id_ = 0;
  std::map<int, std::shared_ptr<tcp::socket>> sockets_;  // io thread only
  std::mutex mu_;
  std::vector<Received> received_;
  std::map<std::string, std::vector<int>> conns_of_;
};

// Polls `pred` for up to `seconds`.
template <typename Pred>
bool WaitFor(Pred pred, double seconds = 5) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred();
}

DeviceSpec Pick(const std::vector<DeviceSpec>& all, auto pred) {
  for (const DeviceSpec& d : all) {
    if (pred(d)) return d;
  }
  ADD_FAILURE() << "no such demo device";
  return all.front();
}

TEST(SimulatorE2ETest, ResendsReconnectsAndAnswersHistoryOverRealTcp) {
  auto demo = LoadSites(std::string(GL_SOURCE_DIR) + "/data/demo/sites.json");
  ASSERT_TRUE(demo.ok());
  const DeviceSpec fume = Pick(*demo, [](const DeviceSpec& d) {
    return d.st == "31" && d.version == hj212::Version::k2017 && d.crc == hj212::CrcVariant::kHj212;
  });
  const DeviceSpec swapped =
      Pick(*demo, [](const DeviceSpec& d) { return d.crc == hj212::CrcVariant::kModbusSwapped; });
  const DeviceSpec air =
      Pick(*demo, [](const DeviceSpec& d) { return d.version == hj212::Version::k2025; });

  TestPlatform platform;
  platform.withhold = true;
  SimulatorOptions o;
  o.host = "127.0.0.1";
  o.port = platform.port();
  o.fleet = {fume, swapped, air};
  o.params = {.scenario = Scenario::kNormal, .seed = 11};
  o.interval_s = 1;
  o.threads = 2;
  o.backlog = {.capacity = 1000, .window = 8, .timeout_ms = 300, .max_timeout_ms = 600};
  o.reconnect_min_ms = 100;
  o.reconnect_max_ms = 400;
  Simulator sim(o);
  std::thread runner([&] { EXPECT_TRUE(sim.Run().ok()); });

  // 1. No acknowledgements yet: every device sends, and resends what goes unanswered.
  auto resent_qn = [&] {
    std::map<std::string, int> seen;
    for (const Received& r : platform.received()) {
      if (r.cn == "2011" && ++seen[r.qn] >= 2) return true;
    }
    return false;
  };
  ASSERT_TRUE(WaitFor(resent_qn, 4)) << "no upload was resent while acks were withheld";
  for (const DeviceSpec& d : o.fleet) {
    EXPECT_TRUE(WaitFor([&] { return platform.connections_of(d.mn) == 1; }, 3)) << d.mn;
  }

  // 2. Acknowledge from now on: the backlog drains.
  platform.withhold = false;
  ASSERT_TRUE(WaitFor([&] { return sim.stats().acknowledged >= 6; }, 4));

  // 3. Withhold again, let the fume logger pile up, then drop its connection: it
  //    reconnects and sends the unanswered uploads again on the new connection.
  platform.withhold = true;
  const std::size_t mark = platform.received().size();
  ASSERT_TRUE(WaitFor(
      [&] {
        int n = 0;
        auto all = platform.received();
        for (std::size_t i = mark; i < all.size(); ++i)
          n += all[i].mn == fume.mn && all[i].cn == "2011";
        return n >= 2;
      },
      4));
  std::set<std::string> unanswered;
  for (const Received& r : platform.received()) {
    if (r.mn == fume.mn && r.cn == "2011" && r.conn == 1 + 0) unanswered.insert(r.qn);
  }
  platform.Drop(fume.mn);
  ASSERT_TRUE(WaitFor([&] { return platform.connections_of(fume.mn) == 2; }, 4));
  platform.withhold = false;
  int second_conn = 0;
  ASSERT_TRUE(WaitFor(
      [&] {
        std::set<std::string> again;
        for (const Received& r : platform.received()) {
          if (r.mn != fume.mn) continue;
          if (second_conn == 0 && r.conn != 1 && platform.connections_of(fume.mn) == 2) {
            second_conn = r.conn;
          }
          if (r.conn == second_conn && unanswered.count(r.qn)) again.insert(r.qn);
        }
        return !again.empty();
      },
      4))
      << "the backlog was not resent after the reconnect";

  // 4. The platform asks the fume logger for hourly history of the last 3 hours.
  const TimeMs now = NowMs();
  hj212::RequestTarget to{.qn = "20261129120000555",
                          .st = fume.st,
                          .pw = fume.pw,
                          .mn = fume.mn,
                          .version = fume.version};
  hj212::Frame req;
  hj212::BuildHistoryRequest(to, "2061", FormatDataTime(now - 3 * 3600 * 1000), FormatDataTime(now),
                             &req);
  auto packet = hj212::EncodePacket(req);
  ASSERT_TRUE(packet.ok());
  platform.Send(fume.mn, *packet);
  auto answered = [&] {
    for (const Received& r : platform.received()) {
      if (r.cn == "9012" && r.qn == "20261129120000555") return true;
    }
    return false;
  };
  ASSERT_TRUE(WaitFor(answered, 4));
  std::vector<std::string> order;
  for (const Received& r : platform.received()) {
    if (r.mn != fume.mn) continue;
    if (r.qn == "20261129120000555" || r.cn == "2061") order.push_back(r.cn + ":" + r.data_time);
  }
  ASSERT_GE(order.size(), 4u);  // 9011, 2 or 3 whole hours, 9012
  EXPECT_EQ(order.front(), "9011:");
  EXPECT_EQ(order.back(), "9012:");
  for (std::size_t i = 1; i + 1 < order.size(); ++i) {
    EXPECT_EQ(order[i].substr(0, 5), "2061:");
    const TimeMs t = *ParseDataTime(order[i].substr(5));
    EXPECT_GE(t, now - 3 * 3600 * 1000 - 1000);
    EXPECT_LE(t, now);
  }

  sim.Stop();
  runner.join();
  const Stats& s = sim.stats();
  EXPECT_GT(s.resent, 0);
  EXPECT_GE(s.acknowledged, 6);
  EXPECT_GE(s.connects, 4);
  EXPECT_EQ(s.commands_answered, 1);
  EXPECT_GE(s.history_records, 2);
  EXPECT_EQ(s.dropped, 0);
  EXPECT_EQ(s.rejected_frames, 0);
  EXPECT_EQ(platform.rejects(), 0);
  const std::string summary = sim.SummaryLine();
  EXPECT_NE(summary.find("\"resent\":"), std::string::npos) << summary;
  EXPECT_NE(summary.find("\"ack_latency_ms\":{"), std::string::npos) << summary;
}

TEST(SimulatorE2ETest, RateTestStopsWhenEveryFrameIsAcknowledged) {
  auto demo = LoadSites(std::string(GL_SOURCE_DIR) + "/data/demo/sites.json");
  ASSERT_TRUE(demo.ok());
  TestPlatform platform;
  SimulatorOptions o;
  o.port = platform.port();
  o.fleet = MakeFleet(*demo, 20);
  o.frames = 2000;
  o.backlog = {.capacity = 256, .window = 16, .timeout_ms = 2000};
  Simulator sim(o);
  ASSERT_TRUE(sim.Run().ok());  // returns by itself
  EXPECT_GE(sim.stats().acknowledged, 2000);
  EXPECT_EQ(sim.stats().resent, 0);
  const std::string summary = sim.SummaryLine();
  EXPECT_NE(summary.find("\"readings_per_s\":"), std::string::npos) << summary;
}

TEST(SimulatorE2ETest, StopsWhenNoPlatformListens) {
  SimulatorOptions o;
  {
    TestPlatform gone;
    o.port = gone.port();
  }
  auto demo = LoadSites(std::string(GL_SOURCE_DIR) + "/data/demo/sites.json");
  ASSERT_TRUE(demo.ok());
  o.fleet = MakeFleet(*demo, 2);
  o.duration_s = 0.5;
  o.reconnect_min_ms = 50;
  Simulator sim(o);
  ASSERT_TRUE(sim.Run().ok());
  EXPECT_GT(sim.stats().connect_failures, 0);
  EXPECT_EQ(sim.stats().connects, 0);
}

}  // namespace
}  // namespace gl::simulator
