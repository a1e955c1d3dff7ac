#include "greenloop/standards/aqi_tables.h"

namespace gl::standards::internal {
namespace {

// ---- HJ 633-2012 Table 1 (S1, §5; also matches S9 hrbonz/python-aqi mep.py) ----
// IAQI level:                                0   50   100  150  200   300   400   500
constexpr std::int64_t kSo2_24h[] = {0, 50, 150, 475, 800, 1600, 2100, 2620};  // µg/m³
// SO2 1h stops at 800 (IAQI 200): Table 1 note (2) / 2026 Table 3 note b.
constexpr std::int64_t kSo2_1h[] = {0, 150, 500, 650, 800};                       // µg/m³
constexpr std::int64_t kNo2_24h[] = {0, 40, 80, 180, 280, 565, 750, 940};         // µg/m³
constexpr std::int64_t kNo2_1h[] = {0, 100, 200, 700, 1200, 2340, 3090, 3840};    // µg/m³
constexpr std::int64_t kPm10_24h_2012[] = {0, 50, 150, 250, 350, 420, 500, 600};  // µg/m³
constexpr std::int64_t kCo_24h[] = {0, 2, 4, 14, 24, 36, 48, 60};                 // mg/m³
constexpr std::int64_t kCo_1h[] = {0, 5, 10, 35, 60, 90, 120, 150};               // mg/m³
constexpr std::int64_t kO3_1h[] = {0, 160, 200, 300, 400, 800, 1000, 1200};       // µg/m³
// O3 8h stops at 800 (IAQI 300): Table 1 note (3) / 2026 Table 3 note c.
constexpr std::int64_t kO3_8h[] = {0, 100, 160, 215, 265, 800};                  // µg/m³
constexpr std::int64_t kPm25_24h_2012[] = {0, 35, 75, 115, 150, 250, 350, 500};  // µg/m³

// ---- HJ 633-2026 Table 3 (S2, §4.2): identical to 2012 except the PM rows ----
constexpr std::int64_t kPm10_24h_2026[] = {0, 50, 120, 250, 350, 420, 500, 600};  // µg/m³
constexpr std::int64_t kPm25_24h_2026[] = {0, 35, 60, 115, 150, 250, 350, 500};   // µg/m³

constexpr BreakpointColumn kColSo2_24h{"SO2 24h", kSo2_24h};
constexpr BreakpointColumn kColSo2_1h{"SO2 1h", kSo2_1h};
constexpr BreakpointColumn kColNo2_24h{"NO2 24h", kNo2_24h};
constexpr BreakpointColumn kColNo2_1h{"NO2 1h", kNo2_1h};
constexpr BreakpointColumn kColCo_24h{"CO 24h", kCo_24h};
constexpr BreakpointColumn kColCo_1h{"CO 1h", kCo_1h};
constexpr BreakpointColumn kColO3_1h{"O3 1h", kO3_1h};
constexpr BreakpointColumn kColO3_8h{"O3 8h", kO3_8h};
constexpr BreakpointColumn kColPm10_2012{"PM10 24h (2012)", kPm10_24h_2012};
constexpr BreakpointColumn kColPm25_2012{"PM2.5 24h (2012)", kPm25_24h_2012};
constexpr BreakpointColumn kColPm10_2026{"PM10 daily (2026)", kPm10_24h_2026};
constexpr BreakpointColumn kColPm25_2026{"PM2.5 daily (2026)", kPm25_24h_2026};

}  // namespace

const BreakpointColumn* ColumnFor(AqiEdition e, Indicator i) {
  const bool y2026 = e == AqiEdition::k2026;
  switch (i) {
    case Indicator::kSo2_24h:
      return &kColSo2_24h;
    case Indicator::kSo2_1h:
      return &kColSo2_1h;
    case Indicator::kNo2_24h:
      return &kColNo2_24h;
    case Indicator::kNo2_1h:
      return &kColNo2_1h;
    case Indicator::kCo_24h:
      return &kColCo_24h;
    case Indicator::kCo_1h:
      return &kColCo_1h;
    case Indicator::kO3_1h:
      return &kColO3_1h;
    case Indicator::kO3_8h:
      return &kColO3_8h;
    case Indicator::kPm10_24h:
      return y2026 ? &kColPm10_2026 : &kColPm10_2012;
    case Indicator::kPm25_24h:
      return y2026 ? &kColPm25_2026 : &kColPm25_2012;
    // HJ 633-2026 §4.2.4: PM 1-hour averages use the daily-average rows.
    // HJ 633-2012 Table 4: PM 1-hour averages are published without a sub-index.
    case Indicator::kPm10_1h:
      return y2026 ? &kColPm10_2026 : nullptr;
    case Indicator::kPm25_1h:
      return y2026 ? &kColPm25_2026 : nullptr;
  }
  return nullptr;
}

}  // namespace gl::standards::internal
