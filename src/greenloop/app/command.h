// greenloop/app/command.h
//
// Subcommands of the `greenloop` program register themselves here, so a capability
// adds a command by adding one `<name>_command.cpp` to src/greenloop/app/ and
// nothing else. Each registration runs at start-up, before CLI parsing.
//
//   static gl::app::CommandRegistration reg("hj212", [](CLI::App& root) {
//     auto* cmd = root.add_subcommand("hj212", "HJ 212 codec tools");
//     ...
//   });
//
// A command's callback returns its process exit code through SetExitCode().
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace gl::app {

using CommandAdder = std::function<void(CLI::App& root)>;

struct CommandRegistration {
  CommandRegistration(std::string name, CommandAdder adder);
};

// Every registered adder, in name order.
std::vector<std::pair<std::string, CommandAdder>>& RegisteredCommands();

// The exit code main() returns once the command's callback is done (default 0).
void SetExitCode(int code);
int ExitCode();

}  // namespace gl::app
