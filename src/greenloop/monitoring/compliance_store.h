// greenloop/monitoring/compliance_store.h
//
// Reads the compliance capability needs from the monitoring tables, in one query
// each instead of one per site and factor. Same rules as store.h: runs on the
// session it is given, lets SOCI's exceptions through, no permission checks.
#pragma once

#include <soci/soci.h>

#include <string>
#include <vector>

#include "greenloop/monitoring/model.h"

namespace gl::monitoring::store {

// The aggregates of `period` with start in [from, to) of any of `site_ids` and any
// of `factors` (HJ 212 codes), ordered by site, factor and start. Empty inputs give
// an empty answer.
std::vector<Aggregate> QueryAggregatesOfSites(soci::session& sql, const std::vector<Id>& site_ids,
                                              const std::vector<std::string>& factors,
                                              Period period, TimeMs from, TimeMs to);

}  // namespace gl::monitoring::store
