// The HJ 212 gateway over real TCP sockets, against an in-process server on the
// demo district, on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <thread>

#include "greenloop/app/app.h"
#include "greenloop/base/time.h"
#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/parser.h"
#include "greenloop/monitoring/rules.h"
#include "support/demo_app.h"
#include "support/http_client.h"
#include "support/test_db.h"

namespace gl {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

// A demo device (data/demo/sites.json): restaurant rst-ctm-001's fume monitor, HJ 212-2017.
constexpr const char* kMn = "0100C1A01000031500103015";
constexpr const char* kPw = "953037";

// A 2011 upload with Flag=5 (version 2017 + A bit): the gateway must answer 9014.
std::string Upload(const std::string& data_time, const std::string& fume,
                   const std::string& pw = kPw, const std::string& mn = kMn,
                   const std::string& flag = "N") {
  hj212::Frame f;
  f.SetQn(data_time + "000");
  f.SetSt("31");
  f.SetCn("2011");
  f.SetPw(pw);
  f.SetMn(mn);
  f.SetFlag(5);
  f.SetHasCp(true);
  f.SetDataTime(data_time);
  f.AddFactorValue("gl_fume", "Rtd", fume);
  f.AddFactorValue("gl_fume", "Flag", flag);
  return *hj212::EncodePacket(f);
}

// Data times in Asia/Shanghai, one minute apart from 2026-11-29 10:00.
std::string Minute(int i) {
  int hour = 10 + (i / 60) % 12, minute = i % 60;
  return "20261129" + std::string(hour < 10 ? "0" : "") + std::to_string(hour) +
         (minute < 10 ? "0" : "") + std::to_string(minute) + "00";
}

class Device {
 public:
  explicit Device(std::uint16_t port) : socket_(io_) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
  }
  void Send(const std::string& bytes) { asio::write(socket_, asio::buffer(bytes)); }
  // Reads until `n` packets with CN `cn` (any CN when empty) arrived or the timeout
  // passes; returns the CNs and QNs of those packets.
  std::vector<std::pair<std::string, std::string>> Replies(size_t n, int timeout_ms = 3000,
                                                           const std::string& cn = "9014") {
    std::vector<std::pair<std::string, std::string>> out;
    socket_.non_blocking(true);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    std::array<char, 4096> buf;
    while (out.size() < n && std::chrono::steady_clock::now() < deadline) {
      boost::system::error_code ec;
      size_t got = socket_.read_some(asio::buffer(buf), ec);
      if (ec == asio::error::would_block) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      if (ec) break;
      framer_.Feed(std::string_view(buf.data(), got));
      hj212::RawFrame raw;
      while (framer_.Next(&raw)) {
        hj212::Frame f;
        hj212::ParseError err;
        if (hj212::ParseFrame(raw, &f, &err) && (cn.empty() || f.cn() == cn)) {
          out.emplace_back(std::string(f.cn().value_or("")), std::string(f.qn().value_or("")));
          if (f.cn() == "2051") last_begin_ = std::string(f.FindField("BeginTime").value_or(""));
        }
      }
    }
    return out;
  }

 private:
  struct NullReporter : hj212::RejectReporter {
    void Rejected(const hj212::Rejection&) override {}
  } reporter_;
  asio::io_context io_;
  tcp::socket socket_;
  hj212::Framer framer_{&reporter_};

 public:
  std::string last_begin_;  // BeginTime of the last 2051 history request seen
};

class GatewayTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto started = testing::StartDemoApp(test_db_->url());
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    app_ = std::move(started).value();
  }
  void TearDown() override {
    app_.reset();
    StoreTest::TearDown();
  }
  long long Count(const std::string& where) {
    long long n = -1;
    EXPECT_TRUE(db().Run([&](soci::session& sql) {
                      sql << "SELECT COUNT(*) FROM readings r JOIN devices d ON d.id = r.device_id"
                             " WHERE d.mn = '" +
                                 std::string(kMn) + "'" + where,
                          soci::into(n);
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }
  std::unique_ptr<app::App> app_;
};

TEST_P(GatewayTest, UploadIsStoredThenAcknowledged) {
  Device device(app_->hj212_port());
  device.Send(Upload(Minute(0), "1.35"));
  auto replies = device.Replies(1);
  ASSERT_EQ(replies.size(), 1u);
  EXPECT_EQ(replies[0].first, "9014");
  EXPECT_EQ(replies[0].second, Minute(0) + "000");
  // The acknowledgement came after the commit: the reading is there right now.
  EXPECT_EQ(Count(""), 1);
}

TEST_P(GatewayTest, StreamCutAtEveryBytePositionLosesNothing) {
  std::string packet = Upload(Minute(0), "1.00");
  Device device(app_->hj212_port());
  for (size_t cut = 1; cut < packet.size(); cut += 7) {
    std::string p = Upload(Minute(static_cast<int>(cut)), "1.00");
    device.Send(p.substr(0, cut));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    device.Send(p.substr(cut));
  }
  size_t expected = 0;
  for (size_t cut = 1; cut < packet.size(); cut += 7) ++expected;
  EXPECT_EQ(device.Replies(expected, 10000).size(), expected);
  EXPECT_EQ(Count(""), static_cast<long long>(expected));
}

TEST_P(GatewayTest, BadFramesAreRejectedAndTheNextOnesStillCount) {
  Device device(app_->hj212_port());
  std::string bad_crc = Upload(Minute(1), "2.0");
  bad_crc[bad_crc.size() - 3] = bad_crc[bad_crc.size() - 3] == '0' ? '1' : '0';
  device.Send("garbage" + bad_crc + Upload(Minute(2), "2.0", "000000") +
              Upload(Minute(3), "2.0", kPw, "UNKNOWNMN0000000000000") + "##99" +
              Upload(Minute(4), "2.0"));
  auto replies = device.Replies(4, 1500);
  ASSERT_EQ(replies.size(), 1u);  // only the good one
  EXPECT_EQ(replies[0].second, Minute(4) + "000");
  EXPECT_EQ(Count(""), 1);
  std::string metrics = testing::TestClient(app_->http_port()).Get("/metrics").body;
  for (const char* reason : {"bad_crc", "bad_pw", "unknown_mn"}) {
    EXPECT_NE(metrics.find(std::string("reason=\"") + reason + "\""), std::string::npos) << reason;
  }
}

TEST_P(GatewayTest, ResendIsStoredOnceAndAggregatedOnce) {
  Device device(app_->hj212_port());
  device.Send(Upload(Minute(5), "2.0"));
  device.Send(Upload(Minute(6), "4.0"));
  device.Send(Upload(Minute(7), "9.0", kPw, kMn, "D"));  // a fault: stored, not averaged
  device.Send(Upload(Minute(5), "2.0"));                 // resend
  ASSERT_EQ(device.Replies(4).size(), 4u);               // a resend is acknowledged again
  EXPECT_EQ(Count(""), 3);
  long long count = 0, valid = 0;
  double sum = 0;
  ASSERT_TRUE(db().Run([&](soci::session& sql) {
                    sql << "SELECT count, valid_count, sum_value FROM aggregates WHERE factor ="
                           " 'gl_fume' AND period = 1",
                        soci::into(count), soci::into(valid), soci::into(sum);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(count, 3);
  EXPECT_EQ(valid, 2);
  EXPECT_DOUBLE_EQ(sum, 6.0);
}

TEST_P(GatewayTest, ReadingsShowInTheApi) {
  Device device(app_->hj212_port());
  device.Send(Upload(Minute(10), "1.25"));
  ASSERT_EQ(device.Replies(1).size(), 1u);
  testing::TestClient admin(app_->http_port());
  ASSERT_EQ(admin.Login("admin", "greenloop-demo").status, 200);
  json::value sites = admin.Get("/api/v1/sites?q=rst-ctm-001").Json();
  std::string site(sites.at("items").at(0).at("id").as_string());
  auto raw = admin.Get("/api/v1/sites/" + site +
                       "/readings?factor=gl_fume&from=2026-11-29T00:00:00%2B08:00&to=2026-11-30");
  ASSERT_EQ(raw.status, 200) << raw.body;
  json::value body = raw.Json();
  ASSERT_EQ(body.at("items").as_array().size(), 1u);
  EXPECT_EQ(body.at("items").at(0).at("text").as_string(), "1.25");
  EXPECT_EQ(body.at("items").at(0).at("t").as_string(), "2026-11-29T10:10:00.000+08:00");
  auto hour_reply = admin.Get("/api/v1/sites/" + site +
                              "/readings?factor=gl_fume&kind=hour&from=2026-11-29&to=2026-11-30");
  ASSERT_EQ(hour_reply.status, 200) << hour_reply.body;
  auto hour = hour_reply.Json();
  ASSERT_FALSE(hour.at("items").as_array().empty()) << hour_reply.body;
  EXPECT_EQ(hour.at("items").at(0).at("t").as_string(), "2026-11-29T10:00:00.000+08:00");
  EXPECT_EQ(hour.at("items").at(0).at("count").as_int64(), 1);
  auto bad = admin.Get("/api/v1/sites/" + site + "/readings?factor=gl_fume&kind=week");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json().at("field").as_string(), "kind");
  testing::TestClient hlq(app_->http_port());
  ASSERT_EQ(hlq.Login("hlq.officer", "greenloop-demo").status, 200);
  EXPECT_EQ(hlq.Get("/api/v1/sites/" + site).status, 404);  // a 朝天门 site
}

TEST_P(GatewayTest, AdminChangesASiteAndOthersMayNot) {
  testing::TestClient admin(app_->http_port());
  ASSERT_EQ(admin.Login("admin", "greenloop-demo").status, 200);
  json::value sites = admin.Get("/api/v1/sites?q=rst-ctm-001").Json();
  std::string site(sites.at("items").at(0).at("id").as_string());
  auto changed =
      admin.Patch("/api/v1/sites/" + site,
                  R"({"name":"改名的餐馆","location":[106.58,29.56],"department_id":null})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  json::value got = admin.Get("/api/v1/sites/" + site).Json();
  EXPECT_EQ(got.at("name").as_string(), "改名的餐馆");
  EXPECT_DOUBLE_EQ(got.at("location").at(0).to_number<double>(), 106.58);
  EXPECT_TRUE(got.at("department_id").is_null());
  EXPECT_EQ(got.at("attributes").at("fume_standard").as_string(), "DB50/859-2018");  // kept
  testing::TestClient officer(app_->http_port());
  ASSERT_EQ(officer.Login("eeb.officer", "greenloop-demo").status, 200);
  EXPECT_EQ(officer.Patch("/api/v1/sites/" + site, R"({"name":"x"})").status, 403);
}

TEST_P(GatewayTest, StaleClockGetsTimeCalibrationAndAGapGetsAHistoryRequest) {
  {
    Device device(app_->hj212_port());
    // The test's data times are days away from the platform's clock.
    device.Send(Upload(Minute(20), "1.0"));
    auto set_time = device.Replies(1, 3000, "1012");
    ASSERT_EQ(set_time.size(), 1u);
  }
  // Pretend the device was last heard from two hours ago, then let it reconnect.
  gl::TimeMs two_hours_ago = NowMs() - 2 * 3600 * 1000;
  std::string mn = kMn;
  ASSERT_TRUE(db().Run([&](soci::session& sql) {
                    sql << "UPDATE devices SET last_seen_at = :t WHERE mn = :mn",
                        soci::use(two_hours_ago), soci::use(mn);
                    return Status::Ok();
                  })
                  .ok());
  Device device(app_->hj212_port());
  device.Send(Upload(Minute(21), "1.0"));
  auto history = device.Replies(1, 3000, "2051");
  ASSERT_EQ(history.size(), 1u);
  gl::CivilTime c = gl::ToCivil(two_hours_ago + kShanghaiOffsetMs);
  char begin[20];
  std::snprintf(begin, sizeof begin, "%04d%02d%02d%02d%02d", c.year % 10000, c.month % 100,
                c.day % 100, c.hour % 100, c.minute % 100);
  EXPECT_EQ(device.last_begin_.substr(0, 12), std::string(begin));
}

// HJ 212-2017 Appendix C.49/C.50: each piece of a split upload has its own QN, repeats
// DataTime, carries some of the factors and is answered on its own.
std::string Piece(const std::string& data_time, int pnum, int pno, const std::string& factor,
                  const std::string& value) {
  hj212::Frame f;
  f.SetQn(data_time + "00" + std::to_string(pno));
  f.SetSt("31");
  f.SetCn("2011");
  f.SetPw(kPw);
  f.SetMn(kMn);
  f.SetFlag(4 | 2 | 1);  // version 2017, D (split) and A (answer wanted)
  f.SetPnum(pnum);
  f.SetPno(pno);
  f.SetHasCp(true);
  f.SetDataTime(data_time);
  f.AddFactorValue(factor, "Rtd", value);
  return *hj212::EncodePacket(f);
}

TEST_P(GatewayTest, SplitUploadPiecesAreStoredAnsweredAndTracked) {
  Device device(app_->hj212_port());
  // Out of order, one resent, and one piece that cannot belong to its packet.
  device.Send(
      Piece(Minute(20), 2, 2, "gl_fan_i", "3.2") + Piece(Minute(20), 2, 3, "gl_fume", "9.9") +
      Piece(Minute(20), 2, 1, "gl_fume", "1.10") + Piece(Minute(20), 2, 1, "gl_fume", "1.10"));
  auto replies = device.Replies(4, 1500);
  ASSERT_EQ(replies.size(), 3u);  // PNO 3 of 2 is refused; the resend is answered again
  EXPECT_EQ(Count(" AND r.t = " + std::to_string(*monitoring::ParseDataTime(Minute(20)))), 2);
  std::string metrics = testing::TestClient(app_->http_port()).Get("/metrics").body;
  EXPECT_NE(metrics.find("greenloop_hj212_split_packets_total{outcome=\"complete\"} 1"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("reason=\"bad_split\""), std::string::npos);
}

GL_INSTANTIATE_STORE_TEST(GatewayTest);

}  // namespace
}  // namespace gl
