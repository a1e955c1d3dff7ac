#include "greenloop/cases/codec.h"

namespace gl::cases {
namespace {

json::value TimeOrNull(const std::optional<TimeMs>& t) {
  return t ? json::value(FormatIsoShanghai(*t)) : json::value(nullptr);
}

json::value RefOrNull(const std::optional<UnitRef>& u) {
  if (!u) return nullptr;
  return json::object{{"id", IdToJson(u->id)}, {"name", u->name}};
}

json::object CaseRefToJson(const CaseRef& r) {
  return json::object{{"id", IdToJson(r.id)}, {"number", r.number}};
}

json::object CategoryObject(const Category& c) {
  return json::object{{"code", c.code}, {"name", c.name}, {"name_en", c.name_en}};
}

}  // namespace

json::object CategoryToJson(const Taxonomy& taxonomy, const std::string& code) {
  if (const Category* c = taxonomy.Find(code)) return CategoryObject(*c);
  return json::object{{"code", code}, {"name", code}, {"name_en", code}};
}

json::object CaseToJson(const CaseView& v, const Taxonomy& taxonomy) {
  const Case& c = v.c;
  json::object o;
  o["id"] = IdToJson(c.id);
  o["number"] = c.number;
  o["source"] = SourceName(c.source);
  o["category"] = CategoryToJson(taxonomy, c.category);
  o["title"] = c.title;
  o["description"] = c.description;
  o["location"] =
      c.location ? json::value(json::object{{"lon", c.location->lon}, {"lat", c.location->lat}})
                 : json::value(nullptr);
  o["address"] = c.address;
  o["site"] = RefOrNull(c.site);
  o["subdistrict"] = RefOrNull(c.subdistrict);
  o["priority"] = PriorityName(c.priority);
  o["status"] = StatusName(c.status);
  o["lead_unit"] = RefOrNull(c.lead_unit);
  json::array co;
  for (const auto& u : c.co_units)
    co.push_back(json::object{{"id", IdToJson(u.id)}, {"name", u.name}});
  o["co_units"] = std::move(co);
  o["accept_due_at"] = TimeOrNull(c.accept_due_at);
  o["due_at"] = TimeOrNull(c.due_at);
  o["remind_at"] = TimeOrNull(c.remind_at);
  o["overdue"] = v.overdue;
  o["escalation_level"] = c.escalation_level;
  o["supervised"] = c.supervised;
  if (v.show_reporter && c.reporter) {
    o["reporter"] = json::object{{"name", c.reporter->name}, {"phone", c.reporter->phone}};
  } else {
    o["reporter"] = nullptr;
  }
  o["merged_into"] =
      c.merged_into ? json::value(CaseRefToJson(*c.merged_into)) : json::value(nullptr);
  json::array alarms;
  for (Id id : c.alarm_ids) alarms.emplace_back(IdToJson(id));
  o["alarm_ids"] = std::move(alarms);
  json::array linked;
  for (const auto& r : c.linked_cases) linked.push_back(CaseRefToJson(r));
  o["linked_cases"] = std::move(linked);
  o["satisfaction"] = c.satisfaction ? json::value(*c.satisfaction) : json::value(nullptr);
  o["reject_reason"] =
      c.reject_reason.empty() ? json::value(nullptr) : json::value(c.reject_reason);
  o["reopen_count"] = c.reopen_count;
  o["created_at"] = FormatIsoShanghai(c.created_at);
  o["updated_at"] = FormatIsoShanghai(c.updated_at);
  o["closed_at"] = TimeOrNull(c.closed_at);
  json::array actions;
  for (const auto& a : v.actions) actions.emplace_back(a);
  o["actions"] = std::move(actions);
  return o;
}

json::object TimelineEntryToJson(const TimelineEntry& e) {
  json::object o;
  o["id"] = IdToJson(e.id);
  o["at"] = FormatIsoShanghai(e.at);
  o["action"] = e.action;
  o["status_after"] = StatusName(e.status_after);
  o["actor"] = e.actor_id
                   ? json::value(json::object{{"name", e.actor_name}, {"unit", e.actor_unit}})
                   : json::value(nullptr);
  o["public"] = e.is_public;
  o["text"] = e.text;
  o["data"] = e.data;
  return o;
}

json::object CaseDetailToJson(const CaseDetail& d, const Taxonomy& taxonomy) {
  json::object o = CaseToJson(d.view, taxonomy);
  json::array timeline;
  for (const auto& e : d.timeline) timeline.push_back(TimelineEntryToJson(e));
  o["timeline"] = std::move(timeline);
  json::array files;
  for (const auto& a : d.attachments) {
    files.push_back(json::object{{"id", IdToJson(a.id)},
                                 {"name", a.name},
                                 {"content_type", a.content_type},
                                 {"size", a.size},
                                 {"url", a.url}});
  }
  o["attachments"] = std::move(files);
  return o;
}

json::object NotificationToJson(const Notification& n) {
  return json::object{{"id", IdToJson(n.id)}, {"at", FormatIsoShanghai(n.at)},
                      {"kind", n.kind},       {"case", CaseRefToJson(n.case_ref)},
                      {"text", n.text},       {"read", n.read}};
}

json::object TaxonomyToJson(const Taxonomy& taxonomy) {
  json::array items;
  for (const Category* root : taxonomy.Roots()) {
    json::object o = CategoryObject(*root);
    o["parent"] = nullptr;
    json::array kids;
    for (const auto& code : root->children) {
      if (const Category* k = taxonomy.Find(code)) {
        json::object ko = CategoryObject(*k);
        ko["parent"] = root->code;
        ko["children"] = json::array();
        kids.push_back(std::move(ko));
      }
    }
    o["children"] = std::move(kids);
    items.push_back(std::move(o));
  }
  return json::object{{"items", std::move(items)}};
}

}  // namespace gl::cases
