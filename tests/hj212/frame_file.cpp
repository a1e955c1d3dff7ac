#include "frame_file.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "greenloop/hj212/encoder.h"
#include "greenloop/hj212/exchange.h"
#include "greenloop/hj212/parser.h"

namespace gl::hj212::testing {
namespace {

class CollectingReporter : public RejectReporter {
 public:
  explicit CollectingReporter(std::vector<std::string>* lines) : lines_(lines) {}
  void Rejected(const Rejection& r) override {
    lines_->push_back("reject " + std::string(RejectName(r.reason)) + " at " +
                      std::to_string(r.offset));
  }

 private:
  std::vector<std::string>* lines_;
};

std::string Opt(const std::optional<std::string_view>& v) {
  return v ? std::string(*v) : std::string("null");
}
std::string Opt(const std::optional<int>& v) { return v ? std::to_string(*v) : "null"; }

void Render(const Frame& f, std::vector<std::string>* out) {
  out->push_back("ok");
  out->push_back("version " + std::string(VersionName(f.version())));
  out->push_back("qn " + Opt(f.qn()));
  out->push_back("st " + Opt(f.st()));
  out->push_back("cn " + Opt(f.cn()));
  out->push_back("pw " + Opt(f.pw()));
  out->push_back("mn " + Opt(f.mn()));
  out->push_back("flag " + Opt(f.flag()));
  out->push_back("pnum " + Opt(f.pnum()));
  out->push_back("pno " + Opt(f.pno()));
  out->push_back(std::string("ack ") + (f.ack_requested() ? "true" : "false"));
  out->push_back("data_time " + Opt(f.data_time()));
  for (std::size_t i = 0; i < f.field_count(); ++i) {
    CpField c = f.field(i);
    out->push_back("field " + std::string(c.key) + " " + Escape(std::string(c.value)));
  }
  for (std::size_t i = 0; i < f.factor_value_count(); ++i) {
    FactorValue v = f.factor_value(i);
    out->push_back("factor " + std::string(v.code) + " " + std::string(v.suffix) + " " +
                   Escape(std::string(v.value)));
  }
}

template <typename OnFrame>
void RunFramer(const std::string& input, const FramerOptions& options,
               const std::vector<std::size_t>& pieces, std::vector<std::string>* lines,
               OnFrame on_frame) {
  CollectingReporter reporter(lines);
  Framer framer(&reporter, options);
  Frame frame;
  ParseError error;
  RawFrame raw;
  auto drain = [&] {
    while (framer.Next(&raw)) {
      if (ParseFrame(raw, &frame, &error)) {
        on_frame(frame);
      } else {
        lines->push_back("reject " + std::string(RejectName(error.reason)) + " at " +
                         std::to_string(raw.offset));
      }
    }
  };
  std::size_t pos = 0;
  for (std::size_t piece : pieces) {
    framer.Feed(std::string_view(input).substr(pos, piece));
    pos += piece;
    drain();
  }
  framer.Finish();
  drain();
}

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return {};
  std::size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

void ApplyOptions(const std::string& spec, FramerOptions* options, const std::string& where) {
  std::istringstream in(spec);
  std::string kv;
  while (in >> kv) {
    auto eq = kv.find('=');
    std::string key = kv.substr(0, eq), value = eq == std::string::npos ? "" : kv.substr(eq + 1);
    if (key == "accept-crc") {
      auto v = CrcVariantFromName(value);
      if (!v) throw std::runtime_error(where + ": unknown CRC variant " + value);
      options->AcceptCrc(*v);
    } else if (key == "max-length") {
      options->max_data_length = std::stoul(value);
    } else {
      throw std::runtime_error(where + ": unknown option " + key);
    }
  }
}

}  // namespace

std::string Unescape(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\' || i + 1 == text.size()) {
      out.push_back(text[i]);
      continue;
    }
    char c = text[++i];
    if (c == 'r') {
      out.push_back('\r');
    } else if (c == 'n') {
      out.push_back('\n');
    } else if (c == 't') {
      out.push_back('\t');
    } else if (c == 'x' && i + 2 < text.size()) {
      out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Escape(const std::string& bytes) {
  std::string out;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : bytes) {
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::vector<Case> ReadCaseFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<Case> cases;
  std::string line;
  int line_no = 0;
  Case current;
  enum { kIdle, kInput, kExpected } state = kIdle;
  auto finish = [&] {
    if (state == kExpected) cases.push_back(current);
    if (state == kInput) {
      throw std::runtime_error(path + ":" + std::to_string(current.line) + ": block without ----");
    }
    state = kIdle;
  };
  const std::string name = std::filesystem::path(path).filename().string();
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string where = path + ":" + std::to_string(line_no);
    if (Trim(line).empty()) {
      finish();
      continue;
    }
    if (state == kIdle) {
      if (line[0] == '#') continue;
      std::istringstream head(line);
      current = Case{};
      current.file = name;
      current.line = line_no;
      head >> current.kind;
      std::getline(head, current.label);
      current.label = Trim(current.label);
      if (current.kind != "parse" && current.kind != "reply") {
        throw std::runtime_error(where + ": expected \"parse\" or \"reply\", got " + current.kind);
      }
      state = kInput;
    } else if (state == kInput) {
      if (line == "----") {
        state = kExpected;
      } else if (line.rfind("options ", 0) == 0 && current.input.empty()) {
        ApplyOptions(line.substr(8), &current.options, where);
      } else {
        current.input += Unescape(line);
      }
    } else {
      current.expected.push_back(Trim(line));
    }
  }
  finish();
  return cases;
}

std::vector<std::string> ListCaseFiles(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".test") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> RenderStream(const std::string& input, const FramerOptions& options,
                                      std::size_t chunk) {
  if (chunk == 0) chunk = input.size() + 1;
  std::vector<std::size_t> pieces;
  for (std::size_t pos = 0; pos < input.size(); pos += chunk) pieces.push_back(chunk);
  std::vector<std::string> lines;
  RunFramer(input, options, pieces, &lines, [&](const Frame& f) { Render(f, &lines); });
  return lines;
}

std::vector<std::string> RenderStreamCut(const std::string& input, const FramerOptions& options,
                                         std::size_t cut) {
  std::vector<std::string> lines;
  RunFramer(input, options, {cut, input.size() - cut}, &lines,
            [&](const Frame& f) { Render(f, &lines); });
  return lines;
}

std::vector<std::string> RenderReplies(const std::string& input, const FramerOptions& options) {
  std::vector<std::string> lines, ignored;
  Frame reply;
  RunFramer(input, options, {input.size()}, &ignored, [&](const Frame& f) {
    if (!BuildPlatformReply(f, &reply)) return;
    std::string packet;
    if (!AppendPacket(reply, &packet).ok()) packet = "<encode failed>";
    lines.push_back(Escape(packet));
  });
  if (lines.empty()) lines.push_back("none");
  return lines;
}

}  // namespace gl::hj212::testing
