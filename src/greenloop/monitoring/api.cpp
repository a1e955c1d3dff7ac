#include "greenloop/monitoring/api.h"

#include "greenloop/monitoring/codec.h"
#include "greenloop/org/auth.h"

namespace gl::monitoring {

namespace {
using http::Request;
using http::Response;

Result<std::optional<Id>> QueryId(const Request& req, std::string_view name) {
  auto text = req.Query(name);
  if (!text || text->empty()) return std::optional<Id>();
  auto id = ParseIdText(*text);
  if (!id) return Error::InvalidArgument(std::string(name), std::string(name) + " must be an id");
  return std::optional<Id>(*id);
}

Result<std::optional<std::optional<Id>>> NullableId(const json::object& body, std::string_view key) {
  if (!body.contains(key)) return std::optional<std::optional<Id>>();
  GL_ASSIGN_OR_RETURN(auto id, GetOptionalIdString(body, key));
  return std::optional<std::optional<Id>>(id);
}

Result<SiteInput> ParseSiteInput(const json::object& body) {
  GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"code", "kind", "name", "name_en", "subdistrict_id",
                                              "department_id", "enterprise_id", "location",
                                              "attributes", "active"}));
  SiteInput in;
  GL_ASSIGN_OR_RETURN(in.code, GetOptionalString(body, "code"));
  GL_ASSIGN_OR_RETURN(in.kind, GetOptionalString(body, "kind"));
  GL_ASSIGN_OR_RETURN(in.name, GetOptionalString(body, "name"));
  GL_ASSIGN_OR_RETURN(in.name_en, GetOptionalString(body, "name_en"));
  GL_ASSIGN_OR_RETURN(in.subdistrict_id, GetOptionalIdString(body, "subdistrict_id"));
  GL_ASSIGN_OR_RETURN(in.department_id, NullableId(body, "department_id"));
  GL_ASSIGN_OR_RETURN(in.enterprise_id, NullableId(body, "enterprise_id"));
  GL_ASSIGN_OR_RETURN(in.active, GetOptionalBool(body, "active"));
  if (const json::value* loc = body.if_contains("location")) {
    if (loc->is_null()) {
      in.lon = std::optional<double>();
      in.lat = std::optional<double>();
    } else if (loc->is_array() && loc->as_array().size() == 2 && loc->as_array()[0].is_number() &&
               loc->as_array()[1].is_number()) {
      in.lon = std::optional<double>(loc->as_array()[0].to_number<double>());
      in.lat = std::optional<double>(loc->as_array()[1].to_number<double>());
    } else {
      return Error::InvalidArgument("location", "location must be [longitude, latitude] or null");
    }
  }
  if (const json::value* attr = body.if_contains("attributes")) {
    if (!attr->is_object()) return Error::InvalidArgument("attributes", "attributes must be an object");
    in.attributes = attr->as_object();
  }
  return in;
}

Result<DeviceInput> ParseDeviceInput(const json::object& body) {
  GL_RETURN_IF_ERROR(RejectUnknownKeys(
      body, {"site_id", "mn", "pw", "protocol", "st", "crc", "interval_s", "factors", "active"}));
  DeviceInput in;
  GL_ASSIGN_OR_RETURN(in.site_id, GetOptionalIdString(body, "site_id"));
  GL_ASSIGN_OR_RETURN(in.mn, GetOptionalString(body, "mn"));
  GL_ASSIGN_OR_RETURN(in.pw, GetOptionalString(body, "pw"));
  GL_ASSIGN_OR_RETURN(in.protocol, GetOptionalString(body, "protocol"));
  GL_ASSIGN_OR_RETURN(in.st, GetOptionalString(body, "st"));
  GL_ASSIGN_OR_RETURN(in.crc, GetOptionalString(body, "crc"));
  GL_ASSIGN_OR_RETURN(auto interval, GetOptionalInt(body, "interval_s"));
  if (interval) {
    if (*interval < 1 || *interval > 86400) return Error::InvalidArgument("interval_s", "interval_s must be 1-86400");
    in.interval_s = static_cast<int>(*interval);
  }
  GL_ASSIGN_OR_RETURN(in.active, GetOptionalBool(body, "active"));
  if (const json::value* f = body.if_contains("factors")) {
    if (!f->is_array()) return Error::InvalidArgument("factors", "factors must be an array of codes");
    std::vector<std::string> codes;
    for (const auto& c : f->as_array()) {
      if (!c.is_string() || c.as_string().empty()) {
        return Error::InvalidArgument("factors", "factors must be an array of codes");
      }
      codes.emplace_back(c.as_string());
    }
    in.factors = std::move(codes);
  }
  return in;
}

Result<TimeMs> TimeParam(const Request& req, std::string_view name, TimeMs fallback) {
  auto text = req.Query(name);
  if (!text || text->empty()) return fallback;
  auto t = ParseTime(*text);
  if (!t) return Error::InvalidArgument(std::string(name), std::string(name) + " must be an ISO 8601 time");
  return *t;
}
}  // namespace

void RegisterMonitoringRoutes(http::Router& router, org::OrgService& org, MonitoringService& svc) {
  router.Get("/api/v1/sites", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(http::Paging paging, http::ParsePaging(req));
    store::SiteFilter filter;
    filter.kind = req.Query("kind").value_or("");
    if (!filter.kind.empty() && !IsKnownSiteKind(filter.kind)) return Error::InvalidArgument("kind", "unknown site kind");
    GL_ASSIGN_OR_RETURN(filter.subdistrict_id, QueryId(req, "subdistrict"));
    filter.text_contains = req.Query("q").value_or("");
    GL_ASSIGN_OR_RETURN(filter.include_inactive, org::QueryFlag(req, "include_inactive", false));
    long long total = 0;
    GL_ASSIGN_OR_RETURN(auto sites, svc.ListSites(actor, filter, paging.offset(), paging.page_size, total));
    std::vector<Id> ids;
    for (const Site& s : sites) ids.push_back(s.id);
    GL_ASSIGN_OR_RETURN(auto devices, svc.DevicesOfSites(ids));
    json::array items;
    TimeMs now = NowMs();
    for (const Site& s : sites) {
      json::object o = SiteToJson(s);
      int total_devices = 0, online = 0;
      std::optional<TimeMs> last_seen;
      for (const Device& d : devices) {
        if (d.site_id != s.id) continue;
        ++total_devices;
        if (d.Online(now)) ++online;
        if (d.last_seen_at && (!last_seen || *d.last_seen_at > *last_seen)) last_seen = d.last_seen_at;
      }
      o["devices_total"] = total_devices;
      o["devices_online"] = online;
      o["last_seen_at"] = last_seen ? json::value(FormatIsoShanghai(*last_seen)) : json::value(nullptr);
      // Exceedance and suspect-data states come with alarms (issue #5).
      o["state"] = online > 0 ? "normal" : "no_data";
      items.push_back(std::move(o));
    }
    return http::ListResponse(std::move(items), total);
  });
  router.Get("/api/v1/sites/{id}", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
    GL_ASSIGN_OR_RETURN(Site site, svc.GetSite(actor, id));
    long long total = 0;
    GL_ASSIGN_OR_RETURN(auto devices, svc.ListDevices(actor, id, 0, 500, total));
    json::object out = SiteToJson(site);
    json::array list;
    TimeMs now = NowMs();
    for (const Device& d : devices) list.push_back(DeviceToJson(d, now));
    out["devices"] = std::move(list);
    return Response::Json(200, out);
  });
  router.Post("/api/v1/sites", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_ASSIGN_OR_RETURN(SiteInput in, ParseSiteInput(body));
    for (const char* required : {"code", "kind", "name", "subdistrict_id"}) {
      if (!body.contains(required)) return Error::InvalidArgument(required, std::string(required) + " is required");
    }
    GL_ASSIGN_OR_RETURN(Site site, svc.CreateSite(actor, in));
    return Response::Json(201, SiteToJson(site));
  });
  router.Patch("/api/v1/sites/{id}", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_ASSIGN_OR_RETURN(SiteInput in, ParseSiteInput(body));
    GL_ASSIGN_OR_RETURN(Site site, svc.UpdateSite(actor, id, in));
    return Response::Json(200, SiteToJson(site));
  });
  router.Get("/api/v1/devices", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(http::Paging paging, http::ParsePaging(req));
    GL_ASSIGN_OR_RETURN(auto site, QueryId(req, "site"));
    long long total = 0;
    GL_ASSIGN_OR_RETURN(auto devices, svc.ListDevices(actor, site, paging.offset(), paging.page_size, total));
    json::array items;
    TimeMs now = NowMs();
    for (const Device& d : devices) items.push_back(DeviceToJson(d, now));
    return http::ListResponse(std::move(items), total);
  });
  router.Post("/api/v1/devices", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_ASSIGN_OR_RETURN(DeviceInput in, ParseDeviceInput(body));
    for (const char* required : {"site_id", "mn", "pw", "protocol", "interval_s"}) {
      if (!body.contains(required)) return Error::InvalidArgument(required, std::string(required) + " is required");
    }
    GL_ASSIGN_OR_RETURN(Device device, svc.CreateDevice(actor, in));
    return Response::Json(201, DeviceToJson(device, NowMs()));
  });
  router.Patch("/api/v1/devices/{id}", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_ASSIGN_OR_RETURN(DeviceInput in, ParseDeviceInput(body));
    GL_ASSIGN_OR_RETURN(Device device, svc.UpdateDevice(actor, id, in));
    return Response::Json(200, DeviceToJson(device, NowMs()));
  });
  router.Get("/api/v1/sites/{id}/readings", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
    std::string kind = req.Query("kind").value_or("raw");
    std::string factor = req.Query("factor").value_or("");
    TimeMs now = NowMs();
    GL_ASSIGN_OR_RETURN(TimeMs to, TimeParam(req, "to", now + 60000));
    TimeMs default_span = (kind == "day" ? 31LL : kind == "hour" ? 2LL : 1LL) * 86400000;
    GL_ASSIGN_OR_RETURN(TimeMs from, TimeParam(req, "from", to - default_span));
    GL_ASSIGN_OR_RETURN(auto points, svc.Series(actor, id, factor, kind, from, to));
    json::array items;
    for (const SeriesPoint& p : points) {
      json::object o{{"t", FormatIsoShanghai(p.t)},
                     {"value", p.value ? json::value(*p.value) : json::value(nullptr)}};
      if (kind == "raw" || kind == "minute") {
        o["text"] = p.text_value;
        o["flag"] = p.flag;
        if (kind == "minute") {
          o["min"] = p.min_value ? json::value(*p.min_value) : json::value(nullptr);
          o["max"] = p.max_value ? json::value(*p.max_value) : json::value(nullptr);
        }
      } else {
        o["min"] = p.min_value ? json::value(*p.min_value) : json::value(nullptr);
        o["max"] = p.max_value ? json::value(*p.max_value) : json::value(nullptr);
        o["count"] = p.count;
        o["valid_count"] = p.valid_count;
        o["coverage"] = p.coverage;
      }
      items.push_back(std::move(o));
    }
    return Response::Json(200, json::object{{"site_id", IdToJson(id)},
                                            {"factor", factor},
                                            {"kind", kind},
                                            {"from", FormatIsoShanghai(from)},
                                            {"to", FormatIsoShanghai(to)},
                                            {"items", std::move(items)}});
  });
}

}  // namespace gl::monitoring
