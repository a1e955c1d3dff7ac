#include "greenloop/org/api.h"

#include "greenloop/org/auth.h"
#include "greenloop/org/codec.h"

namespace gl::org {

namespace {
using http::Request;
using http::Response;

Result<std::vector<Role>> ParseRoles(const json::object& body) {
  const json::value* v = body.if_contains("roles");
  if (!v || !v->is_array()) return Error::InvalidArgument("roles", "roles must be an array of role names");
  std::vector<Role> roles;
  for (const auto& item : v->as_array()) {
    auto role = item.is_string() ? ParseRole(item.as_string()) : std::nullopt;
    if (!role) {
      return Error::InvalidArgument(
          "roles", "unknown role; use admin, leader, officer, inspector, river_chief, enterprise, citizen");
    }
    if (std::find(roles.begin(), roles.end(), *role) == roles.end()) roles.push_back(*role);
  }
  return roles;
}

Result<std::optional<Id>> QueryId(const Request& req, std::string_view name) {
  auto text = req.Query(name);
  if (!text || text->empty()) return std::optional<Id>();
  auto id = ParseIdText(*text);
  if (!id) return Error::InvalidArgument(std::string(name), std::string(name) + " must be an id");
  return std::optional<Id>(*id);
}

std::string SessionCookie(const std::string& value, long long max_age_seconds) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age_seconds);
}

Result<Response> PostSession(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
  GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"login", "password"}));
  GL_ASSIGN_OR_RETURN(std::string login, GetString(body, "login"));
  GL_ASSIGN_OR_RETURN(std::string password, GetString(body, "password"));
  GL_ASSIGN_OR_RETURN(LoginResult result, svc.Login(login, password));
  auto person = svc.GetPerson(result.actor, result.actor.person_id);
  Response r = Response::Json(
      200, json::object{{"user", ActorToJson(result.actor, person.ok() ? person->phone : std::nullopt)},
                        {"csrf_token", result.csrf_token},
                        {"expires_at", FormatIsoShanghai(result.expires_at)}});
  r.headers.emplace_back("Set-Cookie",
                         SessionCookie(result.session_token, svc.options().session_ttl_ms / 1000));
  return r;
}

Result<Response> DeleteSession(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  if (auto cookie = req.Cookie(kSessionCookie)) GL_RETURN_IF_ERROR(svc.Logout(actor, *cookie));
  Response r = Response::NoContent();
  r.headers.emplace_back("Set-Cookie", SessionCookie("", 0));
  return r;
}

Result<Response> GetMe(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  GL_ASSIGN_OR_RETURN(Person person, svc.GetPerson(actor, actor.person_id));
  json::object out{{"user", ActorToJson(actor, person.phone)}};
  if (actor.via == Actor::Via::kSession) out["csrf_token"] = actor.csrf_token;
  return Response::Json(200, out);
}

Result<Response> ListUnits(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  GL_ASSIGN_OR_RETURN(http::Paging paging, http::ParsePaging(req));
  store::UnitFilter filter;
  GL_ASSIGN_OR_RETURN(filter.parent_id, QueryId(req, "parent"));
  if (auto kind = req.Query("kind"); kind && !kind->empty()) {
    filter.kind = ParseUnitKind(*kind);
    if (!filter.kind) {
      return Error::InvalidArgument("kind", "kind must be district, department, subdistrict or enterprise");
    }
  }
  filter.name_contains = req.Query("q").value_or("");
  GL_ASSIGN_OR_RETURN(filter.include_inactive, QueryFlag(req, "include_inactive", false));
  GL_ASSIGN_OR_RETURN(auto page, svc.ListUnits(actor, filter, paging.offset(), paging.page_size));
  json::array items;
  for (const Unit& u : page.items) items.push_back(UnitToJson(u));
  return http::ListResponse(std::move(items), page.total);
}

Result<Response> GetUnit(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
  GL_ASSIGN_OR_RETURN(Unit unit, svc.GetUnit(actor, id));
  return Response::Json(200, UnitToJson(unit));
}

Result<Response> CreateUnit(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
  GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"parent_id", "kind", "code", "name", "name_en"}));
  UnitInput in;
  GL_ASSIGN_OR_RETURN(in.parent_id, GetOptionalIdString(body, "parent_id"));
  GL_ASSIGN_OR_RETURN(std::string kind, GetString(body, "kind"));
  auto parsed_kind = ParseUnitKind(kind);
  if (!parsed_kind) {
    return Error::InvalidArgument("kind", "kind must be district, department, subdistrict or enterprise");
  }
  in.kind = *parsed_kind;
  GL_ASSIGN_OR_RETURN(in.code, GetString(body, "code"));
  GL_ASSIGN_OR_RETURN(in.name, GetString(body, "name"));
  GL_ASSIGN_OR_RETURN(auto name_en, GetOptionalString(body, "name_en"));
  in.name_en = name_en.value_or("");
  GL_ASSIGN_OR_RETURN(Unit unit, svc.CreateUnit(actor, in));
  return Response::Json(201, UnitToJson(unit));
}

Result<Response> PatchUnit(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
  GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
  GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"name", "name_en"}));
  UnitPatch patch;
  GL_ASSIGN_OR_RETURN(patch.name, GetOptionalString(body, "name"));
  GL_ASSIGN_OR_RETURN(patch.name_en, GetOptionalString(body, "name_en"));
  GL_ASSIGN_OR_RETURN(Unit unit, svc.UpdateUnit(actor, id, patch));
  return Response::Json(200, UnitToJson(unit));
}

Result<Response> DeactivateUnit(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
  GL_ASSIGN_OR_RETURN(Unit unit, svc.DeactivateUnit(actor, id));
  return Response::Json(200, UnitToJson(unit));
}

Result<Response> ListPeople(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  GL_ASSIGN_OR_RETURN(http::Paging paging, http::ParsePaging(req));
  store::PersonFilter filter;
  GL_ASSIGN_OR_RETURN(filter.unit_id, QueryId(req, "unit"));
  if (auto role = req.Query("role"); role && !role->empty()) {
    filter.role = ParseRole(*role);
    if (!filter.role) return Error::InvalidArgument("role", "unknown role");
  }
  filter.text_contains = req.Query("q").value_or("");
  GL_ASSIGN_OR_RETURN(filter.include_inactive, QueryFlag(req, "include_inactive", false));
  GL_ASSIGN_OR_RETURN(auto page, svc.ListPeople(actor, filter, paging.offset(), paging.page_size));
  json::array items;
  for (const Person& p : page.items) items.push_back(PersonToJson(p));
  return http::ListResponse(std::move(items), page.total);
}

Result<Response> GetPersonRoute(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
  GL_ASSIGN_OR_RETURN(Person person, svc.GetPerson(actor, id));
  return Response::Json(200, PersonToJson(person));
}

Result<Response> CreatePerson(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
  GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"login", "name", "unit_id", "roles", "password", "phone"}));
  PersonInput in;
  GL_ASSIGN_OR_RETURN(in.login, GetString(body, "login"));
  GL_ASSIGN_OR_RETURN(in.name, GetString(body, "name"));
  GL_ASSIGN_OR_RETURN(in.unit_id, GetIdString(body, "unit_id"));
  GL_ASSIGN_OR_RETURN(in.roles, ParseRoles(body));
  GL_ASSIGN_OR_RETURN(in.password, GetString(body, "password"));
  GL_ASSIGN_OR_RETURN(in.phone, GetOptionalString(body, "phone"));
  GL_ASSIGN_OR_RETURN(Person person, svc.CreatePerson(actor, in));
  return Response::Json(201, PersonToJson(person));
}

Result<Response> PatchPerson(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
  GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
  GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"name", "unit_id", "roles", "phone", "password"}));
  PersonPatch patch;
  GL_ASSIGN_OR_RETURN(patch.name, GetOptionalString(body, "name"));
  GL_ASSIGN_OR_RETURN(patch.unit_id, GetOptionalIdString(body, "unit_id"));
  if (body.contains("roles")) {
    GL_ASSIGN_OR_RETURN(auto roles, ParseRoles(body));
    patch.roles = std::move(roles);
  }
  if (body.contains("phone")) {
    GL_ASSIGN_OR_RETURN(auto phone, GetOptionalString(body, "phone"));
    patch.phone = phone;
  }
  GL_ASSIGN_OR_RETURN(patch.password, GetOptionalString(body, "password"));
  GL_ASSIGN_OR_RETURN(Person person, svc.UpdatePerson(actor, id, patch));
  return Response::Json(200, PersonToJson(person));
}

Result<Response> DeactivatePerson(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
  GL_ASSIGN_OR_RETURN(Person person, svc.DeactivatePerson(actor, id));
  return Response::Json(200, PersonToJson(person));
}

Result<Response> PostToken(OrgService& svc, Request& req) {
  GL_ASSIGN_OR_RETURN(Actor actor, RequireActor(svc, req));
  GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
  GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"name", "scope", "person_id", "expires_at"}));
  TokenInput in;
  GL_ASSIGN_OR_RETURN(in.name, GetString(body, "name"));
  GL_ASSIGN_OR_RETURN(auto scope, GetOptionalString(body, "scope"));
  in.scope = scope.value_or("read");
  GL_ASSIGN_OR_RETURN(in.person_id, GetOptionalIdString(body, "person_id"));
  GL_ASSIGN_OR_RETURN(auto expires, GetOptionalString(body, "expires_at"));
  if (expires) {
    auto at = ParseTime(*expires);
    if (!at) return Error::InvalidArgument("expires_at", "expires_at must be an ISO 8601 time");
    in.expires_at = *at;
  }
  GL_ASSIGN_OR_RETURN(IssuedToken issued, svc.IssueToken(actor, in));
  return Response::Json(
      201, json::object{{"id", IdToJson(issued.id)},
                        {"token", issued.token},
                        {"name", issued.row.name},
                        {"scope", issued.row.scope},
                        {"person_id", IdToJson(issued.row.person_id)},
                        {"expires_at", issued.row.expires_at
                                           ? json::value(FormatIsoShanghai(*issued.row.expires_at))
                                           : json::value(nullptr)}});
}

// Binds a free handler to the service.
template <Result<Response> (*F)(OrgService&, Request&)>
http::Handler Bind(OrgService& svc) {
  return [&svc](Request& req) { return F(svc, req); };
}
}  // namespace

void RegisterOrgRoutes(http::Router& router, OrgService& svc) {
  router.Post("/api/v1/session", Bind<PostSession>(svc));
  router.Delete("/api/v1/session", Bind<DeleteSession>(svc));
  router.Get("/api/v1/me", Bind<GetMe>(svc));
  router.Get("/api/v1/units", Bind<ListUnits>(svc));
  router.Post("/api/v1/units", Bind<CreateUnit>(svc));
  router.Get("/api/v1/units/{id}", Bind<GetUnit>(svc));
  router.Patch("/api/v1/units/{id}", Bind<PatchUnit>(svc));
  router.Post("/api/v1/units/{id}/deactivate", Bind<DeactivateUnit>(svc));
  router.Get("/api/v1/people", Bind<ListPeople>(svc));
  router.Post("/api/v1/people", Bind<CreatePerson>(svc));
  router.Get("/api/v1/people/{id}", Bind<GetPersonRoute>(svc));
  router.Patch("/api/v1/people/{id}", Bind<PatchPerson>(svc));
  router.Post("/api/v1/people/{id}/deactivate", Bind<DeactivatePerson>(svc));
  router.Post("/api/v1/tokens", Bind<PostToken>(svc));
}

}  // namespace gl::org
