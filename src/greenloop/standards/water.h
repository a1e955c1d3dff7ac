// greenloop/standards/water.h
//
// Contract: surface-water class by GB 3838-2002 Table 1 (basic items) and the
// single-factor assessment of 《地表水环境质量评价办法（试行）》环办〔2011〕22号.
//
//   - Values in mg/L (pH dimensionless, fecal coliform 个/L), as exact Decimals.
//   - A parameter's class is the best class whose limit it meets (≤ limit; DO ≥
//     limit; pH 6-9 for every class); equal limits in adjacent classes give the
//     better class; a value meeting no class is 劣V. (Derived from the table and the
//     single-factor rule; the reference marks this derivation as not quoted text.)
//   - Total phosphorus has separate limits for rivers and for lakes/reservoirs.
//   - The section class is the worst class among the ASSESSED parameters: Table 1
//     minus water temperature, total nitrogen and fecal coliform, which are
//     reported for reference only (TN has limits for lakes/reservoirs only, so a
//     river's TN gets no class at all). Water temperature has no class (its limit
//     is a man-made change, not a level).
//   - Errors: invalid_argument naming the key (unknown key, negative value),
//     "values" when no assessed parameter was given, "waterbody"/"target" for
//     those fields.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/standards/decimal.h"

namespace gl::standards {

enum class WaterClass { kI = 1, kII, kIII, kIV, kV, kWorseThanV };  // kWorseThanV = 劣V
enum class WaterBody { kRiver, kLakeReservoir };

std::string_view WaterClassName(WaterClass c);  // "I".."V", "劣V"
Result<WaterClass> ParseWaterClass(std::string_view text, std::string_view field = "target");
Result<WaterBody> ParseWaterBody(std::string_view text);  // "river" | "lake" | "reservoir"

// Qualitative grade of a class (评价办法): I-II 优, III 良好, IV 轻度污染, V 中度污染,
// 劣V 重度污染.
struct WaterGrade {
  std::string_view name_zh;
  std::string_view name_en;
};
WaterGrade GradeOf(WaterClass c);

enum class LimitKind { kAtMost, kAtLeast, kRange };
struct WaterParameter {
  std::string_view key;      // "nh3n"
  std::string_view name_zh;  // "氨氮"
  std::string_view name_en;  // "Ammonia nitrogen"
  std::string_view unit;     // "mg/L"
  LimitKind kind;
  bool assessed;  // counts towards the section class
};
// The parameter of a key, or nullptr.
const WaterParameter* FindWaterParameter(std::string_view key);
std::span<const WaterParameter> WaterParameters();

// The class of one parameter; nullopt when the standard gives it no class
// (water temperature; TN of a river).
Result<std::optional<WaterClass>> ClassifyWaterParameter(WaterBody body, std::string_view key,
                                                         Decimal value);
// The limit of `key` for class `c` (I..V). For pH: the range 6-9 (low/high).
struct WaterLimit {
  LimitKind kind;
  Decimal value;  // ≤ or ≥ limit; for a range, the low end
  Decimal high;   // for a range, the high end
};
std::optional<WaterLimit> WaterLimitOf(WaterBody body, std::string_view key, WaterClass c);

struct WaterAssessment {
  WaterClass overall;
  WaterGrade grade;
  std::map<std::string, WaterClass> by_parameter;  // assessed parameters
  std::vector<std::string> worst;                  // the assessed parameters at `overall`, sorted
  std::map<std::string, WaterClass> reference;     // TN (lakes), fecal coliform: not in `overall`
  std::vector<std::string> not_classified;         // water temperature, TN of a river
};
Result<WaterAssessment> AssessWater(WaterBody body, const std::map<std::string, Decimal>& values);

// GB 3838-2002 §5.1: whether a section meets its target (function) class, and
// which assessed parameters do not, with the target class's limit.
struct WaterExceedance {
  std::string key;
  Decimal value;
  WaterClass cls;
  WaterLimit limit;  // of the target class
};
struct WaterCompliance {
  WaterAssessment assessment;
  WaterClass target;
  bool meets;
  std::vector<WaterExceedance> exceedances;  // sorted by key
};
Result<WaterCompliance> CheckWaterTarget(WaterBody body, WaterClass target,
                                         const std::map<std::string, Decimal>& values);

// A river (or basin) graded from its sections' classes (评价办法, rivers with
// ≥ 5 sections): share of I-III ≥ 90% 优; 75-90% 良好; < 75% with 劣V < 20% 轻度污染,
// 20-40% 中度污染, ≥ 40% 重度污染. With < 5 sections the rule is to average the
// concentrations and apply the single-factor method: invalid_argument "sections".
Result<WaterGrade> GradeRiver(std::span<const WaterClass> sections);

}  // namespace gl::standards
