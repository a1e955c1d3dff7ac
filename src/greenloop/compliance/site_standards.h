// greenloop/compliance/site_standards.h
//
// Which standard and class apply to a site, read from its kind and attributes.
// One place for the compliance service and the alarm rules, so both judge a site
// against the same limit. Pure: unknown or malformed attributes fall back to the
// defaults below (never an error).
//
//   - noise: GB 12523-2011 for construction, GB 12348-2008 for industrial, GB 3096-2008
//     otherwise, unless attributes.noise_standard names one; attributes.noise_zone
//     (default "2"); attributes.noise_lmax_kind ("frequent" | "sporadic", GB 12348 only).
//   - fume: attributes.fume_standard, default DB50/859-2018 (Chongqing).
#pragma once

#include <string>

#include "greenloop/monitoring/model.h"
#include "greenloop/standards/fume.h"
#include "greenloop/standards/noise.h"

namespace gl::compliance {

struct NoiseSetup {
  standards::NoiseStandard standard = standards::NoiseStandard::kGb3096;
  std::string zone;
  standards::LmaxKind lmax_kind = standards::LmaxKind::kUnspecified;
  bool lmax_kind_known = false;
};

NoiseSetup NoiseSetupOf(const monitoring::Site& site);
standards::FumeStandard FumeStandardOf(const monitoring::Site& site);

}  // namespace gl::compliance
