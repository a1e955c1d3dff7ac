// greenloop/cases/open311.h
//
// The wire format of Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2,
// summarised with its examples in shared/reference/open311.md): pure functions,
// no database and no sockets, used by open311_api.cpp.
//
// Contract (section numbers are those of open311.md):
// - JSON is the Spark mapping of the XML (§1.1): lists are arrays, a service
//   definition is an object, errors are [{"code","description"}]. ToXml() gives the
//   XML form of the same value (the spec's required format) with its declaration.
// - Datetimes go out as w3 "YYYY-MM-DDThh:mm:ss+08:00" without a fraction (§1.3);
//   ParseW3Time accepts a fraction and refuses a time without its zone.
// - An empty parameter is the same as an absent one (§1.5).
// - Statuses are only "open" and "closed" (§2.5): a case that is closed, rejected
//   or merged is "closed"; every other state is "open".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/base/json.h"
#include "greenloop/base/time.h"
#include "greenloop/http/message.h"

namespace gl::cases::open311 {

enum class Format { kJson, kXml };

// "services.json" -> ("services", kJson); nullopt for another extension.
std::optional<std::pair<std::string, Format>> SplitFormat(std::string_view file);

// "2010-04-14T06:37:38+08:00".
std::string FormatW3(TimeMs utc_ms);
// W3C datetime with a zone (Z or ±hh:mm), optional fraction; nullopt otherwise.
std::optional<TimeMs> ParseW3Time(std::string_view text);

// application/x-www-form-urlencoded: '+' is a space, %XX decoded; repeated keys kept
// in order. kInvalidArgument for a malformed escape or text that is not UTF-8.
Result<std::vector<std::pair<std::string, std::string>>> ParseForm(std::string_view body);

// "a, b,,c" -> {"a","b","c"}; empty input -> {}.
std::vector<std::string> SplitCommaList(std::string_view text);

// "open" for a case status that is not closed/rejected/merged, else "closed".
std::string_view StatusOf(std::string_view case_status);

// The spec's error array with one error.
json::array ErrorBody(int code, std::string_view description);

// A response in the asked format. JSON: application/json; charset=utf-8.
// XML: text/xml; charset=utf-8, root element `root`.
http::Response Respond(int status, const json::value& value, Format format, std::string_view root);
http::Response ErrorResponse(int status, std::string_view description, Format format);

// The XML of a Spark-mapped value: arrays under these keys repeat the element
// named in the map (services/service, service_requests/request, attributes/attribute,
// values/value, errors/error); null is an empty element; true/false as text.
std::string ToXml(const json::value& value, std::string_view root);

// GET requests.json filters (§2.5), after validation.
struct RequestQuery {
  std::vector<std::string> ids;            // service_request_id list: overrides the rest
  std::vector<std::string> service_codes;  // empty: all
  std::optional<TimeMs> start, end;        // on requested_datetime
  std::vector<std::string> statuses;       // "open", "closed"; empty: all
  int limit = 1000;                        // "first 1000 requests" (§2.5 Response Volume)
};
inline constexpr TimeMs kMaxSpanMs = 90LL * 24 * 3600 * 1000;  // "may not span more than 90 days"

// Resolves the defaults against `now`: no dates -> the last 90 days; one date -> 90
// days from/to it; a span over 90 days, a bad date or status -> kInvalidArgument.
Result<RequestQuery> ParseRequestQuery(const std::map<std::string, std::string>& query, TimeMs now);

}  // namespace gl::cases::open311
