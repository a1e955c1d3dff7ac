// Runs every case in tests/data/hj212/*.test (format in frame_file.h), one test
// per case. Each
// parse case also runs with its input fed one byte at a time and cut in two at
// every byte position: the results must not change (open-source splitters lose a
// packet when a read ends between the two '#' of a header, issue 3 item 10).
#include <gtest/gtest.h>

#include <cctype>
#include <string>

#include "hj212/frame_file.h"

namespace gl::hj212::testing {
namespace {

const std::string kDataDir = std::string(GL_SOURCE_DIR) + "/tests/data/hj212";

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::vector<Case> AllCases() {
  std::vector<Case> all;
  for (const std::string& file : ListCaseFiles(kDataDir)) {
    for (Case& c : ReadCaseFile(file)) all.push_back(std::move(c));
  }
  return all;
}

class FrameFileTest : public ::testing::TestWithParam<Case> {};

TEST_P(FrameFileTest, GivesItsExpectedResult) {
  const Case& c = GetParam();
  SCOPED_TRACE(c.file + ":" + std::to_string(c.line) + " " + c.label);
  if (c.kind == "reply") {
    EXPECT_EQ(Join(RenderReplies(c.input, c.options)), Join(c.expected));
    return;
  }
  const std::vector<std::string> whole = RenderStream(c.input, c.options);
  EXPECT_EQ(Join(whole), Join(c.expected));
  EXPECT_EQ(Join(RenderStream(c.input, c.options, 1)), Join(whole)) << "fed byte by byte";
  for (std::size_t cut = 1; cut < c.input.size(); ++cut) {
    ASSERT_EQ(Join(RenderStreamCut(c.input, c.options, cut)), Join(whole)) << "cut at byte " << cut;
  }
}

// "rejections_12_bad_crc_wrong_CRC_digits": file, line and label, as a test name.
std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  const Case& c = info.param;
  std::string name =
      c.file.substr(0, c.file.find('.')) + "_" + std::to_string(c.line) + "_" + c.label;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name.substr(0, 80);
}

INSTANTIATE_TEST_SUITE_P(Data, FrameFileTest, ::testing::ValuesIn(AllCases()), CaseName);

TEST(FrameFiles, EveryFileHoldsCases) {
  for (const std::string& file : ListCaseFiles(kDataDir)) {
    EXPECT_FALSE(ReadCaseFile(file).empty()) << file;
  }
}

}  // namespace
}  // namespace gl::hj212::testing
