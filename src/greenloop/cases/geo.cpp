#include "greenloop/cases/geo.h"

namespace gl::cases {
namespace {

bool InRing(const std::vector<GeoPoint>& ring, const GeoPoint& p) {
  bool inside = false;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const GeoPoint& a = ring[i];
    const GeoPoint& b = ring[j];
    if ((a.lat > p.lat) != (b.lat > p.lat) &&
        p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon) {
      inside = !inside;
    }
  }
  return inside;
}

Result<std::vector<GeoPoint>> ParseRing(const json::value& v) {
  std::vector<GeoPoint> ring;
  if (!v.is_array()) return Error::InvalidArgument("geometry", "环应为坐标数组");
  for (const auto& pt : v.as_array()) {
    if (!pt.is_array() || pt.as_array().size() < 2 || !pt.as_array()[0].is_number() ||
        !pt.as_array()[1].is_number()) {
      return Error::InvalidArgument("geometry", "坐标应为 [经度, 纬度]");
    }
    ring.push_back(
        GeoPoint{pt.as_array()[0].to_number<double>(), pt.as_array()[1].to_number<double>()});
  }
  if (ring.size() < 3) return Error::InvalidArgument("geometry", "环至少有 3 个点");
  return ring;
}

}  // namespace

Result<SubdistrictLocator> SubdistrictLocator::FromGeoJson(const std::string& text) {
  GL_ASSIGN_OR_RETURN(json::object root, ParseJsonObject(text));
  const auto* features = root.if_contains("features");
  if (features == nullptr || !features->is_array()) {
    return Error::InvalidArgument("features", "应为 GeoJSON FeatureCollection");
  }
  SubdistrictLocator loc;
  for (const auto& f : features->as_array()) {
    if (!f.is_object()) continue;
    const auto* props = f.as_object().if_contains("properties");
    const auto* geom = f.as_object().if_contains("geometry");
    if (!props || !props->is_object() || !geom || !geom->is_object()) continue;
    const auto* code = props->as_object().if_contains("code");
    const auto* type = geom->as_object().if_contains("type");
    const auto* coords = geom->as_object().if_contains("coordinates");
    if (!code || !code->is_string() || !type || !type->is_string() || !coords ||
        !coords->is_array()) {
      return Error::InvalidArgument("features", "每个要素需要 code、type 和 coordinates");
    }
    Area area{std::string(code->as_string()), {}};
    std::vector<const json::array*> polys;
    if (type->as_string() == "Polygon") {
      polys.push_back(&coords->as_array());
    } else if (type->as_string() == "MultiPolygon") {
      for (const auto& p : coords->as_array()) {
        if (p.is_array()) polys.push_back(&p.as_array());
      }
    } else {
      continue;
    }
    for (const json::array* poly : polys) {
      std::vector<Ring> rings;
      for (const auto& r : *poly) {
        GL_ASSIGN_OR_RETURN(Ring ring, ParseRing(r));
        rings.push_back(std::move(ring));
      }
      if (!rings.empty()) area.polygons.push_back(std::move(rings));
    }
    loc.areas_.push_back(std::move(area));
  }
  return loc;
}

std::string SubdistrictLocator::Locate(const GeoPoint& p) const {
  for (const auto& area : areas_) {
    for (const auto& poly : area.polygons) {
      if (!InRing(poly[0], p)) continue;
      bool in_hole = false;
      for (size_t i = 1; i < poly.size(); ++i) in_hole = in_hole || InRing(poly[i], p);
      if (!in_hole) return area.code;
    }
  }
  return {};
}

}  // namespace gl::cases
