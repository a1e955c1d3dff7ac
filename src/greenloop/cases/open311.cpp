#include "greenloop/cases/open311.h"

#include <cstdio>

namespace gl::cases::open311 {

std::optional<std::pair<std::string, Format>> SplitFormat(std::string_view file) {
  auto dot = file.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  std::string_view ext = file.substr(dot + 1);
  Format f;
  if (ext == "json") {
    f = Format::kJson;
  } else if (ext == "xml") {
    f = Format::kXml;
  } else {
    return std::nullopt;
  }
  return std::make_pair(std::string(file.substr(0, dot)), f);
}

std::string FormatW3(TimeMs utc_ms) {
  CivilTime c = ToCivil(utc_ms + kShanghaiOffsetMs);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", c.year, c.month, c.day,
                c.hour, c.minute, c.second);
  return buf;
}

std::optional<TimeMs> ParseW3Time(std::string_view text) {
  // A zone is required: the text must end in Z or ±hh:mm after a 'T' time part.
  if (text.size() < 20 || text[10] != 'T') return std::nullopt;
  bool zoned =
      text.back() == 'Z' ||
      (text.size() >= 6 && (text[text.size() - 6] == '+' || text[text.size() - 6] == '-') &&
       text[text.size() - 3] == ':');
  if (!zoned) return std::nullopt;
  return ParseTime(text);
}

namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> Decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out.push_back(' ');
    } else if (s[i] == '%') {
      int hi = i + 2 < s.size() ? HexValue(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? HexValue(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) return Error::InvalidArgument("body", "malformed percent escape");
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  // UTF-8 is required everywhere (§1.2).
  for (size_t i = 0; i < out.size();) {
    auto c = static_cast<unsigned char>(out[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > out.size()) return Error::InvalidArgument("body", "text is not UTF-8");
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(out[i + k]) >> 6) != 2) {
        return Error::InvalidArgument("body", "text is not UTF-8");
      }
    }
    i += n;
  }
  return out;
}
}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> ParseForm(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t amp = body.find('&', pos);
    if (amp == std::string_view::npos) amp = body.size();
    std::string_view pair = body.substr(pos, amp - pos);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      GL_ASSIGN_OR_RETURN(std::string key, Decode(pair.substr(0, eq)));
      std::string value;
      if (eq != std::string_view::npos) {
        GL_ASSIGN_OR_RETURN(value, Decode(pair.substr(eq + 1)));
      }
      out.emplace_back(std::move(key), std::move(value));
    }
    pos = amp + 1;
  }
  return out;
}

std::vector<std::string> SplitCommaList(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(pos, comma - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    pos = comma + 1;
  }
  return out;
}

std::string_view StatusOf(std::string_view s) {
  return (s == "closed" || s == "rejected" || s == "merged") ? "closed" : "open";
}

json::array ErrorBody(int code, std::string_view description) {
  return json::array{json::object{{"code", code}, {"description", description}}};
}

namespace {
std::string_view ItemName(std::string_view container) {
  if (container == "services") return "service";
  if (container == "service_requests") return "request";
  if (container == "attributes") return "attribute";
  if (container == "values") return "value";
  if (container == "errors") return "error";
  if (container == "endpoints") return "endpoint";
  if (container == "formats") return "format";
  return "item";
}

void Escape(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
}

void Element(std::string& out, std::string_view name, const json::value& v);

void Children(std::string& out, std::string_view name, const json::value& v) {
  if (v.is_array()) {
    for (const auto& item : v.as_array()) Element(out, ItemName(name), item);
  } else if (v.is_object()) {
    for (const auto& [k, child] : v.as_object()) Element(out, k, child);
  } else if (v.is_string()) {
    Escape(out, v.as_string());
  } else if (v.is_bool()) {
    out += v.as_bool() ? "true" : "false";
  } else if (!v.is_null()) {
    out += json::serialize(v);
  }
}

void Element(std::string& out, std::string_view name, const json::value& v) {
  out += '<';
  out += name;
  out += '>';
  Children(out, name, v);
  out += "</";
  out += name;
  out += '>';
}
}  // namespace

std::string ToXml(const json::value& value, std::string_view root) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  Element(out, root, value);
  out += '\n';
  return out;
}

http::Response Respond(int status, const json::value& value, Format format, std::string_view root) {
  http::Response r;
  r.status = status;
  if (format == Format::kXml) {
    r.content_type = "text/xml; charset=utf-8";
    r.body = ToXml(value, root);
  } else {
    r.content_type = "application/json; charset=utf-8";
    r.body = json::serialize(value);
  }
  return r;
}

http::Response ErrorResponse(int status, std::string_view description, Format format) {
  return Respond(status, ErrorBody(status, description), format, "errors");
}

Result<RequestQuery> ParseRequestQuery(const std::map<std::string, std::string>& query,
                                       TimeMs now) {
  auto get = [&](const char* key) -> std::string {
    auto it = query.find(key);
    return it == query.end() ? std::string() : it->second;  // empty == absent (§1.5)
  };
  RequestQuery q;
  q.ids = SplitCommaList(get("service_request_id"));
  if (!q.ids.empty()) return q;  // "This overrides all other arguments."
  q.service_codes = SplitCommaList(get("service_code"));
  for (const std::string& s : SplitCommaList(get("status"))) {
    if (s != "open" && s != "closed") {
      return Error::InvalidArgument("status", "status must be open or closed");
    }
    q.statuses.push_back(s);
  }
  for (const char* key : {"start_date", "end_date"}) {
    std::string text = get(key);
    if (text.empty()) continue;
    auto t = ParseW3Time(text);
    if (!t) {
      return Error::InvalidArgument(key, std::string(key) +
                                             " must be a w3 datetime with a zone, e.g. "
                                             "2010-01-01T00:00:00Z");
    }
    (std::string_view(key) == "start_date" ? q.start : q.end) = *t;
  }
  if (!q.start && !q.end) {
    q.end = now;
    q.start = now - kMaxSpanMs;
  } else if (!q.end) {
    q.end = *q.start + kMaxSpanMs;
  } else if (!q.start) {
    q.start = *q.end - kMaxSpanMs;
  }
  if (*q.end < *q.start) {
    return Error::InvalidArgument("end_date", "end_date is before start_date");
  }
  if (*q.end - *q.start > kMaxSpanMs) {
    return Error::InvalidArgument("end_date", "the date range may not span more than 90 days");
  }
  return q;
}

}  // namespace gl::cases::open311
