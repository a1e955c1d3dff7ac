// The HTTP server over a real TCP socket: limits, malformed input, static files.
#include "greenloop/http/server.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "greenloop/base/crypto.h"
#include "greenloop/http/static_files.h"
#include "support/http_client.h"

namespace gl::http {
namespace {

using gl::testing::TestClient;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    web_root_ = std::filesystem::temp_directory_path() / ("gl-web-" + RandomHex(6));
    std::filesystem::create_directories(web_root_ / "assets");
    Write(web_root_ / "index.html", "<html>绿环</html>");
    Write(web_root_ / "assets" / "app.123.js", "console.log(1)");
    Write(web_root_ / "assets" / "app.123.js.gz", "GZIPPED");
    router_.Post("/api/v1/echo", [](Request& req) -> Result<Response> {
      GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
      return Response::Json(200, body);
    });
    router_.Get("/api/v1/items/{id}", [](Request& req) -> Result<Response> {
      GL_ASSIGN_OR_RETURN(std::int64_t id, req.IdParam("id"));
      return Response::Json(200, json::object{{"id", id}, {"q", req.Query("q").value_or("")}});
    });
    router_.Get("/api/v1/boom",
                [](Request&) -> Result<Response> { throw std::runtime_error("handler bug"); });
    router_.SetFallback(StaticFiles(web_root_));
    router_.Get("/api/v1/whoami", [](Request& req) -> Result<Response> {
      return Response::Json(200, json::object{{"remote", req.remote_address}});
    });
    router_.Post("/api/v1/uploads", [](Request& req) -> Result<Response> {
      return Response::Json(201, json::object{{"size", req.body.size()}});
    });
    ServerOptions options;
    options.body_limit = 1 << 20;
    options.body_limit_by_prefix = {{"/api/v1/uploads", 4 << 20}};
    options.trusted_proxies = {"127.0.0.1"};  // the tests' own client plays the proxy
    server_ = std::make_unique<HttpServer>(ioc_, router_, options);
    ASSERT_TRUE(server_->Listen("127.0.0.1", 0).ok());
    thread_ = std::thread([this] { ioc_.run(); });
  }
  void TearDown() override {
    server_->Stop();
    server_->Wait(std::chrono::steady_clock::now() + std::chrono::seconds(5));
    ioc_.stop();
    thread_.join();
    std::filesystem::remove_all(web_root_);
  }
  static void Write(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  }
  bool StillServing() { return TestClient(server_->port()).Get("/api/v1/items/7").status == 200; }

  Metrics metrics_;
  Router router_{metrics_};
  boost::asio::io_context ioc_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  std::filesystem::path web_root_;
};

TEST_F(ServerTest, OversizedBodyIs413AndServerGoesOn) {
  TestClient client(server_->port());
  auto r = client.Post("/api/v1/echo", std::string(2 << 20, 'a'));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.ErrorCode(), "payload_too_large");
  EXPECT_TRUE(StillServing());
  EXPECT_NE(metrics_.RenderPrometheus().find(
                "greenloop_http_requests_total{route=\"unparsed\",method=\"-\",status=\"413\"} 1"),
            std::string::npos);
}

TEST_F(ServerTest, UploadPathsHaveTheirOwnBodyLimit) {
  TestClient client(server_->port());
  auto taken = client.Post("/api/v1/uploads?name=a.jpg", std::string(3 << 20, 'j'));
  EXPECT_EQ(taken.status, 201);
  EXPECT_NE(taken.body.find("3145728"), std::string::npos);
  auto refused = client.Post("/api/v1/uploads", std::string(5 << 20, 'j'));
  EXPECT_EQ(refused.status, 413);
  EXPECT_NE(refused.body.find("4194304"), std::string::npos) << refused.body;
  // Everything else keeps the default limit, whatever the upload prefix allows.
  EXPECT_EQ(TestClient(server_->port()).Post("/api/v1/echo", std::string(2 << 20, 'a')).status,
            413);
  // A chunked body is held to its route's limit as it arrives.
  std::string chunked =
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string chunk(512 * 1024, 'c');
  for (int i = 0; i < 4; ++i) chunked += "80000\r\n" + chunk + "\r\n";
  chunked += "0\r\n\r\n";
  EXPECT_NE(TestClient::RawExchange(server_->port(), chunked).find("413"), std::string::npos);
  EXPECT_TRUE(StillServing());
}

TEST(ClientAddressTest, OnlyATrustedProxyIsBelieved) {
  std::vector<std::string> proxies = {"10.0.0.1", "10.0.0.2"};
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", proxies), "203.0.113.9");  // not a proxy
  EXPECT_EQ(ClientAddress("10.0.0.1", "", proxies), "10.0.0.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", "198.51.100.1", proxies), "198.51.100.1");
  // A client may send its own header: only the hops the proxies appended count.
  EXPECT_EQ(ClientAddress("10.0.0.1", "1.2.3.4, 198.51.100.1", proxies), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", "198.51.100.1 , 10.0.0.2", proxies), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", "10.0.0.2", proxies), "10.0.0.1");
  EXPECT_EQ(ClientAddress("10.0.0.1", " , ", proxies), "10.0.0.1");
}

TEST_F(ServerTest, RequestsFromATrustedProxyCarryTheClientsAddress) {
  TestClient client(server_->port());
  EXPECT_EQ(client.Get("/api/v1/whoami").Json().at("remote"), "127.0.0.1");
  std::string reply = TestClient::RawExchange(
      server_->port(),
      "GET /api/v1/whoami HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.7\r\n"
      "Connection: close\r\n\r\n");
  EXPECT_NE(reply.find("198.51.100.7"), std::string::npos) << reply;
}

TEST_F(ServerTest, MalformedJsonIs400WithCode) {
  TestClient client(server_->port());
  auto r = client.Post("/api/v1/echo", "{\"a\": [1, 2");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.ErrorCode(), "bad_json");
  EXPECT_EQ(client.Post("/api/v1/echo", "[1]").ErrorCode(), "bad_json");
  EXPECT_TRUE(StillServing());
}

TEST_F(ServerTest, MalformedHttpIs400) {
  std::string reply = TestClient::RawExchange(server_->port(), "GARBAGE\r\n\r\n");
  EXPECT_NE(reply.find("400"), std::string::npos) << reply;
  EXPECT_NE(reply.find("invalid_argument"), std::string::npos);
  EXPECT_TRUE(StillServing());
}

TEST_F(ServerTest, OversizedHeadersAre413) {
  std::string request =
      "GET /api/v1/items/7 HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'h') + "\r\n\r\n";
  std::string reply = TestClient::RawExchange(server_->port(), request);
  EXPECT_NE(reply.find("413"), std::string::npos);
  EXPECT_TRUE(StillServing());
}

TEST_F(ServerTest, HandlerExceptionIs500AndServerGoesOn) {
  auto r = TestClient(server_->port()).Get("/api/v1/boom");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.ErrorCode(), "internal");
  EXPECT_TRUE(StillServing());
}

TEST_F(ServerTest, RoutingParamsQueryAndErrors) {
  TestClient client(server_->port());
  auto r = client.Get("/api/v1/items/42?q=%E7%BB%BF");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Json().at("id").as_int64(), 42);
  EXPECT_EQ(r.Json().at("q").as_string(), "绿");
  EXPECT_EQ(client.Get("/api/v1/items/abc").status, 404);
  EXPECT_EQ(client.Get("/api/v1/nothing").ErrorCode(), "not_found");
  auto wrong_method = client.Delete("/api/v1/items/42");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.ErrorCode(), "method_not_allowed");
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  std::string two =
      "GET /api/v1/items/1 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/items/2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  std::string reply = TestClient::RawExchange(server_->port(), two);
  EXPECT_NE(reply.find("\"id\":1"), std::string::npos);
  EXPECT_NE(reply.find("\"id\":2"), std::string::npos);
}

TEST_F(ServerTest, StaticFilesWithFallbackCachingAndGzip) {
  TestClient client(server_->port());
  auto index = client.Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<html>绿环</html>");
  EXPECT_EQ(index.Header("cache-control"), "no-cache");
  auto route = client.Get("/cases/123");  // a client-side route
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, index.body);
  auto asset = client.Get("/assets/app.123.js");
  EXPECT_EQ(asset.body, "console.log(1)");
  EXPECT_NE(asset.Header("cache-control").find("immutable"), std::string::npos);
  EXPECT_EQ(asset.Header("content-type"), "text/javascript; charset=utf-8");
  auto gz = client.Request("GET", "/assets/app.123.js", {}, {{"Accept-Encoding", "gzip, br"}});
  EXPECT_EQ(gz.body, "GZIPPED");
  EXPECT_EQ(gz.Header("content-encoding"), "gzip");
  EXPECT_EQ(client.Get("/assets/missing.js").status, 404);
  EXPECT_EQ(client.Get("/../../etc/passwd").status, 404);
  EXPECT_EQ(client.Get("/assets/%2e%2e/%2e%2e/etc/passwd").status, 404);
}

TEST_F(ServerTest, MetricsCountRequestsByRoute) {
  TestClient client(server_->port());
  client.Get("/api/v1/items/1");
  client.Get("/api/v1/items/2");
  std::string text = metrics_.RenderPrometheus();
  EXPECT_NE(text.find("greenloop_http_requests_total{route=\"/api/v1/items/{id}\",method=\"GET\","
                      "status=\"200\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("greenloop_http_request_duration_seconds_count{route=\"/api/v1/items/{id}\"} 2"),
      std::string::npos);
}

TEST_F(ServerTest, StopClosesIdleConnectionsQuickly) {
  // An idle keep-alive connection must not hold shutdown for its read timeout.
  boost::asio::io_context io;
  boost::asio::ip::tcp::socket idle(io);
  idle.connect({boost::asio::ip::make_address("127.0.0.1"), server_->port()});
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_TRUE(server_->Wait(start + std::chrono::seconds(5)));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

}  // namespace
}  // namespace gl::http
