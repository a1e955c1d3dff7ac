#include "greenloop/simulator/scenario.h"

#include <array>

#include "greenloop/simulator/values.h"

namespace gl::simulator {
namespace {

constexpr std::array<ScenarioInfo, 7> kScenarios{{
    {Scenario::kNormal, "normal", "diurnal values only, every upload acknowledged and flagged N"},
    {Scenario::kExceedance, "exceedance",
     "about 30% of fume, noise and dust/PM devices well over typical limits, 10 minutes at a time"},
    {Scenario::kFaults, "faults",
     "10% of devices flag their values D (fault) and 5% go silent for 2-6 minutes, then come "
     "back"},
    {Scenario::kDuplicates, "duplicates", "one upload in five is sent twice with the same QN"},
    {Scenario::kMixed, "mixed",
     "the demo default: mostly normal, with occasional exceedances, faults, outages and "
     "duplicates"},
    {Scenario::kFlatline, "flatline",
     "about 30% of fume, noise and dust devices repeat one value for 10 minutes at a time "
     "(suspect data, never a pollution alarm)"},
    {Scenario::kJustUnder, "just_under",
     "every fume and noise device reports 0.5-4.5% under its limit (suspect data: just under "
     "the limit)"},
}};

// Tags keep the decisions of one slot independent of each other.
enum Tag : std::uint64_t {
  kTagExceed = 1,
  kTagFault = 2,
  kTagOutage = 3,
  kTagOutageLen = 4,
  kTagDup = 5,
  kTagFlat = 6,
  kTagCalibrate = 7,
  kTagUnder = 8
};

struct Rates {
  double exceed = 0, fault = 0, outage = 0, duplicate = 0, flatline = 0, just_under = 0,
         calibrate = 0;
};

// The per-slot probabilities of each scenario: the place where the names turn into behaviour.
Rates RatesOf(Scenario scenario) {
  switch (scenario) {
    case Scenario::kNormal:
      return {};
    case Scenario::kExceedance:
      return {.exceed = 0.30};
    case Scenario::kFaults:
      return {.fault = 0.10, .outage = 0.05, .calibrate = 0.05};
    case Scenario::kDuplicates:
      return {.duplicate = 0.20};
    case Scenario::kMixed:
      return {.exceed = 0.04,
              .fault = 0.02,
              .outage = 0.01,
              .duplicate = 0.01,
              .flatline = 0.01,
              .calibrate = 0.01};
    case Scenario::kFlatline:
      return {.flatline = 0.30};
    case Scenario::kJustUnder:
      return {.just_under = 1.0};
  }
  return {};
}

std::uint64_t SlotOf(TimeMs t) {
  return static_cast<std::uint64_t>(t >= 0 ? t / kSlotMs : (t - kSlotMs + 1) / kSlotMs);
}

// The outage of a slot starts with the slot and lasts 2-6 minutes.
TimeMs OutageLength(const SimParams& p, const DeviceSpec& d, std::uint64_t slot) {
  const int minutes = 2 + static_cast<int>(Uniform(p.seed, d.key, slot, kTagOutageLen) * 5);
  return static_cast<TimeMs>(minutes) * 60 * 1000;
}

bool InOutage(const SimParams& p, const DeviceSpec& d, TimeMs t) {
  const double rate = RatesOf(p.scenario).outage;
  if (rate <= 0) return false;
  const std::uint64_t slot = SlotOf(t);
  if (Uniform(p.seed, d.key, slot, kTagOutage) >= rate) return false;
  const TimeMs start = static_cast<TimeMs>(slot) * kSlotMs;
  return t < start + OutageLength(p, d, slot);
}

}  // namespace

double Uniform(std::uint64_t seed, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  std::uint64_t z = seed ^ (a * 0x9E3779B97F4A7C15ULL) ^ (b * 0xC2B2AE3D27D4EB4FULL) ^
                    (c * 0x165667B19E3779F9ULL);
  z += 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

std::span<const ScenarioInfo> Scenarios() { return kScenarios; }

std::string_view ScenarioName(Scenario scenario) {
  for (const ScenarioInfo& s : kScenarios) {
    if (s.scenario == scenario) return s.name;
  }
  return "normal";
}

std::optional<Scenario> ScenarioFromName(std::string_view name) {
  for (const ScenarioInfo& s : kScenarios) {
    if (s.name == name) return s.scenario;
  }
  return std::nullopt;
}

bool CanExceed(const DeviceSpec& device) {
  for (const std::string& f : device.factors) {
    if (f == "gl_fume" || f == "LA" || f == "Leq" || f == "a34002" || f == "a34004" ||
        f == "a34001") {
      return true;
    }
  }
  return false;
}

Condition ConditionAt(const SimParams& params, const DeviceSpec& device, TimeMs t) {
  const Rates rates = RatesOf(params.scenario);
  const std::uint64_t slot = SlotOf(t);
  Condition c;
  c.exceeding = rates.exceed > 0 && CanExceed(device) &&
                Uniform(params.seed, device.key, slot, kTagExceed) < rates.exceed;
  c.fault = rates.fault > 0 && Uniform(params.seed, device.key, slot, kTagFault) < rates.fault;
  c.outage = InOutage(params, device, t);
  c.flatline = rates.flatline > 0 && CanExceed(device) &&
               Uniform(params.seed, device.key, slot, kTagFlat) < rates.flatline;
  c.just_under = rates.just_under > 0 && CanExceed(device) &&
                 Uniform(params.seed, device.key, slot, kTagUnder) < rates.just_under;
  c.calibrating = !c.fault && rates.calibrate > 0 &&
                  Uniform(params.seed, device.key, slot, kTagCalibrate) < rates.calibrate;
  return c;
}

TimeMs OutageEnd(const SimParams& params, const DeviceSpec& device, TimeMs t) {
  if (!InOutage(params, device, t)) return t;
  const std::uint64_t slot = SlotOf(t);
  return static_cast<TimeMs>(slot) * kSlotMs + OutageLength(params, device, slot);
}

double ShapedValue(const SimParams& params, const DeviceSpec& device, std::string_view code,
                   TimeMs t, const Condition& cond, double v) {
  if (cond.flatline) {
    const TimeMs start = static_cast<TimeMs>(SlotOf(t)) * kSlotMs;
    return ValueAt(params, device, code, start, false);
  }
  if (cond.just_under) {
    double limit = 0;
    if (code == "gl_fume") limit = 1.0;  // DB50/859-2018 油烟
    if (code == "LA" || code == "Leq") {
      // GB 12523-2011 4.1 (construction): day (06-22) 70, night 55 dB(A); the demo's
      // industrial sites are GB 12348-2008 class 2: 60 and 50. Asia/Shanghai.
      const TimeMs local =
          ((t + kShanghaiOffsetMs) % (24 * 3600000LL) + 24 * 3600000LL) % (24 * 3600000LL);
      const bool night = local < 6 * 3600000LL || local >= 22 * 3600000LL;
      const bool industrial = device.site_kind == SiteKind::kIndustrial;
      limit = night ? (industrial ? 50.0 : 55.0) : (industrial ? 60.0 : 70.0);
    }
    if (limit > 0) {
      const double u =
          Uniform(params.seed, device.key, static_cast<std::uint64_t>(t / 1000), kTagUnder);
      return limit * (0.955 + 0.04 * u);
    }
  }
  return v;
}

std::string_view FlagOf(const Condition& cond) {
  if (cond.fault) return "D";
  if (cond.calibrating) return "C";
  return "N";
}

bool IsDuplicated(const SimParams& params, const DeviceSpec& device, TimeMs data_time) {
  const double rate = RatesOf(params.scenario).duplicate;
  return rate > 0 &&
         Uniform(params.seed, device.key, static_cast<std::uint64_t>(data_time), kTagDup) < rate;
}

}  // namespace gl::simulator
