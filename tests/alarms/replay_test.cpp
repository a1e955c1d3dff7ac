// Replay: a recorded day of demo data (the simulator's pure "mixed" scenario, seed 7,
// every fifth demo device at its own reporting interval) through the engine with a
// fake clock gives the same alarms on every run, and the alarms recorded in
// tests/data/alarms/replay_mixed_seed7.txt (set GL_UPDATE_GOLDEN=1 to rewrite it after
// a deliberate rule change). Hourly standard checks need the database and are not
// part of this replay.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include "greenloop/alarms/engine.h"
#include "greenloop/alarms/rules.h"
#include "greenloop/simulator/scenario.h"
#include "greenloop/simulator/sites.h"
#include "greenloop/simulator/values.h"

namespace gl::alarms {
namespace {

namespace sim = gl::simulator;

std::string KindName(sim::SiteKind k) {
  switch (k) {
    case sim::SiteKind::kRestaurant:
      return "restaurant";
    case sim::SiteKind::kConstruction:
      return "construction";
    case sim::SiteKind::kWaterSection:
      return "water_section";
    case sim::SiteKind::kAirStation:
      return "air_station";
    case sim::SiteKind::kIndustrial:
      return "industrial";
    case sim::SiteKind::kOther:
      break;
  }
  return "other";
}

// The day's alarms, one line each, in a stable order (ids left out).
std::vector<std::string> ReplayDay() {
  auto devices = sim::LoadSites(std::string(GL_SOURCE_DIR) + "/data/demo/sites.json");
  EXPECT_TRUE(devices.ok());
  Engine engine;
  std::vector<Rule> rules = DefaultRules();
  for (size_t i = 0; i < rules.size(); ++i) rules[i].id = static_cast<Id>(i + 1);
  engine.SetRules(rules);
  std::map<std::string, Id> site_ids;
  std::vector<std::pair<Id, sim::DeviceSpec>> chosen;
  for (size_t i = 0; i < devices->size(); i += 5) {
    const sim::DeviceSpec& d = (*devices)[i];
    auto [it, added] = site_ids.emplace(d.site_code, static_cast<Id>(site_ids.size() + 1));
    if (added) {
      monitoring::Site s;
      s.id = it->second;
      s.code = d.site_code;
      s.name = d.site_code;
      s.kind = KindName(d.site_kind);
      engine.UpsertSite(s);
    }
    const Id device_id = static_cast<Id>(1000 + i);
    engine.UpsertDevice({device_id, it->second, d.interval_s, std::nullopt});
    chosen.emplace_back(device_id, d);
  }
  const sim::SimParams params{.scenario = sim::Scenario::kMixed, .seed = 7};
  const TimeMs day = 1795795200000LL;  // 2026-11-28 00:00 +08:00
  EngineOutput out;
  std::map<Id, Alarm> last;  // the final state of every alarm of the day
  for (TimeMs t = day; t < day + 86400000LL; t += 60000) {
    for (const auto& [id, d] : chosen) {
      if ((t - day) % (d.interval_s * 1000LL) != 0) continue;
      const sim::Condition cond = sim::ConditionAt(params, d, t);
      if (cond.outage) continue;
      for (const std::string& code : d.factors) {
        monitoring::Reading r;
        r.t = t;
        r.device_id = id;
        r.factor = code;
        r.value = std::stod(sim::FormatValue(
            code, sim::ShapedValue(params, d, code, t, cond,
                                   sim::ValueAt(params, d, code, t, cond.exceeding))));
        r.flag = std::string(sim::FlagOf(cond));
        engine.Observe(site_ids[d.site_code], r, t, out);
      }
      engine.DeviceSeen(id, t, t, out);
    }
    engine.Tick(t, out);
    for (const AlarmEvent& e : out.events) last[e.alarm.id] = e.alarm;
    out = {};
  }
  std::vector<std::string> lines;
  for (const auto& [id, a] : last) {
    std::ostringstream line;
    line << a.site_code << ' ' << (a.factor.empty() ? "-" : a.factor) << ' '
         << CategoryName(a.category) << ' ' << (a.check.empty() ? "-" : a.check) << ' '
         << FormatIsoShanghai(a.first_at).substr(11, 8) << ' '
         << FormatIsoShanghai(a.last_at).substr(11, 8) << ' ' << a.count << ' '
         << SeverityName(a.severity) << ' ' << AlarmStatusName(a.status);
    lines.push_back(line.str());
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

TEST(ReplayTest, ARecordedDayGivesTheSameAlarmsEveryRun) {
  auto first = ReplayDay();
  auto second = ReplayDay();
  EXPECT_EQ(first, second);
  ASSERT_FALSE(first.empty());
  const std::string golden =
      std::string(GL_SOURCE_DIR) + "/tests/data/alarms/replay_mixed_seed7.txt";
  if (std::getenv("GL_UPDATE_GOLDEN")) {
    std::ofstream out(golden);
    out << "# site factor category check first last count severity status (alarms of one "
           "replayed day)\n";
    for (const auto& l : first) out << l << '\n';
  }
  std::ifstream in(golden);
  ASSERT_TRUE(in) << "missing " << golden << " (run with GL_UPDATE_GOLDEN=1)";
  std::vector<std::string> expected;
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l[0] != '#') expected.push_back(l);
  }
  EXPECT_EQ(first, expected);
}

}  // namespace
}  // namespace gl::alarms
