// SQL reads for the compliance capability (see compliance_store.h).
#include "greenloop/db/query.h"
#include "greenloop/monitoring/compliance_store.h"

namespace gl::monitoring::store {

std::vector<Aggregate> QueryAggregatesOfSites(soci::session& sql, const std::vector<Id>& site_ids,
                                              const std::vector<std::string>& factors,
                                              Period period, TimeMs from, TimeMs to) {
  std::vector<Aggregate> out;
  if (site_ids.empty() || factors.empty()) return out;
  db::Params p;
  std::string sites, codes;
  for (Id id : site_ids) sites += (sites.empty() ? "" : ", ") + p.Add(static_cast<long long>(id));
  for (const auto& f : factors) codes += (codes.empty() ? "" : ", ") + p.Add(f);
  std::string where = " WHERE site_id IN (" + sites + ") AND factor IN (" + codes +
                      ") AND period = " + p.Add(static_cast<long long>(period)) +
                      " AND start_at >= " + p.Add(static_cast<long long>(from)) +
                      " AND start_at < " + p.Add(static_cast<long long>(to));
  Aggregate a;
  a.period = period;
  long long site = 0, start = 0, count = 0, valid = 0;
  double sum = 0, min_value = 0, max_value = 0;
  soci::indicator min_ind, max_ind;
  soci::statement st(sql);
  st.exchange(soci::into(site));
  st.exchange(soci::into(a.factor));
  st.exchange(soci::into(start));
  st.exchange(soci::into(count));
  st.exchange(soci::into(valid));
  st.exchange(soci::into(sum));
  st.exchange(soci::into(min_value, min_ind));
  st.exchange(soci::into(max_value, max_ind));
  db::ForEachRow(
      st, p,
      "SELECT site_id, factor, start_at, count, valid_count, sum_value, min_value,"
      " max_value FROM aggregates" +
          where + " ORDER BY site_id, factor, start_at",
      [&] {
        a.site_id = site;
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
