// The public portal's air and water panels (see api.h): published figures, read as
// the system, limited per client address.
#include <memory>

#include "greenloop/compliance/api.h"
#include "greenloop/http/rate_limit.h"

namespace gl::compliance {

namespace {
using http::Request;
using http::Response;

std::string Today() { return FormatIsoShanghai(NowMs()).substr(0, 10); }

constexpr int kWaterDays = 3;  // the panel shows the latest day with a class among these
constexpr int kMaxSections = 200;
}  // namespace

void RegisterPublicComplianceRoutes(http::Router& router, ComplianceService& svc,
                                    monitoring::MonitoringService& monitoring) {
  // Each call reads a day of every station's data: a phone refreshing is fine, a loop is not.
  auto limiter = std::make_shared<http::RateLimiter>(http::RateLimitOptions{60, 20, 100000});

  router.Get("/api/v1/public/air/aqi",
             http::RateLimited(*limiter, [&svc, limiter](Request&) -> Result<Response> {
               GL_ASSIGN_OR_RETURN(DistrictAqi d, svc.AirQuality(org::Actor::System(), Today()));
               Response r = Response::Json(200, DistrictAqiToJson(d));
               r.headers.emplace_back("Cache-Control", "public, max-age=60");
               return r;
             }));

  router.Get(
      "/api/v1/public/water",
      http::RateLimited(*limiter, [&svc, &monitoring, limiter](Request&) -> Result<Response> {
        const org::Actor system = org::Actor::System();
        monitoring::store::SiteFilter filter;
        filter.kind = "water_section";
        long long total = 0;
        GL_ASSIGN_OR_RETURN(auto sections,
                            monitoring.ListSites(system, filter, 0, kMaxSections, total));
        TimeMs now = NowMs();
        json::array items;
        for (const monitoring::Site& site : sections) {
          GL_ASSIGN_OR_RETURN(SiteCompliance c,
                              svc.SiteItems(system, site.id, monitoring::Period::kDay,
                                            now - kWaterDays * 86400000LL, now));
          json::array days;
          for (const auto& item : c.items) days.push_back(ComplianceItemJson(item));
          items.push_back(json::object{{"site", SiteRefJson(site)}, {"items", std::move(days)}});
        }
        Response r = Response::Json(200, json::object{{"items", std::move(items)}});
        r.headers.emplace_back("Cache-Control", "public, max-age=300");
        return r;
      }));
}

}  // namespace gl::compliance
