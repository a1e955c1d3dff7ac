// greenloop/cases/public_api.h
//
// The parts of cases that face the public and files: the citizen's complaint and
// tracking endpoints, photo and attachment uploads, each behind a per-address
// rate limit. Handlers parse, call CaseService / AttachmentStore and encode.
//
//   GET  /api/v1/public/categories                      the taxonomy (no login)
//   POST /api/v1/public/photos            raw image     201 {"token"}
//   POST /api/v1/public/complaints        JSON          201
//   {"number","tracking_code","status","expected_at"} GET  /api/v1/public/cases/{number}?code= the
//   public view (no internal data) POST /api/v1/public/cases/{number}/rate
//   {"code","satisfaction","comment"?} POST /api/v1/public/cases/{number}/reopen {"code","reason"}
//   POST /api/v1/attachments?name=        raw image     201 attachment (staff, write)
//   GET  /api/v1/attachments/{id}                       the bytes (scope-checked through its case)
//
// A wrong number and a wrong code answer the same 404. Every /public/ route and
// the photo upload are rate-limited per client address (429 with Retry-After):
// reads by `read_limit`, writes (photos, complaints, rate, reopen) by `write_limit`.
#pragma once

#include <memory>

#include "greenloop/cases/attachments.h"
#include "greenloop/cases/service.h"
#include "greenloop/http/rate_limit.h"
#include "greenloop/http/router.h"
#include "greenloop/org/service.h"

namespace gl::cases {

struct PublicOptions {
  AttachmentOptions attachments;
  // Platform choices, no standard behind them: a person filing a complaint with a few
  // photos needs well under 10 writes a minute; a tracking page polls rarely.
  http::RateLimitOptions read_limit{60, 30};
  http::RateLimitOptions write_limit{10, 10};
  size_t max_photos = 9;
};

// What the public routes need to live as long as the router: the attachment store
// and the two limiters. Made by the wiring, which also hands the CaseService the
// attachment hooks (AttachmentHooksFor).
struct PublicCases {
  PublicCases(db::Database& db, PublicOptions options);
  PublicOptions options;
  AttachmentStore attachments;
  http::RateLimiter read_limiter;
  http::RateLimiter write_limiter;
};

// Link and list hooks for CaseService::SetAttachmentHooks.
AttachmentHooks AttachmentHooksFor();

// "var/files" or, for an SQLite database file, "files" beside it; GL_FILES_DIR overrides.
std::filesystem::path DefaultFilesDir(const db::Database& db);

// The public routes and the attachment routes. All three must outlive the router.
void RegisterPublicCaseRoutes(http::Router& router, CaseService& cases, PublicCases& pub);
void RegisterAttachmentRoutes(http::Router& router, org::OrgService& org, CaseService& cases,
                              PublicCases& pub);

// The staff taxonomy list (codec.h TaxonomyToJson) plus "total":
// {"items":[{"code","name","name_en","parent":null,"children":[{..., "parent":code}]}],"total"}
json::object CategoriesJson(const Taxonomy& taxonomy);
// "已受理" for "accepted", ...
std::string_view StatusText(CaseStatus status);

}  // namespace gl::cases
