// SQL for sites and devices (see store.h).
#include "greenloop/db/query.h"
#include "greenloop/monitoring/store.h"

namespace gl::monitoring::store {

namespace {
constexpr const char* kSiteSelect =
    "SELECT s.id, s.code, s.kind, s.name, s.name_en, s.subdistrict_id, s.department_id,"
    " s.enterprise_id, s.lon, s.lat, s.attributes, s.active, s.created_at, s.updated_at,"
    " us.path, ud.path, ue.path"
    " FROM sites s JOIN units us ON us.id = s.subdistrict_id"
    " LEFT JOIN units ud ON ud.id = s.department_id LEFT JOIN units ue ON ue.id = s.enterprise_id";

struct SiteRow {
  long long id = 0, subdistrict = 0, department = 0, enterprise = 0, created = 0, updated = 0;
  soci::indicator department_ind = soci::i_null, enterprise_ind = soci::i_null;
  double lon = 0, lat = 0;
  soci::indicator lon_ind = soci::i_null, lat_ind = soci::i_null;
  std::string code, kind, name, name_en, attributes, sub_path, dep_path, ent_path;
  soci::indicator dep_path_ind = soci::i_null, ent_path_ind = soci::i_null;
  int active = 1;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(code));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(name));
    st.exchange(soci::into(name_en));
    st.exchange(soci::into(subdistrict));
    st.exchange(soci::into(department, department_ind));
    st.exchange(soci::into(enterprise, enterprise_ind));
    st.exchange(soci::into(lon, lon_ind));
    st.exchange(soci::into(lat, lat_ind));
    st.exchange(soci::into(attributes));
    st.exchange(soci::into(active));
    st.exchange(soci::into(created));
    st.exchange(soci::into(updated));
    st.exchange(soci::into(sub_path));
    st.exchange(soci::into(dep_path, dep_path_ind));
    st.exchange(soci::into(ent_path, ent_path_ind));
  }
  Site Take() const {
    Site s;
    s.id = id;
    s.code = code;
    s.kind = kind;
    s.name = name;
    s.name_en = name_en;
    s.subdistrict_id = subdistrict;
    if (department_ind == soci::i_ok) s.department_id = department;
    if (enterprise_ind == soci::i_ok) s.enterprise_id = enterprise;
    if (lon_ind == soci::i_ok) s.lon = lon;
    if (lat_ind == soci::i_ok) s.lat = lat;
    auto parsed = ParseJsonObject(attributes);
    if (parsed.ok()) s.attributes = std::move(parsed).value();
    s.active = active != 0;
    s.created_at = created;
    s.updated_at = updated;
    s.subdistrict_path = sub_path;
    if (dep_path_ind == soci::i_ok) s.department_path = dep_path;
    if (ent_path_ind == soci::i_ok) s.enterprise_path = ent_path;
    return s;
  }
};

std::vector<Site> SelectSites(soci::session& sql, db::Params& p, const std::string& tail) {
  std::vector<Site> out;
  SiteRow row;
  soci::statement st(sql);
  row.Bind(st);
  db::ForEachRow(st, p, std::string(kSiteSelect) + tail, [&] { out.push_back(row.Take()); });
  return out;
}

constexpr const char* kDeviceSelect =
    "SELECT d.id, d.site_id, d.mn, d.pw, d.protocol, d.st, d.interval_s, d.crc, d.factors,"
    " d.active, d.last_seen_at, d.created_at, d.updated_at FROM devices d";

struct DeviceRow {
  long long id = 0, site = 0, last_seen = 0, created = 0, updated = 0;
  soci::indicator last_seen_ind = soci::i_null;
  std::string mn, pw, protocol, st, crc, factors;
  int interval = 60, active = 1;

  void Bind(soci::statement& s) {
    s.exchange(soci::into(id));
    s.exchange(soci::into(site));
    s.exchange(soci::into(mn));
    s.exchange(soci::into(pw));
    s.exchange(soci::into(protocol));
    s.exchange(soci::into(st));
    s.exchange(soci::into(interval));
    s.exchange(soci::into(crc));
    s.exchange(soci::into(factors));
    s.exchange(soci::into(active));
    s.exchange(soci::into(last_seen, last_seen_ind));
    s.exchange(soci::into(created));
    s.exchange(soci::into(updated));
  }
  Device Take() const {
    Device d;
    d.id = id;
    d.site_id = site;
    d.mn = mn;
    d.pw = pw;
    d.protocol = protocol;
    d.st = st;
    d.interval_s = interval;
    d.crc = crc;
    if (auto parsed = ParseJson(factors); parsed.ok() && parsed->is_array()) {
      for (const auto& f : parsed->as_array()) {
        if (f.is_string()) d.factors.emplace_back(f.as_string());
      }
    }
    d.active = active != 0;
    if (last_seen_ind == soci::i_ok) d.last_seen_at = last_seen;
    d.created_at = created;
    d.updated_at = updated;
    return d;
  }
};

std::vector<Device> SelectDevices(soci::session& sql, db::Params& p, const std::string& tail) {
  std::vector<Device> out;
  DeviceRow row;
  soci::statement st(sql);
  row.Bind(st);
  db::ForEachRow(st, p, std::string(kDeviceSelect) + tail, [&] { out.push_back(row.Take()); });
  return out;
}

std::string FactorsJson(const std::vector<std::string>& factors) {
  json::array a;
  for (const auto& f : factors) a.emplace_back(f);
  return json::serialize(a);
}
}  // namespace

// The nullable and derived columns of a site, ready to bind (SOCI binds by reference).
struct SiteBinds {
  long long department, enterprise;
  soci::indicator department_ind, enterprise_ind;
  double lon, lat;
  soci::indicator lon_ind, lat_ind;
  std::string attributes;
  int active;

  explicit SiteBinds(const Site& s)
      : department(s.department_id.value_or(0)),
        enterprise(s.enterprise_id.value_or(0)),
        department_ind(s.department_id ? soci::i_ok : soci::i_null),
        enterprise_ind(s.enterprise_id ? soci::i_ok : soci::i_null),
        lon(s.lon.value_or(0)),
        lat(s.lat.value_or(0)),
        lon_ind(s.lon ? soci::i_ok : soci::i_null),
        lat_ind(s.lat ? soci::i_ok : soci::i_null),
        attributes(CanonicalJson(s.attributes)),
        active(s.active ? 1 : 0) {}
};

void InsertSite(soci::session& sql, const Site& s) {
  SiteBinds b(s);
  sql << "INSERT INTO sites (id, code, kind, name, name_en, subdistrict_id, department_id,"
         " enterprise_id, lon, lat, attributes, active, created_at, updated_at) VALUES (:id, :code,"
         " :kind, :name, :name_en, :sub, :dep, :ent, :lon, :lat, :attr, :active, :created, :updated)",
      soci::use(s.id), soci::use(s.code), soci::use(s.kind), soci::use(s.name),
      soci::use(s.name_en), soci::use(s.subdistrict_id), soci::use(b.department, b.department_ind),
      soci::use(b.enterprise, b.enterprise_ind), soci::use(b.lon, b.lon_ind),
      soci::use(b.lat, b.lat_ind), soci::use(b.attributes), soci::use(b.active),
      soci::use(s.created_at), soci::use(s.updated_at);
}

void UpdateSite(soci::session& sql, const Site& s) {
  SiteBinds b(s);
  sql << "UPDATE sites SET kind = :kind, name = :name, name_en = :name_en, subdistrict_id = :sub,"
         " department_id = :dep, enterprise_id = :ent, lon = :lon, lat = :lat, attributes = :attr,"
         " active = :active, updated_at = :updated WHERE id = :id",
      soci::use(s.kind), soci::use(s.name), soci::use(s.name_en), soci::use(s.subdistrict_id),
      soci::use(b.department, b.department_ind), soci::use(b.enterprise, b.enterprise_ind),
      soci::use(b.lon, b.lon_ind), soci::use(b.lat, b.lat_ind), soci::use(b.attributes),
      soci::use(b.active), soci::use(s.updated_at), soci::use(s.id);
}

std::optional<Site> FindSite(soci::session& sql, Id id) {
  db::Params p;
  auto rows = SelectSites(sql, p, " WHERE s.id = " + p.Add(static_cast<long long>(id)));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Site> FindSiteByCode(soci::session& sql, const std::string& code) {
  db::Params p;
  auto rows = SelectSites(sql, p, " WHERE s.code = " + p.Add(code));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

long long CountSites(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM sites", soci::into(n);
  return n;
}

std::vector<Site> ListSites(soci::session& sql, const SiteFilter& f, int offset, int limit,
                            long long& total) {
  db::Params p;
  std::string prefix = p.Add(f.scope_prefix + "%");
  std::string where = " WHERE (us.path LIKE " + prefix + " OR ud.path LIKE " + prefix +
                      " OR ue.path LIKE " + prefix + ")";
  if (!f.kind.empty()) where += " AND s.kind = " + p.Add(f.kind);
  if (f.subdistrict_id) where += " AND s.subdistrict_id = " + p.Add(static_cast<long long>(*f.subdistrict_id));
  if (!f.text_contains.empty()) {
    std::string like = p.Add(db::LikeContains(f.text_contains));
    where += " AND (s.name LIKE " + like + " ESCAPE '\\' OR s.code LIKE " + like + " ESCAPE '\\')";
  }
  if (!f.include_inactive) where += " AND s.active = 1";
  total = db::Count(sql, p,
                    "FROM sites s JOIN units us ON us.id = s.subdistrict_id LEFT JOIN units ud ON"
                    " ud.id = s.department_id LEFT JOIN units ue ON ue.id = s.enterprise_id" +
                        where);
  return SelectSites(sql, p,
                     where + " ORDER BY s.kind, s.code LIMIT " + std::to_string(limit) +
                         " OFFSET " + std::to_string(offset));
}

void InsertDevice(soci::session& sql, const Device& d) {
  std::string factors = FactorsJson(d.factors);
  int active = d.active ? 1 : 0;
  sql << "INSERT INTO devices (id, site_id, mn, pw, protocol, st, interval_s, crc, factors, active,"
         " created_at, updated_at) VALUES (:id, :site, :mn, :pw, :protocol, :st, :interval, :crc,"
         " :factors, :active, :created, :updated)",
      soci::use(d.id), soci::use(d.site_id), soci::use(d.mn), soci::use(d.pw),
      soci::use(d.protocol), soci::use(d.st), soci::use(d.interval_s), soci::use(d.crc),
      soci::use(factors), soci::use(active), soci::use(d.created_at), soci::use(d.updated_at);
}

void UpdateDevice(soci::session& sql, const Device& d) {
  std::string factors = FactorsJson(d.factors);
  int active = d.active ? 1 : 0;
  sql << "UPDATE devices SET site_id = :site, pw = :pw, protocol = :protocol, st = :st,"
         " interval_s = :interval, crc = :crc, factors = :factors, active = :active,"
         " updated_at = :updated WHERE id = :id",
      soci::use(d.site_id), soci::use(d.pw), soci::use(d.protocol), soci::use(d.st),
      soci::use(d.interval_s), soci::use(d.crc), soci::use(factors), soci::use(active),
      soci::use(d.updated_at), soci::use(d.id);
}

std::optional<Device> FindDevice(soci::session& sql, Id id) {
  db::Params p;
  auto rows = SelectDevices(sql, p, " WHERE d.id = " + p.Add(static_cast<long long>(id)));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Device> FindDeviceByMn(soci::session& sql, const std::string& mn) {
  db::Params p;
  auto rows = SelectDevices(sql, p, " WHERE d.mn = " + p.Add(mn));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Device> ListDevices(soci::session& sql, std::optional<Id> site_id,
                                const std::string& scope_prefix, int offset, int limit,
                                long long& total) {
  db::Params p;
  std::string prefix = p.Add(scope_prefix + "%");
  std::string from =
      " JOIN sites s ON s.id = d.site_id JOIN units us ON us.id = s.subdistrict_id"
      " LEFT JOIN units ud ON ud.id = s.department_id LEFT JOIN units ue ON ue.id = s.enterprise_id"
      " WHERE (us.path LIKE " + prefix + " OR ud.path LIKE " + prefix + " OR ue.path LIKE " +
      prefix + ")";
  if (site_id) from += " AND d.site_id = " + p.Add(static_cast<long long>(*site_id));
  total = db::Count(sql, p, "FROM devices d" + from);
  return SelectDevices(sql, p,
                       from + " ORDER BY d.mn LIMIT " + std::to_string(limit) + " OFFSET " +
                           std::to_string(offset));
}

std::vector<Device> AllActiveDevices(soci::session& sql) {
  db::Params p;
  return SelectDevices(sql, p, " WHERE d.active = 1");
}

std::vector<Device> DevicesOfSites(soci::session& sql, const std::vector<Id>& site_ids) {
  if (site_ids.empty()) return {};
  db::Params p;
  std::string in;
  for (Id id : site_ids) in += (in.empty() ? "" : ", ") + p.Add(static_cast<long long>(id));
  return SelectDevices(sql, p, " WHERE d.site_id IN (" + in + ")");
}

void TouchDevices(soci::session& sql, const std::map<Id, TimeMs>& last_seen) {
  long long id = 0, at = 0;
  soci::statement st = (sql.prepare << "UPDATE devices SET last_seen_at = :at WHERE id = :id AND"
                                       " (last_seen_at IS NULL OR last_seen_at < :at2)",
                        soci::use(at, "at"), soci::use(id, "id"), soci::use(at, "at2"));
  for (const auto& [device, seen] : last_seen) {
    id = device;
    at = seen;
    st.execute(true);
  }
}

}  // namespace gl::monitoring::store
