#include <spdlog/spdlog.h>

#include <cstdio>

#include "greenloop/app/command.h"
#include "greenloop/audit/audit.h"
#include "greenloop/db/migrations.h"

namespace {

gl::app::CommandRegistration registration("audit", [](CLI::App& root) {
  auto db_url = std::make_shared<std::string>("sqlite:var/greenloop.db");
  auto* audit = root.add_subcommand("audit", "Audit trail tools");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand(
      "verify", "Walk the audit hash chain; exit 1 naming the first bad event if it is broken");
  verify->add_option("--db", *db_url, "Database URL")->capture_default_str();
  verify->callback([db_url] {
    auto db = gl::db::Database::Open(*db_url, 1);
    if (!db.ok()) {
      spdlog::error("{}", db.error().ToString());
      return gl::app::SetExitCode(2);
    }
    auto report = gl::audit::Verify(**db);
    if (!report.ok()) {
      spdlog::error("{}", report.error().ToString());
      return gl::app::SetExitCode(2);
    }
    if (!report->ok) {
      std::printf("audit chain BROKEN at event seq=%lld id=%lld: %s (%lld events checked)\n",
                  static_cast<long long>(report->first_bad_seq),
                  static_cast<long long>(report->first_bad_id), report->problem.c_str(),
                  static_cast<long long>(report->events_checked));
      return gl::app::SetExitCode(1);
    }
    std::printf("audit chain intact: %lld events\n",
                static_cast<long long>(report->events_checked));
  });
});

}  // namespace
