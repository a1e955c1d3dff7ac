// kill -9 of the server while a device streams with acknowledgements on, then a
// restart: every acknowledged reading is stored exactly once. Runs the real
// `greenloop serve` binary as a child process, on SQLite and on PostgreSQL.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fcntl.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <mutex>
#include <set>
#include <thread>

#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/parser.h"
#include "support/http_client.h"
#include "support/test_db.h"

extern char** environ;

namespace gl {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

constexpr const char* kMn = "0100C1A01000031500103015";  // demo restaurant rst-ctm-001
constexpr const char* kPw = "953037";

std::uint16_t FreePort() {
  asio::io_context io;
  tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

std::string DataTime(int i) {  // one second apart from 2026-11-29 08:00:00
  int h = 8 + i / 3600, m = (i / 60) % 60, s = i % 60;
  auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
  return "20261129" + two(h) + two(m) + two(s);
}

std::string Upload(int i) {
  hj212::Frame f;
  f.SetQn(DataTime(i) + "000");
  f.SetSt("31");
  f.SetCn("2011");
  f.SetPw(kPw);
  f.SetMn(kMn);
  f.SetFlag(5);
  f.SetHasCp(true);
  f.SetDataTime(DataTime(i));
  f.AddFactorValue("gl_fume", "Rtd", std::to_string(i % 100) + ".5");
  f.AddFactorValue("gl_fume", "Flag", "N");
  return *hj212::EncodePacket(f);
}

class Server {
 public:
  Server(const std::string& db_url, std::uint16_t http, std::uint16_t hj212) : http_(http) {
    std::vector<std::string> args = {GL_BINARY,
                                     "serve",
                                     "--demo",
                                     "--db",
                                     db_url,
                                     "--http",
                                     "127.0.0.1:" + std::to_string(http),
                                     "--hj212",
                                     "127.0.0.1:" + std::to_string(hj212),
                                     "--data-dir",
                                     std::string(GL_SOURCE_DIR) + "/data"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    EXPECT_EQ(posix_spawn(&pid_, GL_BINARY, &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Server() {
    if (pid_ > 0) Kill(SIGTERM);
  }
  bool WaitReady() {
    for (int i = 0; i < 300; ++i) {
      if (testing::TestClient(http_).Get("/healthz").status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  void Kill(int sig) {
    kill(pid_, sig);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  pid_t pid_ = -1;
  std::uint16_t http_;
};

// Streams frames [from, to) on one connection, pipelined, while a reader thread
// collects the data times whose 9014 came back. Stops at the first socket error.
class Streamer {
 public:
  explicit Streamer(std::uint16_t port) : socket_(io_) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
    reader_ = std::thread([this] { Read(); });
  }
  ~Streamer() {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    reader_.join();
  }
  void Send(const std::vector<int>& frames) {
    for (int i : frames) {
      boost::system::error_code ec;
      asio::write(socket_, asio::buffer(Upload(i)), ec);
      if (ec) return;
    }
  }
  std::set<std::string> acked() {
    std::lock_guard lock(mutex_);
    return acked_;
  }

 private:
  void Read() {
    struct Null : hj212::RejectReporter {
      void Rejected(const hj212::Rejection&) override {}
    } reporter;
    hj212::Framer framer(&reporter);
    std::array<char, 4096> buf;
    for (;;) {
      boost::system::error_code ec;
      size_t n = socket_.read_some(asio::buffer(buf), ec);
      if (ec) return;
      framer.Feed(std::string_view(buf.data(), n));
      hj212::RawFrame raw;
      while (framer.Next(&raw)) {
        hj212::Frame f;
        hj212::ParseError err;
        if (hj212::ParseFrame(raw, &f, &err) && f.cn() == "9014") {
          std::lock_guard lock(mutex_);
          acked_.insert(std::string(f.qn().value_or("")).substr(0, 14));
        }
      }
    }
  }
  asio::io_context io_;
  tcp::socket socket_;
  std::thread reader_;
  std::mutex mutex_;
  std::set<std::string> acked_;
};

class CrashTest : public testing::StoreTest {};

TEST_P(CrashTest, KillDashNineLosesNoAcknowledgedReading) {
  constexpr int kFrames = 1500;  // the gateway caps one connection at 200 frames/s
  std::uint16_t http = FreePort(), hj212 = FreePort();
  auto server = std::make_unique<Server>(test_db_->url(), http, hj212);
  ASSERT_TRUE(server->WaitReady());
  std::set<std::string> acked_before;
  {
    Streamer device(hj212);
    std::vector<int> all;
    for (int i = 0; i < kFrames; ++i) all.push_back(i);
    std::thread sender([&] { device.Send(all); });
    // Kill once a good number is acknowledged, with more still in flight.
    for (int i = 0; i < 400 && device.acked().size() < 300; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    server->Kill(SIGKILL);
    sender.join();
    acked_before = device.acked();
  }
  ASSERT_GE(acked_before.size(), 1u);
  EXPECT_LT(acked_before.size(), static_cast<size_t>(kFrames))
      << "the kill came too late to test anything";

  // Restart on the same database; the device resends everything (acknowledged or not).
  std::uint16_t http2 = FreePort(), hj2122 = FreePort();
  server = std::make_unique<Server>(test_db_->url(), http2, hj2122);
  ASSERT_TRUE(server->WaitReady());
  std::set<std::string> acked_after;
  {
    Streamer device(hj2122);
    std::vector<int> all;
    for (int i = 0; i < kFrames; ++i) all.push_back(i);
    device.Send(all);
    for (int i = 0; i < 1500 && device.acked().size() < static_cast<size_t>(kFrames); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    acked_after = device.acked();
  }
  EXPECT_EQ(acked_after.size(), static_cast<size_t>(kFrames));
  server.reset();

  // Every reading acknowledged before the kill is stored, and nothing twice.
  long long rows = 0, distinct = 0, missing_acked = 0;
  ASSERT_GL_OK(db().Run([&](soci::session& sql) {
    sql << "SELECT COUNT(*), COUNT(DISTINCT t) FROM readings WHERE factor = 'gl_fume'",
        soci::into(rows), soci::into(distinct);
    std::set<long long> stored;
    long long t = 0;
    soci::statement st =
        (sql.prepare << "SELECT t FROM readings WHERE factor = 'gl_fume'", soci::into(t));
    st.execute();
    while (st.fetch()) stored.insert(t);
    for (const std::string& dt : acked_before) {
      // DataTime is Asia/Shanghai: 2026-11-29 08:00:00 +08:00 is 1795910400000 ms since the epoch.
      int h = std::stoi(dt.substr(8, 2)), m = std::stoi(dt.substr(10, 2)),
          s = std::stoi(dt.substr(12, 2));
      long long ms = 1795910400000LL + ((h - 8) * 3600LL + m * 60 + s) * 1000;
      if (!stored.count(ms)) ++missing_acked;
    }
    return Status::Ok();
  }));
  EXPECT_EQ(missing_acked, 0);
  EXPECT_EQ(rows, kFrames);
  EXPECT_EQ(distinct, kFrames);
  std::printf("kill -9 after %zu acknowledged uploads; %lld stored once each after restart\n",
              acked_before.size(), rows);
}

GL_INSTANTIATE_STORE_TEST(CrashTest);

}  // namespace
}  // namespace gl
