// What each rule kind looks at (see engine.h for the contract).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "greenloop/alarms/engine_impl.h"
#include "greenloop/monitoring/rules.h"
#include "greenloop/standards/factors.h"
#include "greenloop/standards/noise.h"

namespace gl::alarms {

namespace st = gl::standards;

std::string PollutionKey(const std::string& factor) {
  if (factor == "LA" || factor == "Leq") return "pollution:noise";
  return "pollution:" + factor;
}

Severity GradeByRatio(double value, const Limit& limit) {
  // Concentrations: over the limit, over 1.5 times, over 2 times. Sound levels are
  // graded by the same ratios of sound energy: +1.76 dB is 1.5 times, +3.01 dB twice.
  double ratio = limit.decibel ? std::pow(10.0, (value - limit.value) / 10.0)
                               : (limit.value > 0 ? value / limit.value : 0);
  if (ratio >= 2.0) return Severity::kCritical;
  if (ratio >= 1.5) return Severity::kMajor;
  return Severity::kMinor;
}

std::string FormatNumber(double v) {
  std::string s = fmt::format("{:.3f}", v);
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

namespace {

bool AppliesTo(const Rule& r, const std::string& factor) {
  return r.factor.empty() || r.factor == factor;
}

std::string Local(TimeMs t) { return FormatIsoShanghai(t).substr(0, 19); }

}  // namespace

std::optional<Limit> Engine::Impl::LimitFor(const SiteEntry& s, const Rule& r,
                                            const std::string& factor, TimeMs t) const {
  if (r.limit) return Limit{*r.limit, "规则设定", factor == "LA" || factor == "Leq"};
  if (factor == "gl_fume") return Limit{s.fume_limit, s.fume_source, false};
  if (factor == "LA" || factor == "Leq") {
    st::NoisePeriod period = st::NoisePeriodAt(t);
    auto limit = st::NoiseLimit(s.noise.standard, s.noise.zone, period);
    if (!limit.ok()) return std::nullopt;
    return Limit{static_cast<double>(*limit),
                 std::string(st::NoiseStandardName(s.noise.standard)) +
                     (period == st::NoisePeriod::kDay ? " 昼间" : " 夜间"),
                 true};
  }
  return std::nullopt;
}

void Engine::Impl::CheckFlags(SiteEntry& s, DeviceState* d, const monitoring::Reading& r,
                              TimeMs now, EngineOutput& out) {
  const std::string& flag = r.flag;
  // C and M: calibration and maintenance hold exceedance checks back while they last.
  if (d) {
    if (flag == "C" || flag == "M") {
      if (d->suppress_flag != flag) {
        if (!d->suppress_flag.empty()) {
          out.suppressions.push_back(
              {0, s.site.id, d->info.id, d->suppress_flag, d->suppress_since, r.t});
        }
        d->suppress_flag = flag;
        d->suppress_since = r.t;
        out.suppressions.push_back({0, s.site.id, d->info.id, flag, r.t, std::nullopt});
      }
    } else if (!d->suppress_flag.empty()) {
      out.suppressions.push_back(
          {0, s.site.id, d->info.id, d->suppress_flag, d->suppress_since, r.t});
      d->suppress_flag.clear();
    }
  }
  for (const Rule* rule : s.rules) {
    if (rule->kind != RuleKind::kDeviceFlag || !AppliesTo(*rule, r.factor)) continue;
    if (rule->check == "D") {
      if (flag == "D") {
        Finding f;
        f.rule = rule;
        f.site_id = s.site.id;
        f.device_id = r.device_id;
        f.problem_key = "device_flag:D";
        f.category = Category::kDevice;
        f.severity = rule->severity;
        f.title = s.site.name + "：监测设备故障（D）";
        f.message = fmt::format("设备上报数据标记 D（仪器故障），因子 {}，{}", FactorName(r.factor),
                                Local(r.t));
        f.t = r.t;
        Hit(f, now, out);
      } else if (open_per_device.contains(r.device_id)) {
        Absent({s.site.id, r.device_id, "device_flag:D"}, rule->id, now, out);
      }
    } else if (rule->check == "T") {
      if (flag == "T") {
        Finding f;
        f.rule = rule;
        f.site_id = s.site.id;
        f.device_id = r.device_id;
        f.factor = r.factor;
        f.problem_key = PollutionKey(r.factor);
        f.category = Category::kPollution;
        f.severity = rule->severity;
        f.value = r.value;
        f.unit = FactorUnit(r.factor);
        f.title = fmt::format("{}：{}超限（设备判定 T）", s.site.name, FactorName(r.factor));
        f.message =
            fmt::format("设备上报数据标记 T（超量程/超限），{} {}", r.text_value, Local(r.t));
        f.t = r.t;
        Hit(f, now, out);
      } else if (open_per_device.contains(r.device_id)) {
        Absent({s.site.id, r.device_id, PollutionKey(r.factor)}, rule->id, now, out);
      }
    }
  }
}

void Engine::Impl::CheckReading(SiteEntry& s, DeviceState* d, const monitoring::Reading& r,
                                TimeMs now, EngineOutput& out) {
  if (!r.value) return;
  const double v = *r.value;
  auto [sit, inserted] = series.try_emplace({r.device_id, r.factor});
  SeriesState& ser = sit->second;
  if (inserted) {
    ser.site_id = s.site.id;
    ser.device_id = r.device_id;
    ser.factor = r.factor;
    if (const st::Factor* f = st::FindFactorByCode(r.factor)) {
      if (f->min) ser.range_min = f->min->ToDouble();
      if (f->max) ser.range_max = f->max->ToDouble();
    }
    ser.factor_hash = std::hash<std::string>()(r.factor);
  }
  if (r.t < ser.last_t) return;  // an old reading arriving late: series checks need order
  const bool valid = monitoring::FlagIsValid(r.flag);
  const bool suppressed = d && !d->suppress_flag.empty();
  const bool out_of_range =
      (ser.range_min && v < *ser.range_min) || (ser.range_max && v > *ser.range_max);
  const bool same = ser.last_value && *ser.last_value == v;
  ser.same_count = same ? ser.same_count + 1 : 1;
  if (!same) ser.same_since = r.t;
  const std::optional<double> prev = ser.last_value;
  const TimeMs prev_t = ser.last_t;
  ser.last_value = v;
  ser.last_t = r.t;
  const int interval_s = d ? std::max(1, d->info.interval_s) : 60;
  std::string unit, fname;  // filled when something is found

  auto base = [&](const Rule* rule, Category cat, std::string problem) {
    if (fname.empty()) {
      unit = FactorUnit(r.factor);
      fname = FactorName(r.factor);
    }
    Finding f;
    f.rule = rule;
    f.site_id = s.site.id;
    f.device_id = r.device_id;
    f.factor = r.factor;
    f.problem_key = std::move(problem);
    f.category = cat;
    f.severity = rule->severity;
    f.value = v;
    f.unit = unit;
    f.t = r.t;
    return f;
  };

  for (const Rule* rule : s.rules) {
    if (!AppliesTo(*rule, r.factor)) continue;
    if (rule->kind == RuleKind::kExceedance) {
      if (rule->factor.empty() || r.kind != monitoring::ReadingKind::kRealtime) continue;
      auto hold = std::find_if(ser.holds.begin(), ser.holds.end(),
                               [&](const Hold& h) { return h.rule_id == rule->id; });
      if (hold == ser.holds.end()) {
        ser.holds.push_back({rule->id, 0, 0});
        hold = ser.holds.end() - 1;
      }
      if (!valid || suppressed || out_of_range) {
        hold->count = 0;
        continue;
      }
      auto limit = LimitFor(s, *rule, r.factor, r.t);
      if (!limit) continue;
      if (v <= limit->value) {
        hold->count = 0;
        if (open_per_device.contains(r.device_id)) {
          Absent({s.site.id, r.device_id, PollutionKey(r.factor)}, rule->id, now, out);
        }
        continue;
      }
      if (hold->count++ == 0) hold->since = r.t;
      bool held = rule->hold_seconds > 0 ? r.t - hold->since >= rule->hold_seconds * 1000LL
                                         : hold->count >= rule->hold_count;
      if (!held) continue;
      Finding f = base(rule, Category::kPollution, PollutionKey(r.factor));
      f.severity = GradeByRatio(v, *limit);
      f.threshold = limit->value;
      f.title = fmt::format("{}：{}超标 {} {}（限值 {}，{}）", s.site.name, fname, FormatNumber(v),
                            unit, FormatNumber(limit->value), limit->source);
      f.message = rule->hold_seconds > 0
                      ? fmt::format("{} 持续超过限值 {} 秒，最近 {} {}（{}）", fname,
                                    rule->hold_seconds, FormatNumber(v), unit, Local(r.t))
                      : fmt::format("{} 连续 {} 个实时值超过限值，最近 {} {}（{}）", fname,
                                    hold->count, FormatNumber(v), unit, Local(r.t));
      Hit(f, now, out);
    } else if (rule->kind == RuleKind::kStandard && rule->check == "noise" && r.factor == "LA") {
      // Night maximum sound level: GB 12523-2011 §4.2 (and GB 3096-2008 sudden noise):
      // not over the night limit by more than 15 dB(A); GB 12348 by the kind configured.
      if (!valid || suppressed || out_of_range) continue;
      if (st::NoisePeriodAt(r.t) != st::NoisePeriod::kNight) continue;
      st::NoiseInput in;
      in.standard = s.noise.standard;
      in.zone = s.noise.zone;
      in.period = st::NoisePeriod::kNight;
      in.leq = st::Decimal::FromDouble(0, "leq").value();
      auto lmax = st::Decimal::FromDouble(v, "lmax");
      if (!lmax.ok()) continue;
      in.lmax = *lmax;
      in.lmax_kind = s.noise.lmax_kind;
      auto eval = st::EvaluateNoise(in);
      if (!eval.ok() || !eval->lmax_limit) continue;
      if (!eval->lmax_exceeded) {
        if (open_per_device.contains(r.device_id)) {
          Absent({s.site.id, r.device_id, PollutionKey(r.factor)}, rule->id, now, out);
        }
        continue;
      }
      Finding f = base(rule, Category::kPollution, PollutionKey(r.factor));
      f.threshold = *eval->lmax_limit;
      f.severity = GradeByRatio(v, Limit{static_cast<double>(*eval->lmax_limit), "", true});
      f.title =
          fmt::format("{}：夜间最大声级 {} dB(A) 超限（限值 {}，{}）", s.site.name, FormatNumber(v),
                      *eval->lmax_limit, st::NoiseStandardName(s.noise.standard));
      f.message = fmt::format("夜间 LA {} dB(A) 超过夜间限值加 15 dB(A)（{}）", FormatNumber(v),
                              Local(r.t));
      Hit(f, now, out);
    } else if (rule->kind == RuleKind::kSuspect) {
      const bool any_open = open_per_device.contains(r.device_id);
      auto key_of = [&] {
        return AlarmKey{s.site.id, r.device_id, "suspect:" + rule->check + ":" + r.factor};
      };
      auto finding = [&] {
        return base(rule, Category::kSuspect, "suspect:" + rule->check + ":" + r.factor);
      };
      if (rule->check == "range") {
        if (!out_of_range) continue;
        Finding f = finding();
        f.title = fmt::format("{}：{}数值超出物理量程（可疑）", s.site.name, fname);
        f.message = fmt::format("{} = {} {} 不在该因子的有效范围内（{}）", fname, r.text_value,
                                unit, Local(r.t));
        Hit(f, now, out);
        Absent(key_of(), rule->id, now, out);
      } else if (rule->check == "flatline") {
        // N identical values spanning N reporting intervals (a faster sender must
        // still hold the value that long).
        const TimeMs span = static_cast<TimeMs>(rule->flatline_count - 1) * interval_s * 1000;
        if (ser.same_count >= rule->flatline_count && r.t - ser.same_since >= span) {
          Finding f = finding();
          f.title = fmt::format("{}：{}数据恒定不变（可疑）", s.site.name, fname);
          f.message = fmt::format("连续 {} 个数值均为 {} {}（{}）", ser.same_count, FormatNumber(v),
                                  unit, Local(r.t));
          Hit(f, now, out);
        } else if (!same) {
          if (any_open) Absent(key_of(), rule->id, now, out);
        }
      } else if (rule->check == "step") {
        if (!prev || rule->max_step <= 0 || out_of_range) continue;
        if (r.t - prev_t > 3LL * interval_s * 1000) continue;  // a gap, not a step
        double step = std::fabs(v - *prev);
        if (step <= rule->max_step) continue;
        Finding f = finding();
        f.threshold = rule->max_step;
        f.title = fmt::format("{}：{}数据突变（可疑）", s.site.name, fname);
        f.message = fmt::format("相邻两值由 {} 变为 {} {}，变化超过 {}（{}）", FormatNumber(*prev),
                                FormatNumber(v), unit, FormatNumber(rule->max_step), Local(r.t));
        Hit(f, now, out);
        Absent(key_of(), rule->id, now, out);
      } else if (rule->check == "just_under") {
        if (!valid || out_of_range) continue;
        auto limit = LimitFor(s, *rule, r.factor, r.t);
        if (!limit) continue;
        bool in = v <= limit->value && v >= limit->value * (1.0 - rule->band);
        ser.band_window.emplace_back(r.t, in);
        ser.in_band += in;
        const TimeMs window = rule->window_hours * 3600LL * 1000;
        while (!ser.band_window.empty() && ser.band_window.front().first <= r.t - window) {
          ser.in_band -= ser.band_window.front().second;
          ser.band_window.pop_front();
        }
        const int n = static_cast<int>(ser.band_window.size());
        if (n >= rule->min_readings && ser.in_band > rule->share * n) {
          Finding f = finding();
          f.threshold = limit->value;
          f.title = fmt::format("{}：{}长期贴近限值（可疑）", s.site.name, fname);
          f.message = fmt::format(
              "近 {} 小时 {} 个读数中 {} 个（{}%）在限值 {} {} 下 {}% 以内（{}）",
              rule->window_hours, n, ser.in_band, ser.in_band * 100 / n, FormatNumber(limit->value),
              unit, FormatNumber(rule->band * 100), Local(r.t));
          Hit(f, now, out);
        } else {
          if (any_open) Absent(key_of(), rule->id, now, out);
        }
      } else if (rule->check == "duplicate") {
        ser.recent.push_back(v);
        if (static_cast<int>(ser.recent.size()) > rule->duplicate_count) ser.recent.pop_front();
        if (static_cast<int>(ser.recent.size()) < rule->duplicate_count) continue;
        // Only a series that moves is evidence: a near-constant one (a flatline, a closed
        // kitchen's 0.02-0.04) matches other devices by chance.
        std::vector<double> sorted(ser.recent.begin(), ser.recent.end());
        std::sort(sorted.begin(), sorted.end());
        const auto distinct = std::unique(sorted.begin(), sorted.end()) - sorted.begin();
        if (distinct < std::max(5, rule->duplicate_count / 4)) continue;
        std::uint64_t h = 1469598103934665603ULL;
        for (double x : ser.recent) {
          std::uint64_t bits;
          std::memcpy(&bits, &x, sizeof bits);
          h = (h ^ bits) * 1099511628211ULL;
        }
        h ^= ser.factor_hash * 0x9E3779B97F4A7C15ULL;
        // One entry per series: its current window (the map stays as small as the fleet).
        if (ser.fingerprint && ser.fingerprint != h) {
          auto mine = fingerprints.find(ser.fingerprint);
          if (mine != fingerprints.end() && mine->second.first == r.device_id) {
            fingerprints.erase(mine);
          }
        }
        ser.fingerprint = h;
        auto& slot = fingerprints[h];
        const TimeMs fresh = 3LL * interval_s * 1000;
        if (slot.first != 0 && slot.first != r.device_id &&
            std::llabs(slot.second - r.t) <= fresh) {
          Finding f = finding();
          f.title = fmt::format("{}：{}数据与另一台设备完全相同（可疑）", s.site.name, fname);
          f.message = fmt::format("最近 {} 个数值与设备 {} 的序列完全一致（{}）",
                                  rule->duplicate_count, IdToJson(slot.first), Local(r.t));
          Hit(f, now, out);
        } else {
          if (any_open) Absent(key_of(), rule->id, now, out);
        }
        if (slot.first == 0 || slot.first == r.device_id || r.t > slot.second) {
          slot = {r.device_id, r.t};
        }
      }
    }
  }
}

void Engine::Impl::JudgeHour(SiteEntry& s, TimeMs hour, TimeMs now, EngineOutput& out) {
  s.judged_hour = hour;
  if (!judge) return;
  // A device under calibration or maintenance: the hour is not judged.
  for (const auto& [id, d] : devices) {
    if (d.info.site_id == s.site.id && !d.suppress_flag.empty()) return;
  }
  for (const Rule* rule : s.rules) {
    if (rule->kind != RuleKind::kStandard) continue;
    HourVerdict v = judge->Judge(s.site, *rule, hour);
    if (!v.judged) continue;
    std::string factor = v.factor.empty() ? rule->factor : v.factor;
    std::string problem = factor.empty() ? "pollution:" + rule->check : PollutionKey(factor);
    AlarmKey key{s.site.id, 0, problem};
    if (!v.exceeded) {
      Absent(key, rule->id, now, out);
      continue;
    }
    Finding f;
    f.rule = rule;
    f.site_id = s.site.id;
    f.device_id = 0;  // an hourly judgement is about the site
    f.factor = factor;
    f.problem_key = problem;
    f.category = Category::kPollution;
    f.severity = v.severity;
    f.value = v.value;
    f.threshold = v.threshold;
    f.unit = v.unit;
    f.title = s.site.name + "：" + v.detail;
    f.message = fmt::format("{}（{} 时段）", v.detail, Local(hour).substr(0, 16));
    f.t = hour + 3600LL * 1000 - 1;
    Hit(f, now, out);
  }
}

void Engine::Impl::CheckNoData(TimeMs now, EngineOutput& out) {
  for (auto& [id, d] : devices) {
    if (!d.info.last_seen) continue;  // never heard from: not installed yet
    auto sit = sites.find(d.info.site_id);
    if (sit == sites.end()) continue;
    SiteEntry& s = sit->second;
    for (const Rule* rule : s.rules) {
      if (rule->kind != RuleKind::kNoData) continue;
      const TimeMs silent = now - *d.info.last_seen;
      const TimeMs allowed = static_cast<TimeMs>(rule->k * d.info.interval_s * 1000.0);
      if (silent <= allowed) continue;
      AlarmKey key{s.site.id, id, "no_data"};
      if (open.contains(key)) continue;  // one alarm; it clears when data returns
      Finding f;
      f.rule = rule;
      f.site_id = s.site.id;
      f.device_id = id;
      f.problem_key = "no_data";
      f.category = Category::kNoData;
      f.severity = rule->severity;
      f.title = s.site.name + "：监测设备数据中断";
      f.message = fmt::format("自 {} 起超过 {} 秒（{} 倍上报间隔）未收到数据",
                              Local(*d.info.last_seen), allowed / 1000, FormatNumber(rule->k));
      f.t = *d.info.last_seen + allowed;
      Hit(f, now, out);
    }
  }
}

}  // namespace gl::alarms
