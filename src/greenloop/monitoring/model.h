// greenloop/monitoring/model.h
//
// Monitored sites, their devices, readings and aggregates: plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "greenloop/base/id.h"
#include "greenloop/base/json.h"
#include "greenloop/base/time.h"

namespace gl::monitoring {

// restaurant, construction, water_section, air_station, industrial
bool IsKnownSiteKind(std::string_view kind);

struct Site {
  Id id = 0;
  std::string code;
  std::string kind;
  std::string name;
  std::string name_en;
  Id subdistrict_id = 0;
  std::optional<Id> department_id;
  std::optional<Id> enterprise_id;
  std::optional<double> lon, lat;
  json::object attributes;
  bool active = true;
  TimeMs created_at = 0, updated_at = 0;
  // Filled on reads: the unit paths that decide who may see the site.
  std::string subdistrict_path, department_path, enterprise_path;
};

struct Device {
  Id id = 0;
  Id site_id = 0;
  std::string mn;
  std::string pw;
  std::string protocol;   // "2005", "2017", "2025"
  std::string st;         // system code the device sends
  int interval_s = 60;    // expected real-time reporting interval
  std::string crc = "strict";  // or a named variant, e.g. "modbus_swapped"
  std::vector<std::string> factors;
  bool active = true;
  std::optional<TimeMs> last_seen_at;
  TimeMs created_at = 0, updated_at = 0;

  // Online when heard from within three reporting intervals (and at least 3 minutes).
  bool Online(TimeMs now) const;
};

enum class ReadingKind { kRealtime = 0, kMinute = 1, kHour = 2, kDay = 3 };
std::string_view ReadingKindName(ReadingKind kind);

struct Reading {
  TimeMs t = 0;  // the data time, UTC
  Id device_id = 0;
  std::string factor;  // HJ 212 code as sent (vendor codes kept)
  ReadingKind kind = ReadingKind::kRealtime;
  std::optional<double> value;  // Rtd or Avg; nullopt when not a number
  std::optional<double> min_value, max_value;
  std::string text_value;  // exactly as sent
  std::string flag;        // as sent; empty when none
};

// Aggregation periods: hours, and days in Asia/Shanghai.
enum class Period { kHour = 1, kDay = 2 };

struct Aggregate {
  Id site_id = 0;
  std::string factor;
  Period period = Period::kHour;
  TimeMs start = 0;
  long long count = 0;
  long long valid_count = 0;
  double sum = 0;
  std::optional<double> min_value, max_value;

  std::optional<double> average() const {
    if (valid_count == 0) return std::nullopt;
    return sum / static_cast<double>(valid_count);
  }
};

}  // namespace gl::monitoring
