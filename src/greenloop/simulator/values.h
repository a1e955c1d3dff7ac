// greenloop/simulator/values.h
//
// The value generator: what a logger's instrument reads at a given instant.
// Each factor follows a daily pattern in Asia/Shanghai local time (traffic peaks
// for NO2, CO and PM; ozone in the afternoon; cooking fume at mealtimes in
// restaurants; construction noise in working hours with quieter nights; slowly
// varying water quality), scaled per device and roughened by smooth and fast
// noise. Pure and deterministic: a function of (seed, device, factor, time) only,
// so a history answer repeats exactly what was uploaded.
//
// Every value is kept inside the factor's valid range from the standards
// catalogue (standards/factors.h, FindFactorByCode) and inside PlausibleRange().
#pragma once

#include <string>
#include <string_view>

#include "greenloop/base/time.h"
#include "greenloop/simulator/scenario.h"
#include "greenloop/simulator/sites.h"

namespace gl::simulator {

// The instrument reading of `code` on `device` at UTC `t`. `exceeding` puts
// fume, noise and dust/PM well over their typical limits (scenario.h).
double ValueAt(const SimParams& params, const DeviceSpec& device, std::string_view code, TimeMs t,
               bool exceeding);

// Physical bounds for a factor: what no working instrument reports outside of
// (e.g. noise 20-140 dB(A), pH 0-14, humidity 0-100 %). Unknown codes: [0, 1e6].
struct ValueRange {
  double lo = 0;
  double hi = 0;
};
ValueRange PlausibleRange(std::string_view code);

// Decimal places a logger prints for `code` (pH 2, CO 3, noise 1, PM 0, ...).
int DecimalsOf(std::string_view code);

// `value` printed with DecimalsOf(code) places ("7.62", "58.4", "41").
std::string FormatValue(std::string_view code, double value);

}  // namespace gl::simulator
