// greenloop/simulator/sites.h
//
// The simulated data loggers: one DeviceSpec per HJ 212 device of the demo
// district (data/demo/sites.json, see data/demo/README.md), with the MN, PW,
// system code (ST), protocol edition, CRC variant, reporting interval and factor
// codes the real logger would use. Pure: parsing only, no sockets.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/hj212/crc.h"
#include "greenloop/hj212/model.h"

namespace gl::simulator {

// What the monitored site is; it shapes the values (a restaurant's mealtimes, a
// building site's working hours).
enum class SiteKind { kRestaurant, kConstruction, kWaterSection, kAirStation, kIndustrial, kOther };

struct DeviceSpec {
  std::string site_code;  // "rst-jfb-001"
  SiteKind site_kind = SiteKind::kOther;
  std::string mn;  // 24 hex digits (2017/2025 form) or 14 digits (2005 form)
  std::string pw;
  std::string st;  // HJ 212 system code, "31" fume, "36" noise, "39" dust, ...
  hj212::Version version = hj212::Version::k2017;
  hj212::CrcVariant crc = hj212::CrcVariant::kHj212;
  int interval_s = 60;               // real-time (2011) reporting interval
  std::vector<std::string> factors;  // factor codes in the order the logger sends them
  std::uint64_t key = 0;             // hash of the MN: seeds this device's randomness

  // True for HJ 212-2017/2025 loggers, which set the A bit on uploads and expect a
  // 9014; HJ/T 212-2005 uploads carry no QN or Flag and get no answer.
  bool acknowledged_uploads() const { return version != hj212::Version::k2005; }
};

// Parses the sites.json document (the whole text). Returns every device in file
// order, or kInvalidArgument naming the first bad site/device field (unknown
// protocol or CRC name, missing MN, no factors, interval out of 1..86400).
Result<std::vector<DeviceSpec>> ParseSites(std::string_view json_text);

// Reads and parses a sites.json file; kNotFound if it cannot be read.
Result<std::vector<DeviceSpec>> LoadSites(const std::string& path);

// The fleet to simulate: the first `count` devices of `devices`; when `count` is
// larger, the list is repeated with clones that get made-up MNs (the serial part
// replaced, so they stay unique and keep their form). Clones are unknown to the
// platform's registry unless registered there: they are meant for load tests.
// count <= 0 means all devices. `devices` must not be empty.
std::vector<DeviceSpec> MakeFleet(const std::vector<DeviceSpec>& devices, int count);

// The stable 64-bit hash used for per-device randomness (FNV-1a).
std::uint64_t HashText(std::string_view text);

}  // namespace gl::simulator
