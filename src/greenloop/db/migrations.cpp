#include "greenloop/db/migrations.h"

#include <spdlog/spdlog.h>

#include "greenloop/base/time.h"

namespace gl::db {

namespace {
constexpr long long kMigrationLockKey = 2120212001;  // any constant shared by all nodes

Status EnsureVersionTable(Database& db) {
  return db.Run([](soci::session& sql) {
    sql << "CREATE TABLE IF NOT EXISTS schema_migrations ("
           "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    return Status::Ok();
  });
}
}  // namespace

Result<int> SchemaVersion(Database& db) {
  GL_RETURN_IF_ERROR(EnsureVersionTable(db));
  return db.Query([](soci::session& sql) -> Result<int> {
    int version = 0;
    soci::indicator ind;
    sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
    return ind == soci::i_ok ? version : 0;
  });
}

Result<int> Migrate(Database& db) {
  GL_RETURN_IF_ERROR(EnsureVersionTable(db));
  int current = 0;
  for (const Migration& m : AllMigrations()) {
    Status s = db.RunInTransaction([&](soci::session& sql) -> Status {
      if (db.dialect() == Dialect::kPostgres) {
        sql << "SELECT pg_advisory_xact_lock(" << kMigrationLockKey << ")";
      }
      int applied = 0;
      sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version),
          soci::into(applied);
      if (applied > 0) return Status::Ok();
      for (std::string_view statement : m.statements) sql << std::string(statement);
      long long now = NowMs();
      std::string name(m.name);
      sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
          soci::use(m.version), soci::use(name), soci::use(now);
      spdlog::info("migration {} {} applied", m.version, m.name);
      return Status::Ok();
    });
    if (!s.ok()) {
      return Error(s.error().code(), "migration " + std::to_string(m.version) + " " +
                                         std::string(m.name) + " failed: " + s.error().message());
    }
    current = m.version;
  }
  return current;
}

}  // namespace gl::db
