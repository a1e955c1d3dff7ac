#include "greenloop/simulator/sites.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "greenloop/base/json.h"

namespace gl::simulator {
namespace {

SiteKind SiteKindFromName(std::string_view name) {
  if (name == "restaurant") return SiteKind::kRestaurant;
  if (name == "construction") return SiteKind::kConstruction;
  if (name == "water_section") return SiteKind::kWaterSection;
  if (name == "air_station") return SiteKind::kAirStation;
  if (name == "industrial") return SiteKind::kIndustrial;
  return SiteKind::kOther;
}

Result<hj212::Version> VersionFromName(std::string_view name, const std::string& field) {
  if (name == "2005") return hj212::Version::k2005;
  if (name == "2017") return hj212::Version::k2017;
  if (name == "2025") return hj212::Version::k2025;
  return Error::InvalidArgument(field, fmt::format("unknown protocol \"{}\"", name));
}

Result<hj212::CrcVariant> CrcFromName(std::string_view name, const std::string& field) {
  // sites.json says "strict" for the standard's CRC; the codec calls it "hj212".
  if (name == "strict") return hj212::CrcVariant::kHj212;
  if (auto v = hj212::CrcVariantFromName(name)) return *v;
  return Error::InvalidArgument(field, fmt::format("unknown crc \"{}\"", name));
}

Result<DeviceSpec> ParseDevice(const json::object& site, const json::object& dev,
                               const std::string& where) {
  DeviceSpec d;
  GL_ASSIGN_OR_RETURN(d.site_code, GetString(site, "code"));
  GL_ASSIGN_OR_RETURN(std::string kind, GetString(site, "kind"));
  d.site_kind = SiteKindFromName(kind);
  GL_ASSIGN_OR_RETURN(d.mn, GetString(dev, "mn"));
  GL_ASSIGN_OR_RETURN(d.pw, GetString(dev, "pw"));
  GL_ASSIGN_OR_RETURN(d.st, GetString(dev, "st"));
  GL_ASSIGN_OR_RETURN(std::string protocol, GetString(dev, "protocol"));
  GL_ASSIGN_OR_RETURN(d.version, VersionFromName(protocol, where + ".protocol"));
  GL_ASSIGN_OR_RETURN(auto crc, GetOptionalString(dev, "crc"));
  GL_ASSIGN_OR_RETURN(d.crc, CrcFromName(crc.value_or("strict"), where + ".crc"));
  GL_ASSIGN_OR_RETURN(std::int64_t interval, GetInt(dev, "interval_s"));
  if (interval < 1 || interval > 86400) {
    return Error::InvalidArgument(where + ".interval_s", "interval_s must be 1..86400");
  }
  d.interval_s = static_cast<int>(interval);
  const json::value* factors = dev.if_contains("factors");
  if (factors == nullptr || !factors->is_array() || factors->as_array().empty()) {
    return Error::InvalidArgument(where + ".factors", "factors must be a non-empty array");
  }
  for (const json::value& f : factors->as_array()) {
    if (!f.is_string())
      return Error::InvalidArgument(where + ".factors", "factor codes are strings");
    d.factors.emplace_back(f.as_string());
  }
  if (d.mn.empty()) return Error::InvalidArgument(where + ".mn", "empty MN");
  d.key = HashText(d.mn);
  return d;
}

}  // namespace

std::uint64_t HashText(std::string_view text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

Result<std::vector<DeviceSpec>> ParseSites(std::string_view json_text) {
  GL_ASSIGN_OR_RETURN(json::object root, ParseJsonObject(json_text));
  const json::value* sites = root.if_contains("sites");
  if (sites == nullptr || !sites->is_array()) {
    return Error::InvalidArgument("sites", "expected {\"sites\":[...]}");
  }
  std::vector<DeviceSpec> out;
  std::size_t si = 0;
  for (const json::value& s : sites->as_array()) {
    const std::string where = fmt::format("sites[{}]", si++);
    if (!s.is_object()) return Error::InvalidArgument(where, "a site is an object");
    const json::value* devices = s.as_object().if_contains("devices");
    if (devices == nullptr || !devices->is_array()) continue;  // a site without loggers
    std::size_t di = 0;
    for (const json::value& dv : devices->as_array()) {
      const std::string dwhere = fmt::format("{}.devices[{}]", where, di++);
      if (!dv.is_object()) return Error::InvalidArgument(dwhere, "a device is an object");
      GL_ASSIGN_OR_RETURN(DeviceSpec d, ParseDevice(s.as_object(), dv.as_object(), dwhere));
      out.push_back(std::move(d));
    }
  }
  if (out.empty()) return Error::InvalidArgument("sites", "no devices");
  return out;
}

Result<std::vector<DeviceSpec>> LoadSites(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::NotFound(fmt::format("cannot read sites file {}", path));
  std::ostringstream text;
  text << in.rdbuf();
  return ParseSites(text.str());
}

std::vector<DeviceSpec> MakeFleet(const std::vector<DeviceSpec>& devices, int count) {
  if (count <= 0 || static_cast<std::size_t>(count) <= devices.size()) {
    const std::size_t n = count <= 0 ? devices.size() : static_cast<std::size_t>(count);
    return std::vector<DeviceSpec>(devices.begin(), devices.begin() + static_cast<long>(n));
  }
  std::vector<DeviceSpec> out = devices;
  out.reserve(static_cast<std::size_t>(count));
  for (int clone = 1; out.size() < static_cast<std::size_t>(count); ++clone) {
    for (const DeviceSpec& base : devices) {
      if (out.size() >= static_cast<std::size_t>(count)) break;
      DeviceSpec d = base;
      const int n =
          clone * static_cast<int>(devices.size()) + static_cast<int>(&base - devices.data());
      if (d.mn.size() == 14) {
        // 2005 form: 7-digit organisation suffix + 7-digit serial; clones use 9xxxxxx.
        d.mn = d.mn.substr(0, 7) + fmt::format("{:07d}", 9000000 + n % 1000000);
      } else if (d.mn.size() >= 9) {
        // 2017 form: the last 9 hex digits are the serial; clones use Exxxxxxxx.
        d.mn = d.mn.substr(0, d.mn.size() - 9) + fmt::format("E{:08X}", n);
      } else {
        d.mn += fmt::format("C{}", n);
      }
      d.key = HashText(d.mn);
      out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace gl::simulator
