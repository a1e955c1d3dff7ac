// greenloop/standards/fume.h
//
// Contract: catering cooking-fume (餐饮油烟) limits, as pure functions.
//
//   - GB 18483-2001 饮食业油烟排放标准（试行）: maximum emission 2.0 mg/m³ for every
//     scale; minimum removal efficiency 60/75/85 % for small/medium/large kitchens;
//     concentrations normalised to the reference flow (§6.6) and averaged over
//     valid samples (§6.3, §6.5).
//   - Chongqing DB50/859-2018 餐饮业大气污染物排放标准: 油烟 1.0 mg/m³
//     (confirmed_secondary). Its particulate, NMHC and removal-efficiency values
//     are UNCONFIRMED and deliberately absent (nullopt), not guessed.
//   - Which standard applies to a site is the site's configuration, not a date rule.
//   - A concentration equal to the limit complies. Errors: invalid_argument naming
//     "standard", "concentration", "burners", "flow", "samples".
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "greenloop/base/error.h"
#include "greenloop/standards/decimal.h"

namespace gl::standards {

enum class FumeStandard { kGb18483_2001, kDb50_859_2018 };
enum class KitchenScale { kSmall, kMedium, kLarge };  // 小型, 中型, 大型

// "GB18483" / "DB50/859", with or without the year and spaces ("GB 18483-2001"); field
// "standard".
Result<FumeStandard> ParseFumeStandard(std::string_view text);
std::string_view FumeStandardName(FumeStandard s);  // "GB18483-2001", "DB50/859-2018"

Decimal FumeLimit(FumeStandard s);  // mg/m³

struct FumeCheck {
  Decimal limit;  // mg/m³
  bool exceeded = false;
  Decimal over;  // max(0, concentration - limit)
};
Result<FumeCheck> CheckFume(FumeStandard s, Decimal concentration_mg_m3);

// GB 18483-2001 Table 1 scale by the number of reference burners (基准灶头数):
// small ≥1 and <3, medium ≥3 and <6, large ≥6.
Result<KitchenScale> ScaleForBurners(Decimal reference_burners);
// Minimum removal efficiency in %, or nullopt where the standard's value is unconfirmed.
std::optional<int> MinRemovalEfficiencyPct(FumeStandard s, KitchenScale scale);

// GB 18483-2001 §6.6: C_ref = C_measured × Q_measured / (n × q_ref), q_ref = 2000 m³/h per
// working burner. Rounded half-to-even to 6 decimals.
Result<Decimal> NormaliseFume(Decimal measured_mg_m3, Decimal flow_m3_h, Decimal working_burners);
// Removal efficiency P = (c_before·Q_before − c_after·Q_after) / (c_before·Q_before) × 100 %.
Result<Decimal> FumeRemovalEfficiencyPct(Decimal c_before, Decimal q_before, Decimal c_after,
                                         Decimal q_after);
// GB 18483-2001 §6.3, §6.5: a sample below 1/4 of the largest is invalid; at least 3
// valid samples are averaged (half-to-even to 6 decimals).
Result<Decimal> FumeSampleAverage(std::span<const Decimal> samples);

}  // namespace gl::standards
