// greenloop/compliance/api.h
//
// HTTP routes of the compliance capability under /api/v1/. Handlers parse, call
// the standards library or ComplianceService and encode; nothing else.
//
//   GET  /api/v1/sites/{id}/compliance?from=&to=&period=hour|day   signed in
//   GET  /api/v1/air/aqi?date=YYYY-MM-DD                           signed in
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

}  // namespace gl::compliance
