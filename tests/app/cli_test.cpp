// `greenloop migrate`, `greenloop audit verify` and `greenloop serve` as processes.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>

#include "greenloop/app/app.h"
#include "greenloop/base/crypto.h"
#include "greenloop/db/database.h"

namespace gl {
namespace {

struct ToolRun {
  int exit_code = -1;
  std::string out;
};

ToolRun Greenloop(const std::string& args) {
  ToolRun run;
  std::FILE* pipe = popen((std::string(GL_BINARY) + " " + args + " 2>&1").c_str(), "r");
  if (!pipe) return run;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    dir_ = std::filesystem::temp_directory_path() / ("gl-cli-" + RandomHex(6));
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + (dir_ / "g.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
  std::string url_;
};

TEST_F(CliTest, HelpListsTheSubcommands) {
  ToolRun run = Greenloop("--help");
  EXPECT_EQ(run.exit_code, 0);
  for (const char* cmd : {"serve", "migrate", "audit", "version"}) {
    EXPECT_NE(run.out.find(cmd), std::string::npos) << cmd;
  }
}

TEST_F(CliTest, MigrateRecordsTheSchemaVersion) {
  ToolRun run = Greenloop("migrate --db " + url_);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("schema version"), std::string::npos);
  EXPECT_NE(Greenloop("migrate --db mysql://nowhere/x").exit_code, 0);
}

TEST_F(CliTest, AuditVerifyNamesTheEditedEvent) {
  {
    app::ServeOptions options;
    options.db_url = url_;
    options.http = "127.0.0.1:0";
    options.hj212 = "127.0.0.1:0";
    options.demo = true;
    options.data_dir = std::string(GL_SOURCE_DIR) + "/data";
    options.fast_password_hashing = true;
    auto app = app::App::Start(options);
    ASSERT_TRUE(app.ok()) << app.error().ToString();
  }
  ToolRun intact = Greenloop("audit verify --db " + url_);
  EXPECT_EQ(intact.exit_code, 0) << intact.out;
  EXPECT_NE(intact.out.find("intact"), std::string::npos);

  // Change one row by hand, as someone with the file could.
  long long id = 0;
  {
    auto db = db::Database::Open(url_, 1);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Run([&](soci::session& sql) {
                        sql << "SELECT id FROM audit_events WHERE seq = 7", soci::into(id);
                        sql << "UPDATE audit_events SET actor_login = 'mallory' WHERE seq = 7";
                        return Status::Ok();
                      }).ok());
  }
  ToolRun broken = Greenloop("audit verify --db " + url_);
  EXPECT_EQ(broken.exit_code, 1) << broken.out;
  EXPECT_NE(broken.out.find("seq=7"), std::string::npos) << broken.out;
  EXPECT_NE(broken.out.find("id=" + std::to_string(id)), std::string::npos) << broken.out;
}

TEST_F(CliTest, ServeRefusesATakenPort) {
  app::ServeOptions options;
  options.db_url = url_;
  options.http = "127.0.0.1:0";
  options.hj212 = "127.0.0.1:0";
  options.data_dir = std::string(GL_SOURCE_DIR) + "/data";
  auto app = app::App::Start(options);
  ASSERT_TRUE(app.ok()) << app.error().ToString();
  ToolRun run = Greenloop("serve --db " + url_ + " --http 127.0.0.1:" + std::to_string((*app)->http_port()) +
                      " --hj212 127.0.0.1:0");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("cannot listen"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace gl
