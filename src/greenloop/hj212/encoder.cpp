#include "greenloop/hj212/encoder.h"

#include <charconv>

namespace gl::hj212 {
namespace {

void AppendNumber(int v, std::string* out) {
  char buf[16];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  out->append(buf, end);
}

void AppendText(std::string_view key, const std::optional<std::string_view>& v, std::string* out) {
  if (!v) return;
  out->append(key);
  out->push_back('=');
  out->append(*v);
  out->push_back(';');
}

void AppendNumberField(std::string_view key, const std::optional<int>& v, std::string* out) {
  if (!v) return;
  out->append(key);
  out->push_back('=');
  AppendNumber(*v, out);
  out->push_back(';');
}

}  // namespace

void AppendDataSegment(const Frame& frame, std::string* out) {
  // Header order of HJ 212-2017 §6.3.2 Table 3.
  AppendText("QN", frame.qn(), out);
  AppendText("ST", frame.st(), out);
  AppendText("CN", frame.cn(), out);
  AppendText("PW", frame.pw(), out);
  AppendText("MN", frame.mn(), out);
  AppendNumberField("Flag", frame.flag(), out);
  AppendNumberField("PNUM", frame.pnum(), out);
  AppendNumberField("PNO", frame.pno(), out);
  out->append("CP=&&");
  bool first = true;
  auto separate = [&](char sep) {
    if (!first) out->push_back(sep);
    first = false;
  };
  if (auto t = frame.data_time()) {
    separate(';');
    out->append("DataTime=");
    out->append(*t);
  }
  for (std::size_t i = 0; i < frame.field_count(); ++i) {
    CpField f = frame.field(i);
    separate(';');
    out->append(f.key);
    out->push_back('=');
    out->append(f.value);
  }
  std::string_view previous_code;
  for (std::size_t i = 0; i < frame.factor_value_count(); ++i) {
    FactorValue v = frame.factor_value(i);
    // Values of one factor are joined by ',', factors by ';' (HJ 212-2017 §6.3.3).
    separate(i > 0 && v.code == previous_code ? ',' : ';');
    previous_code = v.code;
    out->append(v.code);
    out->push_back('-');
    out->append(v.suffix);
    out->push_back('=');
    out->append(v.value);
  }
  out->append("&&");
}

Status AppendFramedSegment(std::string_view segment, std::string* out,
                           const EncodeOptions& options) {
  // LLLL is 4 decimal digits (HJ 212-2017 §6.3.1 Table 2).
  if (segment.size() > options.max_data_length || segment.size() > 9999) {
    return Error::InvalidArgument("data", "data segment of " + std::to_string(segment.size()) +
                                              " bytes exceeds the limit of " +
                                              std::to_string(options.max_data_length));
  }
  const std::size_t n = segment.size();
  char head[6] = {'#',
                  '#',
                  static_cast<char>('0' + n / 1000),
                  static_cast<char>('0' + n / 100 % 10),
                  static_cast<char>('0' + n / 10 % 10),
                  static_cast<char>('0' + n % 10)};
  char tail[6];
  FormatCrcHex(PrintedCrc(options.crc, segment), tail);
  tail[4] = '\r';
  tail[5] = '\n';
  out->reserve(out->size() + n + sizeof head + sizeof tail);
  out->append(head, sizeof head);
  out->append(segment);
  out->append(tail, sizeof tail);
  return Status::Ok();
}

Status AppendPacket(const Frame& frame, std::string* out, const EncodeOptions& options) {
  std::string segment;
  segment.reserve(256);
  AppendDataSegment(frame, &segment);
  return AppendFramedSegment(segment, out, options);
}

Result<std::string> EncodePacket(const Frame& frame, const EncodeOptions& options) {
  std::string out;
  Status s = AppendPacket(frame, &out, options);
  if (!s.ok()) return s.error();
  return out;
}

}  // namespace gl::hj212
