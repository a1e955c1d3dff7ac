#include "greenloop/db/query.h"

namespace gl::db {

std::string Params::Add(long long value) {
  ints_.push_back(value);
  order_.emplace_back(true, ints_.size() - 1);
  return ":p" + std::to_string(order_.size() - 1);
}

std::string Params::Add(std::string value) {
  strings_.push_back(std::move(value));
  order_.emplace_back(false, strings_.size() - 1);
  return ":p" + std::to_string(order_.size() - 1);
}

void Params::BindTo(soci::statement& st) {
  for (size_t i = 0; i < order_.size(); ++i) {
    auto [is_int, index] = order_[i];
    std::string name = "p" + std::to_string(i);
    if (is_int) {
      st.exchange(soci::use(ints_[index], name));
    } else {
      st.exchange(soci::use(strings_[index], name));
    }
  }
}

void ForEachRow(soci::statement& st, Params& params, const std::string& query,
                const std::function<void()>& on_row) {
  params.BindTo(st);
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  if (st.execute(true)) {
    do {
      on_row();
    } while (st.fetch());
  }
}

long long Count(soci::session& sql, Params& params, const std::string& from_where) {
  long long total = 0;
  soci::statement st(sql);
  st.exchange(soci::into(total));
  ForEachRow(st, params, "SELECT COUNT(*) " + from_where, [] {});
  return total;
}

std::string LikeContains(std::string_view text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace gl::db
