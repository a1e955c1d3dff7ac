// Frame arrival to alarm stored and pushed, while ingesting. An in-process server
// (demo district, SQLite in a temporary folder) takes HJ 212 real-time uploads from
// every demo device at a target rate of readings per second; one probe device
// (restaurant rst-ctm-001) sends a fume value over its limit every 100 ms, and a
// WebSocket client on /api/v1/stream times each push of that alarm against the
// moment the probe frame that caused it was written to its socket.
//
//   build/bench/alarms/alarm_latency_bench [readings_per_s=50000] [seconds=10]
//
// Prints one JSON line: achieved ingest rate, pushes measured, latency p50/p99/max.
#include <spdlog/spdlog.h>
#include <unistd.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "greenloop/app/app.h"
#include "greenloop/base/json.h"
#include "greenloop/hj212/encoder.h"
#include "greenloop/simulator/records.h"
#include "greenloop/simulator/sites.h"

namespace {
using namespace gl;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr const char* kProbeMn = "0100C1A01000031500103015";  // rst-ctm-001

std::string Login(std::uint16_t port) {
  asio::io_context io;
  beast::tcp_stream s(io);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, "/api/v1/session", 11};
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::content_type, "application/json");
  req.body() = R"({"login":"admin","password":"greenloop-demo"})";
  req.prepare_payload();
  bhttp::write(s, req);
  beast::flat_buffer b;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(s, b, res);
  std::string cookie(res[bhttp::field::set_cookie]);
  return cookie.substr(0, cookie.find(';'));
}

// Sends frames on one socket, draining whatever the server says back.
struct Sender {
  asio::io_context io;
  tcp::socket socket{io};
  explicit Sender(std::uint16_t port) {
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    socket.non_blocking(false);
  }
  void Send(const std::string& bytes) {
    asio::write(socket, asio::buffer(bytes));
    Drain();
  }
  void Drain() {
    std::array<char, 4096> buf;
    while (socket.available() > 0) socket.read_some(asio::buffer(buf));
  }
};

}  // namespace

int main(int argc, char** argv) {
  const int target = argc > 1 ? std::atoi(argv[1]) : 50000;
  const int seconds = argc > 2 ? std::atoi(argv[2]) : 10;
  spdlog::set_level(spdlog::level::warn);
  auto dir =
      std::filesystem::temp_directory_path() / ("gl-alarm-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  app::ServeOptions options;
  options.db_url = "sqlite:" + (dir / "bench.db").string();
  options.http = "127.0.0.1:0";
  options.hj212 = "127.0.0.1:0";
  options.demo = true;
  options.data_dir = std::string(GL_SOURCE_DIR) + "/data";
  options.threads = 2;
  options.fast_password_hashing = true;
  auto started = app::App::Start(options);
  if (!started.ok()) {
    std::fprintf(stderr, "%s\n", started.error().ToString().c_str());
    return 1;
  }
  auto app = std::move(started).value();
  auto sites = simulator::LoadSites(std::string(GL_SOURCE_DIR) + "/data/demo/sites.json");
  if (!sites.ok()) return 1;
  std::vector<simulator::DeviceSpec> load, probe;
  for (auto& d : *sites) (d.mn == kProbeMn ? probe : load).push_back(d);

  // Frames for the load: normal values, data times one second apart from two days ago.
  simulator::SimParams params{.scenario = simulator::Scenario::kNormal, .seed = 3};
  const TimeMs base = NowMs() - 2 * 86400000LL;
  long long readings_per_round = 0;
  for (const auto& d : load) readings_per_round += static_cast<long long>(d.factors.size());
  const int rounds =
      static_cast<int>(static_cast<long long>(target) * seconds / readings_per_round) + 1;
  std::vector<std::vector<std::string>> frames(load.size());
  for (size_t i = 0; i < load.size(); ++i) {
    for (int k = 0; k < rounds; ++k) {
      hj212::Frame f;
      simulator::BuildRealtime(params, load[i], base + k * 1000LL, std::to_string(k), false, &f);
      frames[i].push_back(*hj212::EncodePacket(f));
    }
  }

  // The stream client.
  std::string cookie = Login(app->http_port());
  std::mutex mutex;
  std::map<std::string, Clock::time_point> sent;  // probe data time (ISO, to the second) -> sent
  std::vector<double> latencies;
  std::atomic<bool> done{false};
  std::thread reader([&] {
    asio::io_context io;
    websocket::stream<beast::tcp_stream> ws(io);
    beast::get_lowest_layer(ws).connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), app->http_port()));
    ws.set_option(websocket::stream_base::decorator(
        [&](websocket::request_type& r) { r.set(bhttp::field::cookie, cookie); }));
    ws.handshake("127.0.0.1", "/api/v1/stream");
    while (!done) {
      beast::flat_buffer b;
      beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(2));
      beast::error_code ec;
      ws.read(b, ec);
      if (ec) continue;
      auto now = Clock::now();
      auto msg = ParseJsonObject(beast::buffers_to_string(b.data()));
      if (!msg.ok() || !msg->contains("alarm")) continue;
      const auto& a = msg->at("alarm").as_object();
      if (a.at("site").at("code") != "rst-ctm-001" || a.at("factor") != "gl_fume") continue;
      std::string last(a.at("last_at").as_string().subview().substr(0, 19));
      std::lock_guard lock(mutex);
      auto it = sent.find(last);
      if (it != sent.end()) {
        latencies.push_back(std::chrono::duration<double, std::milli>(now - it->second).count());
        sent.erase(it);
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  // Load: two threads, each paces its share of the devices to the target rate.
  std::atomic<long long> sent_readings{0};
  const auto start = Clock::now();
  auto run_load = [&](size_t from, size_t step) {
    std::vector<std::unique_ptr<Sender>> conns;
    for (size_t i = from; i < load.size(); i += step)
      conns.push_back(std::make_unique<Sender>(app->hj212_port()));
    for (int k = 0; k < rounds; ++k) {
      size_t c = 0;
      for (size_t i = from; i < load.size(); i += step, ++c) {
        conns[c]->Send(frames[i][k]);
        sent_readings += static_cast<long long>(load[i].factors.size());
      }
      // Pace: round k is due at k * readings_per_round / target seconds.
      auto due = start + std::chrono::microseconds(static_cast<long long>(
                             (k + 1) * 1e6 * static_cast<double>(readings_per_round) / target));
      std::this_thread::sleep_until(due);
    }
  };
  std::thread load_a(run_load, 0, 2), load_b(run_load, 1, 2);

  // Probe: over the DB50/859-2018 limit (1.0 mg/m³) every 100 ms.
  std::thread prober([&] {
    Sender s(app->hj212_port());
    const TimeMs probe_base = NowMs() - 86400000LL;
    for (int k = 0; Clock::now() - start < std::chrono::seconds(seconds); ++k) {
      const TimeMs t = probe_base + k * 1000LL;
      hj212::Frame f;
      simulator::UploadHeader(probe[0], "2011", std::to_string(k), false, &f);
      f.SetDataTime(simulator::FormatDataTime(t));
      f.AddFactorValue("gl_fume", "Rtd", "2.40");
      f.AddFactorValue("gl_fume", "Flag", "N");
      std::string bytes = *hj212::EncodePacket(f);
      {
        std::lock_guard lock(mutex);
        sent[FormatIsoShanghai(t).substr(0, 19)] = Clock::now();
      }
      s.Send(bytes);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  load_a.join();
  load_b.join();
  prober.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::this_thread::sleep_for(std::chrono::seconds(2));
  done = true;
  reader.join();
  app->Stop();
  app->Wait(Clock::now() + std::chrono::seconds(20));
  std::sort(latencies.begin(), latencies.end());
  auto pct = [&](double p) {
    return latencies.empty() ? 0.0
                             : latencies[std::min(latencies.size() - 1,
                                                  static_cast<size_t>(p * latencies.size()))];
  };
  std::printf(
      "{\"bench\":\"alarm_latency\",\"target_readings_per_s\":%d,\"sent_readings_per_s\":%.0f,"
      "\"seconds\":%.1f,\"pushes_measured\":%zu,\"p50_ms\":%.1f,\"p99_ms\":%.1f,\"max_ms\":%.1f}\n",
      target, sent_readings / elapsed, elapsed, latencies.size(), pct(0.5), pct(0.99),
      latencies.empty() ? 0.0 : latencies.back());
  std::filesystem::remove_all(dir);
  return 0;
}
