#include "greenloop/cases/public_api.h"

#include <cstdlib>

#include "greenloop/cases/codec.h"
#include "greenloop/org/auth.h"

namespace gl::cases {

namespace {
using http::Request;
using http::Response;

json::value TimeOrNull(std::optional<TimeMs> t) {
  return t ? json::value(FormatIsoShanghai(*t)) : json::value(nullptr);
}

json::object CategoryRef(const Taxonomy& taxonomy, const std::string& code) {
  const Category* c = taxonomy.Find(code);
  return json::object{
      {"code", code}, {"name", c ? c->name : code}, {"name_en", c ? c->name_en : std::string()}};
}

// The citizen's view: status, the public timeline, the responsible unit and the
// expected time. Built field by field from an allow-list: nothing else of the
// case goes out.
json::object PublicViewJson(const Taxonomy& taxonomy, const PublicCaseView& v) {
  json::array timeline;
  for (const TimelineEntry& e : v.timeline) {
    if (!e.is_public) continue;  // the service already filters; a second guard costs nothing
    timeline.push_back(json::object{{"at", FormatIsoShanghai(e.at)},
                                    {"status_after", StatusName(e.status_after)},
                                    {"text", e.text}});
  }
  const Case& c = v.c;
  return json::object{
      {"number", c.number},
      {"category", CategoryRef(taxonomy, c.category)},
      {"status", StatusName(c.status)},
      {"status_text", StatusText(c.status)},
      {"created_at", FormatIsoShanghai(c.created_at)},
      {"responsible_unit", c.lead_unit ? json::value(c.lead_unit->name) : json::value(nullptr)},
      {"expected_at", TimeOrNull(v.expected_at)},
      {"closed_at", TimeOrNull(c.closed_at)},
      {"timeline", std::move(timeline)},
      {"can_rate", v.can_rate},
      {"can_reopen", v.can_reopen},
      {"satisfaction", c.satisfaction ? json::value(*c.satisfaction) : json::value(nullptr)}};
}

Result<std::string> RequiredText(const json::object& body, std::string_view key, size_t max) {
  GL_ASSIGN_OR_RETURN(std::string text, GetString(body, key));
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::InvalidArgument(std::string(key), std::string(key) + " 不能为空");
  }
  if (text.size() > max) {
    return Error::InvalidArgument(
        std::string(key), std::string(key) + " 过长（最多 " + std::to_string(max) + " 字节）");
  }
  return text;
}

Result<double> Coordinate(const json::object& obj, std::string_view key, double lo, double hi) {
  const json::value* v = obj.if_contains(key);
  if (!v || !(v->is_number())) {
    return Error::InvalidArgument("location." + std::string(key), "坐标须为数字");
  }
  double d = v->to_number<double>();
  if (!(d >= lo && d <= hi)) {
    return Error::InvalidArgument("location." + std::string(key), "坐标超出范围");
  }
  return d;
}

Result<PublicIntake> ParseComplaint(const json::object& body, const Taxonomy& taxonomy,
                                    size_t max_photos, std::vector<std::string>& photo_tokens) {
  GL_RETURN_IF_ERROR(RejectUnknownKeys(
      body, {"category", "description", "location", "address", "photos", "contact", "title"}));
  PublicIntake in;
  in.channel = "web";
  GL_ASSIGN_OR_RETURN(in.category, RequiredText(body, "category", 100));
  if (!taxonomy.Find(in.category)) return Error::InvalidArgument("category", "没有这个类别");
  GL_ASSIGN_OR_RETURN(in.description, RequiredText(body, "description", 4000));
  GL_ASSIGN_OR_RETURN(auto title, GetOptionalString(body, "title"));
  in.title = title.value_or("");
  if (in.title.size() > 200) return Error::InvalidArgument("title", "标题过长");
  GL_ASSIGN_OR_RETURN(auto address, GetOptionalString(body, "address"));
  in.address = address.value_or("");
  if (in.address.size() > 500) return Error::InvalidArgument("address", "地址过长");
  const json::value* loc = body.if_contains("location");
  if (!loc || !loc->is_object()) {
    return Error::InvalidArgument("location", "请在地图上选择位置（location: {lon, lat}）");
  }
  GL_RETURN_IF_ERROR(RejectUnknownKeys(loc->as_object(), {"lon", "lat"}));
  GeoPoint p;
  GL_ASSIGN_OR_RETURN(p.lon, Coordinate(loc->as_object(), "lon", -180, 180));
  GL_ASSIGN_OR_RETURN(p.lat, Coordinate(loc->as_object(), "lat", -90, 90));
  in.location = p;
  if (const json::value* photos = body.if_contains("photos"); photos && !photos->is_null()) {
    if (!photos->is_array()) return Error::InvalidArgument("photos", "photos 须为照片凭证数组");
    if (photos->as_array().size() > max_photos) {
      return Error::InvalidArgument("photos", "最多 " + std::to_string(max_photos) + " 张照片");
    }
    for (const auto& t : photos->as_array()) {
      if (!t.is_string()) return Error::InvalidArgument("photos", "照片凭证须为字符串");
      photo_tokens.emplace_back(t.as_string());
    }
  }
  if (const json::value* contact = body.if_contains("contact"); contact && !contact->is_null()) {
    if (!contact->is_object()) return Error::InvalidArgument("contact", "contact 须为对象");
    GL_RETURN_IF_ERROR(RejectUnknownKeys(contact->as_object(), {"name", "phone"}));
    GL_ASSIGN_OR_RETURN(auto name, GetOptionalString(contact->as_object(), "name"));
    GL_ASSIGN_OR_RETURN(auto phone, GetOptionalString(contact->as_object(), "phone"));
    if (name.value_or("").size() > 100 || phone.value_or("").size() > 40) {
      return Error::InvalidArgument("contact", "联系方式过长");
    }
    if (!name.value_or("").empty() || !phone.value_or("").empty()) {
      in.contact = Reporter{name.value_or(""), phone.value_or("")};
    }
  }
  return in;
}

std::string CodeOf(const Request& request, const json::object* body) {
  if (body) {
    if (const json::value* v = body->if_contains("code"); v && v->is_string()) {
      return std::string(v->as_string());
    }
  }
  return request.Query("code").value_or("");
}

// Unknown number and wrong code must not be told apart: the same 404 for both.
Error NotFoundCase() { return Error::NotFound("没有这个案件，或跟踪码不正确"); }

Result<PublicCaseView> Hide(Result<PublicCaseView> r) {
  if (!r.ok() && r.error().code() == ErrorCode::kNotFound) return NotFoundCase();
  return r;
}

}  // namespace

std::string_view StatusText(CaseStatus status) {
  switch (status) {
    case CaseStatus::kReported:
      return "已登记，待受理";
    case CaseStatus::kAccepted:
      return "已受理";
    case CaseStatus::kRejected:
      return "不予受理";
    case CaseStatus::kDispatched:
      return "已派遣";
    case CaseStatus::kInProgress:
      return "办理中";
    case CaseStatus::kResolved:
      return "已办理，待核查";
    case CaseStatus::kVerified:
      return "已核查";
    case CaseStatus::kClosed:
      return "已办结";
    case CaseStatus::kMerged:
      return "已合并办理";
  }
  return "";
}

json::object CategoriesJson(const Taxonomy& taxonomy) {
  json::object out = TaxonomyToJson(taxonomy);  // the staff list's shape (codec.h)
  out["total"] = out["items"].as_array().size();
  return out;
}

PublicCases::PublicCases(db::Database& db, PublicOptions opts)
    : options(opts),
      attachments(db, opts.attachments),
      read_limiter(opts.read_limit),
      write_limiter(opts.write_limit) {}

AttachmentHooks AttachmentHooksFor() {
  AttachmentHooks hooks;
  hooks.link = [](soci::session& sql, Id case_id, const std::vector<Id>& ids, Id person_id) {
    return LinkAttachments(sql, case_id, ids, person_id);
  };
  hooks.list = [](soci::session& sql, Id case_id) { return CaseAttachmentRefs(sql, case_id); };
  return hooks;
}

std::filesystem::path DefaultFilesDir(const db::Database& db) {
  if (const char* env = std::getenv("GL_FILES_DIR"); env && *env) return env;
  const auto& url = db.url();
  if (url.dialect == db::Dialect::kSqlite && !url.sqlite_path.empty() &&
      url.sqlite_path != ":memory:") {
    return std::filesystem::path(url.sqlite_path).parent_path() / "files";
  }
  return "var/files";
}

void RegisterPublicCaseRoutes(http::Router& router, CaseService& cases, PublicCases& pub) {
  const Taxonomy& taxonomy = cases.config().taxonomy;

  router.Get("/api/v1/public/categories",
             http::RateLimited(pub.read_limiter, [&taxonomy](Request&) -> Result<Response> {
               return Response::Json(200, CategoriesJson(taxonomy));
             }));

  router.Post("/api/v1/public/photos",
              http::RateLimited(pub.write_limiter, [&pub](Request& request) -> Result<Response> {
                GL_ASSIGN_OR_RETURN(auto stored, pub.attachments.PutPublic(request.body));
                return Response::Json(201, json::object{{"token", stored.second},
                                                        {"content_type", stored.first.content_type},
                                                        {"size", stored.first.size}});
              }));

  router.Post(
      "/api/v1/public/complaints",
      http::RateLimited(
          pub.write_limiter, [&cases, &pub, &taxonomy](Request& request) -> Result<Response> {
            GL_ASSIGN_OR_RETURN(json::object body, request.JsonBody());
            std::vector<std::string> tokens;
            GL_ASSIGN_OR_RETURN(PublicIntake in,
                                ParseComplaint(body, taxonomy, pub.options.max_photos, tokens));
            if (!tokens.empty()) {
              GL_ASSIGN_OR_RETURN(in.attachment_ids,
                                  cases.database().Query([&](soci::session& sql) {
                                    return ResolvePhotoTokens(sql, tokens);
                                  }));
            }
            GL_ASSIGN_OR_RETURN(PublicIntakeResult r, cases.CreateFromPublic(in));
            return Response::Json(201, json::object{{"number", r.created.number},
                                                    {"tracking_code", r.tracking_code},
                                                    {"status", StatusName(r.created.status)},
                                                    {"status_text", StatusText(r.created.status)},
                                                    {"expected_at", TimeOrNull(r.expected_at)}});
          }));

  router.Get("/api/v1/public/cases/{number}",
             http::RateLimited(
                 pub.read_limiter, [&cases, &taxonomy](Request& request) -> Result<Response> {
                   std::string code = CodeOf(request, nullptr);
                   if (code.empty()) return NotFoundCase();
                   GL_ASSIGN_OR_RETURN(PublicCaseView v, Hide(cases.TrackPublic(
                                                             request.path_params["number"], code)));
                   return Response::Json(200, PublicViewJson(taxonomy, v));
                 }));

  router.Post(
      "/api/v1/public/cases/{number}/rate",
      http::RateLimited(
          pub.write_limiter, [&cases, &taxonomy](Request& request) -> Result<Response> {
            GL_ASSIGN_OR_RETURN(json::object body, request.JsonBody());
            GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"code", "satisfaction", "comment"}));
            std::string code = CodeOf(request, &body);
            if (code.empty()) return NotFoundCase();
            GL_ASSIGN_OR_RETURN(std::int64_t score, GetInt(body, "satisfaction"));
            if (score < 1 || score > 5) {
              return Error::InvalidArgument("satisfaction", "满意度为 1 到 5");
            }
            GL_ASSIGN_OR_RETURN(auto comment, GetOptionalString(body, "comment"));
            if (comment.value_or("").size() > 1000) {
              return Error::InvalidArgument("comment", "评价过长");
            }
            GL_ASSIGN_OR_RETURN(
                PublicCaseView v,
                Hide(cases.RateByCitizen(request.path_params["number"], code,
                                         static_cast<int>(score), comment.value_or(""))));
            return Response::Json(200, PublicViewJson(taxonomy, v));
          }));

  router.Post("/api/v1/public/cases/{number}/reopen",
              http::RateLimited(
                  pub.write_limiter, [&cases, &taxonomy](Request& request) -> Result<Response> {
                    GL_ASSIGN_OR_RETURN(json::object body, request.JsonBody());
                    GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"code", "reason"}));
                    std::string code = CodeOf(request, &body);
                    if (code.empty()) return NotFoundCase();
                    GL_ASSIGN_OR_RETURN(std::string reason, RequiredText(body, "reason", 2000));
                    GL_ASSIGN_OR_RETURN(
                        PublicCaseView v,
                        Hide(cases.ReopenByCitizen(request.path_params["number"], code, reason)));
                    return Response::Json(200, PublicViewJson(taxonomy, v));
                  }));
}

void RegisterAttachmentRoutes(http::Router& router, org::OrgService& org, CaseService& cases,
                              PublicCases& pub) {
  router.Post("/api/v1/attachments", [&org, &pub](Request& request) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, request));
    GL_ASSIGN_OR_RETURN(
        Attachment a,
        pub.attachments.Put(request.body, request.Query("name").value_or(""), actor.person_id));
    return Response::Json(201, AttachmentJson(a));
  });

  router.Get("/api/v1/attachments/{id}",
             [&org, &cases, &pub](Request& request) -> Result<Response> {
               GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, request));
               GL_ASSIGN_OR_RETURN(Id id, request.IdParam("id"));
               auto found = pub.attachments.Get(id);
               if (!found.ok()) return found.error();
               const Attachment& a = *found;
               if (a.case_id) {
                 // Visible to whoever may see its case; another unit's reads as
                 // absent.
                 auto detail = cases.Get(actor, *a.case_id);
                 if (!detail.ok()) return Error::NotFound("没有这个附件");
               } else if (!a.uploaded_by || *a.uploaded_by != actor.person_id) {
                 return Error::NotFound("没有这个附件");
               }
               GL_ASSIGN_OR_RETURN(std::string bytes, pub.attachments.ReadBytes(a));
               Response r;
               r.content_type = a.content_type;
               r.body = std::move(bytes);
               r.headers.emplace_back("Cache-Control", "private, max-age=3600");
               r.headers.emplace_back("X-Content-Type-Options", "nosniff");
               return r;
             });
}

}  // namespace gl::cases
