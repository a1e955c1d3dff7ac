#include "greenloop/gateway/writer.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <map>
#include <tuple>

#include "greenloop/monitoring/rules.h"
#include "greenloop/monitoring/store.h"

namespace gl::gateway {

IngestWriter::IngestWriter(db::Database& db, http::Metrics& metrics, WriterOptions options)
    : db_(db), metrics_(metrics), options_(options) {}

IngestWriter::~IngestWriter() { Stop(); }

void IngestWriter::Start() {
  std::lock_guard lock(mutex_);
  if (running_) return;
  running_ = true;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void IngestWriter::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (!running_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
  std::lock_guard lock(mutex_);
  running_ = false;
}

bool IngestWriter::TrySubmit(IngestJob&& job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || !running_) return false;
    // An empty queue always takes a job, however large, so nothing can starve.
    if (!queue_.empty() && queued_readings_ + job.readings.size() > options_.queue_limit) {
      return false;
    }
    queued_readings_ += job.readings.size();
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void IngestWriter::SetCommittedListener(std::function<void(CommittedBatch&&)> listener) {
  std::lock_guard lock(mutex_);
  committed_listener_ = std::move(listener);
}

size_t IngestWriter::queued_readings() const {
  std::lock_guard lock(mutex_);
  return queued_readings_;
}

void IngestWriter::Run() {
  for (;;) {
    std::vector<IngestJob> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      size_t readings = 0;
      while (!queue_.empty() && (batch.empty() || readings + queue_.front().readings.size() <=
                                                      options_.max_batch_readings)) {
        readings += queue_.front().readings.size();
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      queued_readings_ -= readings;
    }
    CommittedBatch committed;
    Status s = StoreBatch(batch, committed);
    if (!s.ok())
      spdlog::error("ingest batch of {} uploads failed: {}", batch.size(), s.error().ToString());
    if (s.ok() && committed_listener_) committed_listener_(std::move(committed));
    for (IngestJob& job : batch) {
      if (job.done) job.done(s);
    }
  }
}

Status IngestWriter::StoreBatch(std::vector<IngestJob>& batch, CommittedBatch& committed) {
  auto start = std::chrono::steady_clock::now();
  std::vector<monitoring::Reading> rows;
  std::vector<Id> site_of_row;
  std::map<Id, TimeMs> last_seen;
  for (const IngestJob& job : batch) {
    for (const auto& r : job.readings) {
      rows.push_back(r);
      site_of_row.push_back(job.site_id);
    }
    TimeMs& seen = last_seen[job.device_id];
    seen = std::max(seen, job.seen_at);
  }
  size_t stored = 0;
  Status s = db_.RunInTransaction([&](soci::session& sql) -> Status {
    TimeMs now = NowMs();
    committed = {};  // a retried transaction starts over
    stored = 0;
    std::vector<bool> inserted = monitoring::store::InsertReadings(sql, rows, now);
    // Aggregate only what was newly stored: a resend must not count twice.
    std::map<std::tuple<Id, std::string, int, TimeMs>, monitoring::Aggregate> deltas;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (!inserted[i]) continue;
      ++stored;
      const auto& r = rows[i];
      if (committed_listener_) committed.readings.push_back({site_of_row[i], r});
      if (r.kind != monitoring::ReadingKind::kRealtime) continue;
      bool valid = r.value.has_value() && monitoring::FlagIsValid(r.flag);
      for (auto period : {monitoring::Period::kHour, monitoring::Period::kDay}) {
        TimeMs start_at = monitoring::PeriodStart(period, r.t);
        auto& a = deltas[{site_of_row[i], r.factor, static_cast<int>(period), start_at}];
        a.site_id = site_of_row[i];
        a.factor = r.factor;
        a.period = period;
        a.start = start_at;
        ++a.count;
        if (valid) {
          ++a.valid_count;
          a.sum += *r.value;
          if (!a.min_value || *r.value < *a.min_value) a.min_value = r.value;
          if (!a.max_value || *r.value > *a.max_value) a.max_value = r.value;
        }
      }
    }
    std::vector<monitoring::Aggregate> list;
    list.reserve(deltas.size());
    for (auto& [key, a] : deltas) list.push_back(std::move(a));
    monitoring::store::AddToAggregates(sql, list, now);
    monitoring::store::TouchDevices(sql, last_seen);
    committed.devices_seen.assign(last_seen.begin(), last_seen.end());
    return Status::Ok();
  });
  if (s.ok()) {
    metrics_.Increment("greenloop_hj212_readings_stored_total", {},
                       static_cast<std::int64_t>(stored));
    metrics_.Increment("greenloop_hj212_readings_duplicate_total", {},
                       static_cast<std::int64_t>(rows.size() - stored));
    metrics_.Increment("greenloop_hj212_batches_total");
    metrics_.Increment("greenloop_hj212_batch_readings_total", {},
                       static_cast<std::int64_t>(rows.size()));
    metrics_.Observe(
        "greenloop_hj212_commit_seconds",
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return s;
}

}  // namespace gl::gateway
