// greenloop/base/json.h
//
// Boost.JSON helpers that turn a request body into typed fields or a named error.
// Every getter returns kInvalidArgument naming the field when it is missing or of
// the wrong type; optional getters return nullopt for a missing or null field.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "greenloop/base/error.h"

namespace gl {

namespace json = boost::json;

// Parses a document; kBadJson with the parser's position on failure.
Result<json::value> ParseJson(std::string_view text);
// Like ParseJson, and the top level must be an object.
Result<json::object> ParseJsonObject(std::string_view text);

Result<std::string> GetString(const json::object& obj, std::string_view key);
Result<std::int64_t> GetInt(const json::object& obj, std::string_view key);
Result<bool> GetBool(const json::object& obj, std::string_view key);

Result<std::optional<std::string>> GetOptionalString(const json::object& obj, std::string_view key);
Result<std::optional<std::int64_t>> GetOptionalInt(const json::object& obj, std::string_view key);
Result<std::optional<bool>> GetOptionalBool(const json::object& obj, std::string_view key);

// Rejects keys outside `allowed` (a typo must not be silently ignored).
Status RejectUnknownKeys(const json::object& obj, std::initializer_list<std::string_view> allowed);

// Ids are 64-bit and exceed JavaScript's safe integers: they travel as strings.
Result<std::int64_t> GetIdString(const json::object& obj, std::string_view key);
Result<std::optional<std::int64_t>> GetOptionalIdString(const json::object& obj,
                                                        std::string_view key);
std::optional<std::int64_t> ParseIdText(std::string_view text);
std::string IdToJson(std::int64_t id);

// The canonical form used for hashing: keys sorted, no spaces, numbers as Boost.JSON prints them.
std::string CanonicalJson(const json::value& value);

}  // namespace gl
