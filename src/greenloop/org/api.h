// greenloop/org/api.h
//
// HTTP routes for sign-in, /me, units, people and API tokens under /api/v1/.
// Handlers parse, call OrgService and encode; nothing else.
#pragma once

#include "greenloop/http/router.h"
#include "greenloop/org/service.h"

namespace gl::org {

// The service must outlive the router.
void RegisterOrgRoutes(http::Router& router, OrgService& service);

}  // namespace gl::org
