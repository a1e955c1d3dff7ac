#include "greenloop/cases/api.h"

#include <algorithm>

#include "greenloop/cases/codec.h"
#include "greenloop/cases/report_api.h"
#include "greenloop/cases/store.h"
#include "greenloop/org/auth.h"
#include "greenloop/org/permissions.h"

namespace gl::cases {
namespace {
using http::Request;
using http::Response;

Result<std::optional<GeoPoint>> ParseLocation(const json::object& body) {
  const json::value* v = body.if_contains("location");
  if (v == nullptr || v->is_null()) return std::optional<GeoPoint>();
  if (v->is_object()) {
    const auto& o = v->as_object();
    const auto* lon = o.if_contains("lon");
    const auto* lat = o.if_contains("lat");
    if (lon && lat && lon->is_number() && lat->is_number()) {
      return std::optional<GeoPoint>(GeoPoint{lon->to_number<double>(), lat->to_number<double>()});
    }
  }
  return Error::InvalidArgument("location", "location 应为 {\"lon\":经度,\"lat\":纬度}");
}

Result<std::vector<Id>> IdList(const json::object& body, std::string_view key) {
  std::vector<Id> out;
  const json::value* v = body.if_contains(key);
  if (v == nullptr || v->is_null()) return out;
  if (!v->is_array())
    return Error::InvalidArgument(std::string(key), std::string(key) + " 应为编号数组");
  for (const auto& e : v->as_array()) {
    auto id = e.is_string() ? ParseIdText(e.as_string()) : std::nullopt;
    if (!id) return Error::InvalidArgument(std::string(key), std::string(key) + " 应为编号数组");
    out.push_back(*id);
  }
  return out;
}

Result<StaffIntake> ParseIntake(const json::object& body) {
  GL_RETURN_IF_ERROR(
      RejectUnknownKeys(body, {"source", "category", "title", "description", "location", "address",
                               "site_id", "reporter", "priority", "subdistrict_id"}));
  StaffIntake in;
  GL_ASSIGN_OR_RETURN(std::string source, GetString(body, "source"));
  auto src = ParseSource(source);
  if (!src) return Error::InvalidArgument("source", "source 应为 hotline、inspection 或 patrol");
  in.source = *src;
  GL_ASSIGN_OR_RETURN(in.category, GetString(body, "category"));
  GL_ASSIGN_OR_RETURN(in.title, GetString(body, "title"));
  GL_ASSIGN_OR_RETURN(in.description, GetString(body, "description"));
  GL_ASSIGN_OR_RETURN(in.location, ParseLocation(body));
  GL_ASSIGN_OR_RETURN(auto address, GetOptionalString(body, "address"));
  in.address = address.value_or("");
  GL_ASSIGN_OR_RETURN(in.site_id, GetOptionalIdString(body, "site_id"));
  GL_ASSIGN_OR_RETURN(in.subdistrict_id, GetOptionalIdString(body, "subdistrict_id"));
  if (const json::value* r = body.if_contains("reporter"); r && !r->is_null()) {
    if (!r->is_object())
      return Error::InvalidArgument("reporter", "reporter 应为 {\"name\",\"phone\"}");
    GL_ASSIGN_OR_RETURN(auto name, GetOptionalString(r->as_object(), "name"));
    GL_ASSIGN_OR_RETURN(auto phone, GetOptionalString(r->as_object(), "phone"));
    in.reporter = Reporter{name.value_or(""), phone.value_or("")};
  }
  GL_ASSIGN_OR_RETURN(auto priority, GetOptionalString(body, "priority"));
  if (priority) {
    auto p = ParsePriority(*priority);
    if (!p) return Error::InvalidArgument("priority", "priority 应为 normal、urgent 或 critical");
    in.priority = *p;
  }
  return in;
}

Result<ActionInput> ParseActionInput(Action action, const json::object& body) {
  ActionInput in;
  GL_RETURN_IF_ERROR(
      RejectUnknownKeys(body, {"note", "reason", "result", "lead_unit_id", "co_unit_ids", "due_at",
                               "into_id", "attachment_ids", "text", "public"}));
  GL_ASSIGN_OR_RETURN(auto note, GetOptionalString(body, "note"));
  in.note = note.value_or("");
  GL_ASSIGN_OR_RETURN(auto reason, GetOptionalString(body, "reason"));
  in.reason = reason.value_or("");
  GL_ASSIGN_OR_RETURN(auto result, GetOptionalString(body, "result"));
  in.result = result.value_or("");
  GL_ASSIGN_OR_RETURN(auto text, GetOptionalString(body, "text"));
  in.text = text.value_or("");
  GL_ASSIGN_OR_RETURN(in.lead_unit_id, GetOptionalIdString(body, "lead_unit_id"));
  if (body.contains("co_unit_ids")) {
    GL_ASSIGN_OR_RETURN(auto co, IdList(body, "co_unit_ids"));
    in.co_unit_ids = std::move(co);
  }
  GL_ASSIGN_OR_RETURN(auto due, GetOptionalString(body, "due_at"));
  if (due) {
    auto t = ParseTime(*due);
    if (!t) return Error::InvalidArgument("due_at", "due_at 应为 ISO 8601 时间");
    in.due_at = *t;
  }
  GL_ASSIGN_OR_RETURN(in.into_id, GetOptionalIdString(body, "into_id"));
  GL_ASSIGN_OR_RETURN(in.attachment_ids, IdList(body, "attachment_ids"));
  GL_ASSIGN_OR_RETURN(auto is_public, GetOptionalBool(body, "public"));
  in.is_public = is_public.value_or(false);
  for (const std::string* s : {&in.note, &in.reason, &in.result, &in.text}) {
    if (s->size() > 5000) return Error::InvalidArgument("note", "文字不超过 5000 字节");
  }
  (void)action;
  return in;
}

}  // namespace

void RegisterCaseRoutes(http::Router& router, org::OrgService& org, CaseService& cases) {
  const Taxonomy& taxonomy = cases.config().taxonomy;

  router.Get("/api/v1/cases", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(http::Paging paging, http::ParsePaging(req));
    GL_ASSIGN_OR_RETURN(CaseFilter filter, ParseListFilter(req));
    GL_ASSIGN_OR_RETURN(auto page, cases.List(actor, filter, paging.offset(), paging.page_size));
    json::array items;
    for (const auto& v : page.items) items.push_back(CaseToJson(v, taxonomy));
    return http::ListResponse(std::move(items), page.total);
  });

  router.Post("/api/v1/cases", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_ASSIGN_OR_RETURN(StaffIntake in, ParseIntake(body));
    GL_ASSIGN_OR_RETURN(StaffIntakeResult out, cases.CreateByStaff(actor, in));
    GL_ASSIGN_OR_RETURN(CaseDetail detail, cases.Get(actor, out.created.id));
    json::object o = CaseDetailToJson(detail, taxonomy);
    json::array dups;
    for (const auto& d : out.duplicates) {
      dups.push_back(json::object{{"id", IdToJson(d.ref.id)},
                                  {"number", d.ref.number},
                                  {"title", d.title},
                                  {"distance_m", d.distance_m}});
    }
    o["duplicates"] = std::move(dups);
    return Response::Json(201, o);
  });

  router.Get("/api/v1/cases/routing", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    (void)actor;
    std::string category = req.Query("category").value_or("");
    if (category.empty()) return Error::InvalidArgument("category", "缺少 category");
    std::optional<Id> sub;
    if (auto s = req.Query("subdistrict"); s && !s->empty()) {
      sub = ParseIdText(*s);
      if (!sub) return Error::InvalidArgument("subdistrict", "subdistrict 应为单位编号");
    }
    GL_ASSIGN_OR_RETURN(RoutingAnswer r, cases.Route(category, sub));
    json::array co;
    for (const auto& u : r.co_units)
      co.push_back(json::object{{"id", IdToJson(u.id)}, {"name", u.name}});
    json::object o;
    o["lead_unit"] = r.lead_unit ? json::value(json::object{{"id", IdToJson(r.lead_unit->id)},
                                                            {"name", r.lead_unit->name}})
                                 : json::value(nullptr);
    o["co_units"] = std::move(co);
    return Response::Json(200, o);
  });

  router.Get("/api/v1/cases/{id}", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
    GL_ASSIGN_OR_RETURN(CaseDetail detail, cases.Get(actor, id));
    return Response::Json(200, CaseDetailToJson(detail, taxonomy));
  });

  router.Post("/api/v1/cases/{id}/{action}", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
    auto action = ParseAction(req.path_params["action"]);
    const auto& staff = StaffActions();
    if (!action || std::find(staff.begin(), staff.end(), *action) == staff.end()) {
      return Error::NotFound("no such resource: " + req.path);
    }
    json::object body;
    if (!req.body.empty()) {
      GL_ASSIGN_OR_RETURN(body, req.JsonBody());
    }
    GL_ASSIGN_OR_RETURN(ActionInput in, ParseActionInput(*action, body));
    GL_ASSIGN_OR_RETURN(CaseDetail detail, cases.Transition(actor, id, *action, in));
    return Response::Json(200, CaseDetailToJson(detail, taxonomy));
  });

  router.Get("/api/v1/case-categories", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    (void)actor;
    return Response::Json(200, TaxonomyToJson(taxonomy));
  });

  router.Get("/api/v1/notifications", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(http::Paging paging, http::ParsePaging(req));
    GL_ASSIGN_OR_RETURN(bool unread, org::QueryFlag(req, "unread", false));
    GL_ASSIGN_OR_RETURN(auto page,
                        cases.Notifications(actor, unread, paging.offset(), paging.page_size));
    json::array items;
    for (const auto& n : page.items) items.push_back(NotificationToJson(n));
    return http::ListResponse(std::move(items), page.total);
  });

  router.Post("/api/v1/notifications/read", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    json::object body;
    if (!req.body.empty()) {
      GL_ASSIGN_OR_RETURN(body, req.JsonBody());
    }
    GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"ids"}));
    GL_ASSIGN_OR_RETURN(auto ids, IdList(body, "ids"));
    GL_RETURN_IF_ERROR(cases.MarkNotificationsRead(actor, ids));
    return Response::NoContent();
  });

  router.Get("/api/v1/case-templates", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    (void)actor;
    return Response::Json(200, json::object{{"templates", cases.Templates()}});
  });

  router.Patch("/api/v1/case-templates", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"category", "action", "text"}));
    GL_ASSIGN_OR_RETURN(std::string category, GetString(body, "category"));
    GL_ASSIGN_OR_RETURN(std::string action, GetString(body, "action"));
    GL_ASSIGN_OR_RETURN(std::string text, GetString(body, "text"));
    GL_RETURN_IF_ERROR(cases.SetTemplate(actor, category, action, text));
    return Response::Json(200, json::object{{"templates", cases.Templates()}});
  });

  router.Get("/api/v1/case-webhooks/{unit_id}", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id unit, req.IdParam("unit_id"));
    GL_ASSIGN_OR_RETURN(auto url, cases.Webhook(actor, unit));
    return Response::Json(200,
                          json::object{{"unit_id", IdToJson(unit)},
                                       {"url", url ? json::value(*url) : json::value(nullptr)}});
  });

  router.Patch("/api/v1/case-webhooks/{unit_id}", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id unit, req.IdParam("unit_id"));
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"url"}));
    GL_ASSIGN_OR_RETURN(auto url, GetOptionalString(body, "url"));
    GL_RETURN_IF_ERROR(cases.SetWebhook(actor, unit, url.value_or("")));
    return Response::Json(200, json::object{{"unit_id", IdToJson(unit)},
                                            {"url", url && !url->empty() ? json::value(*url)
                                                                         : json::value(nullptr)}});
  });
}

}  // namespace gl::cases
