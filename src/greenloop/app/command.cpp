#include "greenloop/app/command.h"

#include <algorithm>

namespace gl::app {

std::vector<std::pair<std::string, CommandAdder>>& RegisteredCommands() {
  static std::vector<std::pair<std::string, CommandAdder>> commands;
  return commands;
}

CommandRegistration::CommandRegistration(std::string name, CommandAdder adder) {
  auto& commands = RegisteredCommands();
  commands.emplace_back(std::move(name), std::move(adder));
  std::sort(commands.begin(), commands.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
}

namespace {
int g_exit_code = 0;
}

void SetExitCode(int code) { g_exit_code = code; }
int ExitCode() { return g_exit_code; }

}  // namespace gl::app
