// greenloop/cases/open311_api.h
//
// Open311 GeoReport v2 over the cases, so that existing reporting apps can file
// into GreenLoop and read what they filed (shared/reference/open311.md):
//
//   GET  /open311/discovery.{json,xml}           Service Discovery
//   GET  /open311/v2/services.{json,xml}          the case categories that take reports
//   GET  /open311/v2/services/{code}.{json,xml}   {"service_code","attributes":[]}
//   GET  /open311/v2/requests.{json,xml}          filters service_request_id, service_code,
//                                                 start_date, end_date, status; at most 1000
//   POST /open311/v2/requests.{json,xml}          form-encoded, with api_key
//   GET  /open311/v2/requests/{id}.{json,xml}
//
// Decisions (documented in docs/api.md):
// - One jurisdiction: jurisdiction_id is accepted and ignored (§1.4).
// - api_key is an existing GreenLoop API token with scope "write" (POST /api/v1/tokens);
//   the request is filed as a public complaint (channel "open311:<login>") and routed
//   like one. Missing, unknown or read-only: 403.
// - service_request_id is the case number ("YZ-2026-000123"), a string.
// - Only cases filed by the public (source complaint) are listed and readable here:
//   status, category, description, place, the lead unit (agency_responsible), the
//   expected time and the latest public timeline text (status_notes); never a person.
// - Statuses: closed = closed, rejected or merged; everything else open.
// - Errors are the spec's array [{"code","description"}] with 400, 403 or 404 (and
//   429 with Retry-After for the rate limit); a server failure is a logged 400
//   "General service error", as the spec has no 5xx.
#pragma once

#include "greenloop/cases/public_api.h"

namespace gl::cases {

// Everything must outlive the router.
void RegisterOpen311Routes(http::Router& router, org::OrgService& org, CaseService& cases,
                           PublicCases& pub);

}  // namespace gl::cases
