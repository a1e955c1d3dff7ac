// Router and request helpers without a socket.
#include "greenloop/http/router.h"
#include "greenloop/http/server.h"

#include <gtest/gtest.h>

namespace gl::http {
namespace {

TEST(RequestTest, CookieAndPaging) {
  Request r;
  r.headers = {{"cookie", "a=1; gl_session=abc; b=2"}};
  EXPECT_EQ(r.Cookie("gl_session"), "abc");
  EXPECT_FALSE(r.Cookie("missing").has_value());
  r.query = {{"page", "3"}, {"page_size", "20"}};
  auto p = ParsePaging(r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->offset(), 40);
  r.query = {{"page_size", "100000"}};
  EXPECT_EQ(ParsePaging(r).error().field(), "page_size");
  r.query = {{"page", "-1"}};
  EXPECT_EQ(ParsePaging(r).error().field(), "page");
}

TEST(RouterTest, HeadUsesGetAndUnknownApiIsJson404) {
  Metrics metrics;
  Router router(metrics);
  router.Get("/api/v1/x", [](Request&) -> Result<Response> { return Response::Json(200, json::object{}); });
  Request head;
  head.method = "HEAD";
  head.path = "/api/v1/x";
  EXPECT_EQ(router.Dispatch(head).status, 200);
  Request missing;
  missing.method = "GET";
  missing.path = "/api/v1/y";
  Response r = router.Dispatch(missing);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.content_type, "application/json");
}

TEST(HostPortTest, Parses) {
  auto a = ParseHostPort("127.0.0.1:8080", "--http");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->first, "127.0.0.1");
  EXPECT_EQ(a->second, 8080);
  EXPECT_EQ(ParseHostPort("[::1]:9212", "--hj212")->first, "::1");
  EXPECT_EQ(ParseHostPort(":80", "--http")->first, "0.0.0.0");
  EXPECT_FALSE(ParseHostPort("localhost", "--http").ok());
  EXPECT_FALSE(ParseHostPort("h:99999", "--http").ok());
}

}  // namespace
}  // namespace gl::http
