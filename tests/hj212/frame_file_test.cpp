// Runs every case in tests/data/hj212/*.test (format in frame_file.h). Each
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

class FrameFileTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FrameFileTest, EveryCaseGivesItsExpectedResult) {
  const std::vector<Case> cases = ReadCaseFile(GetParam());
  ASSERT_FALSE(cases.empty()) << GetParam() << " holds no case";
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file + ":" + std::to_string(c.line) + " " + c.label);
    if (c.kind == "reply") {
      EXPECT_EQ(Join(RenderReplies(c.input, c.options)), Join(c.expected));
      continue;
    }
    const std::vector<std::string> whole = RenderStream(c.input, c.options);
    EXPECT_EQ(Join(whole), Join(c.expected));
    EXPECT_EQ(Join(RenderStream(c.input, c.options, 1)), Join(whole)) << "fed byte by byte";
    for (std::size_t cut = 1; cut < c.input.size(); ++cut) {
      ASSERT_EQ(Join(RenderStreamCut(c.input, c.options, cut)), Join(whole))
          << "cut at byte " << cut;
    }
  }
}

std::string FileName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(info.param.find_last_of('/') + 1);
  name = name.substr(0, name.find('.'));
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Data, FrameFileTest, ::testing::ValuesIn(ListCaseFiles(kDataDir)),
                         FileName);

}  // namespace
}  // namespace gl::hj212::testing
