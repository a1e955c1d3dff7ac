// Runs the built `greenloop hj212` binary on streams (issue 3 acceptance: the
// standard's example parses; a wrong CRC gives "bad_crc" and later frames still parse).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "greenloop/base/json.h"

namespace {

const std::string kBinary = GL_GREENLOOP_BINARY;

const std::string kV1 =
    "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&"
    "RtdInterval=30&&1C80\r\n";
const std::string kUpload =
    "##0141QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;Flag=5;CP=&&"
    "DataTime=20160801085857;w01018-Rtd=101.0,w01018-Flag=N&&8EC1\r\n";

struct ToolRun {
  int exit_code = -1;
  std::string out;
};

// Runs `greenloop hj212 <args>` with `input` on stdin.
ToolRun RunTool(const std::string& args, const std::string& input) {
  // One file per test and process: ctest runs these tests in parallel.
  const std::string in_path = ::testing::TempDir() + "hj212_cli_in_" +
                              ::testing::UnitTest::GetInstance()->current_test_info()->name() +
                              "_" + std::to_string(getpid());
  std::ofstream(in_path, std::ios::binary) << input;
  ToolRun run;
  std::FILE* pipe =
      popen((kBinary + " hj212 " + args + " < " + in_path + " 2>/dev/null").c_str(), "r");
  if (!pipe) return run;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) run.out.append(buf, n);
  int status = pclose(pipe);
  std::remove(in_path.c_str());
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

TEST(Hj212Cli, ParsePrintsTheIssueFormatExactly) {
  ToolRun run = RunTool("parse", kUpload);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out,
            R"({"ok":true,"version":"2017","qn":"20160801085857223","st":"32","cn":"2011",)"
            R"("pw":"123456","mn":"010000A8900016F000169DC0","flag":5,"pnum":null,"pno":null,)"
            R"("ack_requested":true,"cp":{"DataTime":"20160801085857","factors":{"w01018":)"
            R"({"Rtd":"101.0","Flag":"N"}},"fields":{}}})"
            "\n");
}

TEST(Hj212Cli, BadCrcIsReportedAndTheNextFramesStillParse) {
  std::string bad = kUpload;
  bad.replace(bad.size() - 6, 4, "8EC0");
  // Split the stream awkwardly on purpose: garbage, then packets back to back.
  ToolRun run = RunTool("parse", kV1 + bad + "noise" + kUpload);
  EXPECT_EQ(run.exit_code, 1);
  std::vector<gl::json::object> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = run.out.find('\n', start)) != std::string::npos; start = nl + 1) {
    auto o = gl::ParseJsonObject(run.out.substr(start, nl - start));
    ASSERT_TRUE(o.ok()) << run.out;
    lines.push_back(*o);
  }
  ASSERT_EQ(lines.size(), 3u) << run.out;
  EXPECT_EQ(lines[0].at("cn"), "1062");
  EXPECT_EQ(lines[1].at("ok"), false);
  EXPECT_EQ(lines[1].at("error"), "bad_crc");
  EXPECT_EQ(lines[1].at("offset").to_number<std::uint64_t>(), kV1.size());
  // The noise after the rejected packet is counted in its dropped bytes.
  EXPECT_EQ(lines[1].at("dropped").to_number<std::uint64_t>(), bad.size() + 5);
  EXPECT_EQ(lines[2].at("cn"), "2011");
  EXPECT_EQ(lines[2].at("ok"), true);
}

TEST(Hj212Cli, EncodeTurnsParseOutputBackIntoTheSamePackets) {
  ToolRun parsed = RunTool("parse", kV1 + kUpload);
  ASSERT_EQ(parsed.exit_code, 0);
  ToolRun encoded = RunTool("encode", parsed.out);
  EXPECT_EQ(encoded.exit_code, 0);
  EXPECT_EQ(encoded.out, kV1 + kUpload);
}

TEST(Hj212Cli, ReplyAnswersAnUploadWith9014) {
  ToolRun run = RunTool("reply", kV1 + kUpload);
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out,
            "##0087QN=20160801085857223;ST=91;CN=9014;PW=123456;MN=010000A8900016F000169DC0;Flag=4;"
            "CP=&&&&3240\r\n");
}

TEST(Hj212Cli, EncodeRefusesAFrameThatWouldNotParseBack) {
  ToolRun run =
      RunTool("encode", R"({"st":"32","cn":"2011","mn":"A;B","cp":{"DataTime":"20160801085857"}})");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
  ToolRun bad_time = RunTool("encode", R"({"st":"32","cn":"2011","cp":{"DataTime":"2016"}})");
  EXPECT_EQ(bad_time.exit_code, 1);
}

TEST(Hj212Cli, EncodeRejectsAWrongType) {
  ToolRun run = RunTool("encode", R"({"st":"32","cn":2011})");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "");
}

}  // namespace
