// SQL for people and their roles (see store.h).
#include <map>

#include "greenloop/db/query.h"
#include "greenloop/org/store.h"

namespace gl::org::store {

namespace {
constexpr const char* kPersonColumns =
    "SELECT p.id, p.unit_id, p.login, p.name, p.phone, p.active, p.created_at, p.updated_at,"
    " u.name, p.password_hash FROM people p JOIN units u ON u.id = p.unit_id";

struct PersonRow {
  long long id = 0, unit_id = 0, created_at = 0, updated_at = 0;
  std::string login, name, phone, unit_name, password_hash;
  soci::indicator phone_ind = soci::i_null;
  int active = 1;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(unit_id));
    st.exchange(soci::into(login));
    st.exchange(soci::into(name));
    st.exchange(soci::into(phone, phone_ind));
    st.exchange(soci::into(active));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
    st.exchange(soci::into(unit_name));
    st.exchange(soci::into(password_hash));
  }
  Person Take() const {
    Person p;
    p.id = id;
    p.unit_id = unit_id;
    p.login = login;
    p.name = name;
    if (phone_ind == soci::i_ok) p.phone = phone;
    p.active = active != 0;
    p.created_at = created_at;
    p.updated_at = updated_at;
    p.unit_name = unit_name;
    return p;
  }
};

// Fills the roles of the given people with one query.
void LoadRoles(soci::session& sql, std::vector<Person*> people) {
  if (people.empty()) return;
  db::Params p;
  std::string in;
  std::map<long long, Person*> by_id;
  for (Person* person : people) {
    in += (in.empty() ? "" : ", ") + p.Add(static_cast<long long>(person->id));
    by_id[person->id] = person;
  }
  long long person_id = 0;
  std::string role;
  soci::statement st(sql);
  st.exchange(soci::into(person_id));
  st.exchange(soci::into(role));
  db::ForEachRow(st, p,
                 "SELECT person_id, role FROM person_roles WHERE person_id IN (" + in +
                     ") ORDER BY person_id, role",
                 [&] {
                   auto parsed = ParseRole(role);
                   if (parsed) by_id[person_id]->roles.push_back(*parsed);
                 });
}

std::vector<std::pair<Person, std::string>> SelectPeople(soci::session& sql, db::Params& params,
                                                         const std::string& tail) {
  std::vector<std::pair<Person, std::string>> out;
  PersonRow row;
  soci::statement st(sql);
  row.Bind(st);
  db::ForEachRow(st, params, std::string(kPersonColumns) + tail,
                 [&] { out.emplace_back(row.Take(), row.password_hash); });
  std::vector<Person*> people;
  for (auto& [person, hash] : out) people.push_back(&person);
  LoadRoles(sql, people);
  return out;
}
}  // namespace

void InsertPerson(soci::session& sql, const Person& p, const std::string& password_hash) {
  std::string phone = p.phone.value_or("");
  soci::indicator phone_ind = p.phone ? soci::i_ok : soci::i_null;
  int active = p.active ? 1 : 0;
  sql << "INSERT INTO people (id, unit_id, login, name, phone, password_hash, active, created_at,"
         " updated_at) VALUES (:id, :unit, :login, :name, :phone, :hash, :active, :created,"
         " :updated)",
      soci::use(p.id), soci::use(p.unit_id), soci::use(p.login), soci::use(p.name),
      soci::use(phone, phone_ind), soci::use(password_hash), soci::use(active),
      soci::use(p.created_at), soci::use(p.updated_at);
  ReplaceRoles(sql, p.id, p.roles);
}

void UpdatePerson(soci::session& sql, const Person& p) {
  std::string phone = p.phone.value_or("");
  soci::indicator phone_ind = p.phone ? soci::i_ok : soci::i_null;
  int active = p.active ? 1 : 0;
  sql << "UPDATE people SET unit_id = :unit, name = :name, phone = :phone, active = :active,"
         " updated_at = :updated WHERE id = :id",
      soci::use(p.unit_id), soci::use(p.name), soci::use(phone, phone_ind), soci::use(active),
      soci::use(p.updated_at), soci::use(p.id);
}

void ReplaceRoles(soci::session& sql, Id person_id, const std::vector<Role>& roles) {
  sql << "DELETE FROM person_roles WHERE person_id = :id", soci::use(person_id);
  for (Role role : roles) {
    std::string name(RoleName(role));
    sql << "INSERT INTO person_roles (person_id, role) VALUES (:id, :role)", soci::use(person_id),
        soci::use(name);
  }
}

void SetPasswordHash(soci::session& sql, Id person_id, const std::string& hash, TimeMs now) {
  sql << "UPDATE people SET password_hash = :hash, updated_at = :now WHERE id = :id",
      soci::use(hash), soci::use(now), soci::use(person_id);
}

std::optional<Person> FindPerson(soci::session& sql, Id id) {
  db::Params p;
  auto rows = SelectPeople(sql, p, " WHERE p.id = " + p.Add(static_cast<long long>(id)));
  if (rows.empty()) return std::nullopt;
  return rows.front().first;
}

std::optional<std::pair<Person, std::string>> FindPersonByLogin(soci::session& sql,
                                                                const std::string& login) {
  db::Params p;
  auto rows = SelectPeople(sql, p, " WHERE p.login = " + p.Add(login));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Person> ListPeople(soci::session& sql, const PersonFilter& f, int offset, int limit,
                               long long& total) {
  db::Params p;
  // Unit paths hold only digits and '/', so the prefix needs no LIKE escaping.
  std::string where = " WHERE u.path LIKE " + p.Add(f.scope_prefix + "%");
  if (f.unit_id) where += " AND p.unit_id = " + p.Add(static_cast<long long>(*f.unit_id));
  if (f.role) {
    where += " AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = " +
             p.Add(std::string(RoleName(*f.role))) + ")";
  }
  if (!f.text_contains.empty()) {
    std::string like = p.Add(db::LikeContains(f.text_contains));
    where += " AND (p.login LIKE " + like + " ESCAPE '\\' OR p.name LIKE " + like + " ESCAPE '\\')";
  }
  if (!f.include_inactive) where += " AND p.active = 1";
  total = db::Count(sql, p, "FROM people p JOIN units u ON u.id = p.unit_id" + where);
  auto rows = SelectPeople(sql, p,
                           where + " ORDER BY u.path, p.login LIMIT " + std::to_string(limit) +
                               " OFFSET " + std::to_string(offset));
  std::vector<Person> out;
  out.reserve(rows.size());
  for (auto& row : rows) out.push_back(std::move(row.first));
  return out;
}

}  // namespace gl::org::store
