// greenloop/cases/report_api.h
//
// Staff reports over the cases (signed in; scope as the staff list):
//   GET /api/v1/cases/export.xlsx?<the staff list's filters>   the ledger workbook
//   GET /api/v1/cases/stats?from=&to=&unit=                     per-unit figures + funnel
// The export holds at most kMaxExportRows cases; more answers 400 asking for
// narrower filters (no silent truncation). Register these BEFORE the staff routes'
// /api/v1/cases/{id}: the router takes the first pattern that matches.
#pragma once

#include "greenloop/cases/service.h"
#include "greenloop/http/router.h"
#include "greenloop/org/service.h"

namespace gl::cases {

inline constexpr int kMaxExportRows = 50000;

// The staff list's filters from the query (status, unit, category, source, overdue,
// subdistrict, q, from, to, sort); kInvalidArgument naming the parameter.
Result<CaseFilter> ParseListFilter(const http::Request& request);

// Both services must outlive the router.
void RegisterCaseReportRoutes(http::Router& router, org::OrgService& org, CaseService& cases);

}  // namespace gl::cases
