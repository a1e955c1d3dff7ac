// greenloop/standards/calc.h
//
// Contract: the request-shaped entry points behind POST /api/v1/calc/{aqi,
// water-class,noise}. An API handler copies the JSON body into one of these
// structs (numbers as double, numeric strings as std::string), calls the function
// and encodes the result; every bad input comes back as invalid_argument whose
// field() is the JSON key to name in the 400 answer. Pure: no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>

#include "greenloop/base/error.h"
#include "greenloop/standards/aqi.h"
#include "greenloop/standards/decimal.h"
#include "greenloop/standards/noise.h"
#include "greenloop/standards/water.h"

namespace gl::standards {

// A JSON number or a numeric string ("35.5"); strings keep their exact decimal.
using RawNumber = std::variant<double, std::string>;
Result<Decimal> ToDecimal(const RawNumber& raw, std::string_view field);
Result<std::map<std::string, Decimal>> ToDecimals(const std::map<std::string, RawNumber>& raw);

// {"report":"daily"|"hourly","edition":"2012"|"2026"|null,"date":"2026-11-29",<key>:<value>...}
struct AqiRequest {
  std::string report;                  // field "report"
  std::optional<std::string> edition;  // null: the edition in force on `date`
  std::string date;                    // "YYYY-MM-DD", Asia/Shanghai; field "date"
  std::map<std::string, RawNumber> values;
};
Result<AqiResult> CalcAqi(const AqiRequest& req);

// {"waterbody":"river"|"lake","target":"III"?,"values":{...}}
struct WaterRequest {
  std::string waterbody;              // field "waterbody"
  std::optional<std::string> target;  // field "target"; absent: no compliance part
  std::map<std::string, RawNumber> values;
};
// With no target, `meets` is true and `exceedances` empty; `target` is then V.
Result<WaterCompliance> CalcWaterClass(const WaterRequest& req);

// {"standard":"GB12523"|"GB3096"|"GB12348"|"GB22337","zone":"2","period":"day"|"night",
//  "leq":..,"lmax":..?,"indoor":false?,"lmax_kind":"frequent"|"sporadic"?}
struct NoiseRequest {
  std::string standard;
  std::string zone;
  std::string period;
  std::optional<RawNumber> leq;  // required; field "leq"
  std::optional<RawNumber> lmax;
  bool indoor = false;
  std::optional<std::string> lmax_kind;
};
Result<NoiseEvaluation> CalcNoise(const NoiseRequest& req);

}  // namespace gl::standards
