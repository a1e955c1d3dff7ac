#include "greenloop/standards/water.h"

#include <algorithm>
#include <array>

namespace gl::standards {
namespace {

constexpr Decimal M(std::int64_t micros) { return Decimal::FromMicros(micros); }
constexpr Decimal N(std::int64_t v) { return Decimal::FromInt(v); }

// GB 3838-2002 Table 1 基本项目标准限值, classes I..V (S4, p.2; cross-checked with
// g230.com/9327769.html, qqmaoyi.com, hanspub). mg/L unless noted.
struct Row {
  WaterParameter p;
  std::array<Decimal, 5> limits;
  std::array<Decimal, 5> lake_limits;  // TP only (湖、库); otherwise unused
};

constexpr std::array<Decimal, 5> kNone{};
// clang-format off
constexpr Row kRows[] = {
  // pH 6-9 for every class (无量纲).
  {{"ph", "pH值", "pH", "", LimitKind::kRange, true}, {N(6), N(9)}, kNone},
  // DO ≥; class I "饱和率90%（或7.5）": the 7.5 mg/L alternative is used.
  {{"do", "溶解氧", "Dissolved oxygen", "mg/L", LimitKind::kAtLeast, true},
   {M(7'500'000), N(6), N(5), N(3), N(2)}, kNone},
  {{"codmn", "高锰酸盐指数", "Permanganate index", "mg/L", LimitKind::kAtMost, true},
   {N(2), N(4), N(6), N(10), N(15)}, kNone},
  {{"cod", "化学需氧量", "Chemical oxygen demand", "mg/L", LimitKind::kAtMost, true},
   {N(15), N(15), N(20), N(30), N(40)}, kNone},
  {{"bod5", "五日生化需氧量", "Five-day biochemical oxygen demand", "mg/L", LimitKind::kAtMost, true},
   {N(3), N(3), N(4), N(6), N(10)}, kNone},
  {{"nh3n", "氨氮", "Ammonia nitrogen", "mg/L", LimitKind::kAtMost, true},
   {M(150'000), M(500'000), N(1), M(1'500'000), N(2)}, kNone},
  // 总磷 (以P计): rivers 0.02/0.1/0.2/0.3/0.4; 湖、库 0.01/0.025/0.05/0.1/0.2.
  {{"tp", "总磷", "Total phosphorus", "mg/L", LimitKind::kAtMost, true},
   {M(20'000), M(100'000), M(200'000), M(300'000), M(400'000)},
   {M(10'000), M(25'000), M(50'000), M(100'000), M(200'000)}},
  // 总氮 (湖、库,以N计): not assessed (评价办法); lakes/reservoirs only.
  {{"tn", "总氮", "Total nitrogen", "mg/L", LimitKind::kAtMost, false},
   {M(200'000), M(500'000), N(1), M(1'500'000), N(2)}, kNone},
  {{"cu", "铜", "Copper", "mg/L", LimitKind::kAtMost, true},
   {M(10'000), N(1), N(1), N(1), N(1)}, kNone},
  {{"zn", "锌", "Zinc", "mg/L", LimitKind::kAtMost, true},
   {M(50'000), N(1), N(1), N(2), N(2)}, kNone},
  {{"fluoride", "氟化物", "Fluoride", "mg/L", LimitKind::kAtMost, true},
   {N(1), N(1), N(1), M(1'500'000), M(1'500'000)}, kNone},
  {{"se", "硒", "Selenium", "mg/L", LimitKind::kAtMost, true},
   {M(10'000), M(10'000), M(10'000), M(20'000), M(20'000)}, kNone},
  {{"as", "砷", "Arsenic", "mg/L", LimitKind::kAtMost, true},
   {M(50'000), M(50'000), M(50'000), M(100'000), M(100'000)}, kNone},
  {{"hg", "汞", "Mercury", "mg/L", LimitKind::kAtMost, true},
   {M(50), M(50), M(100), M(1'000), M(1'000)}, kNone},
  {{"cd", "镉", "Cadmium", "mg/L", LimitKind::kAtMost, true},
   {M(1'000), M(5'000), M(5'000), M(5'000), M(10'000)}, kNone},
  {{"cr6", "铬(六价)", "Chromium (hexavalent)", "mg/L", LimitKind::kAtMost, true},
   {M(10'000), M(50'000), M(50'000), M(50'000), M(100'000)}, kNone},
  {{"pb", "铅", "Lead", "mg/L", LimitKind::kAtMost, true},
   {M(10'000), M(10'000), M(50'000), M(50'000), M(100'000)}, kNone},
  {{"cn", "氰化物", "Cyanide", "mg/L", LimitKind::kAtMost, true},
   {M(5'000), M(50'000), M(200'000), M(200'000), M(200'000)}, kNone},
  {{"phenol", "挥发酚", "Volatile phenol", "mg/L", LimitKind::kAtMost, true},
   {M(2'000), M(2'000), M(5'000), M(10'000), M(100'000)}, kNone},
  {{"petroleum", "石油类", "Petroleum", "mg/L", LimitKind::kAtMost, true},
   {M(50'000), M(50'000), M(50'000), M(500'000), N(1)}, kNone},
  {{"las", "阴离子表面活性剂", "Anionic surfactant", "mg/L", LimitKind::kAtMost, true},
   {M(200'000), M(200'000), M(200'000), M(300'000), M(300'000)}, kNone},
  {{"sulfide", "硫化物", "Sulfide", "mg/L", LimitKind::kAtMost, true},
   {M(50'000), M(100'000), M(200'000), M(500'000), N(1)}, kNone},
  // 粪大肠菌群 (个/L): not assessed (评价办法), reference only.
  {{"fecal_coliform", "粪大肠菌群", "Fecal coliform", "个/L", LimitKind::kAtMost, false},
   {N(200), N(2000), N(10000), N(20000), N(40000)}, kNone},
  // 水温: man-made change limited (weekly mean rise ≤ 1 ℃, drop ≤ 2 ℃): no class.
  {{"water_temp", "水温", "Water temperature", "℃", LimitKind::kAtMost, false}, kNone, kNone},
};
// clang-format on

constexpr auto kParams = [] {
  std::array<WaterParameter, std::size(kRows)> out{};
  for (std::size_t i = 0; i < std::size(kRows); ++i) out[i] = kRows[i].p;
  return out;
}();

const Row* FindRow(std::string_view key) {
  for (const Row& r : kRows)
    if (r.p.key == key) return &r;
  return nullptr;
}

bool HasClasses(const Row& r, WaterBody body) {
  if (r.p.key == "water_temp") return false;
  if (r.p.key == "tn" && body == WaterBody::kRiver) return false;
  return true;
}

bool Meets(const WaterLimit& l, Decimal v) {
  switch (l.kind) {
    case LimitKind::kAtMost:
      return v <= l.value;
    case LimitKind::kAtLeast:
      return v >= l.value;
    case LimitKind::kRange:
      return v >= l.value && v <= l.high;
  }
  return false;
}

}  // namespace

std::string_view WaterClassName(WaterClass c) {
  static constexpr std::string_view kNames[] = {"I", "II", "III", "IV", "V", "劣V"};
  return kNames[static_cast<int>(c) - 1];
}

Result<WaterClass> ParseWaterClass(std::string_view text, std::string_view field) {
  for (int i = 1; i <= 6; ++i)
    if (WaterClassName(static_cast<WaterClass>(i)) == text) return static_cast<WaterClass>(i);
  return Error::InvalidArgument(std::string(field),
                                std::string(field) + " must be one of I, II, III, IV, V, 劣V");
}

Result<WaterBody> ParseWaterBody(std::string_view text) {
  if (text == "river") return WaterBody::kRiver;
  if (text == "lake" || text == "reservoir") return WaterBody::kLakeReservoir;
  return Error::InvalidArgument("waterbody", "waterbody must be \"river\" or \"lake\"");
}

WaterGrade GradeOf(WaterClass c) {
  switch (c) {
    case WaterClass::kI:
    case WaterClass::kII:
      return {"优", "Excellent"};
    case WaterClass::kIII:
      return {"良好", "Good"};
    case WaterClass::kIV:
      return {"轻度污染", "Lightly polluted"};
    case WaterClass::kV:
      return {"中度污染", "Moderately polluted"};
    case WaterClass::kWorseThanV:
      return {"重度污染", "Heavily polluted"};
  }
  return {"", ""};
}

const WaterParameter* FindWaterParameter(std::string_view key) {
  const Row* r = FindRow(key);
  return r ? &r->p : nullptr;
}

std::span<const WaterParameter> WaterParameters() { return kParams; }

std::optional<WaterLimit> WaterLimitOf(WaterBody body, std::string_view key, WaterClass c) {
  const Row* r = FindRow(key);
  if (!r || !HasClasses(*r, body) || c == WaterClass::kWorseThanV) return std::nullopt;
  if (r->p.kind == LimitKind::kRange)
    return WaterLimit{LimitKind::kRange, r->limits[0], r->limits[1]};
  const auto& limits =
      (key == "tp" && body == WaterBody::kLakeReservoir) ? r->lake_limits : r->limits;
  return WaterLimit{r->p.kind, limits[static_cast<int>(c) - 1], {}};
}

Result<std::optional<WaterClass>> ClassifyWaterParameter(WaterBody body, std::string_view key,
                                                         Decimal value) {
  const Row* r = FindRow(key);
  const std::string field(key);
  if (!r) return Error::InvalidArgument(field, "unknown water parameter '" + field + "'");
  if (value.negative() && key != "water_temp")
    return Error::InvalidArgument(field, field + " must not be negative");
  if (!HasClasses(*r, body)) return std::optional<WaterClass>();
  for (int c = 1; c <= 5; ++c) {
    auto limit = WaterLimitOf(body, key, static_cast<WaterClass>(c));
    if (Meets(*limit, value)) return std::optional<WaterClass>(static_cast<WaterClass>(c));
  }
  return std::optional<WaterClass>(WaterClass::kWorseThanV);
}

Result<WaterAssessment> AssessWater(WaterBody body, const std::map<std::string, Decimal>& values) {
  WaterAssessment a{WaterClass::kI, GradeOf(WaterClass::kI), {}, {}, {}, {}};
  for (const auto& [key, value] : values) {
    GL_ASSIGN_OR_RETURN(std::optional<WaterClass> c, ClassifyWaterParameter(body, key, value));
    if (!c)
      a.not_classified.push_back(key);
    else if (FindRow(key)->p.assessed)
      a.by_parameter[key] = *c;
    else
      a.reference[key] = *c;
  }
  if (a.by_parameter.empty())
    return Error::InvalidArgument("values", "no assessed GB 3838 parameter was given");
  for (const auto& [key, c] : a.by_parameter) a.overall = std::max(a.overall, c);
  for (const auto& [key, c] : a.by_parameter)
    if (c == a.overall) a.worst.push_back(key);
  a.grade = GradeOf(a.overall);
  return a;
}

Result<WaterCompliance> CheckWaterTarget(WaterBody body, WaterClass target,
                                         const std::map<std::string, Decimal>& values) {
  if (target == WaterClass::kWorseThanV)
    return Error::InvalidArgument("target", "target class must be I..V");
  GL_ASSIGN_OR_RETURN(WaterAssessment a, AssessWater(body, values));
  WaterCompliance out{std::move(a), target, true, {}};
  for (const auto& [key, c] : out.assessment.by_parameter) {
    if (c <= target) continue;
    out.meets = false;
    out.exceedances.push_back({key, values.at(key), c, *WaterLimitOf(body, key, target)});
  }
  return out;
}

Result<WaterGrade> GradeRiver(std::span<const WaterClass> sections) {
  const std::int64_t n = static_cast<std::int64_t>(sections.size());
  if (n < 5)
    return Error::InvalidArgument(
        "sections", "fewer than 5 sections: average the concentrations and assess single-factor");
  std::int64_t good = 0, worse = 0;
  for (WaterClass c : sections) {
    if (c <= WaterClass::kIII) ++good;
    if (c == WaterClass::kWorseThanV) ++worse;
  }
  if (good * 100 >= 90 * n) return WaterGrade{"优", "Excellent"};
  if (good * 100 >= 75 * n) return WaterGrade{"良好", "Good"};
  if (worse * 100 < 20 * n) return WaterGrade{"轻度污染", "Lightly polluted"};
  if (worse * 100 < 40 * n) return WaterGrade{"中度污染", "Moderately polluted"};
  return WaterGrade{"重度污染", "Heavily polluted"};
}

}  // namespace gl::standards
