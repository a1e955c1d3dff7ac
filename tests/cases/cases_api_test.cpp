// The staff routes of cases through a real socket on an in-process demo server,
// on SQLite and PostgreSQL: intake, the loop by hlq.officer and the inspector,
// 403/404/409 answers, lists with filters, routing, categories, notifications.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <future>

#include "greenloop/app/app.h"
#include "support/demo_app.h"
#include "support/http_client.h"
#include "support/test_db.h"

namespace gl {
namespace {

using testing::TestClient;

class CasesApiTest : public testing::StoreTest {
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
  TestClient SignedIn(const std::string& login) {
    TestClient c(app_->http_port());
    auto r = c.Login(login, "greenloop-demo");
    EXPECT_EQ(r.status, 200) << r.body;
    return c;
  }
  std::unique_ptr<app::App> app_;
};

std::vector<std::string> Actions(const json::value& c) {
  std::vector<std::string> out;
  for (const auto& a : c.at("actions").as_array()) out.emplace_back(a.as_string());
  return out;
}

TEST_P(CasesApiTest, HotlineCaseHandledByHlqOfficerVerifiedAndClosedByInspector) {
  TestClient eeb = SignedIn("eeb.officer");
  TestClient hlq = SignedIn("hlq.officer");
  TestClient syl = SignedIn("syl.officer");
  TestClient inspector = SignedIn("inspector");

  auto created = eeb.Post("/api/v1/cases", R"({"source":"hotline","category":"air.fume",
      "title":"热线：化龙桥临街餐馆油烟扰民","description":"来电反映晚间油烟大",
      "location":{"lon":106.5142,"lat":29.5553},"address":"化龙桥某临街商铺",
      "reporter":{"name":"王先生","phone":"13900000000"}})");
  ASSERT_EQ(created.status, 201) << created.body;
  json::value c = created.Json();
  std::string id(c.at("id").as_string());
  std::string number(c.at("number").as_string());
  EXPECT_EQ(number.substr(0, 8), "YZ-2026-");
  EXPECT_EQ(c.at("status").as_string(), "reported");
  EXPECT_EQ(c.at("subdistrict").at("name").as_string(), "化龙桥街道");
  EXPECT_EQ(c.at("category").at("name").as_string(), "餐饮油烟");
  EXPECT_TRUE(c.at("duplicates").as_array().empty());
  EXPECT_EQ(Actions(c), (std::vector<std::string>{"accept", "reject", "merge", "note"}));
  EXPECT_EQ(c.at("reporter").at("phone").as_string(), "13900000000");

  // Routing answer for the dispatcher.
  std::string hlq_id(c.at("subdistrict").at("id").as_string());
  auto route = eeb.Get("/api/v1/cases/routing?category=air.fume&subdistrict=" + hlq_id);
  ASSERT_EQ(route.status, 200) << route.body;
  EXPECT_EQ(route.Json().at("lead_unit").at("name").as_string(), "化龙桥街道");

  // Wrong role: 403; wrong status: 409; another unit: 404.
  EXPECT_EQ(hlq.Post("/api/v1/cases/" + id + "/accept", "{}").status, 403);
  EXPECT_EQ(eeb.Post("/api/v1/cases/" + id + "/close", "{}").status, 409);
  EXPECT_EQ(syl.Get("/api/v1/cases/" + id).status, 404);
  EXPECT_EQ(eeb.Post("/api/v1/cases/" + id + "/fly", "{}").status, 404);
  auto missing = eeb.Post("/api/v1/cases/" + id + "/reject", R"({"reason":"invalid"})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.Json().at("field").as_string(), "note");

  ASSERT_EQ(eeb.Post("/api/v1/cases/" + id + "/accept", R"({"note":"属实"})").status, 200);
  auto dispatched = eeb.Post("/api/v1/cases/" + id + "/dispatch", "{}");
  ASSERT_EQ(dispatched.status, 200) << dispatched.body;
  EXPECT_EQ(dispatched.Json().at("lead_unit").at("name").as_string(), "化龙桥街道");
  EXPECT_FALSE(dispatched.Json().at("due_at").is_null());

  // hlq.officer: notified, sees it in the list, handles it.
  auto notes = hlq.Get("/api/v1/notifications?unread=1");
  ASSERT_EQ(notes.status, 200);
  ASSERT_EQ(notes.Json().at("total").as_int64(), 1);
  EXPECT_EQ(notes.Json().at("items").at(0).at("case").at("number").as_string(), number);
  auto list = hlq.Get("/api/v1/cases?status=dispatched&category=air&sort=-due_at");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.Json().at("total").as_int64(), 1);
  EXPECT_EQ(Actions(list.Json().at("items").at(0)),
            (std::vector<std::string>{"start", "return", "note"}));
  EXPECT_EQ(syl.Get("/api/v1/cases").Json().at("total").as_int64(), 0);
  EXPECT_EQ(syl.Get("/api/v1/cases?unit=" + hlq_id).status, 403);
  ASSERT_EQ(hlq.Post("/api/v1/cases/" + id + "/start", "").status, 200);
  auto resolved = hlq.Post("/api/v1/cases/" + id + "/resolve",
                           R"({"result":"已责令清洗排烟管道并加装净化器"})");
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(resolved.Json().at("status").as_string(), "resolved");

  // The inspector sends it back once, then verifies and closes.
  ASSERT_EQ(
      inspector.Post("/api/v1/cases/" + id + "/send_back", R"({"reason":"复查仍有油烟"})").status,
      200);
  ASSERT_EQ(
      hlq.Post("/api/v1/cases/" + id + "/resolve", R"({"result":"净化器已安装并运行"})").status,
      200);
  ASSERT_EQ(inspector.Post("/api/v1/cases/" + id + "/verify", "{}").status, 200);
  auto closed = inspector.Post("/api/v1/cases/" + id + "/close", R"({"note":"结案"})");
  ASSERT_EQ(closed.status, 200) << closed.body;
  json::value done = closed.Json();
  EXPECT_EQ(done.at("status").as_string(), "closed");
  EXPECT_FALSE(done.at("closed_at").is_null());
  std::vector<std::string> steps;
  for (const auto& e : done.at("timeline").as_array())
    steps.emplace_back(e.at("action").as_string());
  EXPECT_EQ(steps, (std::vector<std::string>{"create", "accept", "dispatch", "start", "resolve",
                                             "send_back", "resolve", "verify", "close"}));
  EXPECT_FALSE(done.at("timeline").at(5).at("public").as_bool());
  EXPECT_EQ(done.at("timeline").at(3).at("actor").at("unit").as_string(), "化龙桥街道");
  EXPECT_EQ(Actions(done), (std::vector<std::string>{"reopen", "note"}));
}

TEST_P(CasesApiTest, CategoriesTemplatesAndBadInput) {
  TestClient admin = SignedIn("admin");
  auto cats = admin.Get("/api/v1/case-categories");
  ASSERT_EQ(cats.status, 200);
  EXPECT_EQ(cats.Json().at("items").at(0).at("name").as_string(), "治水");
  EXPECT_FALSE(cats.Json().at("items").at(0).at("children").as_array().empty());
  EXPECT_EQ(admin.Post("/api/v1/cases", R"({"source":"hotline","category":"air.fume"})").status,
            400);
  auto typo = admin.Post("/api/v1/cases", R"({"source":"hotline","category":"air.fume","title":"t",
      "description":"d","colour":"red"})");
  EXPECT_EQ(typo.status, 400);
  EXPECT_EQ(admin.Post("/api/v1/cases", "{not json").status, 400);
  EXPECT_EQ(admin.Get("/api/v1/cases?status=lost").status, 400);
  // Admins edit a reply template; officers may not.
  auto edited =
      admin.Patch("/api/v1/case-templates",
                  R"({"category":"*","action":"accept","text":"已受理，编号 {number}。"})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.Json().at("templates").at("*").at("accept").as_string(),
            "已受理，编号 {number}。");
  TestClient eeb = SignedIn("eeb.officer");
  EXPECT_EQ(eeb.Patch("/api/v1/case-templates", R"({"category":"*","action":"accept","text":"x"})")
                .status,
            403);
  auto created =
      eeb.Post("/api/v1/cases", R"({"source":"patrol","category":"city.construction_noise",
      "title":"巡查：夜间施工","description":"22:30 仍在施工","location":{"lon":106.516,"lat":29.537}})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id(created.Json().at("id").as_string());
  auto accepted = eeb.Post("/api/v1/cases/" + id + "/accept", "{}");
  ASSERT_EQ(accepted.status, 200);
  std::string number(created.Json().at("number").as_string());
  EXPECT_EQ(accepted.Json().at("timeline").at(1).at("text").as_string(),
            "已受理，编号 " + number + "。");
}

// A one-shot HTTP receiver on a free loopback port: answers 200 and hands over what it got.
class OneShotReceiver {
 public:
  OneShotReceiver() : acceptor_(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    thread_ = std::thread([this] {
      try {
        boost::asio::ip::tcp::socket socket(ioc_);
        acceptor_.accept(socket);
        std::string data;
        boost::asio::read_until(socket, boost::asio::dynamic_buffer(data), "\r\n\r\n");
        auto pos = data.find("Content-Length: ");
        size_t length = pos == std::string::npos ? 0 : std::stoul(data.substr(pos + 16));
        size_t body_at = data.find("\r\n\r\n") + 4;
        while (data.size() < body_at + length) {
          char buf[4096];
          size_t n = socket.read_some(boost::asio::buffer(buf));
          data.append(buf, n);
        }
        boost::asio::write(
            socket, boost::asio::buffer(std::string(
                        "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")));
        got_.set_value(data.substr(body_at));
      } catch (const std::exception& e) {
        got_.set_value(std::string("error: ") + e.what());
      }
    });
  }
  ~OneShotReceiver() {
    acceptor_.close();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return acceptor_.local_endpoint().port(); }
  std::future<std::string> Body() { return got_.get_future(); }

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::promise<std::string> got_;
  std::thread thread_;
};

TEST_P(CasesApiTest, DispatchIsPostedToTheLeadUnitsWebhook) {
  TestClient admin = SignedIn("admin");
  TestClient eeb = SignedIn("eeb.officer");
  auto created = eeb.Post("/api/v1/cases", R"({"source":"inspection","category":"air.fume",
      "title":"检查：油烟净化器未运行","description":"现场检查发现净化器关闭",
      "location":{"lon":106.5142,"lat":29.5553}})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id(created.Json().at("id").as_string());
  std::string hlq(created.Json().at("subdistrict").at("id").as_string());
  OneShotReceiver receiver;
  auto body = receiver.Body();
  std::string url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/greenloop";
  EXPECT_EQ(eeb.Patch("/api/v1/case-webhooks/" + hlq, R"({"url":")" + url + R"("})").status, 403);
  auto set = admin.Patch("/api/v1/case-webhooks/" + hlq, R"({"url":")" + url + R"("})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(admin.Get("/api/v1/case-webhooks/" + hlq).Json().at("url").as_string(), url);
  ASSERT_EQ(eeb.Post("/api/v1/cases/" + id + "/accept", "{}").status, 200);
  ASSERT_EQ(eeb.Post("/api/v1/cases/" + id + "/dispatch", "{}").status, 200);
  ASSERT_EQ(body.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  auto posted = ParseJsonObject(body.get());
  ASSERT_TRUE(posted.ok());
  EXPECT_EQ(posted->at("kind").as_string(), "dispatch");
  EXPECT_EQ(posted->at("unit_id").as_string(), hlq);
  EXPECT_EQ(posted->at("case").at("id").as_string(), id);
  EXPECT_EQ(posted->at("case").at("status").as_string(), "dispatched");
}

GL_INSTANTIATE_STORE_TEST(CasesApiTest);

}  // namespace
}  // namespace gl
