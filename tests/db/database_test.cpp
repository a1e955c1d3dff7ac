#include "greenloop/db/database.h"

#include <gtest/gtest.h>

#include "greenloop/db/migrations.h"
#include "support/test_db.h"

namespace gl::db {
namespace {

TEST(DatabaseUrlTest, ParsesBothDialects) {
  auto s = ParseDatabaseUrl("sqlite:var/greenloop.db");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->dialect, Dialect::kSqlite);
  EXPECT_EQ(s->sqlite_path, "var/greenloop.db");

  auto p = ParseDatabaseUrl("postgresql://gl:s%40cret@db.local:5433/greenloop");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->dialect, Dialect::kPostgres);
  EXPECT_EQ(p->soci_connect,
            "dbname='greenloop' host='db.local' port=5433 connect_timeout=10 "
            "options='-c client_min_messages=warning' user='gl' "
            "password='s@cret'");
  EXPECT_EQ(p->redacted, "postgresql://gl@db.local:5433/greenloop");
}

TEST(DatabaseUrlTest, RejectsMalformed) {
  for (const char* bad : {"", "mysql://x/y", "sqlite:", "postgresql://host:5432/",
                          "postgresql://host:port/db"}) {
    auto r = ParseDatabaseUrl(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
}

class DatabaseStoreTest : public gl::testing::StoreTest {};

TEST_P(DatabaseStoreTest, MigrationsAreIdempotentAndRecorded) {
  auto v1 = SchemaVersion(db());
  ASSERT_GL_OK(v1);
  EXPECT_EQ(*v1, AllMigrations().back().version);
  auto again = Migrate(db());
  ASSERT_GL_OK(again);
  EXPECT_EQ(*again, *v1);
}

TEST_P(DatabaseStoreTest, TransactionRollsBackOnError) {
  auto s = db().RunInTransaction([](soci::session& sql) -> Status {
    sql << "INSERT INTO login_failures (login, failures, locked_until, updated_at) "
           "VALUES ('x', 1, 0, 0)";
    return Error::Conflict("changed my mind");
  });
  EXPECT_EQ(s.error().code(), ErrorCode::kConflict);
  auto count = db().Query([](soci::session& sql) -> Result<int> {
    int n = 0;
    sql << "SELECT COUNT(*) FROM login_failures", soci::into(n);
    return n;
  });
  ASSERT_GL_OK(count);
  EXPECT_EQ(*count, 0);
}

TEST_P(DatabaseStoreTest, UniqueViolationIsConflictNotInternal) {
  auto insert = [&] {
    return db().RunInTransaction([](soci::session& sql) {
      sql << "INSERT INTO login_failures (login, failures, locked_until, updated_at) "
             "VALUES ('dup', 1, 0, 0)";
      return Status::Ok();
    });
  };
  ASSERT_GL_OK(insert());
  EXPECT_EQ(insert().error().code(), ErrorCode::kConflict);
}

TEST_P(DatabaseStoreTest, BadSqlIsInternalAndPoolSurvives) {
  auto s = db().Run([](soci::session& sql) {
    sql << "SELECT no_such_column FROM units";
    return Status::Ok();
  });
  EXPECT_EQ(s.error().code(), ErrorCode::kInternal);
  EXPECT_EQ(db().sessions_in_use(), 0u);
  EXPECT_GL_OK(SchemaVersion(db()));
}

GL_INSTANTIATE_STORE_TEST(DatabaseStoreTest);

}  // namespace
}  // namespace gl::db
