// Ingestion throughput: the gateway's writer path (IngestWriter: idempotent inserts
// into the time-first readings table, hourly and daily aggregates, last-seen
// updates, one transaction per batch) against bare SQLite inserts of the same rows
// into the same table, measured in one run on the same machine.
//
//   build/bench/gateway/ingest_bench [uploads=200000] [readings_per_upload=6] [devices=185]
//
// Prints one JSON line per case with readings/s and the ratio to bare SQLite.
#include <sqlite3.h>
#include <cstdlib>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include "greenloop/base/crypto.h"
#include "greenloop/db/database.h"
#include "greenloop/db/migrations.h"
#include "greenloop/gateway/writer.h"
#include "greenloop/http/metrics.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr long long kStart = 1795910400000LL;  // 2026-11-29 08:00 +08:00

std::string Factor(int f) { return "f" + std::to_string(f); }

double BareSqlite(const std::string& path, int uploads, int per_upload, int devices) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr,
               nullptr);
  sqlite3_exec(
      db,
      "CREATE TABLE readings (t BIGINT NOT NULL, device_id BIGINT NOT NULL, factor TEXT NOT NULL,"
      " kind INTEGER NOT NULL, value DOUBLE PRECISION, min_value DOUBLE PRECISION, max_value DOUBLE"
      " PRECISION, text_value TEXT NOT NULL, flag TEXT NOT NULL DEFAULT '', received_at BIGINT NOT"
      " NULL, PRIMARY KEY (t, device_id, factor, kind))",
      nullptr, nullptr, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(
      db,
      "INSERT INTO readings (t, device_id, factor, kind, value, text_value, flag, received_at)"
      " VALUES (?, ?, ?, 0, ?, ?, 'N', ?)",
      -1, &st, nullptr);
  auto start = Clock::now();
  long long rows = 0;
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  for (int u = 0; u < uploads; ++u) {
    long long t = kStart + (u / devices) * 1000LL;
    for (int f = 0; f < per_upload; ++f) {
      std::string factor = Factor(f), text = std::to_string(u % 100) + ".5";
      sqlite3_bind_int64(st, 1, t);
      sqlite3_bind_int64(st, 2, 1000 + u % devices);
      sqlite3_bind_text(st, 3, factor.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_double(st, 4, u % 100 + 0.5);
      sqlite3_bind_text(st, 5, text.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(st, 6, t);
      sqlite3_step(st);
      sqlite3_reset(st);
      if (++rows % 5000 == 0) {
        sqlite3_exec(db, "COMMIT; BEGIN", nullptr, nullptr, nullptr);
      }
    }
  }
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows / seconds;
}

double WriterPath(const std::string& url, int uploads, int per_upload, int devices) {
  auto db = gl::db::Database::Open(url, 2);
  if (!db.ok() || !gl::db::Migrate(**db).ok()) return 0;
  gl::http::Metrics metrics;
  gl::gateway::IngestWriter writer(**db, metrics);
  writer.Start();
  std::atomic<long long> committed{0};
  auto start = Clock::now();
  for (int u = 0; u < uploads; ++u) {
    gl::gateway::IngestJob job;
    long long t = kStart + (u / devices) * 1000LL;
    job.device_id = 1000 + u % devices;
    job.site_id = 2000 + u % devices;
    job.seen_at = t;
    for (int f = 0; f < per_upload; ++f) {
      gl::monitoring::Reading r;
      r.t = t;
      r.device_id = job.device_id;
      r.factor = Factor(f);
      r.value = u % 100 + 0.5;
      r.text_value = std::to_string(u % 100) + ".5";
      r.flag = "N";
      job.readings.push_back(std::move(r));
    }
    job.done = [&committed, per_upload](const gl::Status& s) {
      if (s.ok()) committed += per_upload;
    };
    while (!writer.TrySubmit(std::move(job)))
      std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  writer.Stop();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return committed / seconds;
}

}  // namespace

int main(int argc, char** argv) {
  gl::InitCrypto();
  int uploads = argc > 1 ? std::stoi(argv[1]) : 200000;
  int per_upload = argc > 2 ? std::stoi(argv[2]) : 6;
  int devices = argc > 3 ? std::stoi(argv[3]) : 185;
  auto dir = std::filesystem::temp_directory_path() / ("gl-ingest-bench-" + gl::RandomHex(4));
  std::filesystem::create_directories(dir);
  double bare = BareSqlite((dir / "bare.db").string(), uploads, per_upload, devices);
  double writer =
      WriterPath("sqlite:" + (dir / "writer.db").string(), uploads, per_upload, devices);
  // The same writer on PostgreSQL when GL_BENCH_PG_URL names an empty database.
  const char* pg_url = std::getenv("GL_BENCH_PG_URL");
  double writer_pg = pg_url ? WriterPath(pg_url, uploads, per_upload, devices) : 0;
  std::filesystem::remove_all(dir);
  std::printf("{\"case\":\"bare_sqlite\",\"readings_per_s\":%.0f}\n", bare);
  std::printf("{\"case\":\"ingest_writer\",\"readings_per_s\":%.0f,\"ratio_to_bare\":%.2f}\n",
              writer, bare > 0 ? writer / bare : 0);
  if (pg_url)
    std::printf("{\"case\":\"ingest_writer_postgresql\",\"readings_per_s\":%.0f}\n", writer_pg);
  return 0;
}
