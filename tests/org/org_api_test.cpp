// People, units, sign-in and tokens through the real HTTP API of an in-process
// server, on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include "greenloop/app/app.h"
#include "greenloop/audit/audit.h"
#include "support/demo_app.h"
#include "support/http_client.h"
#include "support/test_db.h"

namespace gl {
namespace {

using testing::TestClient;

class OrgApiTest : public testing::StoreTest {
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
  std::string UnitId(TestClient& c, const std::string& code) {
    json::value list = c.Get("/api/v1/units?q=" + code + "&page_size=500").Json();
    for (const auto& u : list.at("items").as_array()) {
      if (u.at("code").as_string() == code) return std::string(u.at("id").as_string());
    }
    ADD_FAILURE() << "no unit " << code;
    return "";
  }
  std::unique_ptr<app::App> app_;
};

TEST_P(OrgApiTest, HealthzNamesTheDatabase) {
  auto r = TestClient(app_->http_port()).Get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.Json().at("status").as_string(), "ok");
  EXPECT_EQ(r.Json().at("db").as_string(), GetParam());
}

TEST_P(OrgApiTest, SubdistrictOfficerCannotListAnotherSubdistrict) {
  TestClient hlq = SignedIn("hlq.officer");
  TestClient admin = SignedIn("admin");
  std::string syl = UnitId(admin, "syl");
  auto denied = hlq.Get("/api/v1/people?unit=" + syl);
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(denied.ErrorCode(), "forbidden");
  auto allowed = admin.Get("/api/v1/people?unit=" + syl);
  EXPECT_EQ(allowed.status, 200);
  EXPECT_GE(allowed.Json().at("total").as_int64(), 1);
}

TEST_P(OrgApiTest, OfficerListSeesOnlyOwnScopeAndOthersReadAsNotFound) {
  TestClient hlq = SignedIn("hlq.officer");
  auto mine = hlq.Get("/api/v1/people?page_size=500");
  ASSERT_EQ(mine.status, 200);
  TestClient admin = SignedIn("admin");
  std::string hlq_id = UnitId(admin, "hlq");
  json::value people = mine.Json();
  for (const auto& p : people.at("items").as_array()) {
    // Either hlq itself or an enterprise under it.
    json::value unit = admin.Get("/api/v1/units/" + std::string(p.at("unit_id").as_string())).Json();
    bool in_hlq = unit.at("id").as_string() == hlq_id ||
                  (unit.at("parent_id").is_string() && unit.at("parent_id").as_string() == hlq_id);
    EXPECT_TRUE(in_hlq) << p.at("login").as_string();
  }
  EXPECT_GE(people.at("total").as_int64(), 2);
  auto syl_people = admin.Get("/api/v1/people?q=syl.officer");
  std::string syl_officer(syl_people.Json().at("items").at(0).at("id").as_string());
  EXPECT_EQ(hlq.Get("/api/v1/people/" + syl_officer).status, 404);
  EXPECT_EQ(admin.Get("/api/v1/people/" + syl_officer).status, 200);
}

TEST_P(OrgApiTest, FiveWrongPasswordsLockTheLogin) {
  TestClient c(app_->http_port());
  for (int i = 0; i < 5; ++i) {
    auto r = c.Login("eeb.officer", "not-the-password");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.ErrorCode(), "bad_credentials");
  }
  auto locked = c.Login("eeb.officer", "greenloop-demo");
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.ErrorCode(), "too_many_requests");
  // Other logins are not affected.
  EXPECT_EQ(c.Login("eeb.leader", "greenloop-demo").status, 200);
}

TEST_P(OrgApiTest, MutationsNeedCsrfFromBrowserSessions) {
  TestClient admin = SignedIn("admin");
  std::string eeb = UnitId(admin, "eeb");
  std::string body = R"({"login":"new.officer","name":"新同事","unit_id":")" + eeb +
                     R"(","roles":["officer"],"password":"long-enough-pw"})";
  admin.set_send_csrf(false);
  auto no_csrf = admin.Post("/api/v1/people", body);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(no_csrf.ErrorCode(), "csrf_failed");
  admin.set_send_csrf(true);
  auto created = admin.Post("/api/v1/people", body);
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(admin.Post("/api/v1/people", body).status, 409);  // the login is taken now
  TestClient newcomer(app_->http_port());
  EXPECT_EQ(newcomer.Login("new.officer", "long-enough-pw").status, 200);
}

TEST_P(OrgApiTest, BadInputNamesTheField) {
  TestClient admin = SignedIn("admin");
  std::string eeb = UnitId(admin, "eeb");
  auto short_pw = admin.Post("/api/v1/people", R"({"login":"x1","name":"X","unit_id":")" + eeb +
                                                   R"(","roles":["officer"],"password":"short"})");
  EXPECT_EQ(short_pw.status, 400);
  EXPECT_EQ(short_pw.Json().at("field").as_string(), "password");
  auto bad_role = admin.Post("/api/v1/people", R"({"login":"x2","name":"X","unit_id":")" + eeb +
                                                   R"(","roles":["king"],"password":"long-enough-pw"})");
  EXPECT_EQ(bad_role.Json().at("field").as_string(), "roles");
  auto wrong_type = admin.Post("/api/v1/units", R"({"kind":"department","code":7,"name":"X","parent_id":")" + eeb + R"("})");
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(wrong_type.Json().at("field").as_string(), "code");
  auto unknown = admin.Post("/api/v1/units", R"({"kind":"department","code":"x","name":"X","colour":"red"})");
  EXPECT_EQ(unknown.Json().at("field").as_string(), "colour");
  EXPECT_EQ(admin.Get("/api/v1/people?page_size=0").Json().at("field").as_string(), "page_size");
  EXPECT_EQ(admin.Get("/api/v1/people/123456789").status, 404);
}

TEST_P(OrgApiTest, OnlyAdminsChangeTheOrganisation) {
  TestClient leader = SignedIn("eeb.leader");
  std::string eeb = UnitId(leader, "eeb");
  auto r = leader.Post("/api/v1/units", R"({"kind":"department","code":"x","name":"X","parent_id":")" + eeb + R"("})");
  EXPECT_EQ(r.status, 403);
}

TEST_P(OrgApiTest, ChangesAreAuditedAndChainHolds) {
  TestClient admin = SignedIn("admin");
  std::string eeb = UnitId(admin, "eeb");
  auto unit = admin.Post("/api/v1/units", R"({"kind":"department","code":"eeb.lab","name":"监测站","parent_id":")" + eeb + R"("})");
  ASSERT_EQ(unit.status, 201) << unit.body;
  std::string unit_id(unit.Json().at("id").as_string());
  auto person = admin.Post("/api/v1/people", R"({"login":"lab.tech","name":"化验员","unit_id":")" + unit_id +
                                                 R"(","roles":["officer"],"password":"long-enough-pw"})");
  ASSERT_EQ(person.status, 201);
  std::string person_id(person.Json().at("id").as_string());
  EXPECT_EQ(admin.Patch("/api/v1/people/" + person_id, R"({"name":"高级化验员","phone":"023-1234"})").status, 200);
  EXPECT_EQ(admin.Post("/api/v1/units/" + unit_id + "/deactivate", "").status, 409);  // still has people
  EXPECT_EQ(admin.Post("/api/v1/people/" + person_id + "/deactivate", "").status, 200);
  EXPECT_EQ(admin.Post("/api/v1/units/" + unit_id + "/deactivate", "").status, 200);
  auto events = audit::ListForObject(test_db_->db(), "person", person_id, 10);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].action, "person.deactivate");
  EXPECT_EQ((*events)[2].action, "person.create");
  auto report = audit::Verify(test_db_->db());
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->problem;
  // Deactivated people cannot sign in.
  EXPECT_EQ(TestClient(app_->http_port()).Login("lab.tech", "long-enough-pw").status, 401);
}

TEST_P(OrgApiTest, ApiTokensActWithTheirScope) {
  TestClient admin = SignedIn("admin");
  auto read = admin.Post("/api/v1/tokens", R"({"name":"dashboard","scope":"read"})");
  ASSERT_EQ(read.status, 201) << read.body;
  TestClient machine(app_->http_port());
  machine.set_bearer(std::string(read.Json().at("token").as_string()));
  EXPECT_EQ(machine.Get("/api/v1/me").status, 200);
  auto denied = machine.Post("/api/v1/units", R"({"kind":"department","code":"t","name":"T"})");
  EXPECT_EQ(denied.status, 403);
  machine.set_bearer(std::string(64, 'a'));
  EXPECT_EQ(machine.Get("/api/v1/me").status, 401);
  EXPECT_EQ(TestClient(app_->http_port()).Get("/api/v1/me").status, 401);
}

TEST_P(OrgApiTest, LogoutEndsTheSession) {
  TestClient c = SignedIn("inspector");
  EXPECT_EQ(c.Get("/api/v1/me").Json().at("user").at("roles").at(0).as_string(), "inspector");
  EXPECT_EQ(c.Delete("/api/v1/session").status, 204);
  EXPECT_EQ(c.Get("/api/v1/me").status, 401);
}

TEST_P(OrgApiTest, DemoLoadLeavesANonEmptyDatabaseAlone) {
  TestClient admin = SignedIn("admin");
  long long before = admin.Get("/api/v1/units?include_inactive=true").Json().at("total").as_int64();
  app_.reset();  // restart on the same database with --demo again
  auto again = testing::StartDemoApp(test_db_->url());
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  app_ = std::move(again).value();
  TestClient admin2 = SignedIn("admin");
  EXPECT_EQ(admin2.Get("/api/v1/units?include_inactive=true").Json().at("total").as_int64(), before);
}

GL_INSTANTIATE_STORE_TEST(OrgApiTest);

}  // namespace
}  // namespace gl
