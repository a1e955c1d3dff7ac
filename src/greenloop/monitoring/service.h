// greenloop/monitoring/service.h
//
// Sites, devices and their data. Every call checks the actor first: a site is
// visible to the people of its subdistrict, of its supervising department, of the
// enterprise that runs it, and to district-wide roles; another unit's site by id
// reads as not found. Sites and devices are created and changed by admins.
// Errors: kNotFound, kForbidden, kInvalidArgument (with field), kConflict.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/db/database.h"
#include "greenloop/monitoring/model.h"
#include "greenloop/monitoring/store.h"
#include "greenloop/org/model.h"

namespace gl::monitoring {

struct SiteInput {
  std::optional<std::string> code, kind, name, name_en;
  std::optional<Id> subdistrict_id;
  std::optional<std::optional<Id>> department_id, enterprise_id;
  std::optional<std::optional<double>> lon, lat;
  std::optional<json::object> attributes;
  std::optional<bool> active;
};

struct DeviceInput {
  std::optional<Id> site_id;
  std::optional<std::string> mn, pw, protocol, st, crc;
  std::optional<int> interval_s;
  std::optional<std::vector<std::string>> factors;
  std::optional<bool> active;
};

struct SeriesPoint {
  TimeMs t = 0;
  std::optional<double> value, min_value, max_value;
  std::string text_value;     // raw and minute data: as sent
  std::string flag;
  long long count = 0, valid_count = 0;  // hour and day data
  double coverage = 0;        // hour and day: valid readings / expected readings
};

class MonitoringService {
 public:
  explicit MonitoringService(db::Database& db) : db_(db) {}

  Result<std::vector<Site>> ListSites(const org::Actor& actor, store::SiteFilter filter,
                                      int offset, int limit, long long& total);
  Result<Site> GetSite(const org::Actor& actor, Id id);
  // The devices of sites the caller already listed (no further permission check).
  Result<std::vector<Device>> DevicesOfSites(const std::vector<Id>& site_ids);
  Result<std::vector<Device>> ListDevices(const org::Actor& actor, std::optional<Id> site_id,
                                          int offset, int limit, long long& total);
  Result<Site> CreateSite(const org::Actor& actor, const SiteInput& input);
  Result<Site> UpdateSite(const org::Actor& actor, Id id, const SiteInput& input);
  Result<Device> CreateDevice(const org::Actor& actor, const DeviceInput& input);
  Result<Device> UpdateDevice(const org::Actor& actor, Id id, const DeviceInput& input);

  // kind: raw, minute (stored as sent), hour, day (aggregates of the raw data).
  // At most 10,000 points; [from, to) at most 31 days for raw and minute data.
  Result<std::vector<SeriesPoint>> Series(const org::Actor& actor, Id site_id,
                                          const std::string& factor, const std::string& kind,
                                          TimeMs from, TimeMs to);

  // Called after a device is created or changed (the gateway's registry listens).
  void OnDevicesChanged(std::function<void()> listener) { devices_changed_ = std::move(listener); }

 private:
  db::Database& db_;
  std::function<void()> devices_changed_;
};

// Whether the actor may see this site.
bool CanSeeSite(const org::Actor& actor, const Site& site);

}  // namespace gl::monitoring
