#include "support/test_db.h"

#include <cstdlib>
#include <filesystem>

#include "greenloop/base/crypto.h"
#include "greenloop/db/migrations.h"

namespace gl::testing {

std::vector<std::string> StoreBackends() { return {"sqlite", "postgresql"}; }

std::unique_ptr<TestDatabase> TestDatabase::Create(const std::string& backend,
                                                   std::string& skip_reason, bool migrate) {
  InitCrypto();
  auto t = std::unique_ptr<TestDatabase>(new TestDatabase());
  if (backend == "sqlite") {
    auto dir = std::filesystem::temp_directory_path() / ("gl-test-" + RandomHex(8));
    std::filesystem::create_directories(dir);
    t->sqlite_path_ = dir.string();
    t->url_ = "sqlite:" + (dir / "test.db").string();
  } else {
    const char* base = std::getenv("GL_TEST_PG_URL");
    if (!base || !*base) {
      skip_reason = "GL_TEST_PG_URL is not set (make test starts a PostgreSQL and sets it)";
      return nullptr;
    }
    t->admin_url_ = base;
    t->pg_name_ = "gl_test_" + RandomHex(6);
    auto admin = db::Database::Open(t->admin_url_, 1);
    if (!admin.ok()) {
      skip_reason = admin.error().ToString();
      return nullptr;
    }
    auto s = (*admin)->Run([&](soci::session& sql) {
      sql << "CREATE DATABASE " + t->pg_name_;
      return Status::Ok();
    });
    if (!s.ok()) {
      skip_reason = s.error().ToString();
      return nullptr;
    }
    t->url_ = t->admin_url_.substr(0, t->admin_url_.rfind('/') + 1) + t->pg_name_;
  }
  auto opened = db::Database::Open(t->url_, 4);
  if (!opened.ok()) {
    skip_reason = opened.error().ToString();
    return nullptr;
  }
  t->db_ = std::move(opened).value();
  if (migrate) {
    auto m = db::Migrate(*t->db_);
    if (!m.ok()) {
      skip_reason = m.error().ToString();
      return nullptr;
    }
  }
  return t;
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!sqlite_path_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(sqlite_path_, ec);
  }
  if (!pg_name_.empty()) {
    auto admin = db::Database::Open(admin_url_, 1);
    if (admin.ok()) {
      (void)(*admin)->Run([&](soci::session& sql) {
        sql << "DROP DATABASE IF EXISTS " + pg_name_;
        return Status::Ok();
      });
    }
  }
}

void StoreTest::SetUp() {
  std::string reason;
  test_db_ = TestDatabase::Create(GetParam(), reason);
  if (!test_db_) {
    const char* required = std::getenv("GL_TEST_PG_REQUIRED");
    if (GetParam() == "postgresql" && !(required && std::string(required) == "1")) {
      GTEST_SKIP() << reason;
    }
    FAIL() << GetParam() << " unavailable: " << reason;
  }
}

}  // namespace gl::testing
