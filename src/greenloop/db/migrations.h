// greenloop/db/migrations.h
//
// One portable, versioned set of schema migrations. The same statements run on
// SQLite and PostgreSQL (BIGINT ids and epoch-millisecond times, TEXT, INTEGER
// booleans, DOUBLE PRECISION). Each migration runs in its own transaction and
// records its version in schema_migrations; applying is idempotent, and on
// PostgreSQL an advisory lock lets any number of nodes start at once.
#pragma once

#include <string_view>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/db/database.h"

namespace gl::db {

struct Migration {
  int version;
  std::string_view name;
  // One statement each: SQLite's prepare takes a single statement at a time.
  std::vector<std::string_view> statements;
};

// Every migration, in version order. Append new ones; never edit a released one.
const std::vector<Migration>& AllMigrations();

// Applies what is missing. Returns the schema version after applying.
Result<int> Migrate(Database& db);

// The highest applied version, 0 for an empty database.
Result<int> SchemaVersion(Database& db);

}  // namespace gl::db
