// Alarms end to end on an in-process server over real sockets, on SQLite and on
// PostgreSQL: HJ 212 uploads in, the alarm in the API and on the WebSocket stream,
// scope, acknowledge and clear, rules, and a restart that neither loses nor
// duplicates an alarm.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <thread>

#include "greenloop/app/app.h"
#include "greenloop/base/time.h"
#include "greenloop/hj212/encoder.h"
#include "support/demo_app.h"
#include "support/http_client.h"
#include "support/test_db.h"

namespace gl {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using asio::ip::tcp;

// rst-ctm-001's fume monitor (data/demo/sites.json): 朝天门, supervised by eeb.
constexpr const char* kMn = "0100C1A01000031500103015";
constexpr const char* kPw = "953037";
constexpr const char* kPassword = "greenloop-demo";

// The "items" of a list answer (a copy: the parsed body is a temporary).
json::array Items(const testing::HttpResult& r) { return r.Json().at("items").as_array(); }

// YYYYMMDDhhmmss in Asia/Shanghai of `t`.
std::string DataTime(TimeMs t) {
  std::string iso = FormatIsoShanghai(t - t % 1000);  // 2026-11-30T02:45:00.000+08:00
  std::string out;
  for (char c : iso.substr(0, 19)) {
    if (std::isdigit(static_cast<unsigned char>(c))) out += c;
  }
  return out;
}

std::string Upload(TimeMs t, const std::string& fume, const std::string& flag = "N") {
  hj212::Frame f;
  f.SetQn(DataTime(t) + "000");
  f.SetSt("31");
  f.SetCn("2011");
  f.SetPw(kPw);
  f.SetMn(kMn);
  f.SetFlag(4);  // 2017, no acknowledgement asked
  f.SetHasCp(true);
  f.SetDataTime(DataTime(t));
  f.AddFactorValue("gl_fume", "Rtd", fume);
  f.AddFactorValue("gl_fume", "Flag", flag);
  return *hj212::EncodePacket(f);
}

void SendUploads(std::uint16_t port, const std::vector<std::string>& uploads) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  for (const auto& u : uploads) asio::write(socket, asio::buffer(u));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

// A WebSocket client of /api/v1/stream with a session cookie.
class StreamClient {
 public:
  StreamClient(std::uint16_t port, const std::string& cookie, const std::string& origin = "")
      : ws_(io_) {
    beast::get_lowest_layer(ws_).connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    ws_.set_option(websocket::stream_base::decorator([cookie, origin](websocket::request_type& r) {
      if (!cookie.empty()) r.set(beast::http::field::cookie, cookie);
      if (!origin.empty()) r.set(beast::http::field::origin, origin);
    }));
    host_ = "127.0.0.1:" + std::to_string(port);
  }
  // The handshake's error, empty when accepted.
  std::string Handshake() {
    beast::error_code ec;
    websocket::response_type res;
    ws_.handshake(res, host_, "/api/v1/stream", ec);
    status_ = res.result_int();
    return ec ? ec.message() : "";
  }
  // The next message within `timeout_ms`, or empty.
  std::string Next(int timeout_ms = 3000) {
    beast::get_lowest_layer(ws_).expires_after(std::chrono::milliseconds(timeout_ms));
    beast::flat_buffer buf;
    beast::error_code ec;
    ws_.read(buf, ec);
    if (ec) return "";
    return beast::buffers_to_string(buf.data());
  }
  int status() const { return status_; }

 private:
  asio::io_context io_;
  websocket::stream<beast::tcp_stream> ws_;
  std::string host_;
  int status_ = 0;
};

class AlarmsAppTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Start();
  }
  void Start() {
    auto started = testing::StartDemoApp(test_db_->url());
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    app_ = std::move(started).value();
  }
  void TearDown() override {
    app_.reset();
    StoreTest::TearDown();
  }
  testing::TestClient Client(const std::string& login, std::string* cookie = nullptr) {
    testing::TestClient c(app_->http_port());
    auto r = c.Login(login, kPassword);
    EXPECT_EQ(r.status, 200) << r.body;
    if (cookie) {
      std::string set = r.Header("set-cookie");
      *cookie = set.substr(0, set.find(';'));
    }
    return c;
  }
  // Polls until the open fume alarms of rst-ctm-001 number `n` (or 3 s pass).
  json::array OpenFumeAlarms(testing::TestClient& c, size_t n) {
    json::array out;
    for (int i = 0; i < 60; ++i) {
      auto r = c.Get("/api/v1/alarms?status=open&category=pollution");
      out.clear();
      for (const auto& a : Items(r)) {
        if (a.at("site").at("code") == "rst-ctm-001" && a.at("factor") == "gl_fume") {
          out.push_back(a);
        }
      }
      if (out.size() >= n) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return out;
  }
  long long CountAlarms(const std::string& where) {
    long long n = -1;
    EXPECT_TRUE(db().Run([&](soci::session& sql) {
                      sql << "SELECT COUNT(*) FROM alarms " + where, soci::into(n);
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }
  std::unique_ptr<app::App> app_;
};

TEST_P(AlarmsAppTest, ExceedanceShowsInTheApiAndOnTheStreamOnceAndInScope) {
  std::string cookie;
  auto admin = Client("admin", &cookie);
  StreamClient stream(app_->http_port(), cookie);
  ASSERT_EQ(stream.Handshake(), "");
  auto hello = ParseJsonObject(stream.Next());
  ASSERT_TRUE(hello.ok());
  EXPECT_EQ(hello->at("type"), "hello");
  EXPECT_EQ(hello->at("user"), "admin");

  const TimeMs t0 = NowMs() - 5 * 60 * 1000;
  std::vector<std::string> uploads;
  for (int i = 0; i < 5; ++i) uploads.push_back(Upload(t0 + i * 60 * 1000, "2.40"));
  auto sent_at = std::chrono::steady_clock::now();
  SendUploads(app_->hj212_port(), uploads);

  // On the stream: "opened" for rst-ctm-001's fume (DB50/859-2018: 1.0 mg/m³).
  json::object opened;
  for (int i = 0; i < 10 && opened.empty(); ++i) {
    auto m = ParseJsonObject(stream.Next());
    ASSERT_TRUE(m.ok());
    if (m->at("event") == "opened") opened = m->at("alarm").as_object();
  }
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent_at).count();
  ASSERT_FALSE(opened.empty());
  EXPECT_LT(ms, 1000);
  EXPECT_EQ(opened.at("site").at("code"), "rst-ctm-001");
  EXPECT_EQ(opened.at("factor_name"), "油烟");
  EXPECT_EQ(opened.at("category"), "pollution");
  EXPECT_EQ(opened.at("severity"), "critical");  // 2.4 ≥ 2 × 1.0
  EXPECT_EQ(opened.at("threshold").as_double(), 1.0);

  // In the API: exactly one, with the count of the repeats.
  auto open = OpenFumeAlarms(admin, 1);
  ASSERT_EQ(open.size(), 1u);
  const std::string id(open[0].at("id").as_string());
  EXPECT_EQ(open[0].at("id"), opened.at("id"));
  EXPECT_EQ(CountAlarms("WHERE factor = 'gl_fume'"), 1);
  auto detail = admin.Get("/api/v1/alarms/" + id);
  ASSERT_EQ(detail.status, 200);
  EXPECT_GE(detail.Json().at("readings").as_array().size(), 3u);

  // The supervising department sees it; another subdistrict's officer does not.
  auto eeb = Client("eeb.officer");
  EXPECT_EQ(eeb.Get("/api/v1/alarms/" + id).status, 200);
  auto hlq = Client("hlq.officer");
  EXPECT_EQ(hlq.Get("/api/v1/alarms/" + id).status, 404);
  EXPECT_EQ(hlq.Post("/api/v1/alarms/" + id + "/ack", "{}").status, 404);
  auto hlq_list = hlq.Get("/api/v1/alarms?status=open");
  for (const auto& a : Items(hlq_list)) {
    EXPECT_NE(a.at("site").at("code"), "rst-ctm-001");
  }
  auto states = admin.Get("/api/v1/alarms/site-states");
  bool exceeding = false;
  for (const auto& s : Items(states)) {
    exceeding = exceeding ||
                (s.at("site_id") == open[0].at("site").at("id") && s.at("state") == "exceeding");
  }
  EXPECT_TRUE(exceeding);

  // Acknowledge, then clear by hand with a reason; both pushed, both audited.
  auto ack = eeb.Post("/api/v1/alarms/" + id + "/ack", R"({"comment":"已通知商户"})");
  ASSERT_EQ(ack.status, 200) << ack.body;
  EXPECT_EQ(ack.Json().at("status"), "acknowledged");
  EXPECT_EQ(ack.Json().at("acked_by").at("name"), "王志刚");
  EXPECT_EQ(eeb.Post("/api/v1/alarms/" + id + "/ack", "{}").status, 409);
  EXPECT_EQ(eeb.Post("/api/v1/alarms/" + id + "/clear", "{}").ErrorCode(), "invalid_argument");
  auto cleared = eeb.Post("/api/v1/alarms/" + id + "/clear", R"({"reason":"已整改"})");
  ASSERT_EQ(cleared.status, 200);
  EXPECT_EQ(cleared.Json().at("status"), "cleared");
  EXPECT_EQ(cleared.Json().at("clear_reason"), "已整改");
  bool saw_ack = false, saw_clear = false;
  for (int i = 0; i < 10 && !(saw_ack && saw_clear); ++i) {
    auto m = ParseJsonObject(stream.Next(2000));
    if (!m.ok()) break;
    saw_ack = saw_ack || m->at("event") == "acknowledged";
    saw_clear = saw_clear || m->at("event") == "cleared";
  }
  EXPECT_TRUE(saw_ack);
  EXPECT_TRUE(saw_clear);
  long long audits = 0;
  ASSERT_TRUE(db().Run([&](soci::session& sql) {
                    sql << "SELECT COUNT(*) FROM audit_events WHERE action IN ('alarm.ack',"
                           " 'alarm.clear')",
                        soci::into(audits);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(audits, 2);
}

TEST_P(AlarmsAppTest, StreamRefusesStrangersAndOtherOrigins) {
  StreamClient anonymous(app_->http_port(), "");
  EXPECT_NE(anonymous.Handshake(), "");
  EXPECT_EQ(anonymous.status(), 401);
  std::string cookie;
  Client("admin", &cookie);
  StreamClient other(app_->http_port(), cookie, "http://evil.example");
  EXPECT_NE(other.Handshake(), "");
  EXPECT_EQ(other.status(), 403);
  StreamClient same(app_->http_port(), cookie,
                    "http://127.0.0.1:" + std::to_string(app_->http_port()));
  EXPECT_EQ(same.Handshake(), "");
}

TEST_P(AlarmsAppTest, RestartNeitherLosesNorDuplicatesAnAlarm) {
  auto admin = Client("admin");
  const TimeMs t0 = NowMs() - 4 * 60 * 1000;
  std::vector<std::string> uploads;
  for (int i = 0; i < 4; ++i) uploads.push_back(Upload(t0 + i * 60 * 1000, "1.60"));
  SendUploads(app_->hj212_port(), uploads);
  auto open = OpenFumeAlarms(admin, 1);
  ASSERT_EQ(open.size(), 1u);
  const json::value id = open[0].at("id");
  const std::int64_t count = open[0].at("count").as_int64();

  // Restart on the same database: the same one alarm, still active, not recounted.
  app_.reset();
  Start();
  auto again = Client("admin");
  open = OpenFumeAlarms(again, 1);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].at("id"), id);
  EXPECT_EQ(open[0].at("status"), "active");
  EXPECT_EQ(open[0].at("count").as_int64(), count);
  // More of the same problem: the same alarm, counted on.
  SendUploads(app_->hj212_port(), {Upload(t0 + 4 * 60 * 1000, "1.70")});
  for (int i = 0; i < 60; ++i) {
    open = OpenFumeAlarms(again, 1);
    if (open.size() == 1 && open[0].at("count").as_int64() > count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].at("id"), id);
  EXPECT_EQ(open[0].at("count").as_int64(), count + 1);
  EXPECT_EQ(CountAlarms("WHERE factor = 'gl_fume'"), 1);

  // A crash after the readings' commit but before their alarm was stored: the alarm
  // is raised from the stored readings at the next start.
  app_.reset();
  ASSERT_TRUE(db().Run([&](soci::session& sql) {
                    sql << "DELETE FROM alarms";
                    return Status::Ok();
                  })
                  .ok());
  Start();
  auto third = Client("admin");
  open = OpenFumeAlarms(third, 1);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].at("status"), "active");
  EXPECT_EQ(CountAlarms("WHERE factor = 'gl_fume'"), 1);
}

TEST_P(AlarmsAppTest, RulesAreSeededAndOnlyAdminsChangeThem) {
  auto admin = Client("admin");
  auto list = admin.Get("/api/v1/alarm-rules");
  ASSERT_EQ(list.status, 200);
  json::value fume_rule;
  for (const auto& r : Items(list)) {
    if (r.at("site_kind") == "restaurant" && r.at("kind") == "exceedance") fume_rule = r;
  }
  ASSERT_FALSE(fume_rule.is_null());
  const std::string id(fume_rule.at("id").as_string());
  auto officer = Client("eeb.officer");
  EXPECT_EQ(officer.Get("/api/v1/alarm-rules").status, 200);
  EXPECT_EQ(officer.Patch("/api/v1/alarm-rules/" + id, R"({"hold_count":5})").status, 403);
  auto patched = admin.Patch("/api/v1/alarm-rules/" + id, R"({"hold_count":5})");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Json().at("hold_count"), 5);
  EXPECT_EQ(admin.Patch("/api/v1/alarm-rules/" + id, R"({"hold_count":0})").ErrorCode(),
            "invalid_argument");
  EXPECT_EQ(admin.Patch("/api/v1/alarm-rules/" + id, R"({"kind":"suspect"})").ErrorCode(),
            "invalid_argument");
  // A site override: created, listed, deleted.
  auto sites = admin.Get("/api/v1/sites?q=rst-ctm-001");
  ASSERT_EQ(sites.status, 200);
  const std::string site(Items(sites)[0].at("id").as_string());
  auto created = admin.Post(
      "/api/v1/alarm-rules",
      R"({"site_id":")" + site +
          R"(","kind":"exceedance","factor":"gl_fume","name":"本店限值 0.8","limit":0.8})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string override_id(created.Json().at("id").as_string());
  EXPECT_EQ(admin.Delete("/api/v1/alarm-rules/" + override_id).status, 204);
  EXPECT_EQ(admin.Delete("/api/v1/alarm-rules/" + override_id).status, 404);
}

GL_INSTANTIATE_STORE_TEST(AlarmsAppTest);

}  // namespace
}  // namespace gl
