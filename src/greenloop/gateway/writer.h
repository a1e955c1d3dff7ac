// greenloop/gateway/writer.h
//
// The one writer of readings. Connections submit jobs (the readings of one
// upload); a single thread takes as many as are queued (up to a batch limit),
// stores them in one transaction (idempotent on (t, device, factor, kind)),
// adds the newly stored real-time readings to the hourly and daily aggregates,
// records the devices' last-seen times, commits, and only then calls each job's
// `done` with OK, so an acknowledgement never precedes its data's commit. On a
// failed commit every job of the batch gets the error and nothing is acknowledged.
//
// Listeners: SetCommittedListener() gives one callback the newly stored readings of
// each committed batch (a resend that stored nothing gives nothing), on the writer
// thread, after commit and before the acknowledgements. It must be quick: hand the
// work to another thread (the alarm engine queues it).
//
// Back-pressure: TrySubmit() refuses when the queue holds `queue_limit` readings;
// the caller stops reading its socket and tries again later. Nothing is dropped.
// Stop() stores what is queued, then ends the thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "greenloop/db/database.h"
#include "greenloop/http/metrics.h"
#include "greenloop/monitoring/model.h"

namespace gl::gateway {

struct IngestJob {
  std::vector<monitoring::Reading> readings;
  Id device_id = 0;
  Id site_id = 0;
  TimeMs seen_at = 0;
  // Called on the writer thread after commit (OK) or failure; must not block.
  std::function<void(const Status&)> done;
};

// A reading as committed, with the site it belongs to.
struct StoredReading {
  Id site_id = 0;
  monitoring::Reading reading;
};

// What one committed batch stored: its new readings, and when each device was heard from.
struct CommittedBatch {
  std::vector<StoredReading> readings;
  std::vector<std::pair<Id, TimeMs>> devices_seen;  // (device id, seen at)
};

struct WriterOptions {
  size_t max_batch_readings = 20000;
  size_t queue_limit = 200000;  // readings waiting, across all connections
};

class IngestWriter {
 public:
  IngestWriter(db::Database& db, http::Metrics& metrics, WriterOptions options = {});
  ~IngestWriter();
  IngestWriter(const IngestWriter&) = delete;
  IngestWriter& operator=(const IngestWriter&) = delete;

  void Start();
  void Stop();
  // false when the queue is full (try again later) or the writer has stopped.
  bool TrySubmit(IngestJob&& job);

  size_t queued_readings() const;

  // Set before Start(); called once per committed batch on the writer thread.
  void SetCommittedListener(std::function<void(CommittedBatch&&)> listener);

 private:
  void Run();
  Status StoreBatch(std::vector<IngestJob>& batch, CommittedBatch& committed);

  db::Database& db_;
  http::Metrics& metrics_;
  WriterOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<IngestJob> queue_;
  size_t queued_readings_ = 0;
  bool stopping_ = false;
  bool running_ = false;
  std::thread thread_;
  std::function<void(CommittedBatch&&)> committed_listener_;
};

}  // namespace gl::gateway
