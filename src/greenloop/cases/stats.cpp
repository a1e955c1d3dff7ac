#include "greenloop/cases/stats.h"

#include <algorithm>
#include <cmath>

#include "greenloop/db/query.h"
#include "greenloop/org/permissions.h"

namespace gl::cases {

namespace {

// The running deadline has passed at :now (Case::OverdueAt, in SQL).
std::string OverdueSql(db::Params& p, TimeMs now) {
  std::string a = p.Add(now), b = p.Add(now);
  return "((c.status IN ('reported','accepted') AND c.accept_due_at < " + a +
         ") OR (c.status IN ('dispatched','in_progress') AND c.due_at < " + b + "))";
}

std::string InPeriod(db::Params& p, const std::string& column, const StatsQuery& q) {
  return "(" + column + " >= " + p.Add(q.from) + " AND " + column + " < " + p.Add(q.to) + ")";
}

std::string ClosedInPeriod(db::Params& p, const StatsQuery& q) {
  return "(c.status = 'closed' AND " + InPeriod(p, "c.closed_at", q) + ")";
}

// The scope condition on the lead unit's path ("" when everything is visible).
Result<std::string> ScopeSql(soci::session& sql, db::Params& p, const org::Actor& actor,
                             const std::string& dispatcher_code, const StatsQuery& q) {
  bool all = org::IsDistrictWide(actor) || actor.unit.code == dispatcher_code;
  std::string prefix = all ? "/" : org::ScopePrefix(actor);
  std::string cond;
  if (!all) cond = " AND u.path LIKE " + p.Add(prefix + "%");
  if (q.unit_id) {
    std::string path;
    long long id = *q.unit_id;
    sql << "SELECT path FROM units WHERE id = :id", soci::use(id), soci::into(path);
    if (!sql.got_data()) return Error::InvalidArgument("unit", "没有这个单位");
    if (path.rfind(prefix, 0) != 0) return Error::Forbidden("不能查看本单位范围以外的统计");
    cond += " AND u.path LIKE " + p.Add(path + "%");
  }
  return cond;
}

}  // namespace

Result<CaseStats> ComputeCaseStats(db::Database& db, const org::Actor& actor,
                                   const std::string& dispatcher_unit_code, const StatsQuery& q) {
  if (q.to <= q.from) return Error::InvalidArgument("to", "统计区间的结束须晚于开始");
  return db.Query([&](soci::session& sql) -> Result<CaseStats> {
    CaseStats out;
    {
      db::Params p;
      std::string received = InPeriod(p, "c.created_at", q);
      std::string closed1 = ClosedInPeriod(p, q), closed2 = ClosedInPeriod(p, q),
                  closed3 = ClosedInPeriod(p, q), closed4 = ClosedInPeriod(p, q),
                  closed5 = ClosedInPeriod(p, q);
      std::string overdue = OverdueSql(p, q.now);
      // The candidates through three indexed lookups (created_at, the partial closed_at
      // and open-cases indexes) rather than one OR over every row.
      std::string created_w = InPeriod(p, "created_at", q), closed_w = InPeriod(p, "closed_at", q);
      std::string overdue_w = OverdueSql(p, q.now);
      std::string candidates = "c.id IN (SELECT id FROM cases WHERE " + created_w +
                               " UNION SELECT id FROM cases WHERE " + closed_w +
                               " UNION SELECT c.id FROM cases c WHERE c.status NOT IN"
                               " ('rejected', 'closed', 'merged') AND " +
                               overdue_w + ")";
      GL_ASSIGN_OR_RETURN(std::string scope, ScopeSql(sql, p, actor, dispatcher_unit_code, q));
      std::string query =
          "SELECT c.lead_unit_id, u.name,"
          " COUNT(CASE WHEN " +
          received +
          " THEN 1 END),"
          " COUNT(CASE WHEN " +
          closed1 +
          " THEN 1 END),"
          " COUNT(CASE WHEN " +
          closed2 +
          " AND (c.due_at IS NULL OR c.resolved_at <= c.due_at) THEN 1 END),"
          " COUNT(CASE WHEN " +
          overdue +
          " THEN 1 END),"
          " COUNT(CASE WHEN " +
          closed3 +
          " AND c.reopen_count > 0 THEN 1 END),"
          " AVG(CASE WHEN " +
          closed4 +
          " THEN CAST(c.closed_at - c.created_at AS DOUBLE PRECISION) END),"
          " AVG(CASE WHEN " +
          closed5 +
          " THEN CAST(c.satisfaction AS DOUBLE PRECISION) END)"
          " FROM cases c LEFT JOIN units u ON u.id = c.lead_unit_id"
          " WHERE " +
          candidates + scope + " GROUP BY c.lead_unit_id, u.name";
      long long unit = 0, rec = 0, clo = 0, ontime = 0, over = 0, reop = 0;
      std::string name;
      double avg_ms = 0, sat = 0;
      soci::indicator unit_ind = soci::i_null, name_ind = soci::i_null, avg_ind = soci::i_null,
                      sat_ind = soci::i_null;
      soci::statement st(sql);
      st.exchange(soci::into(unit, unit_ind));
      st.exchange(soci::into(name, name_ind));
      st.exchange(soci::into(rec));
      st.exchange(soci::into(clo));
      st.exchange(soci::into(ontime));
      st.exchange(soci::into(over));
      st.exchange(soci::into(reop));
      st.exchange(soci::into(avg_ms, avg_ind));
      st.exchange(soci::into(sat, sat_ind));
      db::ForEachRow(st, p, query, [&] {
        UnitStats s;
        if (unit_ind == soci::i_ok) s.unit = UnitRef{unit, name_ind == soci::i_ok ? name : ""};
        s.received = rec;
        s.closed = clo;
        s.closed_on_time = ontime;
        s.overdue_now = over;
        s.reopened = reop;
        if (avg_ind == soci::i_ok) s.avg_handling_hours = avg_ms / 3600000.0;
        if (sat_ind == soci::i_ok) s.satisfaction = sat;
        out.items.push_back(std::move(s));
        unit_ind = name_ind = avg_ind = sat_ind = soci::i_null;
      });
    }
    std::sort(out.items.begin(), out.items.end(), [](const UnitStats& a, const UnitStats& b) {
      if (!a.unit || !b.unit) return bool(a.unit) > bool(b.unit);  // unassigned last
      return a.unit->name < b.unit->name;
    });
    {
      db::Params p;
      std::string overdue = OverdueSql(p, q.now);
      std::string created = InPeriod(p, "c.created_at", q);
      GL_ASSIGN_OR_RETURN(std::string scope, ScopeSql(sql, p, actor, dispatcher_unit_code, q));
      std::string query =
          "SELECT COUNT(*),"
          " COUNT(CASE WHEN c.status NOT IN ('closed','rejected','merged') THEN 1 END),"
          " COUNT(CASE WHEN " +
          overdue +
          " THEN 1 END),"
          " COUNT(CASE WHEN c.status = 'closed' THEN 1 END)"
          " FROM cases c LEFT JOIN units u ON u.id = c.lead_unit_id WHERE " +
          created + scope;
      soci::statement st(sql);
      st.exchange(soci::into(out.funnel.received));
      st.exchange(soci::into(out.funnel.in_progress));
      st.exchange(soci::into(out.funnel.overdue));
      st.exchange(soci::into(out.funnel.closed));
      db::ForEachRow(st, p, query, [] {});
    }
    return out;
  });
}

json::object CaseStatsJson(const CaseStats& stats, const StatsQuery& q) {
  auto num = [](std::optional<double> v, double scale) {
    return v ? json::value(std::round(*v * scale) / scale) : json::value(nullptr);
  };
  json::array items;
  for (const UnitStats& s : stats.items) {
    items.push_back(json::object{
        {"unit",
         s.unit ? json::value(json::object{{"id", IdToJson(s.unit->id)}, {"name", s.unit->name}})
                : json::value(nullptr)},
        {"received", s.received},
        {"closed", s.closed},
        {"closed_on_time", s.closed_on_time},
        {"overdue_now", s.overdue_now},
        {"avg_handling_hours", num(s.avg_handling_hours, 10)},
        {"reopen_rate", num(s.reopen_rate(), 1000)},
        {"satisfaction", num(s.satisfaction, 100)}});
  }
  return json::object{{"from", FormatIsoShanghai(q.from)},
                      {"to", FormatIsoShanghai(q.to)},
                      {"items", std::move(items)},
                      {"funnel", json::object{{"received", stats.funnel.received},
                                              {"in_progress", stats.funnel.in_progress},
                                              {"overdue", stats.funnel.overdue},
                                              {"closed", stats.funnel.closed}}}};
}

}  // namespace gl::cases
