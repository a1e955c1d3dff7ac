#include <cstdio>

#include "greenloop/app/command.h"

namespace {
gl::app::CommandRegistration registration("version", [](CLI::App& root) {
  root.add_subcommand("version", "Print the version and exit")->callback([] {
    std::printf("greenloop %s\n", GL_VERSION);
  });
});
}  // namespace
