#include <spdlog/spdlog.h>

#include <cstdio>

#include "greenloop/app/command.h"
#include "greenloop/db/migrations.h"

namespace {

gl::app::CommandRegistration registration("migrate", [](CLI::App& root) {
  auto db_url = std::make_shared<std::string>("sqlite:var/greenloop.db");
  auto* cmd = root.add_subcommand("migrate", "Apply missing schema migrations and exit");
  cmd->add_option("--db", *db_url, "Database URL")->capture_default_str();
  cmd->callback([db_url] {
    auto db = gl::db::Database::Open(*db_url, 1);
    if (!db.ok()) {
      spdlog::error("{}", db.error().ToString());
      return gl::app::SetExitCode(1);
    }
    auto version = gl::db::Migrate(**db);
    if (!version.ok()) {
      spdlog::error("{}", version.error().ToString());
      return gl::app::SetExitCode(1);
    }
    std::printf("schema version %d\n", *version);
  });
});

}  // namespace
