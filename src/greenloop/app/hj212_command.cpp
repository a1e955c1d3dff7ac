// `greenloop hj212 parse | encode | reply`: the HJ 212 codec on the command line.
//
//   parse   stdin: a byte stream of packets (split anywhere, garbage between);
//           stdout: one JSON object per packet or rejection, one per line.
//   encode  stdin: one JSON object per line in the form `parse` prints;
//           stdout: one packet per object.
//   reply   stdin: a byte stream of packets received from devices;
//           stdout: the packet the platform answers with, for each one owed.
//
// Exit code: 0 when every packet was accepted, 1 when any was rejected (each
// rejection is still reported and processing goes on), 2 for bad options.
#include <cstdio>
#include <iostream>
#include <string>

#include "greenloop/app/command.h"
#include "greenloop/base/json.h"
#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/exchange.h"
#include "greenloop/hj212/frame_json.h"
#include "greenloop/hj212/framer.h"
#include "greenloop/hj212/parser.h"

namespace {

using namespace gl::hj212;  // NOLINT: a command file of this one capability

struct CodecFlags {
  std::size_t max_length = kMaxDataLength2017;
  std::vector<std::string> accept_crc;
};

void AddCodecFlags(CLI::App* cmd, CodecFlags* flags) {
  cmd->add_option("--max-length", flags->max_length,
                  "Largest data segment accepted, in bytes (standard: 1024)")
      ->check(CLI::Range(0, 9999));
  cmd->add_option("--accept-crc", flags->accept_crc,
                  "Also accept a non-standard CRC: modbus, modbus_swapped (repeatable)");
}

bool MakeFramerOptions(const CodecFlags& flags, FramerOptions* options) {
  options->max_data_length = flags.max_length;
  for (const std::string& name : flags.accept_crc) {
    auto variant = CrcVariantFromName(name);
    if (!variant) {
      std::fprintf(stderr, "greenloop hj212: unknown CRC variant \"%s\"\n", name.c_str());
      return false;
    }
    options->AcceptCrc(*variant);
  }
  return true;
}

void PrintJsonLine(std::FILE* out, const gl::json::object& o) {
  std::string line = gl::json::serialize(o);
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), out);
}

// Prints each framer rejection as a JSON line on `out` and counts them.
class JsonReporter : public RejectReporter {
 public:
  explicit JsonReporter(std::FILE* out) : out_(out) {}
  void Rejected(const Rejection& rejection) override {
    ++count;
    PrintJsonLine(out_, RejectionToJson(rejection));
  }
  int count = 0;

 private:
  std::FILE* out_;
};

// Runs every packet on stdin through framer and parser; calls on_frame for each
// accepted one. Returns the number of rejections.
template <typename OnFrame>
int ForEachFrame(const FramerOptions& options, std::FILE* reject_out, OnFrame on_frame) {
  JsonReporter reporter(reject_out);
  Framer framer(&reporter, options);
  Frame frame;
  ParseError error;
  RawFrame raw;
  int rejected = 0;
  auto drain = [&] {
    while (framer.Next(&raw)) {
      if (ParseFrame(raw, &frame, &error)) {
        on_frame(raw, frame);
      } else {
        ++rejected;
        PrintJsonLine(reject_out, ParseErrorToJson(error, raw.offset));
      }
    }
  };
  char buf[1 << 16];
  for (;;) {
    std::size_t n = std::fread(buf, 1, sizeof buf, stdin);
    if (n == 0) break;
    framer.Feed(std::string_view(buf, n));
    drain();
  }
  framer.Finish();
  drain();
  return rejected + reporter.count;
}

void RunParse(const CodecFlags& flags) {
  FramerOptions options;
  if (!MakeFramerOptions(flags, &options)) return gl::app::SetExitCode(2);
  int rejected = ForEachFrame(options, stdout, [](const RawFrame&, const Frame& frame) {
    PrintJsonLine(stdout, FrameToJson(frame));
  });
  std::fflush(stdout);
  gl::app::SetExitCode(rejected > 0 ? 1 : 0);
}

void RunReply(const CodecFlags& flags) {
  FramerOptions options;
  if (!MakeFramerOptions(flags, &options)) return gl::app::SetExitCode(2);
  Frame reply;
  std::string packet;
  int rejected = ForEachFrame(options, stderr, [&](const RawFrame&, const Frame& frame) {
    if (!BuildPlatformReply(frame, &reply)) return;
    packet.clear();
    // A reply is far below any length limit; failure here would be a bug.
    if (AppendPacket(reply, &packet).ok()) std::fwrite(packet.data(), 1, packet.size(), stdout);
  });
  std::fflush(stdout);
  gl::app::SetExitCode(rejected > 0 ? 1 : 0);
}

void RunEncode(const CodecFlags& flags, const std::string& crc_name) {
  EncodeOptions options;
  options.max_data_length = flags.max_length;
  auto variant = CrcVariantFromName(crc_name);
  if (!variant) {
    std::fprintf(stderr, "greenloop hj212 encode: unknown CRC variant \"%s\"\n", crc_name.c_str());
    return gl::app::SetExitCode(2);
  }
  options.crc = *variant;
  Frame frame, check;
  ParseError parse_error;
  std::string line, segment, packet;
  int failed = 0;
  for (int line_no = 1; std::getline(std::cin, line); ++line_no) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto fail = [&](const gl::Error& e) {
      ++failed;
      std::fprintf(stderr, "greenloop hj212 encode: line %d: %s\n", line_no, e.ToString().c_str());
    };
    auto object = gl::ParseJsonObject(line);
    if (!object.ok()) {
      fail(object.error());
      continue;
    }
    if (gl::Status s = FrameFromJson(*object, &frame); !s.ok()) {
      fail(s.error());
      continue;
    }
    // A value with a ';' or a blank in the header would give a packet that says
    // something else: refuse what does not parse back.
    segment.clear();
    AppendDataSegment(frame, &segment);
    if (!ParseDataSegment(segment, &check, &parse_error)) {
      fail(gl::Error::InvalidArgument(
          std::string(parse_error.item),
          "the frame would not parse back: " + std::string(RejectName(parse_error.reason)) + ", " +
              std::string(parse_error.detail) + ": " + std::string(parse_error.item)));
      continue;
    }
    packet.clear();
    if (gl::Status s = AppendFramedSegment(segment, &packet, options); !s.ok()) {
      fail(s.error());
      continue;
    }
    std::fwrite(packet.data(), 1, packet.size(), stdout);
  }
  std::fflush(stdout);
  gl::app::SetExitCode(failed > 0 ? 1 : 0);
}

gl::app::CommandRegistration registration("hj212", [](CLI::App& root) {
  auto* hj212 = root.add_subcommand("hj212", "HJ 212 protocol codec tools");
  hj212->require_subcommand(1);

  static CodecFlags parse_flags, reply_flags, encode_flags;
  static std::string encode_crc = "hj212";

  auto* parse = hj212->add_subcommand(
      "parse", "Packets on stdin -> one JSON object per packet or rejection per line");
  AddCodecFlags(parse, &parse_flags);
  parse->callback([] { RunParse(parse_flags); });

  auto* encode =
      hj212->add_subcommand("encode", "JSON objects (one per line, as parse prints) -> packets");
  encode
      ->add_option("--max-length", encode_flags.max_length,
                   "Largest data segment written, in bytes (standard: 1024)")
      ->check(CLI::Range(0, 9999));
  encode->add_option("--crc", encode_crc, "CRC to print: hj212 (default), modbus, modbus_swapped");
  encode->callback([] { RunEncode(encode_flags, encode_crc); });

  auto* reply = hj212->add_subcommand(
      "reply", "Packets from devices on stdin -> the platform's answers (9014, 9013)");
  AddCodecFlags(reply, &reply_flags);
  reply->callback([] { RunReply(reply_flags); });
});

}  // namespace
