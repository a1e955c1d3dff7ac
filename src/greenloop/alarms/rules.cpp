#include "greenloop/alarms/rules.h"

#include <map>

#include "greenloop/monitoring/model.h"

namespace gl::alarms {

namespace {

Rule Make(std::string site_kind, RuleKind kind, std::string check, std::string factor,
          std::string name) {
  Rule r;
  r.site_kind = std::move(site_kind);
  r.kind = kind;
  r.check = std::move(check);
  r.factor = std::move(factor);
  r.name = std::move(name);
  r.case_policy.min_severity = Severity::kMajor;
  r.case_policy.after_minutes = 30;
  return r;
}

// Rules every kind of site gets: device flags, silence, impossible values.
void AddCommon(std::vector<Rule>& out, const std::string& kind) {
  Rule d = Make(kind, RuleKind::kDeviceFlag, "D", "", "设备故障（数据标记 D）");
  d.severity = Severity::kMajor;
  d.case_policy.min_severity.reset();
  d.case_policy.after_minutes = 120;
  out.push_back(d);
  Rule t = Make(kind, RuleKind::kDeviceFlag, "T", "", "设备自判超限（数据标记 T）");
  t.severity = Severity::kMinor;
  out.push_back(t);
  Rule nd = Make(kind, RuleKind::kNoData, "", "", "数据中断（3 倍上报间隔无数据）");
  nd.k = 3;
  nd.severity = Severity::kMinor;
  nd.clear_after_s = 0;  // clears as soon as data returns
  nd.case_policy.min_severity.reset();
  nd.case_policy.after_minutes = 120;  // no data for 2 hours
  out.push_back(nd);
  Rule range = Make(kind, RuleKind::kSuspect, "range", "", "数值超出物理量程（可疑数据）");
  range.hold_count = 1;
  range.case_policy.enabled = false;
  out.push_back(range);
}

Rule Suspect(const std::string& kind, std::string check, std::string factor, std::string name) {
  Rule r = Make(kind, RuleKind::kSuspect, std::move(check), std::move(factor), std::move(name));
  r.severity = Severity::kMajor;
  r.case_policy.min_severity.reset();
  r.case_policy.after_minutes = 120;
  r.clear_after_s = 1800;
  return r;
}

}  // namespace

std::vector<Rule> DefaultRules() {
  std::vector<Rule> out;
  // Restaurants: cooking fume against the site's fume standard (DB50/859-2018 1.0 mg/m³
  // by default; GB 18483-2001 2.0 mg/m³ where configured).
  {
    const std::string k = "restaurant";
    Rule ex = Make(k, RuleKind::kExceedance, "", "gl_fume", "油烟实时浓度超标（连续 3 个值）");
    out.push_back(ex);
    Rule hourly = Make(k, RuleKind::kStandard, "fume_hourly", "gl_fume", "油烟小时均值超标");
    hourly.clear_after_s = 7200;
    out.push_back(hourly);
    AddCommon(out, k);
    Rule flat = Suspect(k, "flatline", "gl_fume", "油烟数据恒值（连续 8 个周期相同，平台规则）");
    flat.flatline_count = 8;
    out.push_back(flat);
    Rule step = Suspect(k, "step", "gl_fume", "油烟数据突变（相邻差值超过 10 mg/m³，平台规则）");
    step.max_step = 10;
    step.clear_after_s = 600;
    out.push_back(step);
    out.push_back(Suspect(k, "just_under", "gl_fume",
                          "油烟长期贴近限值（24 小时内 90% 以上读数在限值下 5% 以内，平台规则）"));
    out.push_back(Suspect(k, "duplicate", "gl_fume", "两台设备油烟数据序列相同（平台规则）"));
  }
  // Construction and industrial boundaries: noise (GB 12523-2011 / GB 12348-2008 or
  // GB 3096-2008 as the site is configured).
  for (const std::string k : {"construction", "industrial"}) {
    Rule ex = Make(k, RuleKind::kExceedance, "", "Leq", "噪声等效声级超标（连续 3 个值）");
    out.push_back(ex);
    Rule noise =
        Make(k, RuleKind::kStandard, "noise", "LA", "噪声小时 Leq 超昼/夜限值或夜间最大声级超限");
    noise.clear_after_s = 7200;
    out.push_back(noise);
    AddCommon(out, k);
    Rule flat = Suspect(k, "flatline", "LA", "噪声数据恒值（连续 8 个周期相同，平台规则）");
    flat.flatline_count = 8;
    out.push_back(flat);
    Rule step = Suspect(k, "step", "LA", "噪声数据突变（相邻差值超过 40 dB，平台规则）");
    step.max_step = 40;
    step.clear_after_s = 600;
    out.push_back(step);
    out.push_back(Suspect(k, "just_under", "Leq",
                          "噪声长期贴近限值（24 小时内 90% 以上读数在限值下 5% 以内，平台规则）"));
    out.push_back(Suspect(k, "duplicate", "LA", "两台设备噪声数据序列相同（平台规则）"));
    if (k == "construction") {
      // No construction-dust limit is transcribed in the standards library: an admin
      // must set `limit` (e.g. from the local standard) before this rule can fire.
      Rule dust = Make(k, RuleKind::kExceedance, "", "a34002", "扬尘 PM10 超限（需配置限值）");
      dust.enabled = false;
      out.push_back(dust);
      Rule dust_flat =
          Suspect(k, "flatline", "a34002", "扬尘数据恒值（连续 8 个周期相同，平台规则）");
      dust_flat.flatline_count = 8;
      out.push_back(dust_flat);
    }
  }
  {
    const std::string k = "water_section";
    Rule wc =
        Make(k, RuleKind::kStandard, "water_class", "", "断面水质劣于目标类别（GB 3838-2002）");
    wc.clear_after_s = 3 * 3600;
    out.push_back(wc);
    AddCommon(out, k);
    Rule flat = Suspect(k, "flatline", "w01001", "pH 数据恒值（连续 6 个周期相同，平台规则）");
    flat.flatline_count = 6;
    flat.clear_after_s = 3 * 3600;
    out.push_back(flat);
  }
  {
    const std::string k = "air_station";
    Rule aqi = Make(k, RuleKind::kStandard, "aqi", "", "小时 AQI 达到中度污染（HJ 633-2012 四级）");
    aqi.aqi_level = 4;
    aqi.clear_after_s = 7200;
    out.push_back(aqi);
    AddCommon(out, k);
    Rule flat = Suspect(k, "flatline", "a34004", "PM2.5 数据恒值（连续 12 个周期相同，平台规则）");
    flat.flatline_count = 12;
    out.push_back(flat);
    out.push_back(Suspect(k, "duplicate", "a34004", "两台设备 PM2.5 数据序列相同（平台规则）"));
  }
  return out;
}

std::vector<const Rule*> EffectiveRules(const std::vector<Rule>& all, Id site_id,
                                        std::string_view site_kind) {
  std::map<std::string, const Rule*> by_key;
  for (const Rule& r : all) {
    if (!r.site_id && r.site_kind == site_kind) by_key[r.Key()] = &r;
  }
  for (const Rule& r : all) {
    if (r.site_id && *r.site_id == site_id) by_key[r.Key()] = &r;
  }
  std::vector<const Rule*> out;
  for (const auto& [key, r] : by_key) {
    if (r->enabled) out.push_back(r);
  }
  return out;
}

json::object RuleToJson(const Rule& r) {
  json::object o;
  o["id"] = IdToJson(r.id);
  o["site_kind"] = r.site_kind.empty() ? json::value(nullptr) : json::value(r.site_kind);
  o["site_id"] = r.site_id ? json::value(IdToJson(*r.site_id)) : json::value(nullptr);
  o["kind"] = RuleKindName(r.kind);
  o["check"] = r.check;
  o["factor"] = r.factor.empty() ? json::value(nullptr) : json::value(r.factor);
  o["name"] = r.name;
  o["enabled"] = r.enabled;
  o["limit"] = r.limit ? json::value(*r.limit) : json::value(nullptr);
  o["hold_count"] = r.hold_count;
  o["hold_seconds"] = r.hold_seconds;
  o["aqi_level"] = r.aqi_level;
  o["k"] = r.k;
  o["flatline_count"] = r.flatline_count;
  o["max_step"] = r.max_step;
  o["band"] = r.band;
  o["share"] = r.share;
  o["window_hours"] = r.window_hours;
  o["min_readings"] = r.min_readings;
  o["duplicate_count"] = r.duplicate_count;
  o["clear_after_s"] = r.clear_after_s;
  o["severity"] = SeverityName(r.severity);
  json::object cp{{"enabled", r.case_policy.enabled}};
  cp["min_severity"] = r.case_policy.min_severity
                           ? json::value(SeverityName(*r.case_policy.min_severity))
                           : json::value(nullptr);
  cp["after_minutes"] = r.case_policy.after_minutes ? json::value(*r.case_policy.after_minutes)
                                                    : json::value(nullptr);
  o["case_policy"] = std::move(cp);
  o["created_at"] = r.created_at ? json::value(FormatIsoShanghai(r.created_at)) : nullptr;
  o["updated_at"] = r.updated_at ? json::value(FormatIsoShanghai(r.updated_at)) : nullptr;
  return o;
}

namespace {

Result<double> Number(const json::value& v, const std::string& field) {
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  if (v.is_double()) return v.as_double();
  return Error::InvalidArgument(field, field + " must be a number");
}

Status IntIn(const json::object& body, std::string_view key, int lo, int hi, int& out) {
  const json::value* v = body.if_contains(key);
  if (!v) return Status::Ok();
  std::string field(key);
  if (!v->is_int64()) return Error::InvalidArgument(field, field + " must be an integer");
  long long n = v->as_int64();
  if (n < lo || n > hi) {
    return Error::InvalidArgument(
        field, field + " must be " + std::to_string(lo) + ".." + std::to_string(hi));
  }
  out = static_cast<int>(n);
  return Status::Ok();
}

Status NumberIn(const json::object& body, std::string_view key, double lo, double hi, double& out) {
  const json::value* v = body.if_contains(key);
  if (!v) return Status::Ok();
  std::string field(key);
  GL_ASSIGN_OR_RETURN(double d, Number(*v, field));
  if (!(d >= lo && d <= hi)) {
    return Error::InvalidArgument(field, field + " is out of range");
  }
  out = d;
  return Status::Ok();
}

bool KnownCheck(RuleKind kind, const std::string& check) {
  switch (kind) {
    case RuleKind::kExceedance:
    case RuleKind::kNoData:
      return check.empty();
    case RuleKind::kStandard:
      return check == "fume_hourly" || check == "noise" || check == "water_class" || check == "aqi";
    case RuleKind::kDeviceFlag:
      return check == "D" || check == "T";
    case RuleKind::kSuspect:
      return check == "flatline" || check == "range" || check == "step" || check == "just_under" ||
             check == "duplicate";
  }
  return false;
}

}  // namespace

Status ApplyRuleJson(const json::object& body, Rule& r, bool creating) {
  GL_RETURN_IF_ERROR(RejectUnknownKeys(body, {"site_kind",       "site_id",       "kind",
                                              "check",           "factor",        "name",
                                              "enabled",         "limit",         "hold_count",
                                              "hold_seconds",    "aqi_level",     "k",
                                              "flatline_count",  "max_step",      "band",
                                              "share",           "window_hours",  "min_readings",
                                              "duplicate_count", "clear_after_s", "severity",
                                              "case_policy"}));
  if (creating) {
    GL_ASSIGN_OR_RETURN(std::string kind, GetString(body, "kind"));
    auto k = ParseRuleKind(kind);
    if (!k) {
      return Error::InvalidArgument(
          "kind", "kind must be exceedance, standard, no_data, device_flag or suspect");
    }
    r.kind = *k;
    GL_ASSIGN_OR_RETURN(auto check, GetOptionalString(body, "check"));
    r.check = check.value_or("");
    GL_ASSIGN_OR_RETURN(auto site_kind, GetOptionalString(body, "site_kind"));
    GL_ASSIGN_OR_RETURN(auto site_id, GetOptionalIdString(body, "site_id"));
    if (site_kind.has_value() == site_id.has_value()) {
      return Error::InvalidArgument("site_kind", "give either site_kind or site_id");
    }
    if (site_kind && !monitoring::IsKnownSiteKind(*site_kind)) {
      return Error::InvalidArgument("site_kind", "unknown site kind");
    }
    r.site_kind = site_kind.value_or("");
    if (site_id) r.site_id = *site_id;
    GL_ASSIGN_OR_RETURN(auto factor, GetOptionalString(body, "factor"));
    r.factor = factor.value_or("");
    GL_ASSIGN_OR_RETURN(std::string name, GetString(body, "name"));
    r.name = name;
  } else {
    for (const char* fixed : {"kind", "check", "site_kind", "site_id", "factor"}) {
      if (body.contains(fixed)) {
        return Error::InvalidArgument(fixed, std::string(fixed) + " cannot be changed");
      }
    }
    GL_ASSIGN_OR_RETURN(auto name, GetOptionalString(body, "name"));
    if (name) r.name = *name;
  }
  if (!KnownCheck(r.kind, r.check)) {
    return Error::InvalidArgument("check", "check '" + r.check + "' does not belong to kind " +
                                               std::string(RuleKindName(r.kind)));
  }
  if (r.name.empty()) return Error::InvalidArgument("name", "name is required");
  GL_ASSIGN_OR_RETURN(auto enabled, GetOptionalBool(body, "enabled"));
  if (enabled) r.enabled = *enabled;
  if (const json::value* v = body.if_contains("limit")) {
    if (v->is_null()) {
      r.limit.reset();
    } else {
      GL_ASSIGN_OR_RETURN(double d, Number(*v, "limit"));
      r.limit = d;
    }
  }
  GL_RETURN_IF_ERROR(IntIn(body, "hold_count", 1, 10000, r.hold_count));
  GL_RETURN_IF_ERROR(IntIn(body, "hold_seconds", 0, 7 * 86400, r.hold_seconds));
  GL_RETURN_IF_ERROR(IntIn(body, "aqi_level", 2, 6, r.aqi_level));
  GL_RETURN_IF_ERROR(NumberIn(body, "k", 1, 1000, r.k));
  GL_RETURN_IF_ERROR(IntIn(body, "flatline_count", 2, 100000, r.flatline_count));
  GL_RETURN_IF_ERROR(NumberIn(body, "max_step", 0, 1e9, r.max_step));
  GL_RETURN_IF_ERROR(NumberIn(body, "band", 0.001, 0.5, r.band));
  GL_RETURN_IF_ERROR(NumberIn(body, "share", 0.5, 1, r.share));
  GL_RETURN_IF_ERROR(IntIn(body, "window_hours", 1, 168, r.window_hours));
  GL_RETURN_IF_ERROR(IntIn(body, "min_readings", 1, 1000000, r.min_readings));
  GL_RETURN_IF_ERROR(IntIn(body, "duplicate_count", 3, 10000, r.duplicate_count));
  GL_RETURN_IF_ERROR(IntIn(body, "clear_after_s", 0, 7 * 86400, r.clear_after_s));
  GL_ASSIGN_OR_RETURN(auto severity, GetOptionalString(body, "severity"));
  if (severity) {
    auto s = ParseSeverity(*severity);
    if (!s) return Error::InvalidArgument("severity", "severity must be minor, major or critical");
    r.severity = *s;
  }
  if (const json::value* v = body.if_contains("case_policy")) {
    if (!v->is_object())
      return Error::InvalidArgument("case_policy", "case_policy must be an object");
    const json::object& cp = v->as_object();
    GL_RETURN_IF_ERROR(RejectUnknownKeys(cp, {"enabled", "min_severity", "after_minutes"}));
    GL_ASSIGN_OR_RETURN(auto en, GetOptionalBool(cp, "enabled"));
    if (en) r.case_policy.enabled = *en;
    if (const json::value* ms = cp.if_contains("min_severity")) {
      if (ms->is_null()) {
        r.case_policy.min_severity.reset();
      } else {
        auto s = ms->is_string() ? ParseSeverity(ms->as_string()) : std::nullopt;
        if (!s) return Error::InvalidArgument("case_policy.min_severity", "unknown severity");
        r.case_policy.min_severity = *s;
      }
    }
    if (const json::value* am = cp.if_contains("after_minutes")) {
      if (am->is_null()) {
        r.case_policy.after_minutes.reset();
      } else if (am->is_int64() && am->as_int64() >= 0 && am->as_int64() <= 7 * 1440) {
        r.case_policy.after_minutes = static_cast<int>(am->as_int64());
      } else {
        return Error::InvalidArgument("case_policy.after_minutes",
                                      "after_minutes must be 0..10080");
      }
    }
  }
  return Status::Ok();
}

}  // namespace gl::alarms
