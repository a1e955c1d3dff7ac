// Validates the Yuzhong demo district under data/demo: units, people, schematic
// subdistrict boundaries, monitored sites and their HJ 212 devices.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "greenloop/base/json.h"

namespace gl {
namespace {

namespace js = gl::json;

using Point = std::pair<double, double>;  // lon, lat
using Ring = std::vector<Point>;

js::value Load(const std::string& rel) {
  std::ifstream in(std::string(GL_SOURCE_DIR) + "/data/demo/" + rel, std::ios::binary);
  EXPECT_TRUE(in.good()) << rel;
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = ParseJson(ss.str());
  EXPECT_TRUE(r.ok()) << rel;
  return r.ok() ? *r : js::value();
}

std::string Str(const js::value& v) {
  return v.is_string() ? std::string(v.as_string()) : std::string();
}

double Num(const js::value& v) { return v.is_number() ? v.to_number<double>() : 0.0; }

Point ToPoint(const js::value& v) {
  const auto& a = v.as_array();
  return {Num(a.at(0)), Num(a.at(1))};
}

// Even-odd ray casting.
bool Inside(const Point& p, const Ring& ring) {
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const auto& [xi, yi] = ring[i];
    const auto& [xj, yj] = ring[j];
    if ((yi > p.second) != (yj > p.second)) {
      double xc = xi + (p.second - yi) * (xj - xi) / (yj - yi);
      if (p.first < xc) in = !in;
    }
  }
  return in;
}

struct Unit {
  std::string kind;
  std::string parent;  // empty for none
};

class DemoDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    units_doc_ = Load("units.json");
    people_doc_ = Load("people.json");
    geo_doc_ = Load("subdistricts.geojson");
    sites_doc_ = Load("sites.json");
    ASSERT_TRUE(units_doc_.is_object());
    ASSERT_TRUE(people_doc_.is_object());
    ASSERT_TRUE(geo_doc_.is_object());
    ASSERT_TRUE(sites_doc_.is_object());
    for (const auto& u : units_doc_.at("units").as_array()) {
      const auto& o = u.as_object();
      units_[Str(o.at("code"))] = Unit{Str(o.at("kind")), Str(o.at("parent"))};
    }
    for (const auto& f : geo_doc_.at("features").as_array()) {
      const auto& props = f.at("properties").as_object();
      const auto& geom = f.at("geometry").as_object();
      if (Str(geom.at("type")) != "Polygon") continue;
      Ring ring;
      for (const auto& p : geom.at("coordinates").as_array().at(0).as_array()) {
        ring.push_back(ToPoint(p));
      }
      polygons_.emplace_back(Str(props.at("code")), std::move(ring));
    }
  }

  const Ring* PolygonOf(const std::string& code) const {
    for (const auto& [c, r] : polygons_) {
      if (c == code) return &r;
    }
    return nullptr;
  }

  js::value units_doc_, people_doc_, geo_doc_, sites_doc_;
  std::map<std::string, Unit> units_;
  std::vector<std::pair<std::string, Ring>> polygons_;
};

// Rough centres from ../shared/reference/standards.json (yuzhong.subdistricts.list).
const std::map<std::string, Point> kCentres = {
    {"jfb", {106.577, 29.558}}, {"qxg", {106.562, 29.5565}}, {"llk", {106.545, 29.553}},
    {"sqs", {106.547, 29.562}}, {"cyb", {106.550, 29.546}},  {"nmj", {106.569, 29.550}},
    {"ctm", {106.584, 29.564}}, {"dxg", {106.556, 29.568}},  {"dp", {106.523, 29.542}},
    {"hlq", {106.515, 29.556}}, {"syl", {106.516, 29.537}},
};

TEST_F(DemoDataTest, UnitsFormTreeUnderTheDistrict) {
  const std::set<std::string> kinds = {"district", "department", "subdistrict", "enterprise"};
  std::set<std::string> seen;
  int districts = 0;
  for (const auto& u : units_doc_.at("units").as_array()) {
    const auto& o = u.as_object();
    std::string code = Str(o.at("code"));
    EXPECT_TRUE(seen.insert(code).second) << "duplicate unit " << code;
    EXPECT_TRUE(kinds.count(Str(o.at("kind")))) << code;
    EXPECT_FALSE(Str(o.at("name")).empty()) << code;
    EXPECT_FALSE(Str(o.at("name_en")).empty()) << code;
    const Unit& unit = units_.at(code);
    if (unit.kind == "district") {
      ++districts;
      EXPECT_TRUE(o.at("parent").is_null()) << code;
      continue;
    }
    ASSERT_TRUE(units_.count(unit.parent)) << code << " parent " << unit.parent;
    const std::string& pk = units_.at(unit.parent).kind;
    if (unit.kind == "enterprise") {
      EXPECT_EQ(pk, "subdistrict") << code;
    } else {
      EXPECT_EQ(pk, "district") << code;
    }
  }
  EXPECT_EQ(districts, 1);
  ASSERT_TRUE(units_.count("yz"));
  EXPECT_EQ(units_.at("yz").kind, "district");
  for (const char* d : {"drc", "eeb", "hcc", "cmb"}) {
    ASSERT_TRUE(units_.count(d)) << d;
    EXPECT_EQ(units_.at(d).kind, "department") << d;
  }
  for (const auto& [code, centre] : kCentres) {
    ASSERT_TRUE(units_.count(code)) << code;
    EXPECT_EQ(units_.at(code).kind, "subdistrict") << code;
  }
  int subdistricts = 0, enterprises = 0;
  for (const auto& [code, u] : units_) {
    subdistricts += u.kind == "subdistrict";
    enterprises += u.kind == "enterprise";
  }
  EXPECT_EQ(subdistricts, 11);
  EXPECT_GE(enterprises, 3);
}

TEST_F(DemoDataTest, PeopleResolveAndRequiredAccountsExist) {
  const std::set<std::string> roles = {"admin",       "leader",     "officer", "inspector",
                                       "river_chief", "enterprise", "citizen"};
  std::map<std::string, std::pair<std::string, std::set<std::string>>> people;
  for (const auto& p : people_doc_.at("people").as_array()) {
    const auto& o = p.as_object();
    std::string login = Str(o.at("login"));
    EXPECT_FALSE(Str(o.at("name")).empty()) << login;
    EXPECT_TRUE(o.contains("phone")) << login;
    EXPECT_FALSE(o.contains("password")) << login;
    std::string unit = Str(o.at("unit"));
    EXPECT_TRUE(units_.count(unit)) << login << " unit " << unit;
    std::set<std::string> rs;
    for (const auto& r : o.at("roles").as_array()) {
      EXPECT_TRUE(roles.count(Str(r))) << login << " role " << Str(r);
      rs.insert(Str(r));
    }
    EXPECT_FALSE(rs.empty()) << login;
    EXPECT_TRUE(people.emplace(login, std::make_pair(unit, rs)).second) << "duplicate " << login;
  }
  const std::vector<std::tuple<std::string, std::string, std::string>> required = {
      {"admin", "yz", "admin"},          {"eeb.leader", "eeb", "leader"},
      {"eeb.officer", "eeb", "officer"}, {"hlq.officer", "hlq", "officer"},
      {"syl.officer", "syl", "officer"}, {"inspector", "yz", "inspector"},
  };
  for (const auto& [login, unit, role] : required) {
    ASSERT_TRUE(people.count(login)) << login;
    EXPECT_EQ(people.at(login).first, unit) << login;
    EXPECT_TRUE(people.at(login).second.count(role)) << login;
  }
  ASSERT_TRUE(people.count("enterprise"));
  EXPECT_EQ(units_.at(people.at("enterprise").first).kind, "enterprise");
  EXPECT_TRUE(people.at("enterprise").second.count("enterprise"));
}

TEST_F(DemoDataTest, EverySubdistrictHasOneSchematicPolygonAroundItsCentre) {
  EXPECT_EQ(Str(geo_doc_.at("type")), "FeatureCollection");
  EXPECT_NE(Str(geo_doc_.at("note")).find("schematic"), std::string::npos);
  std::map<std::string, int> count;
  for (const auto& f : geo_doc_.at("features").as_array()) {
    const auto& props = f.at("properties").as_object();
    std::string code = Str(props.at("code"));
    ++count[code];
    EXPECT_EQ(Str(f.at("geometry").at("type")), "Polygon") << code;
    EXPECT_TRUE(props.at("schematic").as_bool()) << code;
    EXPECT_NE(Str(props.at("note")).find("schematic"), std::string::npos) << code;
    EXPECT_FALSE(Str(props.at("name")).empty()) << code;
    EXPECT_FALSE(Str(props.at("name_en")).empty()) << code;
    ASSERT_TRUE(units_.count(code)) << code;
    EXPECT_EQ(units_.at(code).kind, "subdistrict") << code;
  }
  for (const auto& [code, u] : units_) {
    if (u.kind == "subdistrict") {
      EXPECT_EQ(count[code], 1) << code;
    }
  }
  for (const auto& [code, ring] : polygons_) {
    ASSERT_GE(ring.size(), 4u) << code;
    EXPECT_EQ(ring.front(), ring.back()) << code << " ring not closed";
  }
  for (const auto& [code, centre] : kCentres) {
    for (const auto& [other, ring] : polygons_) {
      EXPECT_EQ(Inside(centre, ring), other == code) << "centre of " << code << " vs " << other;
    }
  }
}

TEST_F(DemoDataTest, PolygonsDoNotOverlapAndTileThePeninsula) {
  double min_lon = 1e9, max_lon = -1e9, min_lat = 1e9, max_lat = -1e9;
  for (const auto& [code, ring] : polygons_) {
    for (const auto& [lon, lat] : ring) {
      min_lon = std::min(min_lon, lon);
      max_lon = std::max(max_lon, lon);
      min_lat = std::min(min_lat, lat);
      max_lat = std::max(max_lat, lat);
    }
  }
  // The peninsula runs west-east: much wider than tall.
  EXPECT_GT(max_lon - min_lon, 2 * (max_lat - min_lat));
  int covered = 0;
  const int n = 200;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      Point p{min_lon + (max_lon - min_lon) * (i + 0.5) / n,
              min_lat + (max_lat - min_lat) * (j + 0.5) / n};
      int hits = 0;
      for (const auto& [code, ring] : polygons_) hits += Inside(p, ring);
      EXPECT_LE(hits, 1) << "overlap at " << p.first << "," << p.second;
      covered += hits;
    }
  }
  EXPECT_GT(covered, n * n / 3);
}

bool IsUpperHex(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || (c >= 'A' && c <= 'F');
  });
}

bool IsDigits(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

TEST_F(DemoDataTest, SitesAndDevicesAreConsistent) {
  // HJ 212-2017 Appendix B codes used by the demo, a05024 (O3, used in the field), and the
  // platform-local cooking-fume codes (HJ 212 defines none for cooking fume).
  const std::set<std::string> factors = {
      "a34004", "a34002", "a34001", "a21026", "a21004",  "a21005",   "a05024",  "a01001",
      "a01002", "a01006", "a01007", "a01008", "w01001",  "w01009",   "w01010",  "w01014",
      "w01018", "w01019", "w21001", "w21003", "w21011",  "w00000",   "LA",      "Leq",
      "L10",    "L50",    "L90",    "LMx",    "gl_fume", "gl_fan_i", "gl_pur_i"};
  const std::set<std::string> kinds = {"restaurant", "construction", "water_section", "air_station",
                                       "industrial"};
  const std::set<std::string> classes = {"I", "II", "III", "IV", "V"};
  std::set<std::string> codes, mns;
  std::map<std::string, int> devices_by_kind, protocols, crcs;
  int devices = 0;
  for (const auto& s : sites_doc_.at("sites").as_array()) {
    const auto& o = s.as_object();
    std::string code = Str(o.at("code"));
    EXPECT_TRUE(codes.insert(code).second) << "duplicate site " << code;
    std::string kind = Str(o.at("kind"));
    EXPECT_TRUE(kinds.count(kind)) << code;
    EXPECT_FALSE(Str(o.at("name")).empty()) << code;
    EXPECT_FALSE(Str(o.at("name_en")).empty()) << code;
    std::string sub = Str(o.at("subdistrict"));
    ASSERT_TRUE(units_.count(sub)) << code;
    EXPECT_EQ(units_.at(sub).kind, "subdistrict") << code;
    std::string dept = Str(o.at("department"));
    ASSERT_TRUE(units_.count(dept)) << code;
    EXPECT_EQ(units_.at(dept).kind, "department") << code;
    if (o.contains("enterprise") && !o.at("enterprise").is_null()) {
      std::string ent = Str(o.at("enterprise"));
      ASSERT_TRUE(units_.count(ent)) << code << " enterprise " << ent;
      EXPECT_EQ(units_.at(ent).kind, "enterprise") << code;
    }
    const Ring* ring = PolygonOf(sub);
    ASSERT_NE(ring, nullptr) << code;
    EXPECT_TRUE(Inside(ToPoint(o.at("location")), *ring)) << code << " outside " << sub;
    const auto& attrs = o.at("attributes").as_object();
    if (kind == "water_section") {
      EXPECT_TRUE(classes.count(Str(attrs.at("water_target_class")))) << code;
    }
    if (kind == "restaurant") {
      EXPECT_EQ(Str(attrs.at("fume_standard")), "DB50/859-2018");
    }
    if (kind == "air_station") {
      EXPECT_EQ(Str(attrs.at("air_grade")), "2");
    }
    const auto& devs = o.at("devices").as_array();
    EXPECT_FALSE(devs.empty()) << code;
    for (const auto& d : devs) {
      ++devices;
      ++devices_by_kind[kind];
      const auto& dv = d.as_object();
      std::string mn = Str(dv.at("mn"));
      std::string protocol = Str(dv.at("protocol"));
      ++protocols[protocol];
      ++crcs[Str(dv.at("crc"))];
      EXPECT_TRUE(mns.insert(mn).second) << "duplicate MN " << mn;
      if (protocol == "2005") {
        // HJ/T 212-2005: 7 digits of the maker's organisation code + 7-digit serial.
        EXPECT_EQ(mn.size(), 14u) << mn;
        EXPECT_TRUE(IsDigits(mn)) << mn;
      } else {
        EXPECT_TRUE(protocol == "2017" || protocol == "2025") << code << " " << protocol;
        // HJ 212-2017: 24 hex digits from an EPC-96 code.
        EXPECT_EQ(mn.size(), 24u) << mn;
        EXPECT_TRUE(IsUpperHex(mn)) << mn;
      }
      std::string pw = Str(dv.at("pw"));
      EXPECT_EQ(pw.size(), 6u) << mn;
      EXPECT_TRUE(std::all_of(pw.begin(), pw.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c));
      })) << mn;
      std::string crc = Str(dv.at("crc"));
      EXPECT_TRUE(crc == "strict" || crc == "modbus_swapped") << mn;
      EXPECT_EQ(Str(dv.at("st")).size(), 2u) << mn;
      EXPECT_GT(dv.at("interval_s").to_number<std::int64_t>(), 0) << mn;
      std::set<std::string> fs;
      for (const auto& f : dv.at("factors").as_array()) {
        EXPECT_TRUE(factors.count(Str(f))) << mn << " factor " << Str(f);
        EXPECT_TRUE(fs.insert(Str(f)).second) << mn << " repeats " << Str(f);
      }
      EXPECT_FALSE(fs.empty()) << mn;
    }
  }
  EXPECT_GE(devices, 150);
  EXPECT_LE(devices, 250);
  for (const auto& k : kinds) EXPECT_GT(devices_by_kind[k], 0) << k;
  EXPECT_GT(protocols["2005"], 0);
  EXPECT_GT(protocols["2025"], 0);
  EXPECT_EQ(crcs["modbus_swapped"], 1);
}

}  // namespace
}  // namespace gl
