#include "greenloop/alarms/codec.h"

namespace gl::alarms {

namespace {
json::value Opt(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value OptTime(const std::optional<TimeMs>& t) {
  return t ? json::value(FormatIsoShanghai(*t)) : json::value(nullptr);
}
json::value Person(const std::optional<Id>& id, const std::string& name) {
  if (!id) return nullptr;
  return json::object{{"id", IdToJson(*id)}, {"name", name}};
}
}  // namespace

json::object AlarmToJson(const Alarm& a) {
  json::object o;
  o["id"] = IdToJson(a.id);
  o["site"] = json::object{{"id", IdToJson(a.site_id)},
                           {"code", a.site_code},
                           {"name", a.site_name},
                           {"kind", a.site_kind}};
  o["subdistrict_id"] = IdToJson(a.subdistrict_id);
  o["device_id"] = a.device_id ? json::value(IdToJson(a.device_id)) : json::value(nullptr);
  o["factor"] = a.factor.empty() ? json::value(nullptr) : json::value(a.factor);
  o["factor_name"] = a.factor.empty() ? json::value(nullptr) : json::value(FactorName(a.factor));
  o["rule_id"] = IdToJson(a.rule_id);
  o["rule_kind"] = RuleKindName(a.rule_kind);
  o["check"] = a.check;
  o["category"] = CategoryName(a.category);
  o["severity"] = SeverityName(a.severity);
  o["status"] = AlarmStatusName(a.status);
  o["title"] = a.title;
  o["message"] = a.message;
  o["value"] = Opt(a.value);
  o["peak"] = Opt(a.peak);
  o["threshold"] = Opt(a.threshold);
  o["unit"] = a.unit;
  o["count"] = a.count;
  o["first_at"] = FormatIsoShanghai(a.first_at);
  o["last_at"] = FormatIsoShanghai(a.last_at);
  o["acked_by"] = Person(a.acked_by, a.acked_by_name);
  o["acked_at"] = OptTime(a.acked_at);
  o["ack_comment"] = a.acked_at ? json::value(a.ack_comment) : json::value(nullptr);
  o["cleared_at"] = OptTime(a.cleared_at);
  o["cleared_by"] = Person(a.cleared_by, a.cleared_by_name);
  o["clear_reason"] = a.cleared_at ? json::value(a.clear_reason) : json::value(nullptr);
  if (a.case_id) {
    o["case"] = json::object{{"id", IdToJson(*a.case_id)}, {"number", a.case_number}};
  } else {
    o["case"] = nullptr;
  }
  return o;
}

std::string StreamMessage(std::string_view event, const Alarm& alarm) {
  json::object o{{"type", "alarm"}, {"event", event}, {"alarm", AlarmToJson(alarm)}};
  return json::serialize(o);
}

}  // namespace gl::alarms
