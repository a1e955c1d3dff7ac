// The public parts' building blocks on their own: the rate limiter with a fake
// clock, the Open311 wire format against the spec's own examples, and the xlsx
// ledger opened as a zip.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cases_public/xlsx_reader.h"
#include "greenloop/cases/export.h"
#include "greenloop/cases/open311.h"
#include "greenloop/http/rate_limit.h"

namespace gl {
namespace {

namespace o = cases::open311;
using Clock = std::chrono::steady_clock;

// The spec's examples (shared/reference/open311_examples.json, copied with its provenance).
json::value Examples() {
  std::ifstream in(std::string(GL_SOURCE_DIR) + "/tests/data/open311_examples.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto v = ParseJson(text);
  EXPECT_TRUE(v.ok());
  return v.ok() ? *v : json::value();
}

// --- rate limiter

TEST(RateLimiterTest, BurstThenRefillWithAFakeClock) {
  Clock::time_point now{};
  http::RateLimiter limiter({/*per_minute=*/6, /*burst=*/3}, [&] { return now; });
  EXPECT_EQ(limiter.Take("10.0.0.1"), 0);
  EXPECT_EQ(limiter.Take("10.0.0.1"), 0);
  EXPECT_EQ(limiter.Take("10.0.0.1"), 0);
  // Empty: one token every 10 s at 6 a minute.
  EXPECT_EQ(limiter.Take("10.0.0.1"), 10);
  // Another address has its own bucket.
  EXPECT_EQ(limiter.Take("10.0.0.2"), 0);
  now += std::chrono::seconds(4);
  EXPECT_EQ(limiter.Take("10.0.0.1"), 6);
  now += std::chrono::seconds(6);
  EXPECT_EQ(limiter.Take("10.0.0.1"), 0);
  EXPECT_EQ(limiter.Take("10.0.0.1"), 10);
  // A long pause refills to the burst, never beyond.
  now += std::chrono::hours(1);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("10.0.0.1"), 0);
  EXPECT_GT(limiter.Take("10.0.0.1"), 0);
}

TEST(RateLimiterTest, WrapperAnswers429WithRetryAfterAndSkipsTheHandler) {
  Clock::time_point now{};
  http::RateLimiter limiter({60, 1}, [&] { return now; });
  int calls = 0;
  http::Handler h = http::RateLimited(limiter, [&](http::Request&) -> Result<http::Response> {
    ++calls;
    return http::Response::Json(200, json::object{});
  });
  http::Request req;
  req.remote_address = "192.0.2.7";
  EXPECT_EQ(h(req)->status, 200);
  auto limited = h(req);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(calls, 1);
  bool has_retry = false;
  for (const auto& [k, v] : limited->headers) has_retry |= (k == "Retry-After" && v == "1");
  EXPECT_TRUE(has_retry);
  EXPECT_NE(limited->body.find("too_many_requests"), std::string::npos);
  now += std::chrono::seconds(1);
  EXPECT_EQ(h(req)->status, 200);
}

TEST(RateLimiterTest, ForgetsFullBucketsBeyondMaxKeys) {
  Clock::time_point now{};
  http::RateLimiter limiter({60, 2, /*max_keys=*/4}, [&] { return now; });
  for (int i = 0; i < 100; ++i) EXPECT_EQ(limiter.Take("k" + std::to_string(i)), 0);
  now += std::chrono::minutes(1);
  EXPECT_EQ(limiter.Take("k0"), 0);  // refilled or forgotten: either way allowed
}

// --- Open311 wire format

TEST(Open311FormatTest, W3TimesCarryTheirZoneAndNoFraction) {
  EXPECT_EQ(o::FormatW3(0), "1970-01-01T08:00:00+08:00");
  // The spec's two spellings of one instant (§1.3).
  EXPECT_EQ(o::ParseW3Time("1994-11-05T08:15:30-05:00"), o::ParseW3Time("1994-11-05T13:15:30Z"));
  EXPECT_TRUE(o::ParseW3Time("2010-04-19T14:37:38.000Z"));
  EXPECT_FALSE(o::ParseW3Time("2010-04-19T14:37:38"));  // no zone
  EXPECT_FALSE(o::ParseW3Time("2010-04-19"));
  auto t = o::ParseW3Time("2010-04-14T06:37:38-08:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(o::FormatW3(*t), "2010-04-14T22:37:38+08:00");
}

TEST(Open311FormatTest, ParsesTheSpecsExamplePostBody) {
  // §2.3, verbatim.
  std::string body =
      "api_key=xyz&jurisdiction_id=city.gov&service_code=001&lat=37.76524078&long=-122.4212043&"
      "address_string=1234+5th+street&email=smit333%40sfgov.edu&device_id=tt222111&account_id="
      "123456&first_name=john&last_name=smith&phone=111111111&description=A+large+sinkhole+is+"
      "destroying+the+street&media_url=http%3A%2F%2Ffarm3.static.flickr.com%2F2002%2F2212426634_"
      "5ed477a060.jpg&attribute[WHISPAWN]=123456&attribute[WHISDORN]=COISL001";
  auto form = o::ParseForm(body);
  ASSERT_TRUE(form.ok());
  std::map<std::string, std::string> m(form->begin(), form->end());
  EXPECT_EQ(m["api_key"], "xyz");
  EXPECT_EQ(m["address_string"], "1234 5th street");
  EXPECT_EQ(m["email"], "smit333@sfgov.edu");
  EXPECT_EQ(m["media_url"], "http://farm3.static.flickr.com/2002/2212426634_5ed477a060.jpg");
  EXPECT_EQ(m["attribute[WHISDORN]"], "COISL001");
  EXPECT_EQ(m["long"], "-122.4212043");
  EXPECT_FALSE(o::ParseForm("a=%zz").ok());
  EXPECT_FALSE(o::ParseForm("a=%ff%fe").ok());  // not UTF-8
}

TEST(Open311FormatTest, RequestFiltersFollowTheSpec) {
  TimeMs now = *o::ParseW3Time("2026-11-29T12:00:00Z");
  // No dates: the most recent 90 days.
  auto q = o::ParseRequestQuery({}, now);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(*q->end, now);
  EXPECT_EQ(*q->end - *q->start, o::kMaxSpanMs);
  EXPECT_EQ(q->limit, 1000);
  // service_request_id overrides all other arguments, even invalid ones.
  auto ids = o::ParseRequestQuery({{"service_request_id", "A,B"}, {"status", "bogus"}}, now);
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(ids->ids, (std::vector<std::string>{"A", "B"}));
  // Comma lists; an empty parameter equals an absent one (§1.5).
  auto lists = o::ParseRequestQuery(
      {{"service_code", "a,b"}, {"status", "open,closed"}, {"start_date", ""}}, now);
  ASSERT_TRUE(lists.ok());
  EXPECT_EQ(lists->service_codes.size(), 2u);
  EXPECT_EQ(lists->statuses.size(), 2u);
  EXPECT_EQ(*lists->end - *lists->start, o::kMaxSpanMs);
  // The spec's sample: 2010-05-24 .. 2010-06-24 is fine; more than 90 days is not.
  EXPECT_TRUE(
      o::ParseRequestQuery(
          {{"start_date", "2010-05-24T00:00:00Z"}, {"end_date", "2010-06-24T00:00:00Z"}}, now)
          .ok());
  auto span = o::ParseRequestQuery(
      {{"start_date", "2010-01-01T00:00:00Z"}, {"end_date", "2010-06-24T00:00:00Z"}}, now);
  ASSERT_FALSE(span.ok());
  EXPECT_EQ(span.error().field(), "end_date");
  EXPECT_FALSE(o::ParseRequestQuery({{"start_date", "2010-01-01"}}, now).ok());  // no zone
  EXPECT_FALSE(o::ParseRequestQuery({{"status", "pending"}}, now).ok());
}

TEST(Open311FormatTest, StatusesAreOpenOrClosed) {
  for (const char* s :
       {"reported", "accepted", "dispatched", "in_progress", "resolved", "verified"}) {
    EXPECT_EQ(o::StatusOf(s), "open") << s;
  }
  for (const char* s : {"closed", "rejected", "merged"}) EXPECT_EQ(o::StatusOf(s), "closed") << s;
}

TEST(Open311FormatTest, ErrorBodyIsTheSpecsExampleShape) {
  json::value ex = Examples();
  json::array ours =
      o::ErrorBody(403, "Invalid api_key received -- can't proceed with create_request.");
  EXPECT_EQ(json::value(ours), ex.at("errors"));
  auto r = o::ErrorResponse(403, "x", o::Format::kJson);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
}

TEST(Open311FormatTest, XmlIsTheSparkInverseOfTheExamples) {
  json::value ex = Examples();
  std::string xml = o::ToXml(ex.at("service_definition"), "service_definition");
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);
  // The spec's XML example, element by element (whitespace aside).
  std::string verbatim(ex.at("_verbatim_xml").at("service_definition").as_string());
  std::string squeezed;
  bool in_tag_gap = false;
  for (size_t i = verbatim.find("<service_definition>"); i < verbatim.size(); ++i) {
    char c = verbatim[i];
    if (c == '\n') {
      in_tag_gap = true;
      continue;
    }
    if (in_tag_gap && c == ' ') continue;
    in_tag_gap = false;
    squeezed.push_back(c);
  }
  std::string ours = xml.substr(xml.find("<service_definition>"));
  ours.erase(ours.find_last_not_of('\n') + 1);
  EXPECT_EQ(ours, squeezed);
  std::string errors = o::ToXml(ex.at("errors"), "errors");
  EXPECT_NE(errors.find("<errors><error><code>403</code>"), std::string::npos);
}

// --- xlsx

TEST(ExportTest, WorkbookHasChineseHeadingsAndOneRowPerCase) {
  auto taxonomy = cases::Taxonomy::Parse(
      R"({"categories":[{"code":"air","name":"治气","name_en":"Air","children":[
          {"code":"air.fume","name":"餐饮油烟","name_en":"Fume"}]}]})");
  ASSERT_TRUE(taxonomy.ok()) << taxonomy.error().ToString();
  std::vector<cases::CaseView> rows(2);
  rows[0].c.number = "YZ-2026-000001";
  rows[0].c.category = "air.fume";
  rows[0].c.title = "火锅店油烟扰民";
  rows[0].c.source = cases::Source::kComplaint;
  rows[0].c.created_at = *o::ParseW3Time("2026-11-02T09:30:00+08:00");
  rows[0].c.lead_unit = cases::UnitRef{1, "化龙桥街道办事处"};
  rows[0].overdue = true;
  rows[1].c.number = "YZ-2026-000002";
  rows[1].c.category = "air.fume";
  rows[1].c.title = "<&> 特殊字符";
  auto bytes = cases::BuildCasesXlsx(rows, *taxonomy);
  ASSERT_TRUE(bytes.ok()) << bytes.error().ToString();
  EXPECT_EQ(bytes->substr(0, 2), "PK");
  auto sheet = testing::XlsxSheetXml(*bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.error().ToString();
  for (const char* h : {"案件编号", "来源", "类别", "标题", "所属街道", "牵头单位", "状态",
                        "受理时间", "办理时限", "是否超期", "办结时间"}) {
    EXPECT_NE(sheet->find(std::string(">") + h + "<"), std::string::npos) << h;
  }
  EXPECT_NE(sheet->find(">YZ-2026-000001<"), std::string::npos);
  EXPECT_NE(sheet->find(">治气 / 餐饮油烟<"), std::string::npos);
  EXPECT_NE(sheet->find(">群众投诉<"), std::string::npos);
  EXPECT_NE(sheet->find(">2026-11-02 09:30<"), std::string::npos);
  EXPECT_NE(sheet->find(">化龙桥街道办事处<"), std::string::npos);
  EXPECT_NE(sheet->find(">是<"), std::string::npos);
  EXPECT_NE(sheet->find("&lt;&amp;&gt; 特殊字符"), std::string::npos);
  EXPECT_NE(sheet->find("<row r=\"3\""), std::string::npos);
  EXPECT_EQ(sheet->find("<row r=\"4\""), std::string::npos);
}

}  // namespace
}  // namespace gl
