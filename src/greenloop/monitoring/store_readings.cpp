// SQL for readings and aggregates (see store.h).
#include "greenloop/db/query.h"
#include "greenloop/monitoring/store.h"

#include <map>
#include <string_view>
#include <tuple>

namespace gl::monitoring::store {

namespace {
// Rows per INSERT: 10 parameters each stays far below SQLite's 32,766 and PostgreSQL's
// 65,535 bound parameters, and one statement per 500 rows saves the per-row round trip
// (PostgreSQL) and per-row statement overhead (SQLite).
constexpr size_t kRowsPerInsert = 500;

// One multi-row INSERT ... ON CONFLICT DO NOTHING RETURNING the keys it stored, prepared
// once for `rows` rows and executed again for each chunk of that size. SOCI binds by
// reference, so the bound vectors are sized once and never reallocated.
class ReadingsInsert {
 public:
  ReadingsInsert(soci::session& sql, size_t rows)
      : rows_(rows),
        t_(rows),
        device_(rows),
        kind_(rows),
        received_(rows),
        factor_(rows),
        text_(rows),
        flag_(rows),
        value_(rows),
        min_(rows),
        max_(rows),
        value_ind_(rows),
        min_ind_(rows),
        max_ind_(rows),
        st_(sql) {
    std::string q =
        "INSERT INTO readings (t, device_id, factor, kind, value, min_value, max_value, text_value,"
        " flag, received_at) VALUES ";
    // SQLite looks named parameters up by a linear scan, quadratic over thousands of them;
    // anonymous "?" are bound by position. PostgreSQL's backend renumbers ":names" to $n.
    bool sqlite = sql.get_backend_name() == "sqlite3";
    for (size_t i = 0; i < rows; ++i) {
      q += i ? ", (" : "(";
      for (int c = 0; c < 10; ++c) {
        if (c) q += ", ";
        q += sqlite ? std::string("?") : ":p" + std::to_string(i * 10 + c);
      }
      q += ")";
      st_.exchange(soci::use(t_[i]));
      st_.exchange(soci::use(device_[i]));
      st_.exchange(soci::use(factor_[i]));
      st_.exchange(soci::use(kind_[i]));
      st_.exchange(soci::use(value_[i], value_ind_[i]));
      st_.exchange(soci::use(min_[i], min_ind_[i]));
      st_.exchange(soci::use(max_[i], max_ind_[i]));
      st_.exchange(soci::use(text_[i]));
      st_.exchange(soci::use(flag_[i]));
      st_.exchange(soci::use(received_[i]));
    }
    // ON CONFLICT DO NOTHING makes a resend a no-op (SQLite 3.24+, PostgreSQL 9.5+);
    // RETURNING (SQLite 3.35+) names the rows actually stored.
    q += " ON CONFLICT (t, device_id, factor, kind) DO NOTHING"
         " RETURNING t, device_id, factor, kind";
    out_t_.resize(rows);
    out_device_.resize(rows);
    out_factor_.resize(rows);
    out_kind_.resize(rows);
    st_.exchange(soci::into(out_t_));
    st_.exchange(soci::into(out_device_));
    st_.exchange(soci::into(out_factor_));
    st_.exchange(soci::into(out_kind_));
    st_.alloc();
    st_.prepare(q);
    st_.define_and_bind();
  }

  // Stores readings[first, first + rows) and marks in `inserted` those newly stored.
  void Run(const std::vector<Reading>& readings, size_t first, TimeMs received_at,
           std::vector<bool>& inserted) {
    for (size_t i = 0; i < rows_; ++i) {
      const Reading& r = readings[first + i];
      t_[i] = r.t;
      device_[i] = r.device_id;
      factor_[i] = r.factor;
      kind_[i] = static_cast<long long>(r.kind);
      value_[i] = r.value.value_or(0);
      value_ind_[i] = r.value ? soci::i_ok : soci::i_null;
      min_[i] = r.min_value.value_or(0);
      min_ind_[i] = r.min_value ? soci::i_ok : soci::i_null;
      max_[i] = r.max_value.value_or(0);
      max_ind_[i] = r.max_value ? soci::i_ok : soci::i_null;
      text_[i] = r.text_value;
      flag_[i] = r.flag;
      received_[i] = received_at;
    }
    // A bulk fetch shrinks the into vectors to the rows it got; give it room again.
    for (auto* v : {&out_t_, &out_device_, &out_kind_}) v->resize(rows_);
    out_factor_.resize(rows_);
    std::multimap<std::tuple<long long, long long, std::string_view, long long>, size_t> pending;
    for (size_t i = 0; i < rows_; ++i) {
      pending.emplace(std::make_tuple(t_[i], device_[i], std::string_view(factor_[i]), kind_[i]),
                      first + i);
    }
    bool got = st_.execute(true);
    while (got) {
      for (size_t k = 0; k < out_t_.size(); ++k) {
        // Within one statement a key is stored once; its first occurrence is the stored one.
        auto it = pending.find(std::make_tuple(out_t_[k], out_device_[k],
                                               std::string_view(out_factor_[k]), out_kind_[k]));
        if (it != pending.end()) {
          inserted[it->second] = true;
          pending.erase(it);
        }
      }
      got = out_t_.size() == rows_ && st_.fetch();
    }
  }

 private:
  size_t rows_;
  std::vector<long long> t_, device_, kind_, received_;
  std::vector<std::string> factor_, text_, flag_;
  std::vector<double> value_, min_, max_;
  std::vector<soci::indicator> value_ind_, min_ind_, max_ind_;
  std::vector<long long> out_t_, out_device_, out_kind_;
  std::vector<std::string> out_factor_;
  soci::statement st_;
};
bool InsertOne(soci::session& sql, const Reading& r, TimeMs received_at) {
  long long t = r.t, device = r.device_id, kind = static_cast<long long>(r.kind),
            received = received_at;
  double value = r.value.value_or(0), min_value = r.min_value.value_or(0),
         max_value = r.max_value.value_or(0);
  soci::indicator value_ind = r.value ? soci::i_ok : soci::i_null;
  soci::indicator min_ind = r.min_value ? soci::i_ok : soci::i_null;
  soci::indicator max_ind = r.max_value ? soci::i_ok : soci::i_null;
  soci::statement st =
      (sql.prepare << "INSERT INTO readings (t, device_id, factor, kind, value, min_value,"
                      " max_value, text_value, flag, received_at) VALUES (:t, :device, :factor,"
                      " :kind, :value, :min, :max, :text, :flag, :received)"
                      " ON CONFLICT (t, device_id, factor, kind) DO NOTHING",
       soci::use(t), soci::use(device), soci::use(r.factor), soci::use(kind),
       soci::use(value, value_ind), soci::use(min_value, min_ind), soci::use(max_value, max_ind),
       soci::use(r.text_value), soci::use(r.flag), soci::use(received));
  st.execute(true);
  return st.get_affected_rows() > 0;
}
}  // namespace

std::vector<bool> InsertReadings(soci::session& sql, const std::vector<Reading>& readings,
                                 TimeMs received_at) {
  std::vector<bool> inserted(readings.size(), false);
  size_t full = readings.size() / kRowsPerInsert * kRowsPerInsert;
  if (full > 0) {
    ReadingsInsert chunk(sql, kRowsPerInsert);
    for (size_t first = 0; first < full; first += kRowsPerInsert) {
      chunk.Run(readings, first, received_at, inserted);
    }
  }
  if (readings.size() - full > 1) {
    ReadingsInsert rest(sql, readings.size() - full);
    rest.Run(readings, full, received_at, inserted);
  } else if (readings.size() - full == 1) {
    // SOCI's SQLite backend returns no RETURNING row for a one-row bulk statement: a
    // lone reading (the common upload of one factor) goes in on its own and is judged
    // by the rows it changed.
    inserted[full] = InsertOne(sql, readings[full], received_at);
  }
  return inserted;
}

std::vector<Reading> QueryReadings(soci::session& sql, const std::vector<Id>& device_ids,
                                   const std::string& factor, ReadingKind kind, TimeMs from,
                                   TimeMs to, int limit) {
  std::vector<Reading> out;
  if (device_ids.empty()) return out;
  db::Params p;
  std::string in;
  for (Id id : device_ids) in += (in.empty() ? "" : ", ") + p.Add(static_cast<long long>(id));
  // The time range comes first so the primary key (t, ...) bounds the scan.
  std::string where = " WHERE t >= " + p.Add(static_cast<long long>(from)) + " AND t < " +
                      p.Add(static_cast<long long>(to)) + " AND device_id IN (" + in +
                      ") AND factor = " + p.Add(factor) +
                      " AND kind = " + p.Add(static_cast<long long>(kind));
  Reading r;
  long long t = 0, device = 0;
  double value = 0, min_value = 0, max_value = 0;
  soci::indicator value_ind, min_ind, max_ind;
  soci::statement st(sql);
  st.exchange(soci::into(t));
  st.exchange(soci::into(device));
  st.exchange(soci::into(value, value_ind));
  st.exchange(soci::into(min_value, min_ind));
  st.exchange(soci::into(max_value, max_ind));
  st.exchange(soci::into(r.text_value));
  st.exchange(soci::into(r.flag));
  db::ForEachRow(
      st, p,
      "SELECT t, device_id, value, min_value, max_value, text_value, flag FROM readings" + where +
          " ORDER BY t LIMIT " + std::to_string(limit),
      [&] {
        r.t = t;
        r.device_id = device;
        r.factor = factor;
        r.kind = kind;
        r.value = value_ind == soci::i_ok ? std::optional<double>(value) : std::nullopt;
        r.min_value = min_ind == soci::i_ok ? std::optional<double>(min_value) : std::nullopt;
        r.max_value = max_ind == soci::i_ok ? std::optional<double>(max_value) : std::nullopt;
        out.push_back(r);
      });
  return out;
}

void AddToAggregates(soci::session& sql, const std::vector<Aggregate>& deltas, TimeMs now) {
  long long site = 0, start = 0, count = 0, valid = 0, updated = now;
  int period = 0;
  std::string factor;
  double sum = 0, min_value = 0, max_value = 0;
  soci::indicator min_ind = soci::i_null, max_ind = soci::i_null;
  // Portable upsert; CASE instead of MIN()/LEAST(), which the two databases spell differently.
  soci::statement st =
      (sql.prepare
           << "INSERT INTO aggregates (site_id, factor, period, start_at, count, valid_count,"
              " sum_value, min_value, max_value, updated_at) VALUES (:site, :factor, :period,"
              " :start, :count, :valid, :sum, :min, :max, :updated)"
              " ON CONFLICT (site_id, factor, period, start_at) DO UPDATE SET"
              " count = aggregates.count + excluded.count,"
              " valid_count = aggregates.valid_count + excluded.valid_count,"
              " sum_value = aggregates.sum_value + excluded.sum_value,"
              " min_value = CASE WHEN aggregates.min_value IS NULL OR excluded.min_value <"
              " aggregates.min_value THEN COALESCE(excluded.min_value, aggregates.min_value)"
              " ELSE aggregates.min_value END,"
              " max_value = CASE WHEN aggregates.max_value IS NULL OR excluded.max_value >"
              " aggregates.max_value THEN COALESCE(excluded.max_value, aggregates.max_value)"
              " ELSE aggregates.max_value END,"
              " updated_at = excluded.updated_at",
       soci::use(site), soci::use(factor), soci::use(period), soci::use(start), soci::use(count),
       soci::use(valid), soci::use(sum), soci::use(min_value, min_ind),
       soci::use(max_value, max_ind), soci::use(updated));
  for (const Aggregate& a : deltas) {
    site = a.site_id;
    factor = a.factor;
    period = static_cast<int>(a.period);
    start = a.start;
    count = a.count;
    valid = a.valid_count;
    sum = a.sum;
    min_value = a.min_value.value_or(0);
    min_ind = a.min_value ? soci::i_ok : soci::i_null;
    max_value = a.max_value.value_or(0);
    max_ind = a.max_value ? soci::i_ok : soci::i_null;
    st.execute(true);
  }
}

std::vector<Aggregate> QueryAggregates(soci::session& sql, Id site_id, const std::string& factor,
                                       Period period, TimeMs from, TimeMs to) {
  std::vector<Aggregate> out;
  db::Params p;
  std::string where = " WHERE site_id = " + p.Add(static_cast<long long>(site_id)) +
                      " AND factor = " + p.Add(factor) +
                      " AND period = " + p.Add(static_cast<long long>(period)) +
                      " AND start_at >= " + p.Add(static_cast<long long>(from)) +
                      " AND start_at < " + p.Add(static_cast<long long>(to));
  Aggregate a;
  a.site_id = site_id;
  a.factor = factor;
  a.period = period;
  long long start = 0, count = 0, valid = 0;
  double sum = 0, min_value = 0, max_value = 0;
  soci::indicator min_ind, max_ind;
  soci::statement st(sql);
  st.exchange(soci::into(start));
  st.exchange(soci::into(count));
  st.exchange(soci::into(valid));
  st.exchange(soci::into(sum));
  st.exchange(soci::into(min_value, min_ind));
  st.exchange(soci::into(max_value, max_ind));
  db::ForEachRow(
      st, p,
      "SELECT start_at, count, valid_count, sum_value, min_value, max_value FROM"
      " aggregates" +
          where + " ORDER BY start_at",
      [&] {
        a.start = start;
        a.count = count;
        a.valid_count = valid;
        a.sum = sum;
        a.min_value = min_ind == soci::i_ok ? std::optional<double>(min_value) : std::nullopt;
        a.max_value = max_ind == soci::i_ok ? std::optional<double>(max_value) : std::nullopt;
        out.push_back(a);
      });
  return out;
}

}  // namespace gl::monitoring::store
