// tests/support/test_db.h
//
// A fresh, migrated database per test, on SQLite (a temporary file) or on the
// PostgreSQL named by GL_TEST_PG_URL (a new database created and dropped per test).
// Store tests are parameterised over StoreBackends() so every one runs on both.
// Without GL_TEST_PG_URL the PostgreSQL cases skip, unless GL_TEST_PG_REQUIRED=1
// (set by `make test`), in which case they fail.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "greenloop/db/database.h"

namespace gl::testing {

std::vector<std::string> StoreBackends();

class TestDatabase {
 public:
  // nullptr with a reason in `skip_reason` when the backend is not available.
  static std::unique_ptr<TestDatabase> Create(const std::string& backend, std::string& skip_reason,
                                              bool migrate = true);
  ~TestDatabase();
  db::Database& db() { return *db_; }
  const std::string& url() const { return url_; }

 private:
  std::unique_ptr<db::Database> db_;
  std::string url_;
  std::string admin_url_;
  std::string pg_name_;
  std::string sqlite_path_;
};

// Base fixture: `db()` is a fresh migrated database of the parameter's backend.
class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override { test_db_.reset(); }
  db::Database& db() { return test_db_->db(); }
  std::unique_ptr<TestDatabase> test_db_;
};

#define GL_INSTANTIATE_STORE_TEST(Fixture)                                               \
  INSTANTIATE_TEST_SUITE_P(Backends, Fixture,                                            \
                           ::testing::ValuesIn(::gl::testing::StoreBackends()),           \
                           [](const auto& info) { return info.param; })

#define ASSERT_GL_OK(expr)                                     \
  do {                                                         \
    auto&& gl_s_ = (expr);                                     \
    ASSERT_TRUE(gl_s_.ok()) << gl_s_.error().ToString();       \
  } while (0)
#define EXPECT_GL_OK(expr)                                     \
  do {                                                         \
    auto&& gl_s_ = (expr);                                     \
    EXPECT_TRUE(gl_s_.ok()) << gl_s_.error().ToString();       \
  } while (0)

}  // namespace gl::testing
