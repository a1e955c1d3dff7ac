#include "greenloop/monitoring/codec.h"

namespace gl::monitoring {

namespace {
json::value OptionalId(const std::optional<Id>& id) {
  return id ? json::value(IdToJson(*id)) : json::value(nullptr);
}
}  // namespace

json::object SiteToJson(const Site& s) {
  json::value location = nullptr;
  if (s.lon && s.lat) location = json::array{*s.lon, *s.lat};
  return json::object{
      {"id", IdToJson(s.id)},
      {"code", s.code},
      {"kind", s.kind},
      {"name", s.name},
      {"name_en", s.name_en},
      {"subdistrict_id", IdToJson(s.subdistrict_id)},
      {"department_id", OptionalId(s.department_id)},
      {"enterprise_id", OptionalId(s.enterprise_id)},
      {"location", location},
      {"attributes", s.attributes},
      {"active", s.active},
      {"created_at", FormatIsoShanghai(s.created_at)},
      {"updated_at", FormatIsoShanghai(s.updated_at)},
  };
}

json::object DeviceToJson(const Device& d, TimeMs now) {
  json::array factors;
  for (const auto& f : d.factors) factors.emplace_back(f);
  return json::object{
      {"id", IdToJson(d.id)},
      {"site_id", IdToJson(d.site_id)},
      {"mn", d.mn},
      {"protocol", d.protocol},
      {"st", d.st},
      {"interval_s", d.interval_s},
      {"crc", d.crc},
      {"factors", std::move(factors)},
      {"active", d.active},
      {"last_seen_at", d.last_seen_at ? json::value(FormatIsoShanghai(*d.last_seen_at)) : json::value(nullptr)},
      {"online", d.Online(now)},
  };
}

}  // namespace gl::monitoring
