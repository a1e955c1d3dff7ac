// SQL for units (see store.h).
#include "greenloop/db/query.h"
#include "greenloop/org/store.h"

namespace gl::org::store {

namespace {
constexpr const char* kUnitColumns =
    "SELECT id, parent_id, kind, code, name, name_en, path, active, created_at, updated_at "
    "FROM units";

// Row buffers bound once per statement; Take() converts the current row.
struct UnitRow {
  long long id = 0, parent_id = 0, created_at = 0, updated_at = 0;
  soci::indicator parent_ind = soci::i_null;
  std::string kind, code, name, name_en, path;
  int active = 1;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(parent_id, parent_ind));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(code));
    st.exchange(soci::into(name));
    st.exchange(soci::into(name_en));
    st.exchange(soci::into(path));
    st.exchange(soci::into(active));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
  }
  Unit Take() const {
    Unit u;
    u.id = id;
    if (parent_ind == soci::i_ok) u.parent_id = parent_id;
    u.kind = ParseUnitKind(kind).value_or(UnitKind::kDepartment);
    u.code = code;
    u.name = name;
    u.name_en = name_en;
    u.path = path;
    u.active = active != 0;
    u.created_at = created_at;
    u.updated_at = updated_at;
    return u;
  }
};

std::vector<Unit> SelectUnits(soci::session& sql, db::Params& params, const std::string& tail) {
  std::vector<Unit> out;
  UnitRow row;
  soci::statement st(sql);
  row.Bind(st);
  db::ForEachRow(st, params, std::string(kUnitColumns) + tail, [&] { out.push_back(row.Take()); });
  return out;
}
}  // namespace

void InsertUnit(soci::session& sql, const Unit& u) {
  long long parent = u.parent_id.value_or(0);
  soci::indicator parent_ind = u.parent_id ? soci::i_ok : soci::i_null;
  std::string kind(UnitKindName(u.kind));
  int active = u.active ? 1 : 0;
  sql << "INSERT INTO units (id, parent_id, kind, code, name, name_en, path, active, created_at,"
         " updated_at) VALUES (:id, :parent, :kind, :code, :name, :name_en, :path, :active,"
         " :created, :updated)",
      soci::use(u.id), soci::use(parent, parent_ind), soci::use(kind), soci::use(u.code),
      soci::use(u.name), soci::use(u.name_en), soci::use(u.path), soci::use(active),
      soci::use(u.created_at), soci::use(u.updated_at);
}

void UpdateUnit(soci::session& sql, const Unit& u) {
  int active = u.active ? 1 : 0;
  sql << "UPDATE units SET name = :name, name_en = :name_en, active = :active,"
         " updated_at = :updated WHERE id = :id",
      soci::use(u.name), soci::use(u.name_en), soci::use(active), soci::use(u.updated_at),
      soci::use(u.id);
}

std::optional<Unit> FindUnit(soci::session& sql, Id id) {
  db::Params p;
  auto rows = SelectUnits(sql, p, " WHERE id = " + p.Add(static_cast<long long>(id)));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Unit> FindUnitByCode(soci::session& sql, const std::string& code) {
  db::Params p;
  auto rows = SelectUnits(sql, p, " WHERE code = " + p.Add(code));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Unit> ListUnits(soci::session& sql, const UnitFilter& f, int offset, int limit,
                            long long& total) {
  db::Params p;
  std::string where = " WHERE 1 = 1";
  if (f.parent_id) where += " AND parent_id = " + p.Add(static_cast<long long>(*f.parent_id));
  if (f.kind) where += " AND kind = " + p.Add(std::string(UnitKindName(*f.kind)));
  if (!f.name_contains.empty()) {
    std::string like = p.Add(db::LikeContains(f.name_contains));
    where += " AND (name LIKE " + like + " ESCAPE '\\' OR name_en LIKE " + like +
             " ESCAPE '\\' OR code LIKE " + like + " ESCAPE '\\')";
  }
  if (!f.include_inactive) where += " AND active = 1";
  total = db::Count(sql, p, "FROM units" + where);
  // The tree reads in order: by depth of path, then code.
  return SelectUnits(sql, p,
                     where + " ORDER BY LENGTH(path), code LIMIT " + std::to_string(limit) +
                         " OFFSET " + std::to_string(offset));
}

long long CountUnits(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM units", soci::into(n);
  return n;
}

long long CountActiveChildren(soci::session& sql, Id unit_id) {
  long long n = 0;
  long long id = unit_id;
  sql << "SELECT COUNT(*) FROM units WHERE parent_id = :id AND active = 1", soci::use(id),
      soci::into(n);
  return n;
}

long long CountActivePeople(soci::session& sql, Id unit_id) {
  long long n = 0;
  long long id = unit_id;
  sql << "SELECT COUNT(*) FROM people WHERE unit_id = :id AND active = 1", soci::use(id),
      soci::into(n);
  return n;
}

}  // namespace gl::org::store
