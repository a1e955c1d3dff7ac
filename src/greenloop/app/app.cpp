#include "greenloop/app/app.h"
#include "greenloop/app/app_impl.h"

#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "greenloop/base/id.h"
#include "greenloop/compliance/api.h"
#include "greenloop/db/database.h"
#include "greenloop/db/migrations.h"
#include "greenloop/gateway/registry.h"
#include "greenloop/gateway/server.h"
#include "greenloop/gateway/writer.h"
#include "greenloop/http/router.h"
#include "greenloop/http/server.h"
#include "greenloop/http/static_files.h"
#include "greenloop/monitoring/api.h"
#include "greenloop/monitoring/demo.h"
#include "greenloop/monitoring/service.h"
#include "greenloop/org/api.h"
#include "greenloop/org/demo.h"
#include "greenloop/org/service.h"

namespace gl::app {

namespace {
std::string ReadFileOr(const std::filesystem::path& path, std::string fallback) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fallback;
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

constexpr const char* kVersion =
#ifdef GL_VERSION
    GL_VERSION;
#else
    "dev";
#endif

void RegisterPlatformRoutes(App::Impl& impl) {
  http::Router& router = *impl.router;
  router.Get("/healthz", [&impl](http::Request&) -> Result<http::Response> {
    Status s = impl.db->Run([](soci::session& sql) {
      int one = 0;
      sql << "SELECT 1", soci::into(one);
      return Status::Ok();
    });
    json::object body{{"status", s.ok() ? "ok" : "unavailable"},
                      {"db", db::DialectName(impl.db->dialect())},
                      {"version", kVersion}};
    return http::Response::Json(s.ok() ? 200 : 503, body);
  });
  router.Get("/metrics", [&impl](http::Request&) -> Result<http::Response> {
    http::Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = impl.metrics.RenderPrometheus();
    return r;
  });
  // The demo's schematic subdistrict boundaries: public, for the portal's map too.
  router.Get("/api/v1/geo/subdistricts", [&impl](http::Request&) -> Result<http::Response> {
    if (impl.subdistricts_geojson.empty())
      return Error::NotFound("no subdistrict boundaries loaded");
    http::Response r;
    r.content_type = "application/geo+json";
    r.body = impl.subdistricts_geojson;
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return r;
  });
}
}  // namespace

App::App(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

App::~App() {
  Stop();
  Wait(std::chrono::steady_clock::now() + std::chrono::seconds(10));
}

Result<std::unique_ptr<App>> App::Start(const ServeOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (options.node_id >= 0) IdGenerator::SetGlobalNode(options.node_id);
  GL_ASSIGN_OR_RETURN(auto http_addr, http::ParseHostPort(options.http, "--http"));
  GL_ASSIGN_OR_RETURN(auto hj212_addr, http::ParseHostPort(options.hj212, "--hj212"));

  size_t pool = static_cast<size_t>(std::max(2, options.threads + 2));
  GL_ASSIGN_OR_RETURN(impl->db, db::Database::Open(options.db_url, pool));
  GL_ASSIGN_OR_RETURN(int version, db::Migrate(*impl->db));
  spdlog::info("database {} at schema version {}", impl->db->url().redacted, version);

  if (options.demo) {
    GL_ASSIGN_OR_RETURN(bool loaded, org::LoadDemoOrganisation(*impl->db, options.data_dir / "demo",
                                                               options.fast_password_hashing));
    if (!loaded) spdlog::info("--demo: the database already has data; left as it is");
    GL_ASSIGN_OR_RETURN(bool sites_loaded,
                        monitoring::LoadDemoSites(*impl->db, options.data_dir / "demo"));
    (void)sites_loaded;
  }
  impl->subdistricts_geojson = ReadFileOr(options.data_dir / "demo" / "subdistricts.geojson", "");

  org::OrgOptions org_options;
  org_options.fast_password_hashing = options.fast_password_hashing;
  impl->org = std::make_unique<org::OrgService>(*impl->db, org_options);
  impl->router = std::make_unique<http::Router>(impl->metrics);
  RegisterPlatformRoutes(*impl);
  org::RegisterOrgRoutes(*impl->router, *impl->org);
  impl->monitoring = std::make_unique<monitoring::MonitoringService>(*impl->db);
  monitoring::RegisterMonitoringRoutes(*impl->router, *impl->org, *impl->monitoring);
  impl->compliance = std::make_unique<compliance::ComplianceService>(*impl->db, *impl->monitoring);
  compliance::RegisterComplianceRoutes(*impl->router, *impl->org, *impl->compliance);
  compliance::RegisterPublicComplianceRoutes(*impl->router, *impl->compliance, *impl->monitoring);
  impl->router->SetFallback(http::StaticFiles(options.web_root));

  db::Database* database = impl->db.get();
  impl->metrics.AddGauge("greenloop_db_pool_size", "Database sessions in the pool.",
                         [database] { return static_cast<double>(database->pool_size()); });
  impl->metrics.AddGauge("greenloop_db_pool_in_use", "Database sessions leased right now.",
                         [database] { return static_cast<double>(database->sessions_in_use()); });

  http::ServerOptions server_options;
  server_options.body_limit = options.body_limit;
  server_options.trusted_proxies = options.trusted_proxies;
  // Photos and attachments: up to 10 MB each (issue #6); a complaint may carry its photos inline.
  for (const char* upload :
       {"/api/v1/attachments", "/api/v1/public/photos", "/api/v1/public/complaints"}) {
    server_options.body_limit_by_prefix.emplace_back(
        upload, std::max<size_t>(options.body_limit, 10 << 20));
  }
  impl->http = std::make_unique<http::HttpServer>(impl->ioc, *impl->router, server_options);
  http::HttpServer* server = impl->http.get();
  impl->metrics.AddGauge("greenloop_http_connections", "Open HTTP connections.",
                         [server] { return static_cast<double>(server->active_connections()); });
  GL_RETURN_IF_ERROR(impl->http->Listen(http_addr.first, http_addr.second));
  spdlog::info("http listening on {}:{}", http_addr.first, impl->http->port());

  impl->registry = std::make_unique<gateway::DeviceRegistry>(*impl->db);
  GL_RETURN_IF_ERROR(impl->registry->Reload());
  gateway::DeviceRegistry* registry = impl->registry.get();
  impl->monitoring->OnDevicesChanged([registry] { (void)registry->Reload(); });
  impl->writer = std::make_unique<gateway::IngestWriter>(*impl->db, impl->metrics);
  // Later capabilities wire themselves in (their routes, and listeners on the writer)
  // before anything runs. Cases first: alarms hand over to them.
  GL_RETURN_IF_ERROR(WireCases(*impl));
  GL_RETURN_IF_ERROR(WireAlarms(*impl));
  impl->writer->Start();
  impl->gateway = std::make_unique<gateway::GatewayServer>(impl->ioc, *impl->registry,
                                                           *impl->writer, impl->metrics);
  gateway::GatewayServer* gw = impl->gateway.get();
  impl->metrics.AddGauge("greenloop_hj212_connections", "Open HJ 212 device connections.",
                         [gw] { return static_cast<double>(gw->active_connections()); });
  gateway::IngestWriter* writer = impl->writer.get();
  impl->metrics.AddGauge("greenloop_hj212_queued_readings", "Readings waiting for the writer.",
                         [writer] { return static_cast<double>(writer->queued_readings()); });
  GL_RETURN_IF_ERROR(impl->gateway->Listen(hj212_addr.first, hj212_addr.second));
  spdlog::info("hj212 gateway listening on {}:{} ({} devices registered)", hj212_addr.first,
               impl->gateway->port(), impl->registry->size());

  impl->work = std::make_unique<decltype(impl->work)::element_type>(impl->ioc.get_executor());
  for (int i = 0; i < std::max(1, options.threads); ++i) {
    impl->threads.emplace_back([ioc = &impl->ioc] {
      for (;;) {
        try {
          ioc->run();
          break;
        } catch (const std::exception& e) {
          // A handler's exception must not take the process down with it.
          spdlog::error("io thread: {}", e.what());
        }
      }
    });
  }
  return std::unique_ptr<App>(new App(std::move(impl)));
}

std::uint16_t App::http_port() const { return impl_->http->port(); }

std::uint16_t App::hj212_port() const { return impl_->gateway->port(); }

std::string App::db_dialect() const { return std::string(db::DialectName(impl_->db->dialect())); }

void App::Stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->http->Stop();
  if (impl_->gateway) impl_->gateway->Stop();
}

bool App::Wait(std::chrono::steady_clock::time_point deadline) {
  bool drained = impl_->http->Wait(deadline);
  if (impl_->gateway) drained = impl_->gateway->Wait(deadline) && drained;
  // Connections are gone: the writer stores what is still queued, then stops.
  if (impl_->writer) impl_->writer->Stop();
  for (auto& stop : impl_->stop_after_writer) stop();
  impl_->stop_after_writer.clear();
  impl_->work.reset();
  impl_->ioc.stop();
  for (auto& t : impl_->threads) {
    if (t.joinable()) t.join();
  }
  impl_->threads.clear();
  return drained;
}

}  // namespace gl::app
