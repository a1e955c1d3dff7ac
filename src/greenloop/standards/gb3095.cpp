#include "greenloop/standards/gb3095.h"

#include <span>
#include <string>

namespace gl::standards {
namespace {

using A = Gb3095Averaging;
constexpr Decimal N(std::int64_t v) { return Decimal::FromInt(v); }
constexpr Decimal M(std::int64_t micros) { return Decimal::FromMicros(micros); }

struct Row {
  std::string_view item;
  A avg;
  Decimal g1, g2;
};

constexpr std::string_view kUg = "µg/m³";
constexpr std::string_view kMg = "mg/m³";

// GB 3095-2012 Table 1 (basic) and Table 2 (other items); confirmed_secondary
// (onxelh.cn mirror; tianqi.022net.com; equals HJ 633-2012 IAQI-100 breakpoints for
// grade 2). 2018 amendment: gases at 298.15 K / 1013.25 hPa, limits unchanged.
constexpr Row k2012[] = {
    {"so2", A::kAnnual, N(20), N(60)},      {"so2", A::kDaily, N(50), N(150)},
    {"so2", A::kHourly, N(150), N(500)},    {"no2", A::kAnnual, N(40), N(40)},
    {"no2", A::kDaily, N(80), N(80)},       {"no2", A::kHourly, N(200), N(200)},
    {"co", A::kDaily, N(4), N(4)},          {"co", A::kHourly, N(10), N(10)},
    {"o3", A::kMax8h, N(100), N(160)},      {"o3", A::kHourly, N(160), N(200)},
    {"pm10", A::kAnnual, N(40), N(70)},     {"pm10", A::kDaily, N(50), N(150)},
    {"pm25", A::kAnnual, N(15), N(35)},     {"pm25", A::kDaily, N(35), N(75)},
    {"tsp", A::kAnnual, N(80), N(200)},     {"tsp", A::kDaily, N(120), N(300)},
    {"nox", A::kAnnual, N(50), N(50)},      {"nox", A::kDaily, N(100), N(100)},
    {"nox", A::kHourly, N(250), N(250)},    {"pb", A::kAnnual, M(500'000), M(500'000)},
    {"pb", A::kQuarterly, N(1), N(1)},      {"bap", A::kAnnual, M(1'000), M(1'000)},
    {"bap", A::kDaily, M(2'500), M(2'500)},
};

// GB 3095-2026 Table 1 过渡期 column (2026-03-01 … 2030-12-31) and Table 2 (S3, p.3).
constexpr Row k2026Transitional[] = {
    {"so2", A::kAnnual, N(20), N(60)},      {"so2", A::kDaily, N(50), N(150)},
    {"so2", A::kHourly, N(150), N(500)},    {"no2", A::kAnnual, N(40), N(40)},
    {"no2", A::kDaily, N(80), N(80)},       {"no2", A::kHourly, N(200), N(200)},
    {"co", A::kDaily, N(4), N(4)},          {"co", A::kHourly, N(10), N(10)},
    {"o3", A::kMax8h, N(100), N(160)},      {"o3", A::kHourly, N(160), N(200)},
    {"pm10", A::kAnnual, N(40), N(60)},     {"pm10", A::kDaily, N(50), N(120)},
    {"pm25", A::kAnnual, N(15), N(30)},     {"pm25", A::kDaily, N(35), N(60)},
    {"tsp", A::kAnnual, N(80), N(200)},     {"tsp", A::kDaily, N(120), N(300)},
    {"nox", A::kAnnual, N(50), N(50)},      {"nox", A::kDaily, N(100), N(100)},
    {"nox", A::kHourly, N(250), N(250)},    {"pb", A::kAnnual, M(500'000), M(500'000)},
    {"pb", A::kQuarterly, N(1), N(1)},      {"bap", A::kAnnual, M(1'000), M(1'000)},
    {"bap", A::kDaily, M(2'500), M(2'500)},
};

// GB 3095-2026 Table 1 final column (from 2031-01-01) and Table 2 (S3, p.3).
constexpr Row k2026Final[] = {
    {"so2", A::kAnnual, N(20), N(20)},      {"so2", A::kDaily, N(50), N(50)},
    {"so2", A::kHourly, N(150), N(150)},    {"no2", A::kAnnual, N(30), N(30)},
    {"no2", A::kDaily, N(50), N(50)},       {"no2", A::kHourly, N(200), N(200)},
    {"co", A::kDaily, N(4), N(4)},          {"co", A::kHourly, N(10), N(10)},
    {"o3", A::kMax8h, N(100), N(160)},      {"o3", A::kHourly, N(160), N(200)},
    {"pm10", A::kAnnual, N(20), N(50)},     {"pm10", A::kDaily, N(50), N(100)},
    {"pm25", A::kAnnual, N(10), N(25)},     {"pm25", A::kDaily, N(25), N(50)},
    {"tsp", A::kAnnual, N(80), N(200)},     {"tsp", A::kDaily, N(120), N(300)},
    {"nox", A::kAnnual, N(40), N(40)},      {"nox", A::kDaily, N(70), N(70)},
    {"nox", A::kHourly, N(250), N(250)},    {"pb", A::kAnnual, M(500'000), M(500'000)},
    {"pb", A::kQuarterly, N(1), N(1)},      {"bap", A::kAnnual, M(1'000), M(1'000)},
    {"bap", A::kDaily, M(2'500), M(2'500)},
};

bool KnownItem(std::string_view item) {
  for (std::string_view k : {"so2", "no2", "co", "o3", "pm10", "pm25", "tsp", "nox", "pb", "bap"})
    if (k == item) return true;
  return false;
}

}  // namespace

std::string_view Gb3095ColumnName(Gb3095Column c) {
  switch (c) {
    case Gb3095Column::k2012:
      return "GB3095-2012";
    case Gb3095Column::k2026Transitional:
      return "GB3095-2026 transitional";
    case Gb3095Column::k2026Final:
      return "GB3095-2026 final";
  }
  return "?";
}

Gb3095Column Gb3095ColumnOnDate(int year, int month, int /*day*/) {
  if (year < 2026 || (year == 2026 && month < 3)) return Gb3095Column::k2012;
  if (year <= 2030) return Gb3095Column::k2026Transitional;
  return Gb3095Column::k2026Final;
}

Gb3095Column Gb3095ColumnAt(TimeMs utc_ms) {
  CivilTime t = ToCivil(utc_ms + kShanghaiOffsetMs);
  return Gb3095ColumnOnDate(t.year, t.month, t.day);
}

Result<Gb3095Averaging> ParseGb3095Averaging(std::string_view text) {
  if (text == "annual") return A::kAnnual;
  if (text == "quarterly") return A::kQuarterly;
  if (text == "24h") return A::kDaily;
  if (text == "8h") return A::kMax8h;
  if (text == "1h") return A::kHourly;
  return Error::InvalidArgument("averaging",
                                "averaging must be one of annual, quarterly, 24h, 8h, 1h");
}

Result<AirGrade> ParseAirGrade(std::string_view text) {
  if (text == "1") return AirGrade::k1;
  if (text == "2") return AirGrade::k2;
  return Error::InvalidArgument("grade", "grade must be 1 or 2");
}

Result<Gb3095Limit> Gb3095LimitOf(Gb3095Column column, std::string_view item, Gb3095Averaging avg,
                                  AirGrade grade) {
  if (!KnownItem(item))
    return Error::InvalidArgument("item", "unknown GB 3095 item '" + std::string(item) + "'");
  std::span<const Row> rows = column == Gb3095Column::k2012 ? std::span<const Row>(k2012)
                              : column == Gb3095Column::k2026Transitional
                                  ? std::span<const Row>(k2026Transitional)
                                  : std::span<const Row>(k2026Final);
  const bool basic = item == "so2" || item == "no2" || item == "co" || item == "o3" ||
                     item == "pm10" || item == "pm25";
  std::string_view source;
  switch (column) {
    case Gb3095Column::k2012:
      source = basic ? "GB 3095-2012 Table 1" : "GB 3095-2012 Table 2";
      break;
    case Gb3095Column::k2026Transitional:
      source =
          basic ? "GB 3095-2026 Table 1 (transitional)" : "GB 3095-2026 Table 2 (transitional)";
      break;
    case Gb3095Column::k2026Final:
      source = basic ? "GB 3095-2026 Table 1" : "GB 3095-2026 Table 2";
      break;
  }
  for (const Row& r : rows)
    if (r.item == item && r.avg == avg)
      return Gb3095Limit{grade == AirGrade::k1 ? r.g1 : r.g2, item == "co" ? kMg : kUg, source};
  return Error::InvalidArgument("averaging", "GB 3095 sets no limit for " + std::string(item) +
                                                 " with this averaging period");
}

Result<Gb3095Check> CheckGb3095(Gb3095Column column, std::string_view item, Gb3095Averaging avg,
                                AirGrade grade, Decimal value) {
  if (value.negative()) return Error::InvalidArgument("value", "value must not be negative");
  GL_ASSIGN_OR_RETURN(Gb3095Limit limit, Gb3095LimitOf(column, item, avg, grade));
  Gb3095Check out{limit, value > limit.value, Decimal()};
  if (out.exceeded) out.over = value - limit.value;
  return out;
}

}  // namespace gl::standards
