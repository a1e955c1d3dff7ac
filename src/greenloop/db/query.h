// greenloop/db/query.h
//
// Statements whose WHERE clause depends on the request's filters. `Params` holds
// the bound values (stable addresses, as SOCI binds by reference) and names them
// :p0, :p1, ...; `ForEachRow` prepares, binds and fetches.
//
//   db::Params p;
//   std::string where = " WHERE unit_id = " + p.Add(unit_id);
//   soci::statement st(sql);
//   st.exchange(soci::into(row.id)); ...
//   db::ForEachRow(st, p, "SELECT id FROM people" + where, [&] { out.push_back(row); });
#pragma once

#include <soci/soci.h>

#include <deque>
#include <functional>
#include <string>
#include <variant>

namespace gl::db {

class Params {
 public:
  // Returns the placeholder to put in the SQL text.
  std::string Add(long long value);
  std::string Add(std::string value);
  // Binds every value to the statement (call once per statement).
  void BindTo(soci::statement& st);

 private:
  std::deque<long long> ints_;
  std::deque<std::string> strings_;
  std::deque<std::pair<bool, size_t>> order_;  // (is_int, index)
};

// Prepares `query` on a statement whose intos are already exchanged, binds `params`,
// and calls `on_row` once per fetched row.
void ForEachRow(soci::statement& st, Params& params, const std::string& query,
                const std::function<void()>& on_row);

// SELECT COUNT(*) with the given FROM/WHERE tail and params.
long long Count(soci::session& sql, Params& params, const std::string& from_where);

// "%text%" for LIKE, with the wildcard characters escaped (use with ESCAPE '\').
std::string LikeContains(std::string_view text);

}  // namespace gl::db
