#include "support/demo_app.h"

namespace gl::testing {

Result<std::unique_ptr<app::App>> StartDemoApp(const std::string& db_url, bool demo) {
  app::ServeOptions options;
  options.db_url = db_url;
  options.http = "127.0.0.1:0";
  options.hj212 = "127.0.0.1:0";
  options.demo = demo;
  options.data_dir = std::string(GL_SOURCE_DIR) + "/data";
  options.threads = 2;
  options.fast_password_hashing = true;
  return app::App::Start(options);
}

}  // namespace gl::testing
