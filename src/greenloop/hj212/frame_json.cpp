#include "greenloop/hj212/frame_json.h"

#include <string>

#include "greenloop/hj212/crc.h"

namespace gl::hj212 {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if the bytes there are not one.
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n;
  unsigned min;
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2, min = 0x80;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3, min = 0x800;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  unsigned cp = b & (0xFF >> (n + 1));
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// Text as a JSON string. HJ 212-2017 §6.3 makes non-ASCII text UTF-8, but older
// devices send GBK (hj212.md §6 pitfall 6): bytes that are not UTF-8 become
// U+FFFD so the output stays valid JSON; the codec itself keeps the bytes.
json::string JsonText(std::string_view v) {
  json::string out;
  for (std::size_t i = 0; i < v.size();) {
    const std::size_t n = Utf8Length(v, i);
    if (n == 0) {
      out.append("\xEF\xBF\xBD");
      ++i;
    } else {
      out.append(v.substr(i, n));
      i += n;
    }
  }
  return out;
}

json::value Text(const std::optional<std::string_view>& v) {
  if (!v) return nullptr;
  return JsonText(*v);
}

json::value Number(const std::optional<int>& v) {
  if (!v) return nullptr;
  return *v;
}

std::string Hex(std::uint16_t v) {
  char buf[4];
  FormatCrcHex(v, buf);
  return std::string(buf, 4);
}

Error WrongType(std::string_view key, std::string_view expected) {
  return Error::InvalidArgument(std::string(key),
                                std::string(key) + " must be " + std::string(expected));
}

// A string or null field; sets nothing for null or a missing key.
Status ReadText(const json::object& o, std::string_view key, void (Frame::*set)(std::string_view),
                Frame* out) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return Status::Ok();
  if (!it->value().is_string()) return WrongType(key, "a string or null");
  (out->*set)(it->value().as_string());
  return Status::Ok();
}

Status ReadNumber(const json::object& o, std::string_view key, int max, void (Frame::*set)(int),
                  Frame* out) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return Status::Ok();
  const json::value& v = it->value();
  if (!v.is_int64() || v.as_int64() < 0 || v.as_int64() > max) {
    return WrongType(key, "an integer from 0 to " + std::to_string(max) + " or null");
  }
  (out->*set)(static_cast<int>(v.as_int64()));
  return Status::Ok();
}

Status ReadCp(const json::value& value, Frame* out) {
  if (!value.is_object()) return WrongType("cp", "an object");
  const json::object& cp = value.as_object();
  GL_RETURN_IF_ERROR(RejectUnknownKeys(cp, {"DataTime", "factors", "fields"}));
  out->SetHasCp(true);
  if (auto it = cp.find("DataTime"); it != cp.end() && !it->value().is_null()) {
    if (!it->value().is_string()) return WrongType("cp.DataTime", "a string or null");
    out->SetDataTime(it->value().as_string());
  }
  if (auto it = cp.find("fields"); it != cp.end()) {
    if (!it->value().is_object()) return WrongType("cp.fields", "an object");
    for (const auto& [key, v] : it->value().as_object()) {
      if (!v.is_string()) return WrongType("cp.fields." + std::string(key), "a string");
      out->AddField(key, v.as_string());
    }
  }
  if (auto it = cp.find("factors"); it != cp.end()) {
    if (!it->value().is_object()) return WrongType("cp.factors", "an object");
    for (const auto& [code, suffixes] : it->value().as_object()) {
      const std::string path = "cp.factors." + std::string(code);
      if (!suffixes.is_object()) return WrongType(path, "an object");
      for (const auto& [suffix, v] : suffixes.as_object()) {
        if (!v.is_string()) return WrongType(path + "." + std::string(suffix), "a string");
        out->AddFactorValue(code, suffix, v.as_string());
      }
    }
  }
  return Status::Ok();
}

}  // namespace

json::object FrameToJson(const Frame& frame) {
  json::object o;
  o["ok"] = true;
  o["version"] = VersionName(frame.version());
  o["qn"] = Text(frame.qn());
  o["st"] = Text(frame.st());
  o["cn"] = Text(frame.cn());
  o["pw"] = Text(frame.pw());
  o["mn"] = Text(frame.mn());
  o["flag"] = Number(frame.flag());
  o["pnum"] = Number(frame.pnum());
  o["pno"] = Number(frame.pno());
  o["ack_requested"] = frame.ack_requested();
  json::object cp;
  cp["DataTime"] = Text(frame.data_time());
  json::object factors;
  for (std::size_t i = 0; i < frame.factor_value_count(); ++i) {
    FactorValue v = frame.factor_value(i);
    json::value& slot = factors[JsonText(v.code)];
    if (!slot.is_object()) slot = json::object();
    slot.as_object()[JsonText(v.suffix)] = JsonText(v.value);
  }
  cp["factors"] = std::move(factors);
  json::object fields;
  for (std::size_t i = 0; i < frame.field_count(); ++i) {
    CpField f = frame.field(i);
    fields[JsonText(f.key)] = JsonText(f.value);
  }
  cp["fields"] = std::move(fields);
  o["cp"] = std::move(cp);
  return o;
}

json::object RejectionToJson(const Rejection& r) {
  json::object o;
  o["ok"] = false;
  o["error"] = RejectName(r.reason);
  o["offset"] = r.offset;
  o["dropped"] = r.dropped;
  o["detail"] = r.detail;
  if (r.reason == Reject::kBadCrc) {
    o["crc_sent"] = Hex(r.crc_sent);
    o["crc_computed"] = Hex(r.crc_computed);
    if (!r.crc_variant_matched.empty()) o["crc_variant_matched"] = r.crc_variant_matched;
  }
  return o;
}

json::object ParseErrorToJson(const ParseError& e, std::uint64_t offset) {
  json::object o;
  o["ok"] = false;
  o["error"] = RejectName(e.reason);
  o["offset"] = offset;
  o["detail"] = e.detail;
  o["item"] = JsonText(e.item);
  o["position"] = e.position;
  return o;
}

Status FrameFromJson(const json::object& o, Frame* out) {
  out->Clear();
  GL_RETURN_IF_ERROR(RejectUnknownKeys(o, {"ok", "version", "qn", "st", "cn", "pw", "mn", "flag",
                                           "pnum", "pno", "ack_requested", "cp"}));
  GL_RETURN_IF_ERROR(ReadText(o, "qn", &Frame::SetQn, out));
  GL_RETURN_IF_ERROR(ReadText(o, "st", &Frame::SetSt, out));
  GL_RETURN_IF_ERROR(ReadText(o, "cn", &Frame::SetCn, out));
  GL_RETURN_IF_ERROR(ReadText(o, "pw", &Frame::SetPw, out));
  GL_RETURN_IF_ERROR(ReadText(o, "mn", &Frame::SetMn, out));
  // Flag 0-255 (HJ 212-2017 Table 3); PNUM, PNO 4 digits.
  GL_RETURN_IF_ERROR(ReadNumber(o, "flag", 255, &Frame::SetFlag, out));
  GL_RETURN_IF_ERROR(ReadNumber(o, "pnum", 9999, &Frame::SetPnum, out));
  GL_RETURN_IF_ERROR(ReadNumber(o, "pno", 9999, &Frame::SetPno, out));
  auto cp = o.find("cp");
  if (cp == o.end() || cp->value().is_null()) {
    out->SetHasCp(true);  // CP is mandatory on the wire; an absent one is empty
    return Status::Ok();
  }
  return ReadCp(cp->value(), out);
}

}  // namespace gl::hj212
