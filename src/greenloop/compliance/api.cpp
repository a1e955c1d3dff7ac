#include "greenloop/compliance/api.h"

#include "greenloop/org/auth.h"
#include "greenloop/standards/calc.h"

namespace gl::compliance {

namespace {
using http::Request;
using http::Response;
namespace st = gl::standards;

json::value Num(std::optional<double> v) { return v ? json::value(*v) : json::value(nullptr); }
// Whole numbers as JSON integers ("limit":70, not 7E1).
json::value Dec(st::Decimal d) {
  if (d.micros() % st::Decimal::kOne == 0) return json::value(d.micros() / st::Decimal::kOne);
  return json::value(d.ToDouble());
}

json::array Names(const std::vector<st::Pollutant>& list) {
  json::array out;
  for (st::Pollutant p : list) out.emplace_back(st::PollutantName(p));
  return out;
}

json::array Strings(const std::vector<std::string>& list) {
  json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

// --- request parsing

Result<st::RawNumber> RawNumberOf(const json::value& v, const std::string& field) {
  if (v.is_int64()) return st::RawNumber(static_cast<double>(v.as_int64()));
  if (v.is_uint64()) return st::RawNumber(static_cast<double>(v.as_uint64()));
  if (v.is_double()) return st::RawNumber(v.as_double());
  if (v.is_string()) return st::RawNumber(std::string(v.as_string()));
  return Error::InvalidArgument(field, field + " must be a number");
}

// A string field that may also be sent as a number ("zone": 2, "edition": 2012).
Result<std::optional<std::string>> TextField(const json::object& body, std::string_view key) {
  const json::value* v = body.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::string>();
  if (v->is_string()) return std::optional<std::string>(std::string(v->as_string()));
  if (v->is_int64()) return std::optional<std::string>(std::to_string(v->as_int64()));
  return Error::InvalidArgument(std::string(key), std::string(key) + " must be a string");
}

Result<std::string> RequiredText(const json::object& body, std::string_view key) {
  GL_ASSIGN_OR_RETURN(auto v, TextField(body, key));
  if (!v) return Error::InvalidArgument(std::string(key), std::string(key) + " is required");
  return *v;
}

Result<st::AqiRequest> ParseAqiRequest(const json::object& body) {
  st::AqiRequest req;
  GL_ASSIGN_OR_RETURN(req.report, RequiredText(body, "report"));
  GL_ASSIGN_OR_RETURN(req.edition, TextField(body, "edition"));
  GL_ASSIGN_OR_RETURN(auto date, TextField(body, "date"));
  req.date = date.value_or("");
  for (const auto& [key, value] : body) {
    if (key == "report" || key == "edition" || key == "date") continue;
    std::string k(key);
    if (value.is_null()) continue;  // null: not given
    // Unknown keys are refused by the library, naming them.
    GL_ASSIGN_OR_RETURN(st::RawNumber n, RawNumberOf(value, k));
    req.values.emplace(k, std::move(n));
  }
  return req;
}

Result<st::WaterRequest> ParseWaterRequest(const json::object& body) {
  GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"waterbody", "target", "values"}));
  st::WaterRequest req;
  GL_ASSIGN_OR_RETURN(req.waterbody, RequiredText(body, "waterbody"));
  GL_ASSIGN_OR_RETURN(req.target, TextField(body, "target"));
  const json::value* values = body.if_contains("values");
  if (!values || !values->is_object()) {
    return Error::InvalidArgument("values", "values must be an object of parameter: mg/L");
  }
  for (const auto& [key, value] : values->as_object()) {
    std::string k(key);
    if (value.is_null()) continue;
    GL_ASSIGN_OR_RETURN(st::RawNumber n, RawNumberOf(value, k));
    req.values.emplace(k, std::move(n));
  }
  return req;
}

Result<st::NoiseRequest> ParseNoiseRequest(const json::object& body) {
  GL_RETURN_IF_ERROR(RejectUnknownKeys(
      body, {"standard", "zone", "period", "leq", "lmax", "indoor", "lmax_kind"}));
  st::NoiseRequest req;
  GL_ASSIGN_OR_RETURN(req.standard, RequiredText(body, "standard"));
  GL_ASSIGN_OR_RETURN(auto zone, TextField(body, "zone"));
  req.zone = zone.value_or("");
  GL_ASSIGN_OR_RETURN(req.period, RequiredText(body, "period"));
  for (const char* key : {"leq", "lmax"}) {
    const json::value* v = body.if_contains(key);
    if (!v || v->is_null()) continue;
    GL_ASSIGN_OR_RETURN(st::RawNumber n, RawNumberOf(*v, key));
    (std::string_view(key) == "leq" ? req.leq : req.lmax) = std::move(n);
  }
  GL_ASSIGN_OR_RETURN(auto indoor, GetOptionalBool(body, "indoor"));
  req.indoor = indoor.value_or(false);
  GL_ASSIGN_OR_RETURN(req.lmax_kind, TextField(body, "lmax_kind"));
  return req;
}

// --- encoding

json::object AqiToJson(const st::AqiResult& r) {
  json::object o;
  o["aqi"] = r.aqi ? json::value(*r.aqi) : json::value(nullptr);
  o["above_scale"] = r.above_scale;
  o["level"] = r.category ? r.category->level : 0;
  o["category"] = r.category ? r.category->name_zh : "";
  o["category_en"] = r.category ? r.category->name_en : "";
  o["colour"] = r.category ? r.category->colour : "";
  o["primary"] = Names(r.primary);
  o["edition"] = st::EditionName(r.edition);
  o["report"] = st::ReportKindName(r.report);
  json::object iaqi, conc;
  json::array rules;
  for (const auto& ind : r.indicators) {
    std::string key(st::IndicatorName(ind.indicator));
    conc[key] = Dec(ind.concentration);
    if (ind.role == st::AqiIndicatorRole::kIndexed) {
      // null: above the last breakpoint (HJ 633 defines no IAQI there).
      iaqi[key] = ind.iaqi ? json::value(*ind.iaqi) : json::value(nullptr);
    }
    if (!ind.rule.empty()) rules.emplace_back(ind.rule);
  }
  o["iaqi"] = std::move(iaqi);
  o["concentrations"] = std::move(conc);
  if (r.edition == st::AqiEdition::k2012) o["non_attainment"] = Names(r.non_attainment);
  json::array missing;
  for (auto i : r.missing) missing.emplace_back(st::IndicatorName(i));
  o["missing"] = std::move(missing);
  o["aqi_na"] = r.aqi_na;
  o["rules"] = std::move(rules);
  return o;
}

json::object LimitToJson(const st::WaterLimit& l) {
  json::object o{{"kind", l.kind == st::LimitKind::kAtMost    ? "at_most"
                          : l.kind == st::LimitKind::kAtLeast ? "at_least"
                                                              : "range"},
                 {"value", Dec(l.value)}};
  if (l.kind == st::LimitKind::kRange) o["high"] = Dec(l.high);
  return o;
}

json::object WaterToJson(const st::WaterCompliance& c, bool with_target) {
  const st::WaterAssessment& a = c.assessment;
  json::object o;
  o["class"] = st::WaterClassName(a.overall);
  o["grade"] = a.grade.name_zh;
  o["grade_en"] = a.grade.name_en;
  json::object by, ref;
  for (const auto& [k, cls] : a.by_parameter) by[k] = st::WaterClassName(cls);
  for (const auto& [k, cls] : a.reference) ref[k] = st::WaterClassName(cls);
  o["by_parameter"] = std::move(by);
  o["worst"] = Strings(a.worst);
  o["reference"] = std::move(ref);
  o["not_classified"] = Strings(a.not_classified);
  if (with_target) {
    o["target"] = st::WaterClassName(c.target);
    o["meets"] = c.meets;
    json::array ex;
    for (const auto& e : c.exceedances) {
      ex.push_back(json::object{{"key", e.key},
                                {"value", Dec(e.value)},
                                {"class", st::WaterClassName(e.cls)},
                                {"limit", LimitToJson(e.limit)}});
    }
    o["exceedances"] = std::move(ex);
  }
  return o;
}

json::object NoiseToJson(const st::NoiseEvaluation& e) {
  json::object o{{"limit", e.limit}, {"exceeded", e.exceeded}, {"over_db", Dec(e.over_db)}};
  o["lmax_limit"] = e.lmax_limit ? json::value(*e.lmax_limit) : json::value(nullptr);
  o["lmax_exceeded"] = e.lmax_exceeded;
  o["lmax_over_db"] = Dec(e.lmax_over_db);
  return o;
}

json::object ItemToJson(const ComplianceItem& item) {
  json::object o{{"start", FormatIsoShanghai(item.start)},
                 {"end", FormatIsoShanghai(item.end)},
                 {"status", item.sufficient ? "ok" : "insufficient"},
                 {"coverage", item.coverage},
                 {"exceeded", item.exceeded ? json::value(*item.exceeded) : json::value(nullptr)}};
  if (item.air) {
    const AirItem& air = *item.air;
    if (air.aqi) {
      json::object a = AqiToJson(*air.aqi);
      for (auto& [k, v] : a) o[k] = v;
    } else {
      o["aqi"] = nullptr;
      o["edition"] = st::EditionName(st::AqiEditionAt(item.start));
    }
    if (!air.aqi_error.empty()) o["reason"] = air.aqi_error;
    json::array values;
    for (const AirValue& v : air.values) {
      values.push_back(json::object{{"indicator", v.indicator},
                                    {"value", Num(v.value)},
                                    {"coverage", v.coverage},
                                    {"limit", Num(v.limit)},
                                    {"limit_source", v.limit_source},
                                    {"exceeded", v.exceeded}});
    }
    o["values"] = std::move(values);
  }
  if (item.water) {
    const WaterItem& w = *item.water;
    json::object values, coverage;
    for (const auto& [k, v] : w.values) values[k] = v;
    for (const auto& [k, v] : w.coverage) coverage[k] = v;
    o["values"] = std::move(values);
    o["parameter_coverage"] = std::move(coverage);
    if (w.result) {
      for (auto& [k, v] : WaterToJson(*w.result, true)) o[k] = v;
    } else {
      o["class"] = nullptr;
    }
    if (!w.error.empty()) o["reason"] = w.error;
  }
  if (item.noise) {
    const NoiseItem& n = *item.noise;
    o["standard"] = n.standard;
    o["zone"] = n.zone;
    for (const auto& [name, part] : {std::pair{"day", &n.day}, std::pair{"night", &n.night}}) {
      if (!*part) continue;
      const NoisePart& p = **part;
      json::object po{{"leq", Num(p.leq)},
                      {"valid_hours", p.valid_hours},
                      {"hours", p.hours},
                      {"status", p.evaluation ? "ok" : "insufficient"}};
      if (std::string_view(name) == "night") po["lmax"] = Num(p.lmax);
      if (p.evaluation) {
        for (auto& [k, v] : NoiseToJson(*p.evaluation)) po[k] = v;
      }
      if (!p.error.empty()) po["reason"] = p.error;
      o[name] = std::move(po);
    }
  }
  if (item.fume) {
    const FumeItem& f = *item.fume;
    o["standard"] = f.standard;
    o["value"] = Num(f.value);
    if (f.check) {
      o["limit"] = Dec(f.check->limit);
      o["over"] = Dec(f.check->over);
    } else {
      o["limit"] = nullptr;
    }
  }
  return o;
}

json::object SiteRef(const monitoring::Site& s) {
  return json::object{{"id", IdToJson(s.id)},
                      {"code", s.code},
                      {"name", s.name},
                      {"name_en", s.name_en},
                      {"kind", s.kind}};
}

Result<TimeMs> TimeParam(const Request& req, std::string_view name, TimeMs fallback) {
  auto text = req.Query(name);
  if (!text || text->empty()) return fallback;
  auto t = ParseTime(*text);
  if (!t) {
    return Error::InvalidArgument(std::string(name),
                                  std::string(name) + " must be an ISO 8601 time");
  }
  return *t;
}

std::string Today() {
  std::string iso = FormatIsoShanghai(NowMs());
  return iso.substr(0, 10);
}
}  // namespace

json::object DistrictAqiToJson(const DistrictAqi& d) {
  json::array stations;
  for (const StationAqi& s : d.stations) {
    json::array hourly;
    for (const auto& h : s.hourly) hourly.push_back(ItemToJson(h));
    stations.push_back(json::object{
        {"site", SiteRef(s.site)}, {"daily", ItemToJson(s.daily)}, {"hourly", std::move(hourly)}});
  }
  json::object district = ItemToJson(d.district);
  json::array district_hourly;
  for (const auto& h : d.district_hourly) district_hourly.push_back(ItemToJson(h));
  district["hourly"] = std::move(district_hourly);
  district["method"] =
      "per pollutant the mean of the stations' values (stations with enough data), "
      "then the AQI of those means; daily and per hour";
  return json::object{
      {"date", d.date}, {"district", std::move(district)}, {"stations", std::move(stations)}};
}

json::object ComplianceItemJson(const ComplianceItem& item) { return ItemToJson(item); }

json::object SiteRefJson(const monitoring::Site& site) { return SiteRef(site); }

void RegisterComplianceRoutes(http::Router& router, org::OrgService& org, ComplianceService& svc) {
  router.Get("/api/v1/sites/{id}/compliance", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    GL_ASSIGN_OR_RETURN(Id id, req.IdParam("id"));
    std::string period_text = req.Query("period").value_or("day");
    if (period_text != "hour" && period_text != "day") {
      return Error::InvalidArgument("period", "period must be hour or day");
    }
    monitoring::Period period =
        period_text == "hour" ? monitoring::Period::kHour : monitoring::Period::kDay;
    TimeMs now = NowMs();
    GL_ASSIGN_OR_RETURN(TimeMs to, TimeParam(req, "to", now));
    TimeMs default_span = (period == monitoring::Period::kDay ? 7LL : 1LL) * 86400000;
    GL_ASSIGN_OR_RETURN(TimeMs from, TimeParam(req, "from", to - default_span));
    GL_ASSIGN_OR_RETURN(SiteCompliance c, svc.SiteItems(actor, id, period, from, to));
    json::array items;
    for (const auto& item : c.items) items.push_back(ItemToJson(item));
    return Response::Json(200, json::object{{"site", SiteRef(c.site)},
                                            {"period", period_text},
                                            {"from", FormatIsoShanghai(from)},
                                            {"to", FormatIsoShanghai(to)},
                                            {"items", std::move(items)}});
  });

  router.Get("/api/v1/air/aqi", [&](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(org::Actor actor, org::RequireActor(org, req));
    std::string date = req.Query("date").value_or(Today());
    GL_ASSIGN_OR_RETURN(DistrictAqi d, svc.AirQuality(actor, date));
    return Response::Json(200, DistrictAqiToJson(d));
  });

  auto aqi = [](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_ASSIGN_OR_RETURN(st::AqiRequest in, ParseAqiRequest(body));
    GL_ASSIGN_OR_RETURN(st::AqiResult r, st::CalcAqi(in));
    return Response::Json(200, AqiToJson(r));
  };
  auto water = [](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_ASSIGN_OR_RETURN(st::WaterRequest in, ParseWaterRequest(body));
    GL_ASSIGN_OR_RETURN(st::WaterCompliance r, st::CalcWaterClass(in));
    return Response::Json(200, WaterToJson(r, in.target.has_value()));
  };
  auto noise = [](Request& req) -> Result<Response> {
    GL_ASSIGN_OR_RETURN(json::object body, req.JsonBody());
    GL_ASSIGN_OR_RETURN(st::NoiseRequest in, ParseNoiseRequest(body));
    GL_ASSIGN_OR_RETURN(st::NoiseEvaluation r, st::CalcNoise(in));
    return Response::Json(200, NoiseToJson(r));
  };
  for (const char* prefix : {"/api/v1/standards/", "/api/v1/calc/"}) {
    router.Post(std::string(prefix) + "aqi", aqi);
    router.Post(std::string(prefix) + "water-class", water);
    router.Post(std::string(prefix) + "noise", noise);
  }
}

}  // namespace gl::compliance
