// SQL for the timeline, notifications, units, templates and webhooks (see store.h).
#include "greenloop/cases/store.h"
#include "greenloop/db/query.h"

namespace gl::cases::store {

void InsertEvent(soci::session& sql, const TimelineEntry& e) {
  std::string status(StatusName(e.status_after));
  std::string data = CanonicalJson(e.data);
  long long actor = e.actor_id;
  soci::indicator actor_ind = e.actor_id ? soci::i_ok : soci::i_null;
  int is_public = e.is_public ? 1 : 0;
  sql << "INSERT INTO case_events (id, case_id, at, action, status_after, actor_id, actor_name,"
         " actor_unit, public, text, data) VALUES (:id, :case_id, :at, :action, :status, :actor,"
         " :actor_name, :actor_unit, :public, :text, :data)",
      soci::use(e.id), soci::use(e.case_id), soci::use(e.at), soci::use(e.action),
      soci::use(status), soci::use(actor, actor_ind), soci::use(e.actor_name),
      soci::use(e.actor_unit), soci::use(is_public), soci::use(e.text), soci::use(data);
}

std::vector<TimelineEntry> ListEvents(soci::session& sql, Id case_id, bool public_only) {
  std::vector<TimelineEntry> out;
  long long id = 0, at = 0, actor = 0;
  soci::indicator actor_ind = soci::i_null;
  std::string action, status, actor_name, actor_unit, text, data;
  int is_public = 0;
  std::string where = public_only ? " AND public = 1" : "";
  soci::statement st =
      (sql.prepare << "SELECT id, at, action, status_after, actor_id, actor_name, actor_unit,"
                      " public, text, data FROM case_events WHERE case_id = :c" +
                          where + " ORDER BY at, id",
       soci::use(case_id), soci::into(id), soci::into(at), soci::into(action), soci::into(status),
       soci::into(actor, actor_ind), soci::into(actor_name), soci::into(actor_unit),
       soci::into(is_public), soci::into(text), soci::into(data));
  st.execute();
  while (st.fetch()) {
    TimelineEntry e;
    e.id = id;
    e.case_id = case_id;
    e.at = at;
    e.action = action;
    e.status_after = ParseStatus(status).value_or(CaseStatus::kReported);
    e.actor_id = actor_ind == soci::i_ok ? actor : 0;
    e.actor_name = actor_name;
    e.actor_unit = actor_unit;
    e.is_public = is_public != 0;
    e.text = text;
    if (auto parsed = ParseJsonObject(data); parsed.ok()) e.data = std::move(parsed).value();
    out.push_back(std::move(e));
  }
  return out;
}

void InsertNotification(soci::session& sql, const Notification& n) {
  sql << "INSERT INTO case_notifications (id, person_id, at, kind, case_id, text) VALUES (:id,"
         " :person, :at, :kind, :case_id, :text)",
      soci::use(n.id), soci::use(n.person_id), soci::use(n.at), soci::use(n.kind),
      soci::use(n.case_ref.id), soci::use(n.text);
}

std::vector<Notification> ListNotifications(soci::session& sql, Id person_id, bool unread_only,
                                            int offset, int limit, long long& total) {
  db::Params p;
  std::string where = " WHERE n.person_id = " + p.Add(static_cast<long long>(person_id));
  if (unread_only) where += " AND n.read_at IS NULL";
  total = db::Count(sql, p, "FROM case_notifications n" + where);
  std::vector<Notification> out;
  Notification row;
  long long read_at = 0;
  soci::indicator read_ind = soci::i_null;
  soci::statement st(sql);
  st.exchange(soci::into(row.id));
  st.exchange(soci::into(row.at));
  st.exchange(soci::into(row.kind));
  st.exchange(soci::into(row.case_ref.id));
  st.exchange(soci::into(row.case_ref.number));
  st.exchange(soci::into(row.text));
  st.exchange(soci::into(read_at, read_ind));
  db::ForEachRow(st, p,
                 "SELECT n.id, n.at, n.kind, n.case_id, c.number, n.text, n.read_at FROM"
                 " case_notifications n JOIN cases c ON c.id = n.case_id" +
                     where + " ORDER BY n.at DESC, n.id DESC LIMIT " + std::to_string(limit) +
                     " OFFSET " + std::to_string(offset),
                 [&] {
                   Notification n = row;
                   n.person_id = person_id;
                   n.read = read_ind == soci::i_ok;
                   out.push_back(n);
                 });
  return out;
}

void MarkNotificationsRead(soci::session& sql, Id person_id, const std::vector<Id>& ids,
                           TimeMs at) {
  if (ids.empty()) {
    sql << "UPDATE case_notifications SET read_at = :at WHERE person_id = :p AND read_at IS NULL",
        soci::use(at), soci::use(person_id);
    return;
  }
  for (Id id : ids) {
    sql << "UPDATE case_notifications SET read_at = :at WHERE person_id = :p AND id = :id AND"
           " read_at IS NULL",
        soci::use(at), soci::use(person_id), soci::use(id);
  }
}

namespace {
std::optional<UnitInfo> SelectUnit(soci::session& sql, const std::string& where_column,
                                   db::Params& p, const std::string& value_placeholder) {
  UnitInfo u;
  bool found = false;
  soci::statement st(sql);
  st.exchange(soci::into(u.id));
  st.exchange(soci::into(u.code));
  st.exchange(soci::into(u.name));
  st.exchange(soci::into(u.path));
  st.exchange(soci::into(u.kind));
  db::ForEachRow(st, p,
                 "SELECT id, code, name, path, kind FROM units WHERE " + where_column + " = " +
                     value_placeholder,
                 [&] { found = true; });
  if (!found) return std::nullopt;
  return u;
}
}  // namespace

std::optional<UnitInfo> FindUnit(soci::session& sql, Id id) {
  db::Params p;
  std::string ph = p.Add(static_cast<long long>(id));
  return SelectUnit(sql, "id", p, ph);
}

std::optional<UnitInfo> FindUnitByCode(soci::session& sql, const std::string& code) {
  db::Params p;
  std::string ph = p.Add(code);
  return SelectUnit(sql, "code", p, ph);
}

std::vector<Id> UnitIdsUnder(soci::session& sql, const std::string& prefix) {
  db::Params p;
  std::vector<Id> out;
  long long id = 0;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  db::ForEachRow(st, p, "SELECT id FROM units WHERE path LIKE " + p.Add(prefix + "%"),
                 [&] { out.push_back(id); });
  return out;
}

std::vector<Id> PeopleWithRole(soci::session& sql, Id unit_id, const std::string& role) {
  db::Params p;
  std::string where = " WHERE p.active = 1 AND r.role = " + p.Add(role);
  if (unit_id != 0) where += " AND p.unit_id = " + p.Add(static_cast<long long>(unit_id));
  std::vector<Id> out;
  long long id = 0;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  db::ForEachRow(st, p,
                 "SELECT p.id FROM people p JOIN person_roles r ON r.person_id = p.id" + where +
                     " ORDER BY p.id",
                 [&] { out.push_back(id); });
  return out;
}

std::vector<TemplateRow> ListTemplates(soci::session& sql) {
  std::vector<TemplateRow> out;
  TemplateRow row;
  soci::statement st = (sql.prepare << "SELECT category, action, text FROM case_templates ORDER"
                                       " BY category, action",
                        soci::into(row.category), soci::into(row.action), soci::into(row.text));
  st.execute();
  while (st.fetch()) out.push_back(row);
  return out;
}

void UpsertTemplate(soci::session& sql, const TemplateRow& row, Id by, TimeMs at) {
  sql << "DELETE FROM case_templates WHERE category = :c AND action = :a", soci::use(row.category),
      soci::use(row.action);
  sql << "INSERT INTO case_templates (category, action, text, updated_by, updated_at) VALUES"
         " (:c, :a, :t, :by, :at)",
      soci::use(row.category), soci::use(row.action), soci::use(row.text), soci::use(by),
      soci::use(at);
}

std::optional<std::string> FindWebhook(soci::session& sql, Id unit_id) {
  std::string url;
  soci::indicator ind = soci::i_null;
  sql << "SELECT url FROM case_webhooks WHERE unit_id = :u", soci::use(unit_id),
      soci::into(url, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return url;
}

void SetWebhook(soci::session& sql, Id unit_id, const std::string& url, TimeMs at) {
  sql << "DELETE FROM case_webhooks WHERE unit_id = :u", soci::use(unit_id);
  if (url.empty()) return;
  sql << "INSERT INTO case_webhooks (unit_id, url, updated_at) VALUES (:u, :url, :at)",
      soci::use(unit_id), soci::use(url), soci::use(at);
}

}  // namespace gl::cases::store
