#include "greenloop/gateway/registry.h"

#include "greenloop/monitoring/store.h"

namespace gl::gateway {

namespace {
DeviceEntry EntryOf(const monitoring::Device& d) {
  DeviceEntry e;
  e.id = d.id;
  e.site_id = d.site_id;
  e.mn = d.mn;
  e.pw = d.pw;
  e.interval_s = d.interval_s;
  e.st = d.st;
  e.protocol = d.protocol;
  e.last_seen_at = d.last_seen_at;
  if (d.crc != "strict") e.extra_crc = hj212::CrcVariantFromName(d.crc);
  return e;
}
}  // namespace

Status DeviceRegistry::Reload() {
  std::map<std::string, DeviceEntry, std::less<>> fresh;
  GL_RETURN_IF_ERROR(db_.Run([&](soci::session& sql) {
    for (const auto& d : monitoring::store::AllActiveDevices(sql)) fresh[d.mn] = EntryOf(d);
    return Status::Ok();
  }));
  std::lock_guard lock(mutex_);
  by_mn_ = std::move(fresh);
  return Status::Ok();
}

std::optional<std::int64_t> DeviceRegistry::LastSeen(std::int64_t device_id) {
  std::optional<std::int64_t> out;
  (void)db_.Run([&](soci::session& sql) {
    if (auto d = monitoring::store::FindDevice(sql, device_id)) out = d->last_seen_at;
    return Status::Ok();
  });
  return out;
}

std::optional<DeviceEntry> DeviceRegistry::Lookup(const std::string& mn) {
  {
    std::lock_guard lock(mutex_);
    auto it = by_mn_.find(mn);
    if (it != by_mn_.end()) return it->second;
  }
  std::optional<monitoring::Device> found;
  Status s = db_.Run([&](soci::session& sql) {
    found = monitoring::store::FindDeviceByMn(sql, mn);
    return Status::Ok();
  });
  if (!s.ok() || !found || !found->active) return std::nullopt;
  DeviceEntry e = EntryOf(*found);
  std::lock_guard lock(mutex_);
  by_mn_[mn] = e;
  return e;
}

size_t DeviceRegistry::size() const {
  std::lock_guard lock(mutex_);
  return by_mn_.size();
}

}  // namespace gl::gateway
