#include "greenloop/alarms/api.h"

#include "greenloop/alarms/codec.h"
#include "greenloop/alarms/rules.h"
#include "greenloop/org/auth.h"

namespace gl::alarms {

namespace {
using http::Request;
using http::Response;

Result<std::optional<TimeMs>> QueryTime(const Request& req, std::string_view name) {
  auto text = req.Query(name);
  if (!text || text->empty()) return std::optional<TimeMs>();
  auto t = ParseTime(*text);
  if (!t) return Error::InvalidArgument(std::string(name), std::string(name) + " must be a time");
  return std::optional<TimeMs>(*t);
}

Result<store::AlarmFilter> ParseFilter(const Request& req) {
  store::AlarmFilter f;
  if (auto s = req.Query("status"); s && !s->empty()) {
    if (*s == "open") {
      f.statuses = {"active", "acknowledged"};
    } else if (ParseAlarmStatus(*s)) {
      f.statuses = {*s};
    } else {
      return Error::InvalidArgument("status",
                                    "status must be open, active, acknowledged or cleared");
    }
  }
  if (auto s = req.Query("site"); s && !s->empty()) {
    auto id = ParseIdText(*s);
    if (!id) return Error::InvalidArgument("site", "site must be an id");
    f.site_id = *id;
  }
  if (auto s = req.Query("kind"); s && !s->empty()) {
    if (!ParseRuleKind(*s)) {
      return Error::InvalidArgument(
          "kind", "kind must be exceedance, standard, no_data, device_flag or suspect");
    }
    f.rule_kind = *s;
  }
  if (auto s = req.Query("category"); s && !s->empty()) {
    if (!ParseCategory(*s)) {
      return Error::InvalidArgument("category",
                                    "category must be pollution, no_data, device or suspect");
    }
    f.category = *s;
  }
  if (auto s = req.Query("severity"); s && !s->empty()) {
    if (!ParseSeverity(*s)) {
      return Error::InvalidArgument("severity", "severity must be minor, major or critical");
    }
    f.severity = *s;
  }
  if (auto s = req.Query("site_kind"); s && !s->empty()) f.site_kind = *s;
  GL_ASSIGN_OR_RETURN(f.from, QueryTime(req, "from"));
  GL_ASSIGN_OR_RETURN(f.to, QueryTime(req, "to"));
  return f;
}

json::object DetailToJson(const AlarmDetail& d) {
  json::object o = AlarmToJson(d.alarm);
  json::array readings;
  for (const auto& r : d.readings) {
    readings.push_back(
        json::object{{"t", FormatIsoShanghai(r.t)},
                     {"factor", r.factor},
                     {"value", r.value ? json::value(*r.value) : json::value(nullptr)},
                     {"flag", r.flag}});
  }
  o["readings"] = std::move(readings);
  return o;
}

}  // namespace

void RegisterAlarmRoutes(http::Router& router, org::OrgService& org, AlarmService& service) {
  router.Get("/api/v1/alarms", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(http::Paging paging, http::ParsePaging(req));
    GL_ASSIGN_OR_RETURN(store::AlarmFilter filter, ParseFilter(req));
    long long total = 0;
    GL_ASSIGN_OR_RETURN(auto alarms,
                        service.List(actor, filter, paging.offset(), paging.page_size, total));
    json::array items;
    for (const Alarm& a : alarms) items.push_back(AlarmToJson(a));
    return http::ListResponse(std::move(items), total);
  });
  router.Get("/api/v1/alarms/site-states", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(auto states, service.SiteStates(actor));
    json::array items;
    for (const auto& [site, state] : states) {
      items.push_back(json::object{{"site_id", IdToJson(site)}, {"state", state}});
    }
    return Response::Json(200, json::object{{"items", std::move(items)}});
  });
  router.Get("/api/v1/alarms/{id}", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
    GL_ASSIGN_OR_RETURN(AlarmDetail d, service.Get(actor, id));
    return Response::Json(200, DetailToJson(d));
  });
  router.Post("/api/v1/alarms/{id}/ack", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
    json::object body;
    if (!req.body.empty()) {
      GL_ASSIGN_OR_RETURN(body, req.JsonBody());
    }
    GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"comment"}));
    GL_ASSIGN_OR_RETURN(auto comment, GetOptionalString(body, "comment"));
    GL_ASSIGN_OR_RETURN(Alarm a, service.Acknowledge(actor, id, comment.value_or("")));
    return Response::Json(200, AlarmToJson(a));
  });
  router.Post("/api/v1/alarms/{id}/clear", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"reason"}));
    GL_ASSIGN_OR_RETURN(std::string reason, GetString(body, "reason"));
    GL_ASSIGN_OR_RETURN(Alarm a, service.Clear(actor, id, reason));
    return Response::Json(200, AlarmToJson(a));
  });
  router.Get("/api/v1/alarm-rules", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(auto rules, service.ListRules(actor));
    json::array items;
    for (const Rule& r : rules) items.push_back(RuleToJson(r));
    long long total = static_cast<long long>(items.size());
    return http::ListResponse(std::move(items), total);
  });
  router.Post("/api/v1/alarm-rules", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_ASSIGN_OR_RETURN(Rule r, service.CreateRule(actor, body));
    return Response::Json(201, RuleToJson(r));
  });
  router.Patch("/api/v1/alarm-rules/{id}", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_ASSIGN_OR_RETURN(Rule r, service.UpdateRule(actor, id, body));
    return Response::Json(200, RuleToJson(r));
  });
  router.Delete("/api/v1/alarm-rules/{id}", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
    GL_RETURN_IF_ERROR(service.DeleteRule(actor, id));
    return Response::NoContent();
  });
}

}  // namespace gl::alarms
