#include "greenloop/gateway/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "greenloop/gateway/commands.h"
#include "greenloop/gateway/split_packets.h"
#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/exchange.h"
#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/parser.h"
#include "greenloop/http/server.h"
#include "greenloop/monitoring/rules.h"

namespace gl::gateway {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// Counts and logs the framer's rejections for one connection.
class CountingReporter : public hj212::RejectReporter {
 public:
  CountingReporter(http::Metrics& metrics, const std::string& peer)
      : metrics_(metrics), peer_(peer) {}
  void Rejected(const hj212::Rejection& r) override {
    metrics_.Increment(
        "greenloop_hj212_frames_total",
        "outcome=\"rejected\",reason=\"" + std::string(hj212::RejectName(r.reason)) + "\"");
    spdlog::warn("hj212 {}: rejected {} at offset {} ({} bytes): {}", peer_,
                 hj212::RejectName(r.reason), r.offset, r.dropped, r.detail);
  }

 private:
  http::Metrics& metrics_;
  const std::string& peer_;
};

struct Commit {
  asio::steady_timer timer;
  Status status;
  bool done = false;
  explicit Commit(const asio::any_io_executor& ex)
      : timer(ex, asio::steady_timer::time_point::max()) {}
};
}  // namespace

struct GatewayServer::Impl : std::enable_shared_from_this<Impl> {
  asio::io_context& ioc;
  DeviceRegistry& registry;
  IngestWriter& writer;
  http::Metrics& metrics;
  GatewayOptions options;
  tcp::acceptor acceptor;
  std::atomic<bool> stopping{false};
  std::atomic<size_t> active{0};
  std::mutex mutex;
  // Open connections, for Stop(). `alive` is cleared on the connection's own strand
  // before its socket goes away, so a posted cancel never touches a dead socket.
  struct Conn {
    tcp::socket* socket;
    asio::any_io_executor executor;
    bool alive = true;
  };
  std::unordered_map<std::uint64_t, std::shared_ptr<Conn>> sockets;
  std::uint64_t next_id = 0;

  Impl(asio::io_context& io, DeviceRegistry& r, IngestWriter& w, http::Metrics& m, GatewayOptions o)
      : ioc(io), registry(r), writer(w), metrics(m), options(o), acceptor(io) {}

  // Logs and counts split packets that never got all their pieces.
  void ReportIncomplete(const std::vector<IncompletePacket>& packets, const std::string& peer) {
    for (const IncompletePacket& p : packets) {
      metrics.Increment("greenloop_hj212_split_packets_total", "outcome=\"incomplete\"");
      std::string missing;
      for (int n : p.missing) missing += (missing.empty() ? "" : ",") + std::to_string(n);
      spdlog::warn(
          "hj212 {}: MN {} CN {} DataTime {}: split packet incomplete, pieces {} of {} never came",
          peer, p.mn, p.cn, p.data_time, missing, p.pnum);
    }
  }

  // Files a split upload's piece; false when the piece cannot belong to any packet.
  bool TrackPiece(SplitPacketTracker& tracker, const hj212::Frame& frame, const std::string& peer) {
    if (!frame.split()) return true;
    auto pnum = frame.pnum(), pno = frame.pno();
    PieceOutcome outcome = pnum && pno ? tracker.Add(std::string(frame.mn().value_or("")),
                                                     std::string(frame.cn().value_or("")),
                                                     std::string(frame.data_time().value_or("")),
                                                     *pnum, *pno, std::chrono::steady_clock::now())
                                       : PieceOutcome::kInconsistent;
    switch (outcome) {
      case PieceOutcome::kInconsistent:
        Count("rejected", "bad_split");
        spdlog::warn("hj212 {}: MN {}: split piece PNO={} PNUM={} fits no packet", peer,
                     frame.mn().value_or(""), pno.value_or(-1), pnum.value_or(-1));
        return false;
      case PieceOutcome::kCompleted:
        metrics.Increment("greenloop_hj212_split_packets_total", "outcome=\"complete\"");
        break;
      case PieceOutcome::kRepeat:  // a resend of an unanswered piece: store (a no-op) and answer
                                   // again
      case PieceOutcome::kPending:
        break;
    }
    return true;
  }

  void Count(const std::string& outcome, const std::string& reason = {}) {
    metrics.Increment("greenloop_hj212_frames_total",
                      reason.empty() ? "outcome=\"" + outcome + "\""
                                     : "outcome=\"" + outcome + "\",reason=\"" + reason + "\"");
  }

  asio::awaitable<void> Accept() {
    auto self = shared_from_this();
    while (!stopping) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kUseTuple);
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) break;
        spdlog::warn("hj212 accept: {}", ec.message());
        asio::steady_timer pause(ioc, std::chrono::milliseconds(50));
        co_await pause.async_wait(kUseTuple);
        continue;
      }
      if (active >= options.max_connections) {
        Count("refused", "too_many_connections");
        boost::system::error_code ignored;
        socket.close(ignored);
        continue;
      }
      auto executor = socket.get_executor();
      asio::co_spawn(executor, Serve(std::move(socket)), asio::detached);
    }
  }

  asio::awaitable<void> Serve(tcp::socket socket) {
    auto self = shared_from_this();
    ++active;
    std::uint64_t id;
    auto conn = std::make_shared<Conn>(Conn{&socket, socket.get_executor()});
    {
      std::lock_guard lock(mutex);
      id = next_id++;
      sockets[id] = conn;
    }
    std::string peer;
    {
      boost::system::error_code ec;
      auto ep = socket.remote_endpoint(ec);
      peer = ec ? "?" : ep.address().to_string() + ":" + std::to_string(ep.port());
    }
    co_await ServeFrames(socket, peer);
    conn->alive = false;
    {
      std::lock_guard lock(mutex);
      sockets.erase(id);
    }
    boost::system::error_code ignored;
    socket.close(ignored);
    --active;
  }

  // One frame on its way: its commit to wait for (none for frames that store
  // nothing) and the reply to send once it is committed.
  struct Pending {
    std::shared_ptr<Commit> commit;
    std::string reply;
    std::chrono::steady_clock::time_point received;
  };

  asio::awaitable<void> ServeFrames(tcp::socket& socket, const std::string& peer) {
    CountingReporter reporter(metrics, peer);
    hj212::FramerOptions framer_options;
    framer_options.max_data_length = options.max_data_length;
    // Accept the field's CRC variants at framing; each device's own setting decides below.
    framer_options.AcceptCrc(hj212::CrcVariant::kModbus)
        .AcceptCrc(hj212::CrcVariant::kModbusSwapped);
    hj212::Framer framer(&reporter, framer_options);
    SplitPacketTracker split_packets;
    OutstandingRequests outstanding;
    struct ReportAtExit {
      Impl& impl;
      SplitPacketTracker& tracker;
      const std::string& peer;
      ~ReportAtExit() { impl.ReportIncomplete(tracker.ExpireAll(), peer); }
    } report_at_exit{*this, split_packets, peer};
    hj212::Frame frame, reply;
    std::array<char, 4096>
        buffer;  // a packet is at most ~1 KiB; 10,000 idle devices must stay cheap
    std::vector<Pending> pending;
    std::string out, requests;
    bool greeted = false;  // the first upload of this connection decides on commands
    asio::steady_timer idle(socket.get_executor());
    auto window_start = std::chrono::steady_clock::now();
    int frames_in_window = 0;
    auto executor = socket.get_executor();
    while (!stopping) {
      idle.expires_after(options.idle_timeout);
      idle.async_wait([&socket](boost::system::error_code ec) {
        if (!ec) socket.cancel();  // idle too long: the pending read fails
      });
      auto [ec, n] = co_await socket.async_read_some(asio::buffer(buffer), kUseTuple);
      idle.cancel();
      if (ec) break;
      framer.Feed(std::string_view(buffer.data(), n));
      ReportIncomplete(split_packets.Expire(std::chrono::steady_clock::now()), peer);
      // Every frame of this read is checked and handed to the writer before any is
      // awaited, so one connection's burst shares a commit.
      hj212::RawFrame raw;
      while (framer.Next(&raw)) {
        // Rate cap: past the limit, wait out the second instead of dropping frames.
        if (++frames_in_window > options.max_frames_per_second) {
          asio::steady_timer wait(executor, window_start + std::chrono::seconds(1));
          co_await wait.async_wait(kUseTuple);
          window_start = std::chrono::steady_clock::now();
          frames_in_window = 1;
        } else if (std::chrono::steady_clock::now() - window_start >= std::chrono::seconds(1)) {
          window_start = std::chrono::steady_clock::now();
          frames_in_window = 1;
        }
        hj212::ParseError perr;
        if (!hj212::ParseFrame(raw, &frame, &perr)) {
          Count("rejected", std::string(hj212::RejectName(perr.reason)));
          spdlog::warn("hj212 {}: rejected {} at offset {}: {} ({})", peer,
                       hj212::RejectName(perr.reason), raw.offset, perr.detail, perr.item);
          continue;
        }
        Pending p{nullptr, {}, std::chrono::steady_clock::now()};
        auto device = Check(frame, raw.crc_variant, peer);
        if (!device) continue;
        if (!TrackPiece(split_packets, frame, peer)) continue;
        if (!greeted && frame.cn() == "2011") {
          greeted = true;
          AppendConnectCommands(frame, *device, outstanding, requests);
        }
        NoteAnswer(frame, outstanding, peer);
        p.commit = co_await Submit(frame, *device, executor);
        if (hj212::BuildPlatformReply(frame, &reply) &&
            !hj212::AppendPacket(reply, &p.reply).ok()) {
          p.reply.clear();
        }
        pending.push_back(std::move(p));
      }
      out.clear();
      for (Pending& p : pending) {
        if (p.commit) {
          while (!p.commit->done) co_await p.commit->timer.async_wait(kUseTuple);
          if (!p.commit->status.ok()) {
            Count("failed", "storage");
            continue;  // no acknowledgement: the device resends
          }
          Count("stored");
        }
        out += p.reply;
        if (!p.reply.empty()) {
          metrics.Observe(
              "greenloop_hj212_ack_seconds",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - p.received).count());
        }
      }
      pending.clear();
      AppendResends(outstanding, peer, requests);
      out += requests;
      requests.clear();
      if (!out.empty()) {
        auto [wec, written] = co_await asio::async_write(socket, asio::buffer(out), kUseTuple);
        (void)written;
        if (wec) co_return;
      }
    }
  }

  // The device, when it is registered, its PW matches and its CRC variant is allowed.
  std::optional<DeviceEntry> Check(const hj212::Frame& frame, hj212::CrcVariant crc,
                                   const std::string& peer) {
    std::string mn(frame.mn().value_or(""));
    auto device = registry.Lookup(mn);
    if (!device) {
      Count("rejected", "unknown_mn");
      spdlog::warn("hj212 {}: unknown MN '{}'", peer, mn);
      return std::nullopt;
    }
    if (frame.pw().value_or("") != device->pw) {
      Count("rejected", "bad_pw");
      spdlog::warn("hj212 {}: wrong PW for MN {}", peer, mn);
      return std::nullopt;
    }
    if (crc != hj212::CrcVariant::kHj212 && device->extra_crc != crc) {
      Count("rejected", "bad_crc");
      spdlog::warn("hj212 {}: MN {} sent a {} CRC it is not configured for", peer, mn,
                   hj212::CrcVariantName(crc));
      return std::nullopt;
    }
    return device;
  }

  // On a device's first real-time upload of a connection: set its clock when it is
  // off, and ask for the minute data of a gap since it was last heard from.
  void AppendConnectCommands(const hj212::Frame& frame, const DeviceEntry& device,
                             OutstandingRequests& outstanding, std::string& out) {
    TimeMs now = NowMs();
    auto device_time = monitoring::ParseDataTime(frame.data_time().value_or(""));
    ConnectDecision d =
        DecideOnConnect(now, device_time, registry.LastSeen(device.id), device.interval_s);
    hj212::Version version = device.protocol == "2005"   ? hj212::Version::k2005
                             : device.protocol == "2025" ? hj212::Version::k2025
                                                         : hj212::Version::k2017;
    std::string qn = RequestQn(now);
    hj212::RequestTarget to{qn, device.st, device.pw, device.mn, version};
    hj212::Frame request;
    if (d.set_time) {
      hj212::BuildSetTimeRequest(to, DeviceTimeText(now), &request);
      if (AppendRequest(request, "1012", outstanding, out)) {
        spdlog::info("hj212: MN {} clock is off by {} s: sent 1012", device.mn,
                     device_time ? (*device_time - now) / 1000 : 0);
      }
    }
    if (d.backfill_from) {
      std::string qn2 = RequestQn(now + 1);
      to.qn = qn2;
      hj212::BuildHistoryRequest(to, "2051", DeviceTimeText(*d.backfill_from), DeviceTimeText(now),
                                 &request);
      if (AppendRequest(request, "2051", outstanding, out)) {
        spdlog::info("hj212: MN {} was silent since {}: asked for its minute data", device.mn,
                     FormatIsoShanghai(*d.backfill_from));
      }
    }
  }

  // Encodes a request onto `out` and remembers it until the device answers.
  bool AppendRequest(const hj212::Frame& request, const std::string& cn,
                     OutstandingRequests& outstanding, std::string& out) {
    std::string packet;
    if (!hj212::AppendPacket(request, &packet).ok()) return false;
    out += packet;
    outstanding.Sent(std::string(request.qn().value_or("")), cn, std::move(packet), NowMs());
    Count("request", "cn_" + cn);
    return true;
  }

  // Requests the device has not answered in time go out again; after the last resend
  // the request is given up, counted and logged (the gap it was to fill stays open).
  void AppendResends(OutstandingRequests& outstanding, const std::string& peer, std::string& out) {
    if (outstanding.size() == 0) return;
    std::vector<OutstandingRequests::Request> resend, given_up;
    outstanding.Poll(NowMs(), &resend, &given_up);
    for (const auto& r : resend) {
      out += r.packet;
      Count("request", "cn_" + r.cn + "_resent");
    }
    for (const auto& r : given_up) {
      Count("request", "cn_" + r.cn + "_unanswered");
      spdlog::warn("hj212 {}: request {} (CN {}) unanswered after {} sends; given up", peer, r.qn,
                   r.cn, r.sends);
    }
  }

  // Answers to the platform's requests: counted; a refusal or failure is logged.
  void NoteAnswer(const hj212::Frame& frame, OutstandingRequests& outstanding,
                  const std::string& peer) {
    std::string_view cn = frame.cn().value_or("");
    if (cn == "9011") {
      outstanding.Answered(frame.qn().value_or(""));
      auto rtn = frame.FindField("QnRtn");
      if (rtn != "1")
        spdlog::warn("hj212 {}: MN {} refused request {} (QnRtn={})", peer, frame.mn().value_or(""),
                     frame.qn().value_or(""), rtn.value_or("?"));
    } else if (cn == "9012") {
      auto rtn = frame.FindField("ExeRtn");
      if (rtn != "1")
        spdlog::warn("hj212 {}: MN {} request {} failed (ExeRtn={})", peer, frame.mn().value_or(""),
                     frame.qn().value_or(""), rtn.value_or("?"));
    }
  }

  // Hands an upload's readings to the writer; null for frames that carry none.
  // While the writer's queue is full this waits, and the connection reads nothing.
  asio::awaitable<std::shared_ptr<Commit>> Submit(const hj212::Frame& frame,
                                                  const DeviceEntry& device,
                                                  const asio::any_io_executor& executor) {
    std::string_view cn = frame.cn().value_or("");
    auto kind = monitoring::ReadingKindOfCn(cn);
    if (!kind) {
      Count("accepted", "cn_" + std::string(cn));
      co_return nullptr;
    }
    auto readings = monitoring::ReadingsOfUpload(frame, *kind, device.id);
    auto commit = std::make_shared<Commit>(executor);
    if (!readings.ok()) {
      Count("rejected", "bad_datetime");
      commit->status = readings.error();
      commit->done = true;
      co_return commit;
    }
    IngestJob job;
    job.readings = std::move(readings).value();
    job.device_id = device.id;
    job.site_id = device.site_id;
    job.seen_at = NowMs();
    job.done = [commit, executor](const Status& s) {
      asio::post(executor, [commit, s] {
        commit->status = s;
        commit->done = true;
        commit->timer.cancel();
      });
    };
    while (!writer.TrySubmit(std::move(job))) {
      if (stopping) {
        commit->status = Error(ErrorCode::kUnavailable, "shutting down");
        commit->done = true;
        co_return commit;
      }
      asio::steady_timer wait(executor, std::chrono::milliseconds(5));
      co_await wait.async_wait(kUseTuple);
    }
    co_return commit;
  }
};

GatewayServer::GatewayServer(asio::io_context& ioc, DeviceRegistry& registry, IngestWriter& writer,
                             http::Metrics& metrics, GatewayOptions options)
    : impl_(std::make_shared<Impl>(ioc, registry, writer, metrics, options)) {}

GatewayServer::~GatewayServer() { Stop(); }

Status GatewayServer::Listen(const std::string& host, std::uint16_t port) {
  GL_RETURN_IF_ERROR(http::OpenAcceptor(impl_->acceptor, host, port, "--hj212"));
  asio::co_spawn(impl_->acceptor.get_executor(), impl_->Accept(), asio::detached);
  return Status::Ok();
}

std::uint16_t GatewayServer::port() const {
  boost::system::error_code ec;
  auto ep = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : ep.port();
}

void GatewayServer::Stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->acceptor.get_executor(), [impl = impl_] {
    boost::system::error_code ignored;
    impl->acceptor.close(ignored);
  });
  std::lock_guard lock(impl_->mutex);
  for (auto& [id, conn] : impl_->sockets) {
    asio::post(conn->executor, [conn] {
      if (!conn->alive) return;
      boost::system::error_code ignored;
      conn->socket->cancel(ignored);
    });
  }
}

bool GatewayServer::Wait(std::chrono::steady_clock::time_point deadline) {
  return http::WaitUntilZero(impl_->active, deadline);
}

size_t GatewayServer::active_connections() const { return impl_->active; }

}  // namespace gl::gateway
