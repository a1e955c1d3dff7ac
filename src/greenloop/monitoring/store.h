// greenloop/monitoring/store.h
//
// SQL for sites, devices, readings and aggregates. Every function runs on the
// session it is given (the caller owns the transaction) and lets SOCI's
// exceptions through to Database::Run/RunInTransaction. Find* return nullopt when
// there is no such row. No permission checks: that is the service's job.
#pragma once

#include <soci/soci.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "greenloop/monitoring/model.h"

namespace gl::monitoring::store {

// --- sites
void InsertSite(soci::session& sql, const Site& site);
void UpdateSite(soci::session& sql, const Site& site);
std::optional<Site> FindSite(soci::session& sql, Id id);
std::optional<Site> FindSiteByCode(soci::session& sql, const std::string& code);
long long CountSites(soci::session& sql);

struct SiteFilter {
  std::string scope_prefix = "/";  // unit path prefix: subdistrict, department or enterprise
  std::string kind;
  std::optional<Id> subdistrict_id;
  std::string text_contains;
  bool include_inactive = false;
};
std::vector<Site> ListSites(soci::session& sql, const SiteFilter& filter, int offset, int limit,
                            long long& total);

// --- devices
void InsertDevice(soci::session& sql, const Device& device);
void UpdateDevice(soci::session& sql, const Device& device);
std::optional<Device> FindDevice(soci::session& sql, Id id);
std::optional<Device> FindDeviceByMn(soci::session& sql, const std::string& mn);
// Devices of one site, or (site_id = nullopt) of every site in scope.
std::vector<Device> ListDevices(soci::session& sql, std::optional<Id> site_id,
                                const std::string& scope_prefix, int offset, int limit,
                                long long& total);
std::vector<Device> AllActiveDevices(soci::session& sql);
// The devices of the given sites (for list pages that show device state).
std::vector<Device> DevicesOfSites(soci::session& sql, const std::vector<Id>& site_ids);
void TouchDevices(soci::session& sql, const std::map<Id, TimeMs>& last_seen);

// --- readings
// Inserts readings; a reading already stored under (t, device, factor, kind) is left
// as it is. Returns, for each input, whether it was newly stored.
std::vector<bool> InsertReadings(soci::session& sql, const std::vector<Reading>& readings,
                                 TimeMs received_at);
std::vector<Reading> QueryReadings(soci::session& sql, const std::vector<Id>& device_ids,
                                   const std::string& factor, ReadingKind kind, TimeMs from,
                                   TimeMs to, int limit);

// --- aggregates
// Adds deltas (count, valid_count, sum, min, max) to the stored aggregates.
void AddToAggregates(soci::session& sql, const std::vector<Aggregate>& deltas, TimeMs now);
std::vector<Aggregate> QueryAggregates(soci::session& sql, Id site_id, const std::string& factor,
                                       Period period, TimeMs from, TimeMs to);

}  // namespace gl::monitoring::store
