#include "greenloop/base/json.h"

#include <algorithm>
#include <charconv>
#include <vector>

namespace gl {

Result<json::value> ParseJson(std::string_view text) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 64;
  json::value value = json::parse(text, ec, {}, options);
  if (ec) {
    return Error(ErrorCode::kBadJson, "malformed JSON: " + ec.message());
  }
  return value;
}

Result<json::object> ParseJsonObject(std::string_view text) {
  GL_ASSIGN_OR_RETURN(json::value value, ParseJson(text));
  if (!value.is_object()) return Error(ErrorCode::kBadJson, "the body must be a JSON object");
  return std::move(value.as_object());
}

namespace {
Error WrongType(std::string_view key, std::string_view expected) {
  return Error::InvalidArgument(std::string(key), std::string(key) + " must be " + std::string(expected));
}
Error Missing(std::string_view key) {
  return Error::InvalidArgument(std::string(key), std::string(key) + " is required");
}
}  // namespace

Result<std::string> GetString(const json::object& obj, std::string_view key) {
  GL_ASSIGN_OR_RETURN(auto value, GetOptionalString(obj, key));
  if (!value) return Missing(key);
  return std::move(*value);
}

Result<std::int64_t> GetInt(const json::object& obj, std::string_view key) {
  GL_ASSIGN_OR_RETURN(auto value, GetOptionalInt(obj, key));
  if (!value) return Missing(key);
  return *value;
}

Result<bool> GetBool(const json::object& obj, std::string_view key) {
  GL_ASSIGN_OR_RETURN(auto value, GetOptionalBool(obj, key));
  if (!value) return Missing(key);
  return *value;
}

Result<std::optional<std::string>> GetOptionalString(const json::object& obj,
                                                     std::string_view key) {
  const json::value* v = obj.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::string>();
  if (!v->is_string()) return WrongType(key, "a string");
  return std::optional<std::string>(std::string(v->as_string()));
}

Result<std::optional<std::int64_t>> GetOptionalInt(const json::object& obj, std::string_view key) {
  const json::value* v = obj.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::int64_t>();
  if (v->is_int64()) return std::optional<std::int64_t>(v->as_int64());
  if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v->as_uint64()));
  }
  return WrongType(key, "an integer");
}

Result<std::optional<bool>> GetOptionalBool(const json::object& obj, std::string_view key) {
  const json::value* v = obj.if_contains(key);
  if (!v || v->is_null()) return std::optional<bool>();
  if (!v->is_bool()) return WrongType(key, "true or false");
  return std::optional<bool>(v->as_bool());
}

Status RejectUnknownKeys(const json::object& obj, std::initializer_list<std::string_view> allowed) {
  for (const auto& kv : obj) {
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end()) {
      return Error::InvalidArgument(std::string(kv.key()),
                                    "unknown field " + std::string(kv.key()));
    }
  }
  return Status::Ok();
}

std::optional<std::int64_t> ParseIdText(std::string_view text) {
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

Result<std::optional<std::int64_t>> GetOptionalIdString(const json::object& obj,
                                                        std::string_view key) {
  const json::value* v = obj.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::int64_t>();
  std::optional<std::int64_t> id;
  if (v->is_string()) id = ParseIdText(v->as_string());
  if (v->is_int64() && v->as_int64() > 0) id = v->as_int64();
  if (!id) return WrongType(key, "an id (a string of digits)");
  return id;
}

Result<std::int64_t> GetIdString(const json::object& obj, std::string_view key) {
  GL_ASSIGN_OR_RETURN(auto id, GetOptionalIdString(obj, key));
  if (!id) return Missing(key);
  return *id;
}

std::string IdToJson(std::int64_t id) { return std::to_string(id); }

namespace {
void WriteCanonical(const json::value& v, std::string& out) {
  if (v.is_object()) {
    const auto& obj = v.as_object();
    std::vector<const json::key_value_pair*> items;
    items.reserve(obj.size());
    for (const auto& kv : obj) items.push_back(&kv);
    std::sort(items.begin(), items.end(),
              [](auto* a, auto* b) { return a->key() < b->key(); });
    out += '{';
    bool first = true;
    for (const auto* kv : items) {
      if (!first) out += ',';
      first = false;
      out += json::serialize(json::string(kv->key()));
      out += ':';
      WriteCanonical(kv->value(), out);
    }
    out += '}';
  } else if (v.is_array()) {
    out += '[';
    bool first = true;
    for (const auto& item : v.as_array()) {
      if (!first) out += ',';
      first = false;
      WriteCanonical(item, out);
    }
    out += ']';
  } else {
    out += json::serialize(v);
  }
}
}  // namespace

std::string CanonicalJson(const json::value& value) {
  std::string out;
  WriteCanonical(value, out);
  return out;
}

}  // namespace gl
