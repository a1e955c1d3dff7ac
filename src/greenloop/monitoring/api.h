// greenloop/monitoring/api.h
//
// HTTP routes for sites, devices and readings under /api/v1/. Handlers parse,
// call MonitoringService and encode; nothing else.
#pragma once

#include "greenloop/http/router.h"
#include "greenloop/monitoring/service.h"
#include "greenloop/org/service.h"

namespace gl::monitoring {

// Both services must outlive the router.
void RegisterMonitoringRoutes(http::Router& router, org::OrgService& org,
                              MonitoringService& service);

}  // namespace gl::monitoring
