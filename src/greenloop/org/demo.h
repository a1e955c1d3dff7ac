// greenloop/org/demo.h
//
// Loads the demo district's units and people (data/demo/units.json and
// people.json) into an empty database. Every demo account gets the password
// `greenloop-demo`. A database that already has units is left alone.
//
// Returns true when it loaded, false when the database was not empty; an Error
// when a file is missing or malformed (naming the file and the entry) or the
// database fails. All or nothing: one transaction.
#pragma once

#include <filesystem>

#include "greenloop/base/error.h"
#include "greenloop/db/database.h"

namespace gl::org {

inline constexpr std::string_view kDemoPassword = "greenloop-demo";

Result<bool> LoadDemoOrganisation(db::Database& db, const std::filesystem::path& demo_dir,
                                  bool fast_hashing = false);

}  // namespace gl::org
