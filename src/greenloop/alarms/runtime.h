// greenloop/alarms/runtime.h
//
// The running alarm engine: one thread owns the Engine. Committed readings arrive
// from the ingest writer (Enqueue, quick: it only queues), acknowledgements and
// clears from the service, time from a 1-second tick. Each round's events are
// stored in one transaction, then pushed to the stream hub, then alarms whose
// case policy is due are handed to the cases capability (when one is wired in).
//
// Restart: Start() loads the rules (seeding the default set into an empty table),
// sites and devices, puts back every open alarm, and replays the last
// `rebuild_minutes` of stored real-time readings, so a restart neither loses an
// alarm (one raised by readings committed before a crash is raised now) nor
// duplicates one (an open alarm's problem is matched, its counted readings are not
// counted again; the store's unique index is the last guard).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "greenloop/alarms/case_handoff.h"
#include "greenloop/alarms/engine.h"
#include "greenloop/alarms/hub.h"
#include "greenloop/alarms/service.h"
#include "greenloop/db/database.h"

namespace gl::alarms {

// Readings as the writer committed them.
struct IngestBatch {
  std::vector<std::pair<Id, monitoring::Reading>> readings;  // (site id, reading)
  std::vector<std::pair<Id, TimeMs>> devices_seen;
  std::chrono::steady_clock::time_point committed_at = std::chrono::steady_clock::now();
};

struct RuntimeOptions {
  EngineOptions engine;
  int tick_ms = 1000;
  int rebuild_minutes = 120;
  int reload_sites_s = 60;
  size_t queue_limit = 1000000;  // readings waiting; beyond it the oldest batches are dropped
};

struct RuntimeStats {
  std::uint64_t readings = 0, events = 0, store_errors = 0, dropped_readings = 0;
  // Commit-to-stored-and-pushed latency of alarm events, milliseconds.
  double p50_ms = 0, p99_ms = 0;
  size_t samples = 0;
};

class AlarmRuntime {
 public:
  AlarmRuntime(db::Database& db, AlarmService& service, HourlyJudge* judge,
               RuntimeOptions options = {});
  ~AlarmRuntime();
  AlarmRuntime(const AlarmRuntime&) = delete;
  AlarmRuntime& operator=(const AlarmRuntime&) = delete;

  // Loads, rebuilds and starts the thread. An Error when the database cannot be read.
  Status Start();
  // Handles what is queued, then ends the thread.
  void Stop();

  // From the writer thread: only queues.
  void Enqueue(IngestBatch&& batch);
  // From the service (request threads): only queues.
  void OnServiceChange(const AlarmChange& change);

  // Set before Start(); may be nullptr (no cases capability yet).
  void SetCaseHandoff(CaseHandoff* handoff) { handoff_ = handoff; }

  StreamHub& hub() { return hub_; }
  RuntimeStats stats() const;
  size_t open_alarms() const { return open_count_.load(); }

 private:
  void Run();
  Status LoadTopology(TimeMs now);
  void Apply(EngineOutput& out, TimeMs now, std::chrono::steady_clock::time_point since, bool push);
  void HandOff(std::vector<Alarm> alarms, TimeMs now, std::chrono::steady_clock::time_point since);

  db::Database& db_;
  AlarmService& service_;
  RuntimeOptions options_;
  Engine engine_;
  StreamHub hub_;
  CaseHandoff* handoff_ = nullptr;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<IngestBatch> batches_;
  size_t queued_readings_ = 0;
  std::deque<AlarmChange> changes_;
  bool stopping_ = false;
  std::thread thread_;
  std::atomic<size_t> open_count_{0};

  // Stats (guarded by mutex_).
  RuntimeStats stats_;
  std::vector<double> latencies_;  // ring of the last samples
  size_t latency_next_ = 0;
};

}  // namespace gl::alarms
