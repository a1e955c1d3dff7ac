#include "greenloop/alarms/runtime.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "greenloop/alarms/store.h"
#include "greenloop/monitoring/store.h"

namespace gl::alarms {

namespace {
constexpr size_t kLatencySamples = 4096;

AlarmForCase ForCase(const Alarm& a) {
  AlarmForCase c;
  c.alarm_id = a.id;
  c.site_id = a.site_id;
  c.device_id = a.device_id;
  c.factor = a.factor;
  c.rule_kind = std::string(RuleKindName(a.rule_kind));
  c.severity = std::string(SeverityName(a.severity));
  c.problem_key = a.problem_key;
  c.title = a.title;
  c.description = a.message + "（首次 " + FormatIsoShanghai(a.first_at).substr(0, 19) + "，共 " +
                  std::to_string(a.count) + " 次）";
  c.started_at = a.first_at;
  c.peak = a.peak;
  return c;
}
}  // namespace

AlarmRuntime::AlarmRuntime(db::Database& db, AlarmService& service, HourlyJudge* judge,
                           RuntimeOptions options)
    : db_(db), service_(service), options_(options), engine_(options.engine, judge) {}

AlarmRuntime::~AlarmRuntime() { Stop(); }

Status AlarmRuntime::LoadTopology(TimeMs now) {
  (void)now;
  auto loaded = db_.Query(
      [&](soci::session& sql)
          -> Result<std::pair<std::vector<monitoring::Site>, std::vector<monitoring::Device>>> {
        monitoring::store::SiteFilter f;
        long long total = 0;
        auto sites = monitoring::store::ListSites(sql, f, 0, 1000000, total);
        return std::make_pair(std::move(sites), monitoring::store::AllActiveDevices(sql));
      });
  if (!loaded.ok()) return loaded.error();
  for (const auto& s : loaded->first) engine_.UpsertSite(s);
  for (const auto& d : loaded->second) {
    engine_.UpsertDevice({d.id, d.site_id, d.interval_s, d.last_seen_at});
  }
  return Status::Ok();
}

Status AlarmRuntime::Start() {
  GL_ASSIGN_OR_RETURN(int seeded, service_.SeedDefaultRules());
  if (seeded > 0) spdlog::info("alarms: seeded {} default rules", seeded);
  GL_ASSIGN_OR_RETURN(auto rules, service_.AllRules());
  engine_.SetRules(std::move(rules));
  const TimeMs now = NowMs();
  GL_RETURN_IF_ERROR(LoadTopology(now));
  // Open alarms first, then the recent readings: matched, not duplicated.
  auto open = db_.Query(
      [&](soci::session& sql) -> Result<std::vector<Alarm>> { return store::OpenAlarms(sql); });
  if (!open.ok()) return open.error();
  for (const Alarm& a : *open) engine_.Restore(a, now);
  const TimeMs from = now - options_.rebuild_minutes * 60 * 1000LL;
  auto recent =
      db_.Query([&](soci::session& sql) -> Result<std::vector<std::pair<Id, monitoring::Reading>>> {
        std::vector<std::pair<Id, monitoring::Reading>> out;
        for (const auto& d : monitoring::store::AllActiveDevices(sql)) {
          if (!d.last_seen_at || *d.last_seen_at < from) continue;
          for (const std::string& factor : d.factors) {
            for (auto& r : monitoring::store::QueryReadings(sql, {d.id}, factor,
                                                            monitoring::ReadingKind::kRealtime,
                                                            from, now + 1, 100000)) {
              out.emplace_back(d.site_id, std::move(r));
            }
          }
        }
        return out;
      });
  if (!recent.ok()) return recent.error();
  auto& replay = *recent;
  std::stable_sort(replay.begin(), replay.end(),
                   [](const auto& a, const auto& b) { return a.second.t < b.second.t; });
  EngineOutput out;
  for (const auto& [site, r] : replay) engine_.Observe(site, r, r.t, out);
  engine_.Tick(now, out);
  Apply(out, now, std::chrono::steady_clock::now(), false);
  spdlog::info("alarms: {} open alarm(s) restored, {} reading(s) replayed, {} open now",
               open->size(), replay.size(), engine_.open_count());
  open_count_ = engine_.open_count();
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Run(); });
  return Status::Ok();
}

void AlarmRuntime::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void AlarmRuntime::Enqueue(IngestBatch&& batch) {
  {
    std::lock_guard lock(mutex_);
    queued_readings_ += batch.readings.size();
    batches_.push_back(std::move(batch));
    // Never block the writer: past the limit the oldest batches go (counted).
    while (queued_readings_ > options_.queue_limit && batches_.size() > 1) {
      queued_readings_ -= batches_.front().readings.size();
      stats_.dropped_readings += batches_.front().readings.size();
      batches_.pop_front();
    }
  }
  wake_.notify_one();
}

void AlarmRuntime::OnServiceChange(const AlarmChange& change) {
  {
    std::lock_guard lock(mutex_);
    changes_.push_back(change);
  }
  wake_.notify_one();
}

RuntimeStats AlarmRuntime::stats() const {
  std::lock_guard lock(mutex_);
  RuntimeStats s = stats_;
  std::vector<double> v = latencies_;
  s.samples = v.size();
  if (!v.empty()) {
    std::sort(v.begin(), v.end());
    s.p50_ms = v[v.size() / 2];
    s.p99_ms = v[std::min(v.size() - 1, v.size() * 99 / 100)];
  }
  return s;
}

void AlarmRuntime::Run() {
  using Clock = std::chrono::steady_clock;
  Clock::time_point last_tick = Clock::now();
  Clock::time_point last_reload = Clock::now();
  for (;;) {
    std::deque<IngestBatch> batches;
    std::deque<AlarmChange> changes;
    bool stopping;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_until(lock, last_tick + std::chrono::milliseconds(options_.tick_ms),
                       [&] { return stopping_ || !batches_.empty() || !changes_.empty(); });
      batches.swap(batches_);
      changes.swap(changes_);
      queued_readings_ = 0;
      stopping = stopping_;
    }
    const TimeMs now = NowMs();
    EngineOutput out;
    bool rules_changed = false;
    for (const AlarmChange& c : changes) {
      if (c.type == AlarmChange::Type::kAcknowledged) {
        engine_.Acknowledged(c.alarm.id, c.alarm.acked_by.value_or(0),
                             c.alarm.acked_at.value_or(now), c.alarm.ack_comment);
        hub_.Publish("acknowledged", c.alarm);
      } else if (c.type == AlarmChange::Type::kCleared) {
        engine_.ClearedByHand(c.alarm.id);
        hub_.Publish("cleared", c.alarm);
      } else {
        rules_changed = true;
      }
    }
    if (rules_changed) {
      auto rules = service_.AllRules();
      if (rules.ok()) {
        engine_.SetRules(std::move(rules).value());
      } else {
        spdlog::error("alarms: reloading rules: {}", rules.error().ToString());
      }
    }
    if (Clock::now() - last_reload >= std::chrono::seconds(options_.reload_sites_s)) {
      last_reload = Clock::now();
      Status s = LoadTopology(now);
      if (!s.ok()) spdlog::warn("alarms: reloading sites: {}", s.error().ToString());
    }
    Clock::time_point oldest = Clock::now();
    std::uint64_t n = 0;
    for (IngestBatch& b : batches) {
      oldest = std::min(oldest, b.committed_at);
      for (const auto& [site, r] : b.readings) engine_.Observe(site, r, now, out);
      for (const auto& [device, at] : b.devices_seen) engine_.DeviceSeen(device, at, now, out);
      n += b.readings.size();
    }
    if (Clock::now() - last_tick >= std::chrono::milliseconds(options_.tick_ms)) {
      last_tick = Clock::now();
      engine_.Tick(now, out);
    }
    if (n) {
      std::lock_guard lock(mutex_);
      stats_.readings += n;
    }
    Apply(out, now, oldest, true);
    open_count_ = engine_.open_count();
    if (stopping) break;
  }
}

void AlarmRuntime::Apply(EngineOutput& out, TimeMs now, std::chrono::steady_clock::time_point since,
                         bool push) {
  if (out.empty()) return;
  // One stored row and one pushed message per alarm per round.
  struct Net {
    AlarmEvent::Type first;
    AlarmEvent::Type last;
    Alarm alarm;
  };
  std::map<Id, Net> net;
  std::vector<Id> order;
  for (AlarmEvent& e : out.events) {
    e.alarm.updated_at = now;
    auto it = net.find(e.alarm.id);
    if (it == net.end()) {
      order.push_back(e.alarm.id);
      net.emplace(e.alarm.id, Net{e.type, e.type, std::move(e.alarm)});
    } else {
      it->second.last = e.type;
      it->second.alarm = std::move(e.alarm);
    }
  }
  Status s = db_.RunInTransaction([&](soci::session& sql) -> Status {
    for (Id id : order) {
      const Net& n = net[id];
      if (n.first == AlarmEvent::Type::kOpened) {
        store::InsertAlarm(sql, n.alarm);
      } else {
        store::UpdateAlarmFromEngine(sql, n.alarm);
      }
    }
    for (const Suppression& sp : out.suppressions) {
      if (sp.ended_at) {
        store::EndSuppression(sql, sp.device_id, sp.flag, *sp.ended_at);
      } else {
        Suppression copy = sp;
        copy.id = NewId();
        store::InsertSuppression(sql, copy);
      }
    }
    return Status::Ok();
  });
  if (!s.ok()) {
    spdlog::error("alarms: storing {} alarm event(s): {}", order.size(), s.error().ToString());
    std::lock_guard lock(mutex_);
    ++stats_.store_errors;
  }
  if (push && s.ok()) {
    for (Id id : order) {
      const Net& n = net[id];
      std::string_view event = n.first == AlarmEvent::Type::kOpened   ? "opened"
                               : n.last == AlarmEvent::Type::kCleared ? "cleared"
                                                                      : "updated";
      hub_.Publish(event, n.alarm);
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
    std::lock_guard lock(mutex_);
    stats_.events += order.size();
    if (!order.empty()) {
      if (latencies_.size() < kLatencySamples) {
        latencies_.push_back(ms);
      } else {
        latencies_[latency_next_++ % kLatencySamples] = ms;
      }
    }
  }
  if (!out.hand_offs.empty()) HandOff(std::move(out.hand_offs), now, since);
}

void AlarmRuntime::HandOff(std::vector<Alarm> alarms, TimeMs now,
                           std::chrono::steady_clock::time_point since) {
  EngineOutput out;
  for (const Alarm& a : alarms) {
    if (!handoff_) {
      engine_.HandOffFailed(a.id, now);  // asked again later, once a capability is wired
      continue;
    }
    auto ref = handoff_->HandOff(ForCase(a));
    if (ref.ok()) {
      engine_.CaseAttached(a.id, ref->case_id, ref->number, now, out);
    } else {
      spdlog::warn("alarms: hand-off of alarm {} failed: {}", a.id, ref.error().ToString());
      engine_.HandOffFailed(a.id, now);
    }
  }
  Apply(out, now, since, true);
}

}  // namespace gl::alarms
