// greenloop/monitoring/demo.h
//
// Loads the demo district's monitored sites and devices (data/demo/sites.json)
// into a database whose sites table is empty; needs the demo units loaded first.
// Returns true when it loaded, false when sites existed; an Error naming the file
// and entry when the file is malformed. One transaction.
#pragma once

#include <filesystem>

#include "greenloop/base/error.h"
#include "greenloop/db/database.h"

namespace gl::monitoring {

Result<bool> LoadDemoSites(db::Database& db, const std::filesystem::path& demo_dir);

}  // namespace gl::monitoring
