// SQL for readings and aggregates (see store.h).
#include "greenloop/db/query.h"
#include "greenloop/monitoring/store.h"

namespace gl::monitoring::store {

std::vector<bool> InsertReadings(soci::session& sql, const std::vector<Reading>& readings,
                                 TimeMs received_at) {
  std::vector<bool> inserted;
  inserted.reserve(readings.size());
  long long t = 0, device = 0;
  int kind = 0;
  std::string factor, text, flag;
  double value = 0, min_value = 0, max_value = 0;
  soci::indicator value_ind = soci::i_null, min_ind = soci::i_null, max_ind = soci::i_null;
  long long received = received_at;
  // ON CONFLICT DO NOTHING makes a resend a no-op (SQLite 3.24+, PostgreSQL 9.5+).
  soci::statement st =
      (sql.prepare << "INSERT INTO readings (t, device_id, factor, kind, value, min_value,"
                      " max_value, text_value, flag, received_at) VALUES (:t, :device, :factor,"
                      " :kind, :value, :min, :max, :text, :flag, :received)"
                      " ON CONFLICT (t, device_id, factor, kind) DO NOTHING",
       soci::use(t), soci::use(device), soci::use(factor), soci::use(kind),
       soci::use(value, value_ind), soci::use(min_value, min_ind), soci::use(max_value, max_ind),
       soci::use(text), soci::use(flag), soci::use(received));
  for (const Reading& r : readings) {
    t = r.t;
    device = r.device_id;
    factor = r.factor;
    kind = static_cast<int>(r.kind);
    value = r.value.value_or(0);
    value_ind = r.value ? soci::i_ok : soci::i_null;
    min_value = r.min_value.value_or(0);
    min_ind = r.min_value ? soci::i_ok : soci::i_null;
    max_value = r.max_value.value_or(0);
    max_ind = r.max_value ? soci::i_ok : soci::i_null;
    text = r.text_value;
    flag = r.flag;
    st.execute(true);
    inserted.push_back(st.get_affected_rows() > 0);
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
  db::ForEachRow(st, p,
                 "SELECT t, device_id, value, min_value, max_value, text_value, flag FROM readings" +
                     where + " ORDER BY t LIMIT " + std::to_string(limit),
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
  db::ForEachRow(st, p,
                 "SELECT start_at, count, valid_count, sum_value, min_value, max_value FROM"
                 " aggregates" + where + " ORDER BY start_at",
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
