#include "greenloop/monitoring/demo.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <map>
#include <sstream>

#include "greenloop/audit/audit.h"
#include "greenloop/monitoring/codec.h"
#include "greenloop/monitoring/store.h"

namespace gl::monitoring {

namespace {
Error Bad(size_t index, const std::string& message) {
  return Error(ErrorCode::kInvalidArgument, "sites.json entry " + std::to_string(index) + ": " + message);
}

Result<std::optional<Id>> UnitRef(const json::object& o, std::string_view key,
                                  const std::map<std::string, Id>& units, size_t index) {
  GL_ASSIGN_OR_RETURN(auto code, GetOptionalString(o, key));
  if (!code) return std::optional<Id>();
  auto it = units.find(*code);
  if (it == units.end()) return Bad(index, std::string(key) + " names unknown unit " + *code);
  return std::optional<Id>(it->second);
}
}  // namespace

Result<bool> LoadDemoSites(db::Database& db, const std::filesystem::path& demo_dir) {
  std::ifstream in(demo_dir / "sites.json");
  if (!in) return Error(ErrorCode::kInvalidArgument, "cannot read " + (demo_dir / "sites.json").string());
  std::ostringstream text;
  text << in.rdbuf();
  GL_ASSIGN_OR_RETURN(json::object doc, ParseJsonObject(text.str()));
  const json::value* sites = doc.if_contains("sites");
  if (!sites || !sites->is_array()) return Error(ErrorCode::kInvalidArgument, "sites.json needs \"sites\"");
  bool loaded = false;
  GL_RETURN_IF_ERROR(db.RunInTransaction([&](soci::session& sql) -> Status {
    if (store::CountSites(sql) > 0) return Status::Ok();
    // Unit codes to ids. Read directly: the demo loader runs before any service exists.
    std::map<std::string, Id> units;
    {
      long long id = 0;
      std::string code;
      soci::statement st = (sql.prepare << "SELECT id, code FROM units", soci::into(id), soci::into(code));
      st.execute();
      while (st.fetch()) units[code] = id;
    }
    TimeMs now = NowMs();
    size_t devices = 0;
    const json::array& list = sites->as_array();
    for (size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_object()) return Bad(i, "not an object");
      const json::object& o = list[i].as_object();
      Site s;
      s.id = NewId();
      s.created_at = s.updated_at = now;
      auto code = GetString(o, "code");
      auto kind = GetString(o, "kind");
      auto name = GetString(o, "name");
      if (!code.ok() || !kind.ok() || !name.ok()) return Bad(i, "code, kind and name are required");
      s.code = *code;
      s.kind = *kind;
      s.name = *name;
      if (auto en = GetOptionalString(o, "name_en"); en.ok() && *en) s.name_en = **en;
      GL_ASSIGN_OR_RETURN(auto subdistrict, UnitRef(o, "subdistrict", units, i));
      if (!subdistrict) return Bad(i, "subdistrict is required");
      s.subdistrict_id = *subdistrict;
      GL_ASSIGN_OR_RETURN(s.department_id, UnitRef(o, "department", units, i));
      GL_ASSIGN_OR_RETURN(s.enterprise_id, UnitRef(o, "enterprise", units, i));
      if (const json::value* loc = o.if_contains("location"); loc && loc->is_array() && loc->as_array().size() == 2) {
        s.lon = loc->as_array()[0].to_number<double>();
        s.lat = loc->as_array()[1].to_number<double>();
      }
      if (const json::value* attr = o.if_contains("attributes"); attr && attr->is_object()) {
        s.attributes = attr->as_object();
      }
      store::InsertSite(sql, s);
      auto e = audit::Record(sql, audit::Entry{std::nullopt, "system", "site.create", "site", IdToJson(s.id),
                                               json::object{{"source", "demo"}, {"code", s.code}}});
      if (!e.ok()) return e.error();
      const json::value* devs = o.if_contains("devices");
      if (!devs || !devs->is_array()) continue;
      for (const auto& dv : devs->as_array()) {
        if (!dv.is_object()) return Bad(i, "a device is not an object");
        const json::object& d = dv.as_object();
        Device device;
        device.id = NewId();
        device.site_id = s.id;
        device.created_at = device.updated_at = now;
        auto mn = GetString(d, "mn");
        auto pw = GetString(d, "pw");
        auto protocol = GetString(d, "protocol");
        auto interval = GetInt(d, "interval_s");
        if (!mn.ok() || !pw.ok() || !protocol.ok() || !interval.ok()) {
          return Bad(i, "a device needs mn, pw, protocol and interval_s");
        }
        device.mn = *mn;
        device.pw = *pw;
        device.protocol = *protocol;
        device.interval_s = static_cast<int>(*interval);
        if (auto st = GetOptionalString(d, "st"); st.ok() && *st) device.st = **st;
        if (auto crc = GetOptionalString(d, "crc"); crc.ok() && *crc) device.crc = **crc;
        if (const json::value* f = d.if_contains("factors"); f && f->is_array()) {
          for (const auto& code_value : f->as_array()) {
            if (code_value.is_string()) device.factors.emplace_back(code_value.as_string());
          }
        }
        store::InsertDevice(sql, device);
        ++devices;
      }
    }
    spdlog::info("demo monitoring loaded: {} sites, {} devices", list.size(), devices);
    loaded = true;
    return Status::Ok();
  }));
  return loaded;
}

}  // namespace gl::monitoring
