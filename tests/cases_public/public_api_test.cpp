// The public side of cases through the real HTTP API of an in-process server on
// the demo district, on SQLite and PostgreSQL: a complaint filed and tracked
// through the whole loop (and nothing internal leaking), photos, the rate limit,
// the xlsx export and the statistics.
#include <gtest/gtest.h>

#include "cases_public/public_fixture.h"

namespace gl {
namespace {

using testing::Jpeg;
using testing::Png;
using testing::TestClient;

class PublicApiTest : public testing::PublicCasesFixture {};

TEST_P(PublicApiTest, CategoriesArePublic) {
  auto r = Public().Get("/api/v1/public/categories");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value body = r.Json();
  const auto& items = body.at("items").as_array();
  ASSERT_FALSE(items.empty());
  bool fume = false;
  for (const auto& c : items) {
    for (const auto& child : c.at("children").as_array()) {
      fume |= child.at("code").as_string() == "air.fume";
    }
  }
  EXPECT_TRUE(fume);
}

TEST_P(PublicApiTest, ComplaintIsTrackedThroughTheLoopAndLeaksNothingInternal) {
  TestClient citizen = Public();
  auto photo =
      citizen.Request("POST", "/api/v1/public/photos", Jpeg(), {{"Content-Type", "image/jpeg"}});
  ASSERT_EQ(photo.status, 201) << photo.body;
  std::string token(photo.Json().at("token").as_string());

  auto filed = FileComplaint(citizen, token);
  ASSERT_EQ(filed.status, 201) << filed.body;
  std::string number(filed.Json().at("number").as_string());
  std::string code(filed.Json().at("tracking_code").as_string());
  EXPECT_EQ(number.rfind("YZ-", 0), 0u);
  EXPECT_GE(code.size(), 8u);
  EXPECT_EQ(filed.Json().at("status").as_string(), "reported");
  // Only the hash of the code is stored.
  EXPECT_EQ(CountRows("SELECT COUNT(*) FROM cases WHERE tracking_hash = '" + code + "'"), 0);

  // The staff see the reporter and the photo; the routing picked 化龙桥.
  TestClient eeb = SignedIn("eeb.officer");
  std::string id = CaseIdOf(eeb, number);
  ASSERT_FALSE(id.empty());
  auto detail = eeb.Get("/api/v1/cases/" + id);
  ASSERT_EQ(detail.status, 200) << detail.body;
  ASSERT_EQ(detail.Json().at("attachments").as_array().size(), 1u);
  std::string photo_url(detail.Json().at("attachments").at(0).at("url").as_string());
  auto bytes = eeb.Get(photo_url);
  EXPECT_EQ(bytes.status, 200);
  EXPECT_EQ(bytes.body, Jpeg());
  EXPECT_EQ(bytes.Header("content-type"), "image/jpeg");

  // The whole loop: accept, dispatch to the routed lead unit, start, an internal note,
  // resolve, verify, close.
  Act(eeb, id, "accept", R"({"note":"受理"})");
  Act(eeb, id, "dispatch", "{}");
  auto dispatched = eeb.Get("/api/v1/cases/" + id).Json();
  ASSERT_TRUE(dispatched.at("lead_unit").is_object());
  EXPECT_EQ(dispatched.at("lead_unit").at("name").as_string(), "化龙桥街道");
  TestClient hlq = SignedIn("hlq.officer");
  std::string hlq_name(hlq.Get("/api/v1/me").Json().at("user").at("name").as_string());
  Act(hlq, id, "start", "{}");
  Act(hlq, id, "note", R"({"text":"内部备注：请联系举报人张三核实","public":false})");
  Act(hlq, id, "resolve", R"({"result":"已督促商户安装油烟净化器"})");
  TestClient inspector = SignedIn("inspector");
  std::string inspector_name(inspector.Get("/api/v1/me").Json().at("user").at("name").as_string());
  Act(inspector, id, "verify", R"({"note":"现场核查合格"})");
  Act(eeb, id, "close", "{}");

  // The citizen's view.
  auto tracked = citizen.Get("/api/v1/public/cases/" + number + "?code=" + code);
  ASSERT_EQ(tracked.status, 200) << tracked.body;
  json::value v = tracked.Json();
  EXPECT_EQ(v.at("status").as_string(), "closed");
  EXPECT_FALSE(v.at("status_text").as_string().empty());
  EXPECT_EQ(v.at("responsible_unit").as_string(), "化龙桥街道");
  EXPECT_TRUE(v.at("closed_at").is_string());
  EXPECT_TRUE(v.at("can_rate").as_bool());
  EXPECT_TRUE(v.at("can_reopen").as_bool());
  const auto& timeline = v.at("timeline").as_array();
  ASSERT_GE(timeline.size(), 3u);
  std::vector<std::string> statuses;
  for (const auto& e : timeline) {
    EXPECT_EQ(e.as_object().size(), 3u) << json::serialize(e);  // at, status_after, text
    statuses.emplace_back(e.at("status_after").as_string());
  }
  EXPECT_NE(std::find(statuses.begin(), statuses.end(), "dispatched"), statuses.end());
  EXPECT_EQ(statuses.back(), "closed");
  // Nothing internal, nobody's personal data, no officer names.
  for (const std::string& secret :
       {std::string("内部备注"), std::string("张三"), std::string("13800001234"), hlq_name,
        inspector_name, std::string("hlq.officer"), std::string("eeb.officer"),
        std::string("reporter"), std::string("phone"), std::string("actor"),
        std::string(photo_url)}) {
    EXPECT_EQ(tracked.body.find(secret), std::string::npos) << "leaked: " << secret;
  }

  // Wrong code and unknown number answer the same 404.
  auto wrong =
      citizen.Get("/api/v1/public/cases/" + number + "?code=" + std::string(code.size(), 'a'));
  auto unknown = citizen.Get("/api/v1/public/cases/YZ-1999-999999?code=" + code);
  auto missing = citizen.Get("/api/v1/public/cases/" + number);
  EXPECT_EQ(wrong.status, 404);
  EXPECT_EQ(wrong.body, unknown.body);
  EXPECT_EQ(wrong.body, missing.body);

  // Rate once; then reopen within 7 days.
  auto bad_rate = citizen.Post("/api/v1/public/cases/" + number + "/rate",
                               R"({"code":")" + code + R"(","satisfaction":6})");
  EXPECT_EQ(bad_rate.status, 400);
  auto rated = citizen.Post("/api/v1/public/cases/" + number + "/rate",
                            R"({"code":")" + code + R"(","satisfaction":4,"comment":"处理及时"})");
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(rated.Json().at("satisfaction").as_int64(), 4);
  // The closed, rated case counts in its unit's statistics.
  json::value stats = eeb.Get("/api/v1/cases/stats").Json();
  bool seen = false;
  for (const auto& item : stats.at("items").as_array()) {
    if (item.at("unit").is_null() || item.at("unit").at("name").as_string() != "化龙桥街道") {
      continue;
    }
    seen = true;
    EXPECT_EQ(item.at("received").as_int64(), 1);
    EXPECT_EQ(item.at("closed").as_int64(), 1);
    EXPECT_EQ(item.at("closed_on_time").as_int64(), 1);
    EXPECT_EQ(item.at("overdue_now").as_int64(), 0);
    EXPECT_EQ(item.at("satisfaction").to_number<double>(), 4.0);
    EXPECT_EQ(item.at("reopen_rate").to_number<double>(), 0.0);
    EXPECT_GE(item.at("avg_handling_hours").to_number<double>(), 0.0);
  }
  EXPECT_TRUE(seen) << json::serialize(stats);
  EXPECT_EQ(stats.at("funnel").at("closed").as_int64(), 1);
  auto wrong_rate = citizen.Post("/api/v1/public/cases/" + number + "/rate",
                                 R"({"code":"nope","satisfaction":4})");
  EXPECT_EQ(wrong_rate.status, 404);
  auto reopened = citizen.Post("/api/v1/public/cases/" + number + "/reopen",
                               R"({"code":")" + code + R"(","reason":"油烟又出现了"})");
  ASSERT_EQ(reopened.status, 200) << reopened.body;
  EXPECT_NE(reopened.Json().at("status").as_string(), "closed");
  EXPECT_FALSE(reopened.Json().at("can_reopen").as_bool());
}

TEST_P(PublicApiTest, ComplaintInputIsChecked) {
  TestClient citizen = Public();
  auto no_loc =
      citizen.Post("/api/v1/public/complaints", R"({"category":"air.fume","description":"油烟"})");
  EXPECT_EQ(no_loc.status, 400);
  EXPECT_EQ(no_loc.Json().at("field").as_string(), "location");
  auto bad_cat = citizen.Post(
      "/api/v1/public/complaints",
      R"({"category":"nope","description":"x","location":{"lon":106.515,"lat":29.556}})");
  EXPECT_EQ(bad_cat.Json().at("field").as_string(), "category");
  auto unknown_key = citizen.Post(
      "/api/v1/public/complaints",
      R"({"category":"air.fume","description":"x","location":{"lon":106.515,"lat":29.556},"status":"closed"})");
  EXPECT_EQ(unknown_key.status, 400);
  auto bad_photo = citizen.Post(
      "/api/v1/public/complaints",
      R"({"category":"air.fume","description":"x","location":{"lon":106.515,"lat":29.556},"photos":["forged"]})");
  EXPECT_EQ(bad_photo.status, 400);
  EXPECT_EQ(bad_photo.Json().at("field").as_string(), "photos");
  // Anonymous: no contact at all is fine.
  auto anonymous = citizen.Post(
      "/api/v1/public/complaints",
      R"({"category":"air.fume","description":"夜间油烟","location":{"lon":106.515,"lat":29.556}})");
  EXPECT_EQ(anonymous.status, 201) << anonymous.body;
}

TEST_P(PublicApiTest, PhotosAreCheckedByContent) {
  TestClient citizen = Public();
  auto gif = citizen.Request("POST", "/api/v1/public/photos", "GIF89a\x01\x00\x01\x00",
                             {{"Content-Type", "image/jpeg"}});
  EXPECT_EQ(gif.status, 415);
  EXPECT_EQ(gif.ErrorCode(), "unsupported_media_type");
  auto png =
      citizen.Request("POST", "/api/v1/public/photos", Png(), {{"Content-Type", "text/plain"}});
  EXPECT_EQ(png.status, 201) << png.body;
  EXPECT_EQ(png.Json().at("content_type").as_string(), "image/png");
  // Over 10 MB but within the server's 10 MiB body limit for this path: refused by the store.
  auto big = citizen.Request("POST", "/api/v1/public/photos", Jpeg(std::string(10'200'000, 'x')),
                             {{"Content-Type", "image/jpeg"}});
  EXPECT_EQ(big.status, 413);
  // Staff uploads need a sign-in; another person's unlinked upload reads as absent.
  EXPECT_EQ(citizen.Request("POST", "/api/v1/attachments", Png()).status, 401);
  TestClient hlq = SignedIn("hlq.officer");
  auto up = hlq.Request("POST", "/api/v1/attachments?name=%E7%8E%B0%E5%9C%BA.png", Png());
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.Json().at("name").as_string(), "现场.png");
  std::string url(up.Json().at("url").as_string());
  EXPECT_EQ(hlq.Get(url).status, 200);
  EXPECT_EQ(SignedIn("syl.officer").Get(url).status, 404);
}

TEST_P(PublicApiTest, PublicEndpointsAreRateLimitedPerAddress) {
  TestClient citizen = Public();
  int ok = 0;
  testing::HttpResult last;
  for (int i = 0; i < 200; ++i) {
    last = citizen.Get("/api/v1/public/categories");
    if (last.status != 200) break;
    ++ok;
  }
  EXPECT_EQ(last.status, 429);
  EXPECT_EQ(last.ErrorCode(), "too_many_requests");
  EXPECT_GE(std::stoi(last.Header("retry-after")), 1);
  EXPECT_GE(ok, 10);
  EXPECT_LT(ok, 200);
  // Staff endpoints are not limited by it.
  EXPECT_EQ(SignedIn("eeb.officer").Get("/api/v1/cases").status, 200);
}

TEST_P(PublicApiTest, ExportIsAWorkbookWithChineseHeadings) {
  TestClient citizen = Public();
  auto filed = FileComplaint(citizen, "");
  ASSERT_EQ(filed.status, 201) << filed.body;
  std::string number(filed.Json().at("number").as_string());
  TestClient eeb = SignedIn("eeb.officer");
  auto r = eeb.Get("/api/v1/cases/export.xlsx?source=complaint");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(r.Header("content-disposition").find("attachment"), std::string::npos);
  auto sheet = testing::XlsxSheetXml(r.body);
  ASSERT_TRUE(sheet.ok()) << sheet.error().ToString();
  for (const char* h : {"案件编号", "来源", "类别", "标题", "所属街道", "牵头单位", "状态",
                        "受理时间", "办理时限", "是否超期", "办结时间"}) {
    EXPECT_NE(sheet->find(std::string(">") + h + "<"), std::string::npos) << h;
  }
  EXPECT_NE(sheet->find(">" + number + "<"), std::string::npos);
  EXPECT_NE(sheet->find(">群众投诉<"), std::string::npos);
  // The same filters as the list: another source leaves it out; a bad filter is 400.
  auto other = testing::XlsxSheetXml(eeb.Get("/api/v1/cases/export.xlsx?source=patrol").body);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->find(">" + number + "<"), std::string::npos);
  EXPECT_EQ(eeb.Get("/api/v1/cases/export.xlsx?status=nope").status, 400);
  EXPECT_EQ(citizen.Get("/api/v1/cases/export.xlsx").status, 401);
}

TEST_P(PublicApiTest, StatsCountPerUnitAndFunnel) {
  TestClient citizen = Public();
  ASSERT_EQ(FileComplaint(citizen, "").status, 201);
  auto filed = FileComplaint(citizen, "");
  ASSERT_EQ(filed.status, 201);
  TestClient eeb = SignedIn("eeb.officer");
  std::string id = CaseIdOf(eeb, std::string(filed.Json().at("number").as_string()));
  Act(eeb, id, "accept", "{}");
  Act(eeb, id, "dispatch", "{}");
  auto r = eeb.Get("/api/v1/cases/stats");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value v = r.Json();
  EXPECT_EQ(v.at("funnel").at("received").as_int64(), 2);
  EXPECT_EQ(v.at("funnel").at("in_progress").as_int64(), 2);
  EXPECT_EQ(v.at("funnel").at("closed").as_int64(), 0);
  long long hlq_received = -1, unassigned = -1;
  for (const auto& item : v.at("items").as_array()) {
    if (item.at("unit").is_null()) {
      unassigned = item.at("received").as_int64();
    } else if (item.at("unit").at("name").as_string() == "化龙桥街道") {
      hlq_received = item.at("received").as_int64();
      EXPECT_EQ(item.at("closed").as_int64(), 0);
      EXPECT_TRUE(item.at("satisfaction").is_null());
    }
  }
  EXPECT_EQ(hlq_received, 1);
  EXPECT_EQ(unassigned, 1);
  // A subdistrict officer sees only their own unit; another unit is 403.
  TestClient syl = SignedIn("syl.officer");
  auto own = syl.Get("/api/v1/cases/stats");
  ASSERT_EQ(own.status, 200) << own.body;
  json::value own_body = own.Json();
  for (const auto& item : own_body.at("items").as_array()) {
    ASSERT_FALSE(item.at("unit").is_null());
    EXPECT_NE(item.at("unit").at("name").as_string(), "化龙桥街道");
  }
  EXPECT_EQ(syl.Get("/api/v1/cases/stats?unit=" + UnitId(eeb, "hlq")).status, 403);
  EXPECT_EQ(eeb.Get("/api/v1/cases/stats?from=2026-12-01&to=2026-11-01").status, 400);
}

GL_INSTANTIATE_STORE_TEST(PublicApiTest);

}  // namespace
}  // namespace gl
