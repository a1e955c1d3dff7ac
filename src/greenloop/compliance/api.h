// greenloop/compliance/api.h
//
// HTTP routes of the compliance capability under /api/v1/. Handlers parse, call
// the standards library or ComplianceService and encode; nothing else.
//
//   GET  /api/v1/sites/{id}/compliance?from=&to=&period=hour|day   signed in
//   GET  /api/v1/air/aqi?date=YYYY-MM-DD                           signed in
//   GET  /api/v1/public/air/aqi                                    public, rate-limited
//   GET  /api/v1/public/water                                      public, rate-limited
//   POST /api/v1/standards/aqi | water-class | noise               public calculators
//        (also served as /api/v1/calc/..., the paths issue #4 names)
//
// Bad calculator input answers 400 {"error":"invalid_argument","message","field"}
// with the field the standards library named.
#pragma once

#include "greenloop/compliance/service.h"
#include "greenloop/http/router.h"
#include "greenloop/org/service.h"

namespace gl::compliance {

// Both services must outlive the router.
void RegisterComplianceRoutes(http::Router& router, org::OrgService& org,
                              ComplianceService& service);

// What the public portal shows without signing in: today's AQI of the district and its
// stations (the same JSON as /api/v1/air/aqi for today), and each river section's GB 3838
// class of the last three days ({"items":[{"site","items":[day items]}]}). Both are
// published information, so they are computed as the system and rate-limited per
// client address. The services must outlive the router.
void RegisterPublicComplianceRoutes(http::Router& router, ComplianceService& service,
                                    monitoring::MonitoringService& monitoring);

// Encoders shared by the staff and the public routes.
json::object DistrictAqiToJson(const DistrictAqi& aqi);
json::object ComplianceItemJson(const ComplianceItem& item);
json::object SiteRefJson(const monitoring::Site& site);

}  // namespace gl::compliance
