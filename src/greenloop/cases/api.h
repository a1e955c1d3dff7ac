// greenloop/cases/api.h
//
// The staff HTTP routes of cases under /api/v1/ (docs/api.md "## Cases"). Handlers
// parse, call CaseService and encode; nothing else.
//
//   GET  /api/v1/cases?<filters>&page=&page_size=     the list (scope-limited)
//   POST /api/v1/cases                                staff intake, 201 + "duplicates"
//   GET  /api/v1/cases/routing?category=&subdistrict= the default lead and co-units
//   GET  /api/v1/cases/{id}                           detail with the timeline
//   POST /api/v1/cases/{id}/{action}                  accept, reject, dispatch, start, return,
//                                                     resolve, verify, send_back, close, merge,
//                                                     reopen, note
//   GET  /api/v1/case-categories                      the taxonomy
//   GET  /api/v1/notifications?unread=1               the signed-in person's in-app list
//   POST /api/v1/notifications/read {"ids"?}          mark read (all when no ids)
//   GET  /api/v1/case-templates, PATCH /api/v1/case-templates {"category","action","text"}
//   GET/PATCH /api/v1/case-webhooks/{unit_id} {"url"}  (admin) a unit's webhook
//
// Register the report routes (report_api.h) first: the router takes the first match.
#pragma once

#include "greenloop/cases/service.h"
#include "greenloop/http/router.h"
#include "greenloop/org/service.h"

namespace gl::cases {

// Both services must outlive the router.
void RegisterCaseRoutes(http::Router& router, org::OrgService& org, CaseService& cases);

}  // namespace gl::cases
