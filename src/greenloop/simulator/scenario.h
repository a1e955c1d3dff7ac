// greenloop/simulator/scenario.h
//
// What happens to the simulated loggers beyond their normal diurnal values:
// exceedances, instrument faults (Flag D), communication outages and duplicated
// uploads. Pure and deterministic: every decision is a hash of (seed, device,
// time slot), so two runs with the same --seed make the same events at the same
// clock times, and a device's history answers agree with what it uploaded.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "greenloop/base/time.h"
#include "greenloop/simulator/sites.h"

namespace gl::simulator {

enum class Scenario {
  kNormal,      // "normal": diurnal values only
  kExceedance,  // "exceedance": fume/noise/PM well over typical limits for a while
  kFaults,      // "faults": some devices flag D, some go silent (outage) then come back
  kDuplicates,  // "duplicates": some uploads are sent twice
  kMixed,       // "mixed": the demo default, mostly normal with occasional everything
  kFlatline,    // "flatline": some devices repeat one value for a whole slot (suspect data)
  kJustUnder,   // "just_under": fume and noise held just under their limits (suspect data)
};

struct ScenarioInfo {
  Scenario scenario;
  std::string_view name;
  std::string_view summary;  // one line for --help
};

// Every scenario, in --help order.
std::span<const ScenarioInfo> Scenarios();
std::string_view ScenarioName(Scenario scenario);
// Inverse of ScenarioName; nullopt for an unknown name.
std::optional<Scenario> ScenarioFromName(std::string_view name);

// The run-wide knobs every pure function takes.
struct SimParams {
  Scenario scenario = Scenario::kMixed;
  std::uint64_t seed = 1;
};

// Events are decided per 10-minute slot of UTC time.
inline constexpr TimeMs kSlotMs = 10 * 60 * 1000;

// A device's condition at one instant.
struct Condition {
  bool exceeding = false;    // values well over the typical limit (fume, noise, dust/PM devices)
  bool fault = false;        // instrument fault: values flagged D
  bool outage = false;       // communications down: nothing is sent, measuring goes on
  bool flatline = false;     // the value of the slot's start is repeated (a stuck or faked value)
  bool just_under = false;   // fume and noise sit 0.5-4.5 % under their limit (faked compliance)
  bool calibrating = false;  // values flagged C (calibration): alarms hold back
};

// The condition of `device` at UTC time `t` (device clock) under `params`.
Condition ConditionAt(const SimParams& params, const DeviceSpec& device, TimeMs t);

// When an outage covers `t`, the UTC time it ends; otherwise `t`.
TimeMs OutageEnd(const SimParams& params, const DeviceSpec& device, TimeMs t);

// Whether the upload of `device` for `data_time` is sent twice (duplicates, mixed).
bool IsDuplicated(const SimParams& params, const DeviceSpec& device, TimeMs data_time);

// The value actually sent for `code` under `cond`, given the diurnal value `v`
// (flatline: the slot start's value; just_under: under the fume limit of DB50/859-2018,
// 1.0 mg/m³, or the GB 12523-2011 noise limit of the day or night, 70 / 55 dB(A)).
double ShapedValue(const SimParams& params, const DeviceSpec& device, std::string_view code,
                   TimeMs t, const Condition& cond, double v);
// The data flag sent under `cond`: "D" (fault), "C" (calibration) or "N".
std::string_view FlagOf(const Condition& cond);

// True when the device measures a factor that the exceedance scenario inflates.
bool CanExceed(const DeviceSpec& device);

// A uniform number in [0, 1) from the four keys (splitmix64); the one source of
// randomness of the simulator's pure parts.
double Uniform(std::uint64_t seed, std::uint64_t a, std::uint64_t b, std::uint64_t c);

}  // namespace gl::simulator
