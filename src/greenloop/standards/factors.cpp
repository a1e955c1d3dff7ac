#include "greenloop/standards/factors.h"

#include <array>
#include <string>

namespace gl::standards {
namespace {

using K = FactorKind;
using S = CodeStatus;
constexpr std::optional<Decimal> kNone = std::nullopt;
constexpr std::optional<Decimal> kZero = Decimal::FromInt(0);
constexpr std::optional<Decimal> N(std::int64_t v) { return Decimal::FromInt(v); }

// HJ 212-2017 Appendix B Tables B.1 (water), B.2 (air), B.3 (noise); codes from
// HJ 525-2009, HJ 524-2009, GB 3096-2008 (shared/reference/hj212.md §3).
// clang-format off
constexpr Factor kFactors[] = {
  // ---- ambient air (GB 3095 / HJ 633 pollutants) ----
  {"pm25", "a34004", "", S::kHj212_2017, K::kAir, "细颗粒物 PM2.5", "Fine particulate matter (PM2.5)", "µg/m³", "ng/m³ (as printed)", kZero, kNone},
  {"pm10", "a34002", "", S::kHj212_2017, K::kAir, "可吸入颗粒物 PM10", "Inhalable particulate matter (PM10)", "µg/m³", "ng/m³ (as printed)", kZero, kNone},
  // TSP: also what construction-dust (扬尘) monitors send.
  {"tsp", "a34001", "", S::kHj212_2017, K::kAir, "总悬浮颗粒物 TSP", "Total suspended particulate (TSP)", "µg/m³", "ng/m³ (as printed)", kZero, kNone},
  {"pm1", "a34005", "", S::kHj212_2017, K::kAir, "PM1.0", "Particulate matter (PM1.0)", "µg/m³", "ng/m³ (as printed)", kZero, kNone},
  {"so2", "a21026", "02", S::kHj212_2017, K::kAir, "二氧化硫", "Sulphur dioxide (SO2)", "µg/m³", "mg/m³", kZero, kNone},
  {"no2", "a21004", "", S::kHj212_2017, K::kAir, "二氧化氮", "Nitrogen dioxide (NO2)", "µg/m³", "mg/m³", kZero, kNone},
  {"no", "a21003", "", S::kHj212_2017, K::kAir, "一氧化氮", "Nitric oxide (NO)", "µg/m³", "mg/m³", kZero, kNone},
  {"nox", "a21002", "03", S::kHj212_2017, K::kAir, "氮氧化物", "Nitrogen oxides (NOx)", "µg/m³", "mg/m³", kZero, kNone},
  {"co", "a21005", "04", S::kHj212_2017, K::kAir, "一氧化碳", "Carbon monoxide (CO)", "mg/m³", "", kZero, kNone},
  // O3: a05024 is NOT in HJ 212-2017 Table B.2; field devices and implementations use it.
  {"o3", "a05024", "", S::kFieldPractice, K::kAir, "臭氧", "Ozone (O3)", "µg/m³", "", kZero, kNone},
  {"nmhc", "a24088", "", S::kHj212_2017, K::kAir, "非甲烷总烃", "Non-methane hydrocarbons (NMHC)", "mg/m³", "", kZero, kNone},
  // ---- meteorology ----
  {"air_temp", "a01001", "", S::kHj212_2017, K::kMeteorology, "温度", "Air temperature", "℃", "", kNone, kNone},
  {"humidity", "a01002", "", S::kHj212_2017, K::kMeteorology, "湿度", "Relative humidity", "%", "", kZero, N(100)},
  {"pressure", "a01006", "", S::kHj212_2017, K::kMeteorology, "气压", "Air pressure", "kPa", "", kZero, kNone},
  {"wind_speed", "a01007", "", S::kHj212_2017, K::kMeteorology, "风速", "Wind speed", "m/s", "", kZero, kNone},
  {"wind_dir", "a01008", "", S::kHj212_2017, K::kMeteorology, "风向", "Wind direction", "°", "", kZero, N(360)},
  // ---- surface water (GB 3838) and effluent ----
  {"ph", "w01001", "001", S::kHj212_2017, K::kWater, "pH值", "pH", "", "", kZero, N(14)},
  {"do", "w01009", "", S::kHj212_2017, K::kWater, "溶解氧", "Dissolved oxygen (DO)", "mg/L", "", kZero, kNone},
  {"water_temp", "w01010", "", S::kHj212_2017, K::kWater, "水温", "Water temperature", "℃", "", kNone, kNone},
  {"ss", "w01012", "003", S::kHj212_2017, K::kWater, "悬浮物", "Suspended solids (SS)", "mg/L", "", kZero, kNone},
  {"conductivity", "w01014", "", S::kHj212_2017, K::kWater, "电导率", "Conductivity", "µS/cm", "", kZero, kNone},
  {"cod", "w01018", "011", S::kHj212_2017, K::kWater, "化学需氧量", "Chemical oxygen demand (COD)", "mg/L", "", kZero, kNone},
  {"codmn", "w01019", "", S::kHj212_2017, K::kWater, "高锰酸盐指数", "Permanganate index (CODMn)", "mg/L", "", kZero, kNone},
  {"toc", "w01020", "015", S::kHj212_2017, K::kWater, "总有机碳", "Total organic carbon (TOC)", "mg/L", "", kZero, kNone},
  {"tn", "w21001", "065", S::kHj212_2017, K::kWater, "总氮", "Total nitrogen (TN)", "mg/L", "", kZero, kNone},
  {"nh3n", "w21003", "060", S::kHj212_2017, K::kWater, "氨氮", "Ammonia nitrogen (NH3-N)", "mg/L", "", kZero, kNone},
  {"tp", "w21011", "101", S::kHj212_2017, K::kWater, "总磷", "Total phosphorus (TP)", "mg/L", "", kZero, kNone},
  {"petroleum", "w22001", "080", S::kHj212_2017, K::kWater, "石油类", "Petroleum", "mg/L", "", kZero, kNone},
  {"phenol", "w23002", "110", S::kHj212_2017, K::kWater, "挥发酚", "Volatile phenol", "mg/L", "", kZero, kNone},
  {"cr6", "w20117", "024", S::kHj212_2017, K::kWater, "六价铬", "Chromium (hexavalent)", "mg/L", "µg/L", kZero, kNone},
  {"hg", "w20111", "020", S::kHj212_2017, K::kWater, "总汞", "Mercury (total)", "mg/L", "µg/L", kZero, kNone},
  {"wastewater_flow", "w00000", "B01", S::kHj212_2017, K::kSource, "污水流量", "Wastewater flow", "L/s", "", kZero, kNone},
  // ---- stack / source ----
  {"flue_gas_flow", "a00000", "B02", S::kHj212_2017, K::kSource, "废气流量", "Flue-gas flow", "m³/s", "", kZero, kNone},
  {"smoke_dust", "a34013", "01", S::kHj212_2017, K::kSource, "烟尘", "Stack particulate (smoke dust)", "mg/m³", "", kZero, kNone},
  {"o2", "a19001", "S01", S::kHj212_2017, K::kSource, "氧气含量", "Oxygen content", "%", "", kZero, N(100)},
  // ---- noise (GB 3096-2008 codes in HJ 212-2017 Table B.3) ----
  {"noise", "LA", "B03", S::kHj212_2017, K::kNoise, "A权声级", "A-weighted sound level", "dB(A)", "dB", kNone, kNone},
  {"leq", "Leq", "", S::kHj212_2017, K::kNoise, "等效声级", "Equivalent continuous sound level (Leq)", "dB(A)", "dB", kNone, kNone},
  {"lmax", "LMx", "", S::kHj212_2017, K::kNoise, "最大声级", "Maximum sound level (Lmax)", "dB(A)", "dB", kNone, kNone},
  {"lmin", "LMn", "", S::kHj212_2017, K::kNoise, "最小声级", "Minimum sound level (Lmin)", "dB(A)", "dB", kNone, kNone},
  {"l10", "L10", "", S::kHj212_2017, K::kNoise, "累积百分声级L10", "Percentile level L10", "dB(A)", "dB", kNone, kNone},
  {"l50", "L50", "", S::kHj212_2017, K::kNoise, "累积百分声级L50", "Percentile level L50", "dB(A)", "dB", kNone, kNone},
  {"l90", "L90", "", S::kHj212_2017, K::kNoise, "累积百分声级L90", "Percentile level L90", "dB(A)", "dB", kNone, kNone},
  {"ld", "Ld", "", S::kHj212_2017, K::kNoise, "昼间等效声级", "Day-time equivalent level (Ld)", "dB(A)", "dB", kNone, kNone},
  {"ln", "Ln", "", S::kHj212_2017, K::kNoise, "夜间等效声级", "Night-time equivalent level (Ln)", "dB(A)", "dB", kNone, kNone},
  {"ldn", "Ldn", "", S::kHj212_2017, K::kNoise, "昼夜等效声级", "Day-night equivalent level (Ldn)", "dB(A)", "dB", kNone, kNone},
  // ---- cooking fume: no HJ 212 code exists (hj212.md §3); platform-local codes ----
  {"fume", "gl_fume", "", S::kPlatformLocal, K::kFume, "油烟浓度", "Cooking fume concentration", "mg/m³", "", kZero, kNone},
  {"fan_current", "gl_fan_i", "", S::kPlatformLocal, K::kFume, "风机电流", "Exhaust fan current", "A", "", kZero, kNone},
  {"purifier_current", "gl_pur_i", "", S::kPlatformLocal, K::kFume, "净化器电流", "Purifier current", "A", "", kZero, kNone},
};
// clang-format on

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::span<const Factor> Factors() { return kFactors; }

const Factor* FindFactor(std::string_view key) {
  for (const Factor& f : kFactors)
    if (f.key == key) return &f;
  return nullptr;
}

const Factor* FindFactorByCode(std::string_view code) {
  for (const Factor& f : kFactors)
    if (EqualsIgnoreCase(f.code, code)) return &f;
  return nullptr;
}

const Factor* FindFactorByCode2005(std::string_view code) {
  if (code.empty()) return nullptr;
  for (const Factor& f : kFactors)
    if (EqualsIgnoreCase(f.code_2005, code)) return &f;
  return nullptr;
}

Status CheckFactorRange(const Factor& f, Decimal value) {
  const std::string key(f.key);
  if (f.min && value < *f.min)
    return Error::InvalidArgument(key,
                                  key + " below its valid range (min " + f.min->ToString() + ")");
  if (f.max && value > *f.max)
    return Error::InvalidArgument(key,
                                  key + " above its valid range (max " + f.max->ToString() + ")");
  return Status::Ok();
}

}  // namespace gl::standards
