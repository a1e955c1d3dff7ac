// greenloop/db/database.h
//
// The one way into the database: a pool of SOCI sessions over SQLite (embedded,
// the default) or PostgreSQL (several nodes on one server). The same SQL runs on
// both; where they differ, ask `dialect()`.
//
// Contract:
// - Database::Open returns a ready pool, or kUnavailable naming the URL's problem
//   (malformed URL, unreachable server, unwritable file). It does not migrate.
// - Every store runs its statements inside Database::Run / RunInTransaction, which
//   lease a session, catch SOCI's exceptions and return them as Errors: a unique or
//   foreign-key violation as kConflict, anything else as kInternal (logged).
// - The Database must outlive every lease. Thread-safe.
#pragma once

#include <soci/soci.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <string>
#include <string_view>

#include "greenloop/base/error.h"

namespace gl::db {

enum class Dialect { kSqlite, kPostgres };

// "sqlite" or "postgresql", as /healthz reports it.
std::string_view DialectName(Dialect dialect);

// A parsed --db URL. "sqlite:var/greenloop.db", "sqlite::memory:" and
// "postgresql://user[:password]@host[:port]/dbname" are accepted.
struct DatabaseUrl {
  Dialect dialect = Dialect::kSqlite;
  std::string sqlite_path;        // for kSqlite
  std::string soci_connect;       // the SOCI connection string
  std::string redacted;           // the URL without its password, for logs
};
Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

class Database {
 public:
  static Result<std::unique_ptr<Database>> Open(std::string_view url, size_t pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return url_.dialect; }
  const DatabaseUrl& url() const { return url_; }
  size_t pool_size() const { return pool_size_; }
  size_t sessions_in_use() const { return in_use_.load(); }

  // Runs `work` with a leased session, outside any explicit transaction.
  Status Run(const std::function<Status(soci::session&)>& work);

  // Runs `work` in one transaction: committed when it returns OK, rolled back on an
  // error or exception. On SQLite the transaction takes the write lock at once
  // (BEGIN IMMEDIATE) so that two writers never deadlock on a lock upgrade.
  Status RunInTransaction(const std::function<Status(soci::session&)>& work);

  // Result-returning forms of the above: `work` returns a Result<T>, and so do they.
  template <typename F>
  auto Query(F&& work) -> std::invoke_result_t<F, soci::session&> {
    return Wrap(work, [this](auto& fn) { return Run(fn); });
  }
  template <typename F>
  auto Transact(F&& work) -> std::invoke_result_t<F, soci::session&> {
    return Wrap(work, [this](auto& fn) { return RunInTransaction(fn); });
  }

 private:
  template <typename F, typename Runner>
  static auto Wrap(F& work, Runner runner) -> std::invoke_result_t<F, soci::session&> {
    using R = std::invoke_result_t<F, soci::session&>;
    std::optional<R> out;
    std::function<Status(soci::session&)> fn = [&](soci::session& sql) {
      out.emplace(work(sql));
      return out->ok() ? Status::Ok() : Status(out->error());
    };
    Status s = runner(fn);
    if (!s.ok()) return s.error();
    return std::move(*out);
  }

  Database(DatabaseUrl url, size_t pool_size);
  Status Connect();
  Status Guard(const char* what, const std::function<Status()>& body);

  DatabaseUrl url_;
  size_t pool_size_;
  soci::connection_pool pool_;
  std::atomic<size_t> in_use_{0};
};

}  // namespace gl::db
