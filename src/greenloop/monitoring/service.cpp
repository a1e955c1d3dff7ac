#include "greenloop/monitoring/service.h"

#include <regex>

#include "greenloop/org/audit_change.h"
#include "greenloop/hj212/crc.h"
#include "greenloop/monitoring/codec.h"
#include "greenloop/monitoring/rules.h"
#include "greenloop/org/permissions.h"

namespace gl::monitoring {

bool CanSeeSite(const org::Actor& actor, const Site& site) {
  return org::InScope(actor, site.subdistrict_path) ||
         (!site.department_path.empty() && org::InScope(actor, site.department_path)) ||
         (!site.enterprise_path.empty() && org::InScope(actor, site.enterprise_path));
}

namespace {
Error Denied() { return Error::Forbidden("only an admin may change sites and devices"); }

Status ApplySite(const SiteInput& in, Site& s) {
  if (in.code) s.code = *in.code;
  if (in.kind) s.kind = *in.kind;
  if (in.name) s.name = *in.name;
  if (in.name_en) s.name_en = *in.name_en;
  if (in.subdistrict_id) s.subdistrict_id = *in.subdistrict_id;
  if (in.department_id) s.department_id = *in.department_id;
  if (in.enterprise_id) s.enterprise_id = *in.enterprise_id;
  if (in.lon) s.lon = *in.lon;
  if (in.lat) s.lat = *in.lat;
  if (in.attributes) s.attributes = *in.attributes;
  if (in.active) s.active = *in.active;
  static const std::regex kCode("^[a-z0-9][a-z0-9._-]{0,63}$");
  if (!std::regex_match(s.code, kCode)) {
    return Error::InvalidArgument("code", "code must be 1-64 characters of a-z, 0-9, '.', '_', '-'");
  }
  if (!IsKnownSiteKind(s.kind)) {
    return Error::InvalidArgument(
        "kind", "kind must be restaurant, construction, water_section, air_station or industrial");
  }
  if (s.name.empty() || s.name.size() > 200) return Error::InvalidArgument("name", "name is required");
  if (s.lon && (*s.lon < -180 || *s.lon > 180)) return Error::InvalidArgument("lon", "lon out of range");
  if (s.lat && (*s.lat < -90 || *s.lat > 90)) return Error::InvalidArgument("lat", "lat out of range");
  return Status::Ok();
}

Status ApplyDevice(const DeviceInput& in, Device& d) {
  if (in.site_id) d.site_id = *in.site_id;
  if (in.mn) d.mn = *in.mn;
  if (in.pw) d.pw = *in.pw;
  if (in.protocol) d.protocol = *in.protocol;
  if (in.st) d.st = *in.st;
  if (in.crc) d.crc = *in.crc;
  if (in.interval_s) d.interval_s = *in.interval_s;
  if (in.factors) d.factors = *in.factors;
  if (in.active) d.active = *in.active;
  // MN: up to 24 characters (HJ 212-2017 Table 3, C24); PW: up to 6 (C6).
  static const std::regex kMn("^[0-9A-Za-z]{1,24}$");
  if (!std::regex_match(d.mn, kMn)) return Error::InvalidArgument("mn", "mn must be 1-24 letters or digits");
  if (d.pw.empty() || d.pw.size() > 6) return Error::InvalidArgument("pw", "pw must be 1-6 characters");
  if (d.protocol != "2005" && d.protocol != "2017" && d.protocol != "2025") {
    return Error::InvalidArgument("protocol", "protocol must be 2005, 2017 or 2025");
  }
  if (d.interval_s < 1 || d.interval_s > 86400) {
    return Error::InvalidArgument("interval_s", "interval_s must be 1-86400");
  }
  if (d.crc != "strict" && !hj212::CrcVariantFromName(d.crc)) {
    return Error::InvalidArgument("crc", "crc must be strict or a known CRC variant name");
  }
  return Status::Ok();
}

Status CheckUnits(soci::session& sql, const Site& s) {
  (void)sql;
  if (s.subdistrict_id == 0) return Error::InvalidArgument("subdistrict_id", "subdistrict_id is required");
  return Status::Ok();
}
}  // namespace

Result<std::vector<Site>> MonitoringService::ListSites(const org::Actor& actor,
                                                       store::SiteFilter filter, int offset,
                                                       int limit, long long& total) {
  filter.scope_prefix = org::ScopePrefix(actor);
  return db_.Query([&](soci::session& sql) -> Result<std::vector<Site>> {
    return store::ListSites(sql, filter, offset, limit, total);
  });
}

Result<Site> MonitoringService::GetSite(const org::Actor& actor, Id id) {
  return db_.Query([&](soci::session& sql) -> Result<Site> {
    auto site = store::FindSite(sql, id);
    if (!site || !CanSeeSite(actor, *site)) return Error::NotFound("no such site");
    return *site;
  });
}

Result<std::vector<Device>> MonitoringService::DevicesOfSites(const std::vector<Id>& site_ids) {
  return db_.Query([&](soci::session& sql) -> Result<std::vector<Device>> {
    return store::DevicesOfSites(sql, site_ids);
  });
}

Result<std::vector<Device>> MonitoringService::ListDevices(const org::Actor& actor,
                                                           std::optional<Id> site_id, int offset,
                                                           int limit, long long& total) {
  return db_.Query([&](soci::session& sql) -> Result<std::vector<Device>> {
    if (site_id) {
      auto site = store::FindSite(sql, *site_id);
      if (!site || !CanSeeSite(actor, *site)) return Error::NotFound("no such site");
    }
    return store::ListDevices(sql, site_id, org::ScopePrefix(actor), offset, limit, total);
  });
}

Result<Site> MonitoringService::CreateSite(const org::Actor& actor, const SiteInput& in) {
  if (!org::CanManageOrg(actor)) return Denied();
  Site s;
  s.id = NewId();
  s.created_at = s.updated_at = NowMs();
  GL_RETURN_IF_ERROR(ApplySite(in, s));
  return db_.Transact([&](soci::session& sql) -> Result<Site> {
    GL_RETURN_IF_ERROR(CheckUnits(sql, s));
    if (store::FindSiteByCode(sql, s.code)) return Error::Conflict("site code " + s.code + " is taken");
    store::InsertSite(sql, s);
    auto stored = store::FindSite(sql, s.id);
    GL_RETURN_IF_ERROR(org::AuditChange(sql, actor, "site.create", "site", s.id, nullptr, SiteToJson(*stored)));
    return *stored;
  });
}

Result<Site> MonitoringService::UpdateSite(const org::Actor& actor, Id id, const SiteInput& in) {
  if (!org::CanManageOrg(actor)) return Denied();
  if (in.code) return Error::InvalidArgument("code", "a site's code cannot change");
  return db_.Transact([&](soci::session& sql) -> Result<Site> {
    auto site = store::FindSite(sql, id);
    if (!site) return Error::NotFound("no such site");
    Site before = *site;
    GL_RETURN_IF_ERROR(ApplySite(in, *site));
    site->updated_at = NowMs();
    store::UpdateSite(sql, *site);
    auto stored = store::FindSite(sql, id);
    GL_RETURN_IF_ERROR(org::AuditChange(sql, actor, "site.update", "site", id, SiteToJson(before), SiteToJson(*stored)));
    return *stored;
  });
}

Result<Device> MonitoringService::CreateDevice(const org::Actor& actor, const DeviceInput& in) {
  if (!org::CanManageOrg(actor)) return Denied();
  Device d;
  d.id = NewId();
  d.created_at = d.updated_at = NowMs();
  GL_RETURN_IF_ERROR(ApplyDevice(in, d));
  auto created = db_.Transact([&](soci::session& sql) -> Result<Device> {
    if (!store::FindSite(sql, d.site_id)) return Error::InvalidArgument("site_id", "no such site");
    if (store::FindDeviceByMn(sql, d.mn)) return Error::Conflict("MN " + d.mn + " is taken");
    store::InsertDevice(sql, d);
    GL_RETURN_IF_ERROR(org::AuditChange(sql, actor, "device.create", "device", d.id, nullptr, DeviceToJson(d, NowMs())));
    return d;
  });
  if (created.ok() && devices_changed_) devices_changed_();
  return created;
}

Result<Device> MonitoringService::UpdateDevice(const org::Actor& actor, Id id, const DeviceInput& in) {
  if (!org::CanManageOrg(actor)) return Denied();
  if (in.mn) return Error::InvalidArgument("mn", "a device's MN cannot change; create a new device");
  auto updated = db_.Transact([&](soci::session& sql) -> Result<Device> {
    auto device = store::FindDevice(sql, id);
    if (!device) return Error::NotFound("no such device");
    Device before = *device;
    GL_RETURN_IF_ERROR(ApplyDevice(in, *device));
    if (!store::FindSite(sql, device->site_id)) return Error::InvalidArgument("site_id", "no such site");
    device->updated_at = NowMs();
    store::UpdateDevice(sql, *device);
    GL_RETURN_IF_ERROR(org::AuditChange(sql, actor, "device.update", "device", id, DeviceToJson(before, NowMs()),
                             DeviceToJson(*device, NowMs())));
    return *device;
  });
  if (updated.ok() && devices_changed_) devices_changed_();
  return updated;
}

Result<std::vector<SeriesPoint>> MonitoringService::Series(const org::Actor& actor, Id site_id,
                                                           const std::string& factor,
                                                           const std::string& kind, TimeMs from,
                                                           TimeMs to) {
  if (factor.empty()) return Error::InvalidArgument("factor", "factor is required (an HJ 212 code)");
  if (to <= from) return Error::InvalidArgument("to", "to must be after from");
  bool raw = kind == "raw" || kind == "minute";
  if (!raw && kind != "hour" && kind != "day") {
    return Error::InvalidArgument("kind", "kind must be raw, minute, hour or day");
  }
  if (raw && to - from > 31LL * 86400000) {
    return Error::InvalidArgument("from", "raw and minute data: at most 31 days per request");
  }
  return db_.Query([&](soci::session& sql) -> Result<std::vector<SeriesPoint>> {
    auto site = store::FindSite(sql, site_id);
    if (!site || !CanSeeSite(actor, *site)) return Error::NotFound("no such site");
    std::vector<SeriesPoint> points;
    if (raw) {
      long long total = 0;
      std::vector<Id> ids;
      for (const Device& d : store::ListDevices(sql, site_id, "/", 0, 1000, total)) ids.push_back(d.id);
      auto readings = store::QueryReadings(sql, ids, factor,
                                           kind == "raw" ? ReadingKind::kRealtime : ReadingKind::kMinute,
                                           from, to, 10000);
      for (const Reading& r : readings) {
        points.push_back(SeriesPoint{r.t, r.value, r.min_value, r.max_value, r.text_value, r.flag, 0, 0, 0});
      }
      return points;
    }
    Period period = kind == "hour" ? Period::kHour : Period::kDay;
    long long total = 0;
    int interval = 60;
    for (const Device& d : store::ListDevices(sql, site_id, "/", 0, 1000, total)) {
      if (std::find(d.factors.begin(), d.factors.end(), factor) != d.factors.end()) interval = d.interval_s;
    }
    double expected = static_cast<double>(PeriodLength(period)) / (interval * 1000.0);
    for (const Aggregate& a : store::QueryAggregates(sql, site_id, factor, period,
                                                     PeriodStart(period, from), to)) {
      SeriesPoint p;
      p.t = a.start;
      p.value = a.average();
      p.min_value = a.min_value;
      p.max_value = a.max_value;
      p.count = a.count;
      p.valid_count = a.valid_count;
      p.coverage = expected > 0 ? std::min(1.0, static_cast<double>(a.valid_count) / expected) : 0;
      points.push_back(p);
    }
    return points;
  });
}

}  // namespace gl::monitoring
