// greenloop/alarms/api.h
//
// The alarm routes (docs/api.md "## Alarms"): GET /api/v1/alarms, GET /alarms/{id},
// POST /alarms/{id}/ack and /clear, GET /alarms/site-states, the alarm-rules CRUD.
// Each handler resolves the actor first (org::RequireActor). The WebSocket stream
// is registered by the runtime's wiring, not here.
#pragma once

#include "greenloop/alarms/service.h"
#include "greenloop/http/router.h"
#include "greenloop/org/service.h"

namespace gl::alarms {

void RegisterAlarmRoutes(http::Router& router, org::OrgService& org, AlarmService& service);

}  // namespace gl::alarms
