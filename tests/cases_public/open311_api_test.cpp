// Open311 GeoReport v2 over HTTP, compared field by field with the spec's own
// examples (tests/data/open311_examples.json, from shared/reference), on SQLite
// and PostgreSQL.
#include <gtest/gtest.h>

#include <fstream>

#include "cases_public/public_fixture.h"

namespace gl {
namespace {

using testing::TestClient;

json::value Examples() {
  std::ifstream in(std::string(GL_SOURCE_DIR) + "/tests/data/open311_examples.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto v = ParseJson(text);
  EXPECT_TRUE(v.ok());
  return v.ok() ? *v : json::value();
}

// The same keys as the example, and per key a compatible JSON type: identifiers may
// be strings or numbers (open311.md §5.2), null stands for an empty element (§5.4).
void ExpectLikeExample(const json::value& ours, const json::value& example,
                       const std::string& what) {
  ASSERT_TRUE(ours.is_object()) << what;
  const auto& o = ours.as_object();
  const auto& e = example.as_object();
  for (const auto& [key, ev] : e) {
    ASSERT_TRUE(o.contains(key)) << what << ": missing " << key;
    const json::value& v = o.at(key);
    if (v.is_null() || ev.is_null()) continue;
    bool id_like = key == "service_request_id" || key == "service_code" || key == "address_id" ||
                   key == "zipcode" || key == "token" || key == "key";
    if (id_like) {
      EXPECT_TRUE(v.is_string() || v.is_number()) << what << "." << key;
    } else if (ev.is_number()) {
      EXPECT_TRUE(v.is_number()) << what << "." << key << " = " << json::serialize(v);
    } else {
      EXPECT_EQ(v.kind(), ev.kind()) << what << "." << key << " = " << json::serialize(v);
    }
  }
  for (const auto& [key, v] : o) {
    EXPECT_TRUE(e.contains(key)) << what << ": extra field " << key;
  }
}

bool IsW3(const json::value& v) {
  if (!v.is_string()) return false;
  std::string s(v.as_string());
  // ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$ (open311.md §1.3)
  return s.size() == 25 && s[10] == 'T' && (s[19] == '+' || s[19] == '-') && s[22] == ':';
}

class Open311Test : public testing::PublicCasesFixture {
 protected:
  std::string WriteToken() {
    TestClient admin = SignedIn("admin");
    auto r = admin.Post("/api/v1/tokens", R"({"name":"open311 app","scope":"write"})");
    EXPECT_EQ(r.status, 201) << r.body;
    return std::string(r.Json().at("token").as_string());
  }
  testing::HttpResult PostRequest(const std::string& form) {
    return Public().Request("POST", "/open311/v2/requests.json", form,
                            {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}});
  }
  json::value ex_ = Examples();
};

TEST_P(Open311Test, ServiceListAndDefinitionMatchTheExamples) {
  auto r = Public().Get("/open311/v2/services.json");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
  json::value list = r.Json();
  ASSERT_TRUE(list.is_array());  // Spark: the root is dropped, a list (§1.1)
  ASSERT_FALSE(list.as_array().empty());
  bool fume = false;
  for (const auto& s : list.as_array()) {
    ExpectLikeExample(s, ex_.at("services").at(0), "service");
    EXPECT_EQ(s.at("type").as_string(), "realtime");
    EXPECT_FALSE(s.at("metadata").as_bool());
    fume |= s.at("service_code").as_string() == "air.fume";
  }
  EXPECT_TRUE(fume);

  auto def = Public().Get("/open311/v2/services/air.fume.json");
  ASSERT_EQ(def.status, 200) << def.body;
  json::value d = def.Json();
  ASSERT_TRUE(d.is_object());                               // the one object-rooted answer
  EXPECT_EQ(d.at("service_code").as_string(), "air.fume");  // echoes the path
  EXPECT_TRUE(d.at("attributes").as_array().empty());
  EXPECT_EQ(d.as_object().size(), ex_.at("service_definition").as_object().size());

  auto missing = Public().Get("/open311/v2/services/nope.json");
  EXPECT_EQ(missing.status, 404);
  ExpectLikeExample(missing.Json().at(0), ex_.at("errors").at(0), "error");

  auto xml = Public().Get("/open311/v2/services.xml");
  ASSERT_EQ(xml.status, 200);
  EXPECT_EQ(xml.Header("content-type"), "text/xml; charset=utf-8");
  EXPECT_EQ(xml.body.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<services><service>", 0),
            0u);
  auto discovery = Public().Get("/open311/discovery.json");
  ASSERT_EQ(discovery.status, 200);
  ExpectLikeExample(discovery.Json(), ex_.at("discovery"), "discovery");
}

TEST_P(Open311Test, PostAndReadARequestLikeTheExamples) {
  std::string key = WriteToken();
  // The spec's example body (§2.3) with our service code and a place in 化龙桥.
  std::string form =
      "api_key=" + key +
      "&jurisdiction_id=city.gov&service_code=air.fume&lat=29.556&long=106.515&"
      "address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&"
      "account_id=123456&first_name=john&last_name=smith&phone=111111111&"
      "description=A+large+sinkhole+is+destroying+the+street&media_url=http%3A%2F%2Ffarm3."
      "static.flickr.com%2F2002%2F2212426634_5ed477a060.jpg&attribute[WHISPAWN]=123456";
  auto posted = PostRequest(form);
  ASSERT_EQ(posted.status, 200) << posted.body;
  json::value out = posted.Json();
  ASSERT_TRUE(out.is_array());
  ASSERT_EQ(out.as_array().size(), 1u);
  ExpectLikeExample(out.at(0), ex_.at("post_response").at(0), "post_response");
  EXPECT_FALSE(out.at(0).as_object().contains("token"));  // realtime: id, never a token
  std::string id(out.at(0).at("service_request_id").as_string());

  auto one = Public().Get("/open311/v2/requests/" + id + ".json");
  ASSERT_EQ(one.status, 200) << one.body;
  json::value arr = one.Json();
  ASSERT_TRUE(arr.is_array());  // a one-element array, like the example
  ASSERT_EQ(arr.as_array().size(), 1u);
  json::value req = arr.at(0);
  ExpectLikeExample(req, ex_.at("request").at(0), "request");
  EXPECT_EQ(req.at("service_request_id").as_string(), id);
  EXPECT_EQ(req.at("status").as_string(), "open");
  EXPECT_EQ(req.at("service_code").as_string(), "air.fume");
  EXPECT_EQ(req.at("service_name").as_string(), "餐饮油烟");
  EXPECT_EQ(req.at("address").as_string(), "1234 5th street");
  EXPECT_DOUBLE_EQ(req.at("lat").as_double(), 29.556);
  EXPECT_DOUBLE_EQ(req.at("long").as_double(), 106.515);
  EXPECT_TRUE(IsW3(req.at("requested_datetime"))) << req.at("requested_datetime");
  EXPECT_TRUE(IsW3(req.at("updated_datetime")));
  EXPECT_TRUE(IsW3(req.at("expected_datetime")));  // filled (issue #6)
  // Nobody's personal data.
  for (const char* secret : {"john", "smith", "111111111", "smit333"}) {
    EXPECT_EQ(one.body.find(secret), std::string::npos) << secret;
  }

  // Dispatched: agency_responsible is the lead unit.
  TestClient eeb = SignedIn("eeb.officer");
  std::string case_id = CaseIdOf(eeb, id);
  Act(eeb, case_id, "accept", "{}");
  Act(eeb, case_id, "dispatch", "{}");
  json::value after = Public().Get("/open311/v2/requests/" + id + ".json").Json().at(0);
  EXPECT_EQ(after.at("agency_responsible").as_string(), "化龙桥街道");
  EXPECT_TRUE(after.at("status_notes").is_string());

  // The list and its filters (§2.5).
  auto all = Public().Get("/open311/v2/requests.json");
  ASSERT_EQ(all.status, 200) << all.body;
  ASSERT_EQ(all.Json().as_array().size(), 1u);
  ExpectLikeExample(all.Json().at(0), ex_.at("requests").at(1), "requests[1]");
  EXPECT_EQ(Public().Get("/open311/v2/requests.json?status=open").Json().as_array().size(), 1u);
  EXPECT_EQ(Public().Get("/open311/v2/requests.json?status=closed").Json().as_array().size(), 0u);
  EXPECT_EQ(Public().Get("/open311/v2/requests.json?status=").Json(), all.Json());  // §1.5
  EXPECT_EQ(
      Public().Get("/open311/v2/requests.json?service_code=water.quality").Json().as_array().size(),
      0u);
  EXPECT_EQ(Public()
                .Get("/open311/v2/requests.json?service_code=water.quality,air.fume")
                .Json()
                .as_array()
                .size(),
            1u);
  // service_request_id overrides every other argument.
  EXPECT_EQ(Public()
                .Get("/open311/v2/requests.json?service_request_id=" + id + "&status=closed")
                .Json()
                .as_array()
                .size(),
            1u);
  auto span = Public().Get(
      "/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z");
  EXPECT_EQ(span.status, 400);
  ExpectLikeExample(span.Json().at(0), ex_.at("errors").at(0), "error");
  EXPECT_EQ(Public().Get("/open311/v2/requests.json?start_date=2026-01-01").status, 400);
  EXPECT_EQ(Public().Get("/open311/v2/requests/YZ-1999-000001.json").status, 404);
  auto xml = Public().Get("/open311/v2/requests/" + id + ".xml");
  EXPECT_NE(xml.body.find("<service_requests><request><service_request_id>" + id),
            std::string::npos);
}

TEST_P(Open311Test, ErrorsFollowTheSpec) {
  std::string base = "service_code=air.fume&lat=29.556&long=106.515&description=x";
  auto no_key = PostRequest(base);
  EXPECT_EQ(no_key.status, 403);
  auto bad_key = PostRequest("api_key=nope&" + base);
  ASSERT_EQ(bad_key.status, 403);
  EXPECT_EQ(bad_key.Json(), ex_.at("errors"));  // word for word the spec's example
  // A read-only token may not file.
  TestClient admin = SignedIn("admin");
  std::string read_key(admin.Post("/api/v1/tokens", R"({"name":"reader","scope":"read"})")
                           .Json()
                           .at("token")
                           .as_string());
  EXPECT_EQ(PostRequest("api_key=" + read_key + "&" + base).status, 403);
  std::string key = WriteToken();
  auto unknown = PostRequest("api_key=" + key + "&service_code=nope&lat=29.556&long=106.515");
  EXPECT_EQ(unknown.status, 404);
  auto no_code = PostRequest("api_key=" + key + "&lat=29.556&long=106.515");
  EXPECT_EQ(no_code.status, 400);
  auto no_place = PostRequest("api_key=" + key + "&service_code=air.fume&description=x");
  EXPECT_EQ(no_place.status, 400);
  auto half = PostRequest("api_key=" + key + "&service_code=air.fume&lat=29.556");
  EXPECT_EQ(half.status, 400);
  auto long_text = PostRequest("api_key=" + key +
                               "&service_code=air.fume&lat=29.556&long=106.515&"
                               "description=" +
                               std::string(4001, 'x'));
  EXPECT_EQ(long_text.status, 400);
  for (const auto& r : {no_key, unknown, no_code, no_place, half, long_text}) {
    ASSERT_TRUE(r.Json().is_array()) << r.body;
    ExpectLikeExample(r.Json().at(0), ex_.at("errors").at(0), "error");
    EXPECT_EQ(r.Json().at(0).at("code").as_int64(), r.status);
  }
  // An address alone is a location.
  auto by_address = PostRequest(
      "api_key=" + key + "&service_code=air.fume&address_string=%E5%8C%96%E9%BE%99%E6%A1%A5");
  EXPECT_EQ(by_address.status, 200) << by_address.body;
  EXPECT_EQ(Public().Get("/open311/v2/nothing.json").status, 404);
  EXPECT_EQ(Public().Get("/open311/v2/services.csv").status, 404);
}

GL_INSTANTIATE_STORE_TEST(Open311Test);

}  // namespace
}  // namespace gl
