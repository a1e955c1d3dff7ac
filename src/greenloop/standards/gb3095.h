// greenloop/standards/gb3095.h
//
// Contract: ambient air concentration limits of GB 3095-2012 and GB 3095-2026.
//
//   - Three columns: GB 3095-2012 (data before 2026-03-01), GB 3095-2026
//     transitional (2026-03-01 … 2030-12-31) and GB 3095-2026 final (from
//     2031-01-01); dates in Asia/Shanghai. Grade 1 applies to 一类区, grade 2 to 二类区.
//   - Items: so2, no2, co, o3, pm10, pm25 (basic, Table 1) and tsp, nox, pb, bap
//     (other, Table 2). Units µg/m³ except CO mg/m³.
//   - Averaging: "annual", "quarterly" (Pb), "24h" (daily), "8h" (O3 daily max 8-hour),
//     "1h". A value equal to the limit complies.
//   - GB 3095-2012 is confirmed_secondary (standard text not found; mirror table
//     consistent with HJ 633-2012 and with the 2026 transitional column);
//     GB 3095-2026 confirmed_primary. The 2026 NOx transitional values (annual 50,
//     24h 100) are taken to end with the other transitional values.
//   - Errors: invalid_argument naming "item", "averaging", "grade", "value".
#pragma once

#include <string_view>

#include "greenloop/base/error.h"
#include "greenloop/base/time.h"
#include "greenloop/standards/decimal.h"

namespace gl::standards {

enum class Gb3095Column { k2012, k2026Transitional, k2026Final };
enum class Gb3095Averaging { kAnnual, kQuarterly, kDaily, kMax8h, kHourly };
enum class AirGrade { k1 = 1, k2 = 2 };

std::string_view Gb3095ColumnName(
    Gb3095Column c);  // "GB3095-2012", "GB3095-2026 transitional", ...
Gb3095Column Gb3095ColumnAt(TimeMs utc_ms);
Gb3095Column Gb3095ColumnOnDate(int year, int month, int day);        // civil date, Asia/Shanghai
Result<Gb3095Averaging> ParseGb3095Averaging(std::string_view text);  // field "averaging"
Result<AirGrade> ParseAirGrade(std::string_view text);                // "1" | "2"; field "grade"

struct Gb3095Limit {
  Decimal value;
  std::string_view unit;    // "µg/m³" or "mg/m³"
  std::string_view source;  // "GB 3095-2026 Table 1 (transitional)", ...
};
Result<Gb3095Limit> Gb3095LimitOf(Gb3095Column column, std::string_view item, Gb3095Averaging avg,
                                  AirGrade grade);

struct Gb3095Check {
  Gb3095Limit limit;
  bool exceeded = false;
  Decimal over;  // max(0, value - limit)
};
Result<Gb3095Check> CheckGb3095(Gb3095Column column, std::string_view item, Gb3095Averaging avg,
                                AirGrade grade, Decimal value);

}  // namespace gl::standards
