// tests/hj212/frame_file.h
//
// Reader for the data-driven HJ 212 cases in tests/data/hj212/*.test.
//
// A file holds blocks separated by blank lines; '#' lines outside blocks are
// comments. Each block is
//
//   <kind> <label>            kind: "parse" or "reply"
//   [options k=v ...]         accept-crc=<variant> (repeatable), max-length=<n>
//   <input line>...           concatenated; escapes \r \n \t \\ \xHH
//   ----
//   <expected line>...
//
// "parse": the input is a byte stream; the expected lines are what RenderStream()
// prints: per accepted packet "ok" then "version", "qn", "st", "cn", "pw", "mn",
// "flag", "pnum", "pno", "ack", "data_time" (absent: null), one "field <key>
// <value>" per field and one "factor <code> <suffix> <value>" per factor value,
// in the order sent; per rejection "reject <name> at <offset>".
// "reply": the expected lines are the platform's reply packets (escaped), or "none".
#pragma once

#include <string>
#include <vector>

#include "greenloop/hj212/framer.h"

namespace gl::hj212::testing {

struct Case {
  std::string file;
  int line = 0;
  std::string kind;
  std::string label;
  FramerOptions options;
  std::string input;
  std::vector<std::string> expected;
};

// Parses one .test file; throws std::runtime_error naming file:line on bad syntax.
std::vector<Case> ReadCaseFile(const std::string& path);

// Every *.test under `dir`, sorted.
std::vector<std::string> ListCaseFiles(const std::string& dir);

// Runs `input` through Framer and parser, feeding it in pieces of `chunk` bytes
// (0: all at once), and renders the results as described above.
std::vector<std::string> RenderStream(const std::string& input, const FramerOptions& options,
                                      std::size_t chunk = 0);

// The same, fed as two pieces cut at byte `cut` (0 < cut < input.size()).
std::vector<std::string> RenderStreamCut(const std::string& input, const FramerOptions& options,
                                         std::size_t cut);

// The platform's reply packets for `input`, escaped, or {"none"}.
std::vector<std::string> RenderReplies(const std::string& input, const FramerOptions& options);

std::string Unescape(const std::string& text);
std::string Escape(const std::string& bytes);

}  // namespace gl::hj212::testing
