// greenloop/gateway/registry.h
//
// The devices the gateway accepts, by MN, cached in memory from the database.
// Lookup() answers from the cache and, on a miss, asks the database once, so a
// device registered through another node is accepted without a restart.
// Reload() refreshes everything (called when devices change). Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "greenloop/base/error.h"
#include "greenloop/db/database.h"
#include "greenloop/hj212/crc.h"

namespace gl::gateway {

struct DeviceEntry {
  std::int64_t id = 0;
  std::int64_t site_id = 0;
  std::string mn;
  std::string pw;
  int interval_s = 60;
  std::string st;                            // system code, echoed in requests to the device
  std::string protocol;                      // "2005", "2017", "2025"
  std::optional<std::int64_t> last_seen_at;  // as loaded; the writer keeps the database current
  // The non-standard CRC this device is allowed to use, if any.
  std::optional<hj212::CrcVariant> extra_crc;
};

class DeviceRegistry {
 public:
  explicit DeviceRegistry(db::Database& db) : db_(db) {}

  Status Reload();
  std::optional<DeviceEntry> Lookup(const std::string& mn);
  size_t size() const;
  // When the device was last heard from, read from the database (nullopt: never).
  std::optional<std::int64_t> LastSeen(std::int64_t device_id);

 private:
  db::Database& db_;
  mutable std::mutex mutex_;
  std::map<std::string, DeviceEntry, std::less<>> by_mn_;
};

}  // namespace gl::gateway
