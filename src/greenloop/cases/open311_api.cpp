#include "greenloop/cases/open311_api.h"

#include <spdlog/spdlog.h>

#include "greenloop/cases/open311.h"
#include "greenloop/db/query.h"
#include "greenloop/org/permissions.h"

namespace gl::cases {

namespace {
using http::Request;
using http::Response;
using open311::Format;

constexpr size_t kMaxDescriptionChars = 4000;  // "limited to 4,000 characters" (§2.3)

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The Open311 answer to an Error: 404 missing, 403 api key, 429 limit, else 400.
Response Open311Error(const Error& e, Format f) {
  switch (e.code()) {
    case ErrorCode::kNotFound:
      return open311::ErrorResponse(404, e.message(), f);
    case ErrorCode::kUnauthenticated:
    case ErrorCode::kForbidden:
      return open311::ErrorResponse(403, e.message(), f);
    case ErrorCode::kInternal:
    case ErrorCode::kUnavailable:
      spdlog::error("open311: {}", e.ToString());
      return open311::ErrorResponse(400, "General service error", f);
    default: {
      std::string text = e.field().empty() ? e.message() : e.field() + ": " + e.message();
      return open311::ErrorResponse(400, text, f);
    }
  }
}

// Runs `body` with the format of the {file} parameter, the rate limit and the error
// mapping; an unknown extension or name is 404.
Response Guard(http::RateLimiter& limiter, Request& request, std::string_view expected_name,
               const std::function<Result<Response>(Format, const std::string&)>& body) {
  auto split = open311::SplitFormat(request.path_params["file"]);
  Format f = split ? split->second : Format::kJson;
  if (!split || (!expected_name.empty() && split->first != expected_name)) {
    return open311::ErrorResponse(404, "no such resource: " + request.path, f);
  }
  if (std::int64_t wait = limiter.Take(request.remote_address); wait > 0) {
    Response r = open311::ErrorResponse(429, "too many requests; retry later", f);
    r.headers.emplace_back("Retry-After", std::to_string(wait));
    return r;
  }
  Result<Response> r = body(f, split->first);
  return r.ok() ? std::move(r).value() : Open311Error(r.error(), f);
}

// Categories that take reports: the leaves (a top-level category without children too).
std::vector<const Category*> Services(const Taxonomy& taxonomy) {
  std::vector<const Category*> out;
  for (const Category* root : taxonomy.Roots()) {
    if (root->children.empty()) out.push_back(root);
    for (const std::string& code : root->children) {
      if (const Category* c = taxonomy.Find(code)) out.push_back(c);
    }
  }
  return out;
}

json::object ServiceJson(const Taxonomy& taxonomy, const Category& c) {
  const Category* group = c.parent.empty() ? &c : taxonomy.Find(c.parent);
  std::string group_name = group ? group->name : c.name;
  return json::object{{"service_code", c.code},
                      {"service_name", c.name},
                      {"description", group_name == c.name ? c.name : group_name + "：" + c.name},
                      {"metadata", false},
                      {"type", "realtime"},
                      {"keywords", c.name_en},
                      {"group", group_name}};
}

json::value TimeOrNull(std::optional<TimeMs> t) {
  return t ? json::value(open311::FormatW3(*t)) : json::value(nullptr);
}

// The latest public timeline text of a case, or null.
json::value StatusNotes(soci::session& sql, Id case_id) {
  std::string text;
  long long id = case_id;
  sql << "SELECT text FROM case_events WHERE case_id = :id AND public = 1"
         " ORDER BY at DESC, id DESC LIMIT 1",
      soci::use(id), soci::into(text);
  if (!sql.got_data() || text.empty()) return nullptr;
  return json::value(text);
}

json::object RequestJson(const Taxonomy& taxonomy, const Case& c, json::value status_notes) {
  const Category* cat = taxonomy.Find(c.category);
  std::string_view status = open311::StatusOf(StatusName(c.status));
  std::optional<TimeMs> updated = status == "closed" && c.closed_at ? c.closed_at : c.updated_at;
  std::optional<TimeMs> expected = c.due_at ? c.due_at : c.accept_due_at;
  return json::object{
      {"service_request_id", c.number},
      {"status", status},
      {"status_notes", std::move(status_notes)},
      {"service_name", cat ? cat->name : c.category},
      {"service_code", c.category},
      {"description", c.description.empty() ? json::value(nullptr) : json::value(c.description)},
      {"agency_responsible", c.lead_unit ? json::value(c.lead_unit->name) : json::value(nullptr)},
      {"service_notice", nullptr},
      {"requested_datetime", open311::FormatW3(c.created_at)},
      {"updated_datetime", TimeOrNull(updated)},
      {"expected_datetime", TimeOrNull(expected)},
      {"address", c.address.empty() ? json::value(nullptr) : json::value(c.address)},
      {"address_id", nullptr},
      {"zipcode", nullptr},
      {"lat", c.location ? json::value(c.location->lat) : json::value(nullptr)},
      {"long", c.location ? json::value(c.location->lon) : json::value(nullptr)},
      {"media_url", nullptr}};
}

// The numbers of the complaint cases matching the filters, newest first, at most q.limit.
Result<std::vector<std::string>> FindNumbers(db::Database& db, const open311::RequestQuery& q) {
  return db.Query([&](soci::session& sql) -> Result<std::vector<std::string>> {
    db::Params p;
    std::string where = " WHERE source = 'complaint'";
    if (!q.ids.empty()) {
      where += " AND number IN (";
      for (size_t i = 0; i < q.ids.size(); ++i) where += (i ? "," : "") + p.Add(q.ids[i]);
      where += ")";
    } else {
      where += " AND created_at >= " + p.Add(*q.start) + " AND created_at <= " + p.Add(*q.end);
      if (!q.service_codes.empty()) {
        where += " AND category IN (";
        for (size_t i = 0; i < q.service_codes.size(); ++i) {
          where += (i ? "," : "") + p.Add(q.service_codes[i]);
        }
        where += ")";
      }
      if (q.statuses.size() == 1) {
        where += std::string(q.statuses[0] == "closed" ? " AND" : " AND NOT") +
                 " (status IN ('closed','rejected','merged'))";
      }
    }
    std::vector<std::string> out;
    std::string number;
    soci::statement st(sql);
    st.exchange(soci::into(number));
    db::ForEachRow(st, p,
                   "SELECT number FROM cases" + where + " ORDER BY created_at DESC LIMIT " +
                       std::to_string(q.limit),
                   [&] { out.push_back(number); });
    return out;
  });
}

Result<json::array> RequestsJson(CaseService& cases, const std::vector<std::string>& numbers) {
  json::array items;
  for (const std::string& number : numbers) {
    auto found = cases.FindByNumber(number);
    if (!found.ok()) {
      if (found.error().code() == ErrorCode::kNotFound) continue;
      return found.error();
    }
    if (found->source != Source::kComplaint) continue;
    GL_ASSIGN_OR_RETURN(json::value notes, cases.database().Query([&](soci::session& sql) {
      return Result<json::value>(StatusNotes(sql, found->id));
    }));
    items.push_back(RequestJson(cases.config().taxonomy, *found, std::move(notes)));
  }
  return items;
}

// POST requests: the form to a PublicIntake (§2.3).
Result<PublicIntake> ParsePost(const std::vector<std::pair<std::string, std::string>>& form,
                               const Taxonomy& taxonomy) {
  std::map<std::string, std::string> f;
  for (const auto& [k, v] : form) {
    if (!v.empty()) f[k] = v;  // empty == absent (§1.5)
  }
  auto get = [&](const char* k) { return f.count(k) ? f[k] : std::string(); };
  PublicIntake in;
  in.category = get("service_code");
  if (in.category.empty())
    return Error::InvalidArgument("service_code", "service_code was not provided");
  const Category* cat = taxonomy.Find(in.category);
  if (!cat) return Error::NotFound("service_code " + in.category + " was not found");
  std::string lat = get("lat"), lon = get("long");
  if (lat.empty() != lon.empty()) {
    return Error::InvalidArgument("lat", "lat and long must be sent together");
  }
  if (!lat.empty()) {
    char* end = nullptr;
    double la = std::strtod(lat.c_str(), &end);
    bool ok_lat = end && *end == '\0' && la >= -90 && la <= 90;
    double lo = std::strtod(lon.c_str(), &end);
    bool ok_lon = end && *end == '\0' && lo >= -180 && lo <= 180;
    if (!ok_lat || !ok_lon) return Error::InvalidArgument("lat", "lat/long are not WGS84 degrees");
    in.location = GeoPoint{lo, la};
  }
  in.address = get("address_string");
  if (in.address.empty() && !get("address_id").empty())
    in.address = "地址编号 " + get("address_id");
  if (!in.location && in.address.empty()) {
    return Error::InvalidArgument(
        "lat", "a location is required: lat & long, address_string or address_id");
  }
  in.description = get("description");
  if (Utf8Length(in.description) > kMaxDescriptionChars) {
    return Error::InvalidArgument("description", "description is limited to 4,000 characters");
  }
  if (in.description.empty()) in.description = cat->name;
  std::string media = get("media_url");
  if (!media.empty()) {
    if (media.rfind("http://", 0) != 0 && media.rfind("https://", 0) != 0) {
      return Error::InvalidArgument("media_url", "media_url must be an http(s) URL");
    }
    in.description += "\n图片：" + media;
  }
  std::string name = get("last_name") + get("first_name");
  if (!get("last_name").empty() && !get("first_name").empty()) {
    name = get("first_name") + " " + get("last_name");
  }
  if (!name.empty() || !get("phone").empty()) in.contact = Reporter{name, get("phone")};
  return in;
}

}  // namespace

void RegisterOpen311Routes(http::Router& router, org::OrgService& org, CaseService& cases,
                           PublicCases& pub) {
  const Taxonomy& taxonomy = cases.config().taxonomy;

  router.Get("/open311/{file}", [&pub](Request& request) -> Result<Response> {
    return Guard(pub.read_limiter, request, "discovery", [&](Format f, const std::string&) {
      json::array formats{"text/xml", "application/json"};
      json::object endpoint{{"specification", "http://wiki.open311.org/GeoReport_v2"},
                            {"url", "/open311/v2"},
                            {"changeset", "2026-11-29 00:00"},
                            {"type", "production"},
                            {"formats", formats}};
      json::object doc{{"changeset", "2026-11-29 00:00"},
                       {"contact", "渝中区生态环境局 数字化办公室"},
                       {"key_service", "api_key：由系统管理员在 GreenLoop 中签发写权限 API 令牌"},
                       {"endpoints", json::array{endpoint}}};
      return Result<Response>(open311::Respond(200, doc, f, "discovery"));
    });
  });

  router.Get("/open311/v2/{file}", [&pub, &cases, &taxonomy](Request& request) -> Result<Response> {
    return Guard(pub.read_limiter, request, "",
                 [&](Format f, const std::string& name) -> Result<Response> {
                   if (name == "services") {
                     json::array items;
                     for (const Category* c : Services(taxonomy))
                       items.push_back(ServiceJson(taxonomy, *c));
                     return open311::Respond(200, items, f, "services");
                   }
                   if (name != "requests")
                     return Error::NotFound("no such resource: " + request.path);
                   GL_ASSIGN_OR_RETURN(open311::RequestQuery q,
                                       open311::ParseRequestQuery(request.query, cases.Now()));
                   GL_ASSIGN_OR_RETURN(auto numbers, FindNumbers(cases.database(), q));
                   GL_ASSIGN_OR_RETURN(json::array items, RequestsJson(cases, numbers));
                   return open311::Respond(200, items, f, "service_requests");
                 });
  });

  router.Get(
      "/open311/v2/services/{file}", [&pub, &taxonomy](Request& request) -> Result<Response> {
        return Guard(pub.read_limiter, request, "",
                     [&](Format f, const std::string& code) -> Result<Response> {
                       const Category* c = taxonomy.Find(code);
                       bool is_service = false;
                       for (const Category* s : Services(taxonomy)) is_service |= s == c;
                       if (!c || !is_service)
                         return Error::NotFound("service_code " + code + " was not found");
                       json::object def{{"service_code", code}, {"attributes", json::array{}}};
                       return open311::Respond(200, def, f, "service_definition");
                     });
      });

  router.Get("/open311/v2/requests/{file}", [&pub, &cases](Request& request) -> Result<Response> {
    return Guard(pub.read_limiter, request, "",
                 [&](Format f, const std::string& id) -> Result<Response> {
                   GL_ASSIGN_OR_RETURN(json::array items, RequestsJson(cases, {id}));
                   if (items.empty())
                     return Error::NotFound("service_request_id " + id + " was not found");
                   return open311::Respond(200, items, f, "service_requests");
                 });
  });

  router.Post(
      "/open311/v2/{file}", [&org, &pub, &cases, &taxonomy](Request& request) -> Result<Response> {
        return Guard(pub.write_limiter, request, "requests",
                     [&](Format f, const std::string&) -> Result<Response> {
                       GL_ASSIGN_OR_RETURN(auto form, open311::ParseForm(request.body));
                       std::string key;
                       for (const auto& [k, v] : form) {
                         if (k == "api_key") key = v;
                       }
                       if (key.empty()) key = request.Query("api_key").value_or("");
                       if (key.empty()) return Error::Forbidden("api_key was not provided");
                       auto actor = org.AuthenticateToken(key);
                       if (!actor.ok())
                         return Error::Forbidden(
                             "Invalid api_key received -- can't proceed with create_request.");
                       if (!org::CanWrite(*actor))
                         return Error::Forbidden("this api_key may not file requests (read-only)");
                       GL_ASSIGN_OR_RETURN(PublicIntake in, ParsePost(form, taxonomy));
                       in.channel = "open311:" + actor->login;
                       GL_ASSIGN_OR_RETURN(PublicIntakeResult r, cases.CreateFromPublic(in));
                       std::string notice = "已登记，案件编号 " + r.created.number + "，跟踪码 " +
                                            r.tracking_code +
                                            "（请妥善保存，凭此在公众端查询进度）";
                       json::array out{json::object{{"service_request_id", r.created.number},
                                                    {"service_notice", notice},
                                                    {"account_id", nullptr}}};
                       return open311::Respond(200, out, f, "service_requests");
                     });
      });
}

}  // namespace gl::cases
