// tests/standards/case_file.h
//
// Reads the data-driven case files under tests/data/standards/: one case a line,
// '#' starts a comment line, blank lines are skipped; fields are separated by '|'
// and trimmed. Small helpers split a field into words and key=value pairs.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace gl::standards::testing {

struct CaseLine {
  int line_no = 0;
  std::string text;
  std::vector<std::string> fields;  // split on '|', trimmed
};

inline std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  std::size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

inline std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// "a=1 b=2" -> {a:1, b:2}; a lone "-" means none.
inline std::map<std::string, std::string> Pairs(const std::string& s) {
  std::map<std::string, std::string> out;
  for (const std::string& w : Words(s)) {
    if (w == "-") continue;
    std::size_t eq = w.find('=');
    if (eq == std::string::npos) {
      ADD_FAILURE() << "expected key=value, got '" << w << "'";
      continue;
    }
    out[w.substr(0, eq)] = w.substr(eq + 1);
  }
  return out;
}

inline std::vector<CaseLine> ReadCases(const std::string& name) {
  std::string path = std::string(GL_SOURCE_DIR) + "/tests/data/standards/" + name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::vector<CaseLine> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::string t = Trim(line);
    if (t.empty() || t[0] == '#') continue;
    CaseLine c{n, t, {}};
    std::size_t start = 0;
    for (;;) {
      std::size_t bar = t.find('|', start);
      c.fields.push_back(Trim(t.substr(start, bar == std::string::npos ? bar : bar - start)));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace gl::standards::testing
