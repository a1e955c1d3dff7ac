#include "greenloop/simulator/values.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "greenloop/standards/factors.h"

namespace gl::simulator {
namespace {

constexpr double kPi = std::numbers::pi;

// Local (Asia/Shanghai) hour of day as a fraction, 0 <= h < 24.
double LocalHour(TimeMs t) {
  const TimeMs local = t + kShanghaiOffsetMs;
  const TimeMs day_ms = 24LL * 3600 * 1000;
  const TimeMs in_day = ((local % day_ms) + day_ms) % day_ms;
  return static_cast<double>(in_day) / 3600000.0;
}

// Day of the year (0..365) in local time, for the seasonal temperature.
double DayOfYear(TimeMs t) {
  const CivilTime c = ToCivil(t + kShanghaiOffsetMs);
  static constexpr int kStart[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  return kStart[c.month - 1] + c.day - 1 + LocalHour(t) / 24.0;
}

// A bump of height 1 at `centre` hours with width `sigma`, wrapping at midnight.
double Peak(double h, double centre, double sigma) {
  double d = std::fabs(h - centre);
  d = std::min(d, 24.0 - d);
  return std::exp(-0.5 * (d / sigma) * (d / sigma));
}

std::uint64_t CodeKey(std::string_view code) { return HashText(code); }

// Smooth noise in [-1, 1]: random knots every `period_ms`, cosine-interpolated.
double Smooth(const SimParams& p, const DeviceSpec& d, std::uint64_t code_key, TimeMs t,
              TimeMs period_ms) {
  const TimeMs k = t >= 0 ? t / period_ms : (t - period_ms + 1) / period_ms;
  const double frac = static_cast<double>(t - k * period_ms) / static_cast<double>(period_ms);
  const std::uint64_t salt = static_cast<std::uint64_t>(period_ms);
  const double a = 2 * Uniform(p.seed, d.key ^ salt, code_key, static_cast<std::uint64_t>(k)) - 1;
  const double b =
      2 * Uniform(p.seed, d.key ^ salt, code_key, static_cast<std::uint64_t>(k + 1)) - 1;
  const double w = (1 - std::cos(frac * kPi)) / 2;
  return a + (b - a) * w;
}

// Fast noise in [-1, 1], new every second.
double Jitter(const SimParams& p, const DeviceSpec& d, std::uint64_t code_key, TimeMs t) {
  const TimeMs s = t >= 0 ? t / 1000 : (t - 999) / 1000;
  return 2 * Uniform(p.seed ^ 0x5A5A5A5AULL, d.key, code_key, static_cast<std::uint64_t>(s)) - 1;
}

// A per-device scale in [0.8, 1.25): sites differ in size and exposure.
double DeviceScale(const SimParams& p, const DeviceSpec& d, std::uint64_t code_key) {
  return 0.8 + 0.45 * Uniform(p.seed, d.key, code_key, 0xD5CA1EULL);
}

constexpr TimeMs kMinute = 60 * 1000;
constexpr TimeMs kHour = 60 * kMinute;

// Morning and evening rush hours, 0..1.
double Traffic(double h) { return std::max(Peak(h, 8.0, 1.2), Peak(h, 18.0, 1.5)); }
// Lunch and dinner, 0..1 (Chongqing eats late: dinner peaks near 19:00).
double Meals(double h) { return std::max(Peak(h, 12.0, 0.8), Peak(h, 18.9, 1.0)); }
bool RestaurantOpen(double h) { return h >= 10.0 && h < 22.5; }
// Construction work hours: GB 12523 daytime is 06-22; sites work 7-12 and 14-22.
bool ConstructionWorking(double h) { return (h >= 7 && h < 12) || (h >= 14 && h < 22); }
bool Night(double h) { return h >= 22 || h < 6; }

double RawValue(const SimParams& p, const DeviceSpec& d, std::string_view code, TimeMs t,
                bool exceeding) {
  const std::uint64_t ck = CodeKey(code);
  const double h = LocalHour(t);
  const double scale = DeviceScale(p, d, ck);
  const double slow = Smooth(p, d, ck, t, 30 * kMinute);
  const double drift = Smooth(p, d, ck, t, 6 * kHour);
  const double jit = Jitter(p, d, ck, t);
  // Ambient temperature: seasonal mean (Chongqing: ~8 °C in January, ~29 °C in July)
  // plus a daily swing peaking at 15:00.
  const double season = 18.5 - 10.5 * std::cos(2 * kPi * (DayOfYear(t) - 15) / 365.0);
  const double daily = std::cos(2 * kPi * (h - 15) / 24.0);

  if (code == "gl_fume") {
    if (exceeding) return 2.4 + 0.6 * slow + 0.2 * jit;  // DB50/859 limit 1.0, GB 18483 2.0
    if (!RestaurantOpen(h)) return 0.02 + 0.01 * (jit + 1);
    return scale * (0.12 + 0.5 * Meals(h)) * (1 + 0.2 * slow) + 0.02 * jit;
  }
  if (code == "gl_fan_i") {
    if (!RestaurantOpen(h)) return 0.0;
    return scale * (4.5 + 3.0 * Meals(h)) + 0.2 * jit;
  }
  if (code == "gl_pur_i") {
    if (!RestaurantOpen(h)) return 0.0;
    return 0.35 * scale + 0.02 * jit;
  }
  if (code == "LA" || code == "Leq") {
    // Leq is the equivalent level over the interval: the same curve, less jitter.
    const double j = code == "LA" ? 2.5 * jit : 0.6 * jit;
    if (d.site_kind == SiteKind::kIndustrial) {
      const double base = Night(h) ? 46.0 : 55.0;  // GB 12348 zone 2: 60 day / 50 night
      return base + (exceeding ? 16.0 : 0.0) + 2.0 * slow + j;
    }
    if (exceeding) return (Night(h) ? 66.0 : 81.0) + 3.0 * slow + j;  // GB 12523: 70 / 55
    if (Night(h)) return 47.0 + 2.0 * slow + j;
    const double base = ConstructionWorking(h) ? 63.0 + 3.0 * scale : 56.0;
    return base + 3.0 * slow + j;
  }
  if (code == "a34002" || code == "a34004" || code == "a34001") {
    // PM10 first; PM2.5 and TSP follow it with their usual ratios.
    double pm10;
    if (exceeding) {
      pm10 = 420.0 + 80.0 * slow;
    } else {
      const double site =
          d.site_kind == SiteKind::kConstruction ? (ConstructionWorking(h) ? 1.45 : 1.1) : 1.0;
      pm10 = scale * site * 58.0 * (0.7 + 0.6 * Traffic(h)) * (1 + 0.25 * drift) * (1 + 0.1 * slow);
    }
    pm10 += 2.0 * jit;
    if (code == "a34004") return pm10 * (0.62 + 0.05 * drift) + jit;
    if (code == "a34001") return pm10 * (1.65 + 0.1 * slow) + 2.0 * jit;
    return pm10;
  }
  if (code == "a21004") return scale * 30.0 * (0.55 + 0.9 * Traffic(h)) * (1 + 0.2 * slow) + jit;
  if (code == "a21005") return scale * 0.55 * (0.75 + 0.6 * Traffic(h)) * (1 + 0.15 * slow);
  if (code == "a21026") return scale * (7.0 + 2.0 * drift + 1.0 * slow) + 0.3 * jit;
  if (code == "a05024")
    return scale * (22.0 + 95.0 * Peak(h, 15.0, 2.5)) * (1 + 0.15 * drift) + jit;
  if (code == "a01001") return season + 3.5 * daily + 1.0 * drift + 0.1 * jit;
  if (code == "a01002") return 74.0 - 14.0 * daily + 6.0 * drift + 0.5 * jit;
  if (code == "a01006") return 98.6 + 0.35 * drift - 0.08 * std::cos(2 * kPi * (h - 10) / 12.0);
  if (code == "a01007") return 1.2 + 0.9 * Peak(h, 15.0, 3.0) + 0.6 * slow + 0.3 * jit;
  if (code == "a01008") return std::fmod(540.0 + 150.0 * drift + 40.0 * slow + 10.0 * jit, 360.0);
  // Water: a river section drifts slowly; effluent follows the plant's day shift.
  const bool effluent = d.site_kind == SiteKind::kIndustrial;
  if (code == "w00000") return (h >= 8 && h < 20 ? 9.0 : 3.0) * scale * (1 + 0.1 * slow);
  if (code == "w01001") return (effluent ? 7.2 : 7.7) + 0.15 * drift + 0.03 * slow;
  if (code == "w01009")
    return 8.0 + 0.8 * daily + 0.4 * drift;  // photosynthesis peaks mid-afternoon
  if (code == "w01019") return scale * (2.6 + 0.4 * drift);
  if (code == "w01018") return scale * (effluent ? 38.0 : 12.0) * (1 + 0.15 * drift + 0.05 * slow);
  if (code == "w21003") return scale * (effluent ? 3.2 : 0.32) * (1 + 0.2 * drift);
  if (code == "w21011") return scale * (effluent ? 0.35 : 0.11) * (1 + 0.2 * drift);
  if (code == "w21001") return scale * (effluent ? 9.5 : 1.55) * (1 + 0.15 * drift);
  if (code == "w01010") return 6.0 + 0.75 * season + 0.4 * daily + 0.2 * drift;  // lags the air
  if (code == "w01014") return scale * 330.0 * (1 + 0.05 * drift);
  return scale * 10.0 * (1 + 0.2 * slow);
}

}  // namespace

ValueRange PlausibleRange(std::string_view code) {
  if (code == "LA" || code == "Leq") return {20.0, 140.0};
  if (code == "w01001") return {0.0, 14.0};
  if (code == "a01002") return {0.0, 100.0};
  if (code == "a01008") return {0.0, 360.0};
  if (code == "a01001" || code == "w01010") return {-20.0, 50.0};
  if (code == "a01006") return {80.0, 110.0};
  if (code == "a01007") return {0.0, 60.0};
  if (code == "gl_fume") return {0.0, 50.0};
  if (code == "gl_fan_i" || code == "gl_pur_i") return {0.0, 100.0};
  if (code == "a21005") return {0.0, 100.0};
  if (code == "w01009") return {0.0, 20.0};
  return {0.0, 1e6};
}

int DecimalsOf(std::string_view code) {
  if (code == "w01001" || code == "w21003" || code == "w21001" || code == "w00000" ||
      code == "gl_fume" || code == "gl_fan_i" || code == "gl_pur_i") {
    return 2;
  }
  if (code == "a21005" || code == "w21011" || code == "a01006") return 3;
  if (code == "a34002" || code == "a34004" || code == "a34001" || code == "a21004" ||
      code == "a21026" || code == "a05024" || code == "a01008" || code == "w01014") {
    return 0;
  }
  return 1;
}

double ValueAt(const SimParams& params, const DeviceSpec& device, std::string_view code, TimeMs t,
               bool exceeding) {
  double v = RawValue(params, device, code, t, exceeding);
  ValueRange r = PlausibleRange(code);
  // The catalogue's definitional range wins where it is narrower.
  if (const standards::Factor* f = standards::FindFactorByCode(code)) {
    if (f->min) r.lo = std::max(r.lo, f->min->ToDouble());
    if (f->max) r.hi = std::min(r.hi, f->max->ToDouble());
  }
  return std::clamp(v, r.lo, r.hi);
}

std::string FormatValue(std::string_view code, double value) {
  const int decimals = DecimalsOf(code);
  std::string s = fmt::format("{:.{}f}", value, decimals);
  if (s.starts_with("-") && s.find_first_not_of("-0.") == std::string::npos)
    s.erase(0, 1);  // "-0.0"
  return s;
}

}  // namespace gl::simulator
