// tests/cases_public/public_fixture.h
//
// An in-process GreenLoop on the demo district (SQLite or PostgreSQL, per the
// StoreTest parameter) and the helpers the public-side API tests share.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cases_public/xlsx_reader.h"
#include "greenloop/app/app.h"
#include "support/demo_app.h"
#include "support/http_client.h"
#include "support/test_db.h"

namespace gl::testing {

inline std::string Jpeg(const std::string& tail = "jpeg-body") {
  return std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11) + tail;
}
inline std::string Png() { return std::string("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16); }

class PublicCasesFixture : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    auto started = StartDemoApp(test_db_->url());
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    app_ = std::move(started).value();
  }
  void TearDown() override {
    app_.reset();
    StoreTest::TearDown();
  }

  TestClient Public() { return TestClient(app_->http_port()); }
  TestClient SignedIn(const std::string& login) {
    TestClient c(app_->http_port());
    auto r = c.Login(login, "greenloop-demo");
    EXPECT_EQ(r.status, 200) << login << ": " << r.body;
    return c;
  }

  // A complaint at the centre of 化龙桥 (data/demo/subdistricts.geojson), with a
  // contact, and the photo token when given.
  HttpResult FileComplaint(TestClient& c, const std::string& photo_token) {
    std::string photos = photo_token.empty() ? "" : R"(,"photos":[")" + photo_token + R"("])";
    return c.Post("/api/v1/public/complaints",
                  R"({"category":"air.fume","description":"楼下火锅店油烟直排，晚上呛得开不了窗",)"
                  R"("location":{"lon":106.515,"lat":29.556},"address":"化龙桥某小区",)"
                  R"("contact":{"name":"张三","phone":"13800001234"})" +
                      photos + "}");
  }

  std::string CaseIdOf(TestClient& staff, const std::string& number) {
    auto r = staff.Get("/api/v1/cases?q=" + number);
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return "";
    json::value body = r.Json();
    for (const auto& item : body.at("items").as_array()) {
      if (item.at("number").as_string() == number) return std::string(item.at("id").as_string());
    }
    ADD_FAILURE() << "case " << number << " not in the staff list";
    return "";
  }

  void Act(TestClient& staff, const std::string& id, const std::string& action,
           const std::string& body) {
    auto r = staff.Post("/api/v1/cases/" + id + "/" + action, body);
    EXPECT_EQ(r.status, 200) << action << ": " << r.body;
  }

  std::string UnitId(TestClient& c, const std::string& code) {
    json::value list = c.Get("/api/v1/units?q=" + code + "&page_size=500").Json();
    for (const auto& u : list.at("items").as_array()) {
      if (u.at("code").as_string() == code) return std::string(u.at("id").as_string());
    }
    ADD_FAILURE() << "no unit " << code;
    return "";
  }

  long long CountRows(const std::string& query) {
    long long n = -1;
    Status s = db().Run([&](soci::session& sql) {
      sql << query, soci::into(n);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.error().ToString();
    return n;
  }

  std::unique_ptr<app::App> app_;
};

}  // namespace gl::testing
