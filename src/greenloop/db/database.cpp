#include "greenloop/db/database.h"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <optional>

namespace gl::db {

std::string_view DialectName(Dialect dialect) {
  return dialect == Dialect::kSqlite ? "sqlite" : "postgresql";
}

namespace {
Error BadUrl(std::string message) { return Error(ErrorCode::kUnavailable, std::move(message), "db"); }

// libpq keyword values: quote when they hold spaces or quotes.
std::string PgValue(std::string_view v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string PercentDecode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}
}  // namespace

Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url) {
  DatabaseUrl out;
  if (url.rfind("sqlite:", 0) == 0) {
    out.dialect = Dialect::kSqlite;
    out.sqlite_path = std::string(url.substr(7));
    if (out.sqlite_path.empty()) return BadUrl("sqlite URL needs a path: sqlite:var/greenloop.db");
    // SOCI's sqlite3 back end takes "db=<path> timeout=<seconds>".
    // SOCI 4.0's sqlite3 parser takes the value verbatim up to the next space.
    if (out.sqlite_path.find(' ') != std::string::npos) return BadUrl("sqlite path must not contain spaces");
    out.soci_connect = "db=" + out.sqlite_path + " timeout=10";
    out.redacted = std::string(url);
    return out;
  }
  std::string_view rest;
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (url.rfind(scheme, 0) == 0) rest = url.substr(scheme.size());
  }
  if (rest.empty()) {
    return BadUrl("unknown database URL '" + std::string(url) +
                  "': use sqlite:PATH or postgresql://user@host:port/dbname");
  }
  out.dialect = Dialect::kPostgres;
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos || slash + 1 == rest.size()) {
    return BadUrl("postgresql URL needs a database name: postgresql://user@host:port/dbname");
  }
  std::string_view authority = rest.substr(0, slash);
  std::string_view dbname = rest.substr(slash + 1);
  if (size_t q = dbname.find('?'); q != std::string_view::npos) dbname = dbname.substr(0, q);
  std::string user, password, host = "127.0.0.1", port = "5432";
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    if (size_t colon = userinfo.find(':'); colon != std::string_view::npos) {
      password = PercentDecode(userinfo.substr(colon + 1));
      userinfo = userinfo.substr(0, colon);
    }
    user = PercentDecode(userinfo);
  }
  if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
    if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos) {
      return BadUrl("postgresql URL has a bad port: '" + port + "'");
    }
  }
  if (!authority.empty()) host = std::string(authority);
  out.soci_connect = "dbname=" + PgValue(PercentDecode(dbname)) + " host=" + PgValue(host) +
                     " port=" + port + " connect_timeout=10 options='-c client_min_messages=warning'";
  if (!user.empty()) out.soci_connect += " user=" + PgValue(user);
  if (!password.empty()) out.soci_connect += " password=" + PgValue(password);
  out.redacted = "postgresql://" + (user.empty() ? "" : user + "@") + host + ":" + port + "/" +
                 std::string(dbname);
  return out;
}

Database::Database(DatabaseUrl url, size_t pool_size)
    : url_(std::move(url)), pool_size_(pool_size), pool_(pool_size) {}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(std::string_view url, size_t pool_size) {
  GL_ASSIGN_OR_RETURN(DatabaseUrl parsed, ParseDatabaseUrl(url));
  if (pool_size == 0) pool_size = 1;
  if (parsed.dialect == Dialect::kSqlite && parsed.sqlite_path != ":memory:") {
    auto parent = std::filesystem::path(parsed.sqlite_path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return BadUrl("cannot create " + parent.string() + ": " + ec.message());
  }
  std::unique_ptr<Database> db(new Database(std::move(parsed), pool_size));
  GL_RETURN_IF_ERROR(db->Connect());
  return db;
}

Status Database::Connect() {
  try {
    for (size_t i = 0; i < pool_size_; ++i) {
      soci::session& sql = pool_.at(i);
      if (url_.dialect == Dialect::kSqlite) {
        sql.open(*soci::factory_sqlite3(), url_.soci_connect);
        // WAL lets readers run beside the one writer. synchronous=NORMAL in WAL mode
        // survives a killed process (the WAL is in the OS cache) and costs far fewer
        // fsyncs than FULL; a power cut may lose the last commits, not corrupt the file.
        sql << "PRAGMA journal_mode=WAL";
        sql << "PRAGMA synchronous=NORMAL";
        sql << "PRAGMA foreign_keys=ON";
        sql << "PRAGMA busy_timeout=10000";
      } else {
        sql.open(*soci::factory_postgresql(), url_.soci_connect);
      }
    }
  } catch (const std::exception& e) {
    return Error(ErrorCode::kUnavailable,
                 "cannot open database " + url_.redacted + ": " + e.what(), "db");
  }
  return Status::Ok();
}

namespace {
// Leases a pooled session for the scope and keeps the in-use gauge.
class Lease {
 public:
  Lease(soci::connection_pool& pool, std::atomic<size_t>& in_use)
      : pool_(pool), in_use_(in_use), pos_(pool.lease()) {
    ++in_use_;
  }
  ~Lease() {
    --in_use_;
    pool_.give_back(pos_);
  }
  soci::session& session() { return pool_.at(pos_); }

 private:
  soci::connection_pool& pool_;
  std::atomic<size_t>& in_use_;
  size_t pos_;
};

bool IsConstraintViolation(const soci::soci_error& e) {
  if (e.get_error_category() == soci::soci_error::constraint_violation) return true;
  std::string_view msg = e.what();
  return msg.find("UNIQUE constraint failed") != std::string_view::npos ||
         msg.find("FOREIGN KEY constraint failed") != std::string_view::npos ||
         msg.find("duplicate key value") != std::string_view::npos;
}
}  // namespace

Status Database::Guard(const char* what, const std::function<Status()>& body) {
  try {
    return body();
  } catch (const soci::soci_error& e) {
    if (IsConstraintViolation(e)) {
      return Error(ErrorCode::kConflict, "the record conflicts with an existing one");
    }
    spdlog::error("database {}: {}", what, e.what());
    return Error(ErrorCode::kInternal, "database error");
  } catch (const std::exception& e) {
    spdlog::error("database {}: {}", what, e.what());
    return Error(ErrorCode::kInternal, "database error");
  }
}

Status Database::Run(const std::function<Status(soci::session&)>& work) {
  Lease lease(pool_, in_use_);
  return Guard("query", [&] { return work(lease.session()); });
}

Status Database::RunInTransaction(const std::function<Status(soci::session&)>& work) {
  Lease lease(pool_, in_use_);
  soci::session& sql = lease.session();
  bool open = false;
  Status s = Guard("transaction", [&]() -> Status {
    sql << (url_.dialect == Dialect::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    open = true;
    Status inner = work(sql);
    if (!inner.ok()) return inner;
    sql << "COMMIT";
    open = false;
    return Status::Ok();
  });
  if (open) {
    try {
      sql << "ROLLBACK";
    } catch (const std::exception& e) {
      spdlog::error("database rollback: {}", e.what());
    }
  }
  return s;
}

}  // namespace gl::db
