// greenloop/standards/aqi_tables.h
//
// Contract: the IAQI breakpoint tables of HJ 633-2012 Table 1 and HJ 633-2026
// Table 3, as data (internal to the standards library; aqi.h is the public API).
// Breakpoints are whole numbers in every column (µg/m³, CO mg/m³).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "greenloop/standards/aqi.h"

namespace gl::standards::internal {

// IAQI_Lo/IAQI_Hi levels shared by every column (HJ 633-2012 Table 1 /
// HJ 633-2026 Table 3, first column).
inline constexpr std::array<int, 8> kIaqiLevels = {0, 50, 100, 150, 200, 300, 400, 500};

struct BreakpointColumn {
  std::string_view name;             // "PM2.5 24h (2026)"
  std::span<const std::int64_t> bp;  // concentrations at kIaqiLevels[0..bp.size())
};

// The column an edition uses for an indicator, or nullptr if the edition gives it
// no IAQI (HJ 633-2012 PM10/PM2.5 1-hour averages).
const BreakpointColumn* ColumnFor(AqiEdition e, Indicator i);

}  // namespace gl::standards::internal
