// greenloop/cases/geo.h
//
// Which subdistrict a point lies in, from the district's subdistrict polygons
// (data/demo/subdistricts.geojson: schematic boundaries, not surveyed). Pure.
#pragma once

#include <string>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/cases/model.h"

namespace gl::cases {

class SubdistrictLocator {
 public:
  // A FeatureCollection of Polygon / MultiPolygon features with a "code" property;
  // kInvalidArgument when it is not one.
  static Result<SubdistrictLocator> FromGeoJson(const std::string& text);
  // The code of the subdistrict containing the point (even-odd rule, holes
  // respected), or "" when none does.
  std::string Locate(const GeoPoint& p) const;
  size_t size() const { return areas_.size(); }

 private:
  using Ring = std::vector<GeoPoint>;
  struct Area {
    std::string code;
    std::vector<std::vector<Ring>> polygons;  // each: outer ring, then holes
  };
  std::vector<Area> areas_;
};

}  // namespace gl::cases
