// Memory of the gateway holding many device connections open: starts
// `greenloop serve` on a fresh demo database, opens N connections that each send
// one real-time upload of a demo device and then stay idle, and reads the server's
// resident memory (VmRSS) before and after.
//
//   build/bench/gateway/connections_bench [connections=10000]
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "greenloop/base/crypto.h"
#include "greenloop/hj212/encoder.h"

extern char** environ;

namespace {

long RssKb(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

std::string Upload(int i) {
  gl::hj212::Frame f;
  std::string t = "2026112908" + std::string(i % 60 < 10 ? "0" : "") + std::to_string(i % 60) + "00";
  f.SetQn(t + "000");
  f.SetSt("31");
  f.SetCn("2011");
  f.SetPw("953037");
  f.SetMn("0100C1A01000031500103015");
  f.SetFlag(4);  // no acknowledgement wanted: the bench reads nothing back
  f.SetHasCp(true);
  f.SetDataTime(t);
  f.AddFactorValue("gl_fume", "Rtd", "1.0");
  return *gl::hj212::EncodePacket(f);
}

}  // namespace

int main(int argc, char** argv) {
  gl::InitCrypto();
  int n = argc > 1 ? std::stoi(argv[1]) : 10000;
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  auto dir = std::filesystem::temp_directory_path() / ("gl-conn-bench-" + gl::RandomHex(4));
  std::filesystem::create_directories(dir);
  int http = 20000 + static_cast<int>(getpid() % 20000), port = http + 1;
  std::string binary = (std::filesystem::path(argv[0]).parent_path() / "../../greenloop").string();
  std::vector<std::string> args = {binary, "serve", "--demo", "--db", "sqlite:" + (dir / "b.db").string(),
                                   "--http", "127.0.0.1:" + std::to_string(http), "--hj212",
                                   "127.0.0.1:" + std::to_string(port), "--data-dir", GL_SOURCE_DIR "/data"};
  std::vector<char*> av;
  for (auto& a : args) av.push_back(a.data());
  av.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  if (posix_spawn(&pid, binary.c_str(), &actions, nullptr, av.data(), environ) != 0) return 1;
  int probe = -1;
  for (int i = 0; i < 200 && (probe = Connect(port)) < 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  if (probe >= 0) close(probe);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  long before = RssKb(pid);
  std::vector<int> fds;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    int fd = Connect(port);
    if (fd < 0) break;
    std::string frame = Upload(i);
    (void)!write(fd, frame.data(), frame.size());
    fds.push_back(fd);
  }
  double open_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::this_thread::sleep_for(std::chrono::seconds(3));
  long after = RssKb(pid);
  std::printf("{\"connections\":%zu,\"open_seconds\":%.2f,\"rss_before_mb\":%.1f,\"rss_after_mb\":%.1f,"
              "\"kb_per_connection\":%.1f}\n",
              fds.size(), open_s, before / 1024.0, after / 1024.0,
              fds.empty() ? 0.0 : static_cast<double>(after - before) / fds.size());
  for (int fd : fds) close(fd);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  std::filesystem::remove_all(dir);
  return 0;
}
