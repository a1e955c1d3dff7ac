// The `greenloop` program: one binary for the server, the tools and the simulator.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "greenloop/app/command.h"
#include "greenloop/base/crypto.h"

int main(int argc, char** argv) {
  if (!gl::InitCrypto()) {
    std::fprintf(stderr, "greenloop: libsodium failed to initialise\n");
    return 1;
  }
  CLI::App root("GreenLoop (绿环): eco-environmental governance platform for a city district",
                "greenloop");
  root.require_subcommand(1);
  root.set_version_flag("--version", GL_VERSION);
  for (auto& [name, add] : gl::app::RegisteredCommands()) add(root);
  try {
    root.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return root.exit(e);
  }
  return gl::app::ExitCode();
}
