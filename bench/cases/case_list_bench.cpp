// The staff case list with a district's years of cases: 1,000,000 cases (default)
// generated inside the database, then the list query of the cases store
// (store::ListCases: COUNT(*) for the total + one page of 50, as GET /api/v1/cases
// runs it) with the filters officers use, each run `runs` times with varied pages and
// parameters. Prints one JSON line per filter with p50/p99 in milliseconds.
// Target (issue #6): p99 <= 50 ms.
//
//   build-x/bench/cases/case_list_bench [cases=1000000] [runs=100] [db-url]
//
// db-url defaults to a fresh SQLite file under /tmp (removed afterwards); a given URL
// (sqlite:<file> or postgresql://...) is migrated, filled when it has no cases yet, and
// kept, so that runs can be repeated.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "greenloop/base/crypto.h"
#include "greenloop/cases/store.h"
#include "greenloop/db/database.h"
#include "greenloop/db/migrations.h"

namespace {

using Clock = std::chrono::steady_clock;
using gl::cases::CaseFilter;
using gl::cases::CaseStatus;

constexpr long long kNow = 1795910400000LL;                // 2026-11-29 08:00 +08:00
constexpr long long kSpan = 3LL * 365 * 24 * 3600 * 1000;  // three years of cases
constexpr long long kDay = 24LL * 3600 * 1000;
constexpr int kSubdistricts = 11;  // Yuzhong's subdistricts (demo: 11)
constexpr int kDepartments = 8;
constexpr long long kUnitBase = 1000;

const std::vector<std::string> kCategories = {"water.five_waters",
                                              "water.river_chief",
                                              "water.rain_sewage",
                                              "water.sewage_outfall",
                                              "water.quality",
                                              "air.fume",
                                              "air.mobile",
                                              "air.dust",
                                              "air.quality",
                                              "air.burning",
                                              "soil.contamination",
                                              "waste.construction",
                                              "waste.zero_waste",
                                              "waste.hazardous",
                                              "waste.household",
                                              "plastic.restricted",
                                              "mountain.ecology",
                                              "bank.shoreline",
                                              "bank.litter",
                                              "city.construction_noise",
                                              "city.social_noise",
                                              "city.industrial",
                                              "countryside.environment"};

std::string CaseOf(const std::string& expr, const std::vector<std::string>& values) {
  std::string out = "CASE " + expr;
  for (size_t k = 0; k < values.size(); ++k) {
    out += " WHEN " + std::to_string(k) + " THEN '" + values[k] + "'";
  }
  return out + " END";
}

void Fill(gl::db::Database& db, long long n) {
  bool pg = db.dialect() == gl::db::Dialect::kPostgres;
  gl::Status s = db.RunInTransaction([&](soci::session& sql) {
    long long now = kNow;
    sql << "INSERT INTO units (id, parent_id, kind, code, name, path, created_at, updated_at)"
           " VALUES (1000, NULL, 'district', 'bench-district', '渝中区', '/1000/', :t, :t2)",
        soci::use(now), soci::use(now);
    for (int k = 1; k <= kSubdistricts + kDepartments; ++k) {
      long long id = kUnitBase + k;
      std::string kind = k <= kSubdistricts ? "subdistrict" : "department";
      std::string code = "bench-u" + std::to_string(k), name = "单位" + std::to_string(k);
      std::string path = "/1000/" + std::to_string(id) + "/";
      sql << "INSERT INTO units (id, parent_id, kind, code, name, path, created_at, updated_at)"
             " VALUES (:id, 1000, :k, :c, :n, :p, :t, :t2)",
          soci::use(id), soci::use(kind), soci::use(code), soci::use(name), soci::use(path),
          soci::use(now), soci::use(now);
    }
    // Deterministic pseudo-random spreads from i; the last ~27 days hold most open cases.
    std::string h = "((i * 2654435761) % 1000)";
    std::string created =
        "(" + std::to_string(kNow - kSpan) + " + i * " + std::to_string(kSpan / n) + ")";
    std::string recent = "(i > " + std::to_string(n - n / 40) + ")";
    std::string status =
        "CASE WHEN " + recent + " THEN " +
        CaseOf("(i % 6)",
               {"reported", "accepted", "dispatched", "in_progress", "resolved", "closed"}) +
        " WHEN " + h + " < 900 THEN 'closed' WHEN " + h + " < 940 THEN 'rejected' WHEN " + h +
        " < 960 THEN 'merged' ELSE 'in_progress' END";
    std::string sub =
        "(" + std::to_string(kUnitBase + 1) + " + (i * 7) % " + std::to_string(kSubdistricts) + ")";
    std::string lead = "CASE WHEN (i % 10) < 7 THEN " + sub + " ELSE " +
                       std::to_string(kUnitBase + kSubdistricts + 1) + " + (i % " +
                       std::to_string(kDepartments) + ") END";
    std::string category =
        CaseOf("((i * 13) % " + std::to_string(kCategories.size()) + ")", kCategories);
    std::string source = CaseOf("(i % 7)", {"complaint", "complaint", "alarm", "hotline",
                                            "inspection", "patrol", "rectification"});
    std::string series =
        pg ? "generate_series(CAST(1 AS BIGINT), " + std::to_string(n) + ") AS g(i)" : "s";
    std::string with = pg ? ""
                          : "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s"
                            " WHERE i < " +
                                std::to_string(n) + ") ";
    std::string insert =
        with +
        "INSERT INTO cases (id, number, source, category, title, description, lon, lat, address,"
        " subdistrict_id, priority, status, lead_unit_id, accept_due_at, due_at, created_at,"
        " updated_at, closed_at, resolved_at) SELECT i, 'YZ-B-' || i, " +
        source + ", " + category +
        ", '案件标题' || i || ' 解放碑路' || (i % 500) || '号', '群众反映的问题描述 ' || i,"
        " 106.55 + (i % 1000) * 0.00005, 29.55 + (i % 777) * 0.00005,"
        " '重庆市渝中区解放碑路' || (i % 500) || '号', " +
        sub +
        ", CASE WHEN (i % 20) = 0 THEN"
        " 'urgent' ELSE 'normal' END, st, CASE WHEN st IN ('reported',"
        " 'accepted', 'rejected') THEN NULL ELSE " +
        lead + " END, " + created + " + 2 * " + std::to_string(kDay) + ", " + created + " + 7 * " +
        std::to_string(kDay) + ", " + created + ", " + created + ", CASE WHEN st = 'closed' THEN " +
        created + " + 6 * " + std::to_string(kDay) +
        " END, CASE WHEN st IN ('resolved',"
        " 'closed') THEN " +
        created + " + 5 * " + std::to_string(kDay) + " END FROM (SELECT i, " + status +
        " AS st FROM " + series + ") sub";
    sql << insert;
    // Co-units (协办) on one case in ten.
    sql << "INSERT INTO case_units (case_id, unit_id) SELECT id, " +
               std::to_string(kUnitBase + kSubdistricts + 1) + " + (id % " +
               std::to_string(kDepartments) + ") FROM cases WHERE id % 10 = 3";
    return gl::Status::Ok();
  });
  if (!s.ok()) {
    std::fprintf(stderr, "fill failed: %s\n", s.error().ToString().c_str());
    std::exit(1);
  }
  (void)db.Run([&](soci::session& sql) {
    sql << "ANALYZE";
    return gl::Status::Ok();
  });
}

struct Case {
  std::string name;
  std::function<void(int run, CaseFilter&, std::optional<std::vector<gl::Id>>&,
                     std::vector<std::string>&)>
      set;
};

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  size_t k = static_cast<size_t>(p * (v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  long long n = argc > 1 ? std::atoll(argv[1]) : 1000000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 100;
  std::string url = argc > 3 ? argv[3] : "";
  std::string file;
  gl::InitCrypto();
  if (url.empty()) {
    file = (std::filesystem::temp_directory_path() / ("gl-cases-bench-" + gl::RandomHex(4) + ".db"))
               .string();
    url = "sqlite:" + file;
  }
  auto db = gl::db::Database::Open(url, 2);
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", db.error().ToString().c_str());
    return 1;
  }
  auto migrated = gl::db::Migrate(**db);
  if (!migrated.ok()) {
    std::fprintf(stderr, "%s\n", migrated.error().ToString().c_str());
    return 1;
  }
  long long existing = 0;
  (void)(*db)->Run([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM cases", soci::into(existing);
    return gl::Status::Ok();
  });
  auto t0 = Clock::now();
  if (existing == 0) Fill(**db, n);  // a given, already filled database is reused
  double fill_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("{\"bench\":\"case_list\",\"db\":\"%s\",\"cases\":%lld,\"fill_s\":%.1f}\n",
              std::string(gl::db::DialectName((*db)->dialect())).c_str(), n, fill_s);

  auto sub = [](int run) { return gl::Id(kUnitBase + 1 + run % kSubdistricts); };
  std::vector<Case> cases = {
      {"dispatcher_all_newest", [](int, auto&, auto&, auto&) {}},
      {"dispatcher_open", [](int, auto& f, auto&, auto&) { f.open_only = true; }},
      {"dispatcher_overdue", [](int, auto& f, auto&, auto&) { f.overdue_only = true; }},
      {"dispatcher_status_reported",
       [](int, auto& f, auto&, auto&) { f.statuses = {CaseStatus::kReported}; }},
      {"dispatcher_unit",
       [](int run, auto& f, auto&, auto&) { f.unit_id = kUnitBase + 1 + run % 19; }},
      {"dispatcher_subdistrict_open",
       [&](int run, auto& f, auto&, auto&) {
         f.subdistrict_id = sub(run);
         f.open_only = true;
       }},
      {"dispatcher_category_parent_30d",
       [](int run, auto& f, auto&, auto& cats) {
         cats = run % 2 ? std::vector<std::string>{"air.fume", "air.mobile", "air.dust",
                                                   "air.quality", "air.burning"}
                        : std::vector<std::string>{"water.five_waters", "water.river_chief",
                                                   "water.rain_sewage", "water.sewage_outfall",
                                                   "water.quality"};
         f.from = kNow - 30 * kDay;
       }},
      {"dispatcher_source_month",
       [](int run, auto& f, auto&, auto&) {
         f.source = gl::cases::Source::kComplaint;
         f.from = kNow - (run % 12 + 1) * 30 * kDay;
         f.to = *f.from + 30 * kDay;
       }},
      {"dispatcher_open_by_due",
       [](int, auto& f, auto&, auto&) {
         f.open_only = true;
         f.sort = "due_at";
       }},
      {"dispatcher_text", [](int run, auto& f, auto&,
                             auto&) { f.text = "解放碑路" + std::to_string(run % 500) + "号"; }},
      {"subdistrict_officer_all",
       [&](int run, auto&, auto& scope, auto&) { scope = std::vector<gl::Id>{sub(run)}; }},
      {"subdistrict_officer_open",
       [&](int run, auto& f, auto& scope, auto&) {
         scope = std::vector<gl::Id>{sub(run)};
         f.open_only = true;
       }},
      {"subdistrict_officer_overdue",
       [&](int run, auto& f, auto& scope, auto&) {
         scope = std::vector<gl::Id>{sub(run)};
         f.overdue_only = true;
       }},
  };
  for (const Case& c : cases) {
    std::vector<double> ms;
    long long total = 0;
    for (int run = 0; run < runs; ++run) {
      CaseFilter f;
      std::optional<std::vector<gl::Id>> scope;
      std::vector<std::string> cats;
      c.set(run, f, scope, cats);
      int offset = (run % 3) * 50;  // pages 1..3
      auto start = Clock::now();
      gl::Status s = (*db)->Run([&](soci::session& sql) {
        auto rows = gl::cases::store::ListCases(sql, f, cats, scope, kNow, offset, 50, total);
        (void)rows;
        return gl::Status::Ok();
      });
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
      if (!s.ok()) {
        std::fprintf(stderr, "%s: %s\n", c.name.c_str(), s.error().ToString().c_str());
        return 1;
      }
    }
    std::printf(
        "{\"filter\":\"%s\",\"total_last\":%lld,\"p50_ms\":%.2f,\"p99_ms\":%.2f,"
        "\"max_ms\":%.2f}\n",
        c.name.c_str(), total, Percentile(ms, 0.5), Percentile(ms, 0.99),
        *std::max_element(ms.begin(), ms.end()));
    std::fflush(stdout);
  }
  db->reset();
  if (!file.empty()) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file + suffix, ec);
  }
  return 0;
}
