// greenloop/standards/factors.h
//
// Contract: the one factor catalogue of GreenLoop. It ties the platform's short
// names ("pm25", "nh3n", "noise") to HJ 212 factor codes ("a34004", "w21003", "LA"),
// names in Chinese and English, and units. Shared by the gateway (code -> factor),
// the monitoring store and the standards library (short names = the keys of
// aqi.h / water.h).
//
//   - Codes come from HJ 212-2017 Appendix B (shared/reference/hj212.md §3).
//     `code_status` says where a code that is NOT in that table comes from:
//     a05024 (O3) is field practice; gl_* codes are platform-local for cooking fume,
//     which has no HJ 212 code (do not invent one elsewhere).
//   - `unit` is the unit the platform stores and the standards take. Where HJ 212
//     prints another default unit, `hj212_unit` holds it (PM: printed "ng/m³",
//     which field devices do not use; SO2/NO2 "mg/m³" is the source-monitoring
//     unit, ambient stations report µg/m³; Cr(VI)/Hg "µg/L" vs GB 3838's mg/L).
//     Converting a device's unit is the gateway's configuration, not done here.
//   - `min`/`max`: a definitional valid range (a mass concentration is never
//     negative, humidity 0-100 %, wind direction 0-360°, pH 0-14); the reference
//     gives no instrument ranges, so none are invented.
//   - Lookups return nullptr when the name or code is unknown. Code lookup ignores
//     ASCII case ("A34004" finds a34004).
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "greenloop/base/error.h"
#include "greenloop/standards/decimal.h"

namespace gl::standards {

enum class FactorKind { kAir, kMeteorology, kWater, kNoise, kFume, kSource };
enum class CodeStatus {
  kHj212_2017,     // in HJ 212-2017 Appendix B
  kFieldPractice,  // sent by field devices, not in the 2017 tables (a05024)
  kPlatformLocal,  // defined by GreenLoop (gl_*): no public code exists
};

struct Factor {
  std::string_view key;        // "pm25"
  std::string_view code;       // "a34004"
  std::string_view code_2005;  // HJ/T 212-2005 原编码 ("02" for SO2), or ""
  CodeStatus code_status;
  FactorKind kind;
  std::string_view name_zh;     // "细颗粒物 PM2.5"
  std::string_view name_en;     // "Fine particulate matter (PM2.5)"
  std::string_view unit;        // "µg/m³"
  std::string_view hj212_unit;  // HJ 212-2017 default unit when it differs, or ""
  std::optional<Decimal> min;
  std::optional<Decimal> max;
};

std::span<const Factor> Factors();
const Factor* FindFactor(std::string_view key);             // by short name
const Factor* FindFactorByCode(std::string_view code);      // by HJ 212-2017 (or gl_*) code
const Factor* FindFactorByCode2005(std::string_view code);  // by HJ/T 212-2005 code

// OK when `value` lies in the factor's valid range; else invalid_argument naming
// the factor's key.
Status CheckFactorRange(const Factor& f, Decimal value);

}  // namespace gl::standards
