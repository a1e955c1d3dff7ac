// SQL for alarm rules, alarms and suppressions (see store.h).
#include "greenloop/alarms/store.h"

#include "greenloop/alarms/rules.h"
#include "greenloop/base/json.h"
#include "greenloop/db/query.h"

namespace gl::alarms::store {

namespace {

// The tunable fields of a rule, without the fixed columns.
std::string ConfigJson(const Rule& r) {
  json::object o = RuleToJson(r);
  for (const char* fixed :
       {"id", "site_kind", "site_id", "kind", "check", "factor", "created_at", "updated_at"}) {
    o.erase(fixed);
  }
  return json::serialize(o);
}

struct RuleRow {
  long long id = 0, site_id = 0, created = 0, updated = 0;
  soci::indicator site_ind = soci::i_null;
  std::string site_kind, kind, check, factor, config;
  int enabled = 1;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(site_kind));
    st.exchange(soci::into(site_id, site_ind));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(check));
    st.exchange(soci::into(factor));
    st.exchange(soci::into(enabled));
    st.exchange(soci::into(config));
    st.exchange(soci::into(created));
    st.exchange(soci::into(updated));
  }
  std::optional<Rule> Take() const {
    Rule r;
    r.id = id;
    r.site_kind = site_kind;
    if (site_ind == soci::i_ok) r.site_id = site_id;
    auto k = ParseRuleKind(kind);
    if (!k) return std::nullopt;
    r.kind = *k;
    r.check = check;
    r.factor = factor;
    auto cfg = ParseJsonObject(config);
    if (!cfg.ok() || !ApplyRuleJson(*cfg, r, false).ok()) return std::nullopt;
    r.enabled = enabled != 0;
    r.created_at = created;
    r.updated_at = updated;
    return r;
  }
};

constexpr const char* kRuleSelect =
    "SELECT id, site_kind, site_id, kind, check_name, factor, enabled, config, created_at,"
    " updated_at FROM alarm_rules";

std::vector<Rule> SelectRules(soci::session& sql, db::Params& p, const std::string& tail) {
  std::vector<Rule> out;
  RuleRow row;
  soci::statement st(sql);
  row.Bind(st);
  db::ForEachRow(st, p, std::string(kRuleSelect) + tail, [&] {
    if (auto r = row.Take()) out.push_back(std::move(*r));
  });
  return out;
}

constexpr const char* kAlarmFrom =
    " FROM alarms a JOIN sites s ON s.id = a.site_id JOIN units us ON us.id = s.subdistrict_id"
    " LEFT JOIN units ud ON ud.id = s.department_id"
    " LEFT JOIN people pa ON pa.id = a.acked_by LEFT JOIN people pc ON pc.id = a.cleared_by";

constexpr const char* kAlarmColumns =
    "SELECT a.id, a.site_id, a.subdistrict_id, a.device_id, a.factor, a.rule_id, a.rule_kind,"
    " a.check_name, a.category, a.severity, a.status, a.problem_key, a.title, a.message,"
    " a.last_value, a.peak, a.threshold, a.unit, a.hits, a.first_at, a.last_at, a.acked_by,"
    " a.acked_at, a.ack_comment, a.cleared_at, a.cleared_by, a.clear_reason, a.case_id,"
    " a.case_number, a.updated_at, s.code, s.name, s.kind, us.path, ud.path, pa.name, pc.name";

struct AlarmRow {
  long long id = 0, site = 0, subdistrict = 0, device = 0, rule = 0, hits = 0, first = 0, last = 0,
            acked_by = 0, acked_at = 0, cleared_at = 0, cleared_by = 0, case_id = 0, updated = 0;
  soci::indicator acked_by_i, acked_at_i, cleared_at_i, cleared_by_i, case_i, value_i, peak_i,
      threshold_i, comment_i, reason_i, number_i, dep_i, pa_i, pc_i;
  double value = 0, peak = 0, threshold = 0;
  std::string factor, kind, check, category, severity, status, problem, title, message, unit,
      comment, reason, number, code, name, site_kind, sub_path, dep_path, pa_name, pc_name;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(site));
    st.exchange(soci::into(subdistrict));
    st.exchange(soci::into(device));
    st.exchange(soci::into(factor));
    st.exchange(soci::into(rule));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(check));
    st.exchange(soci::into(category));
    st.exchange(soci::into(severity));
    st.exchange(soci::into(status));
    st.exchange(soci::into(problem));
    st.exchange(soci::into(title));
    st.exchange(soci::into(message));
    st.exchange(soci::into(value, value_i));
    st.exchange(soci::into(peak, peak_i));
    st.exchange(soci::into(threshold, threshold_i));
    st.exchange(soci::into(unit));
    st.exchange(soci::into(hits));
    st.exchange(soci::into(first));
    st.exchange(soci::into(last));
    st.exchange(soci::into(acked_by, acked_by_i));
    st.exchange(soci::into(acked_at, acked_at_i));
    st.exchange(soci::into(comment, comment_i));
    st.exchange(soci::into(cleared_at, cleared_at_i));
    st.exchange(soci::into(cleared_by, cleared_by_i));
    st.exchange(soci::into(reason, reason_i));
    st.exchange(soci::into(case_id, case_i));
    st.exchange(soci::into(number, number_i));
    st.exchange(soci::into(updated));
    st.exchange(soci::into(code));
    st.exchange(soci::into(name));
    st.exchange(soci::into(site_kind));
    st.exchange(soci::into(sub_path));
    st.exchange(soci::into(dep_path, dep_i));
    st.exchange(soci::into(pa_name, pa_i));
    st.exchange(soci::into(pc_name, pc_i));
  }
  Alarm Take() const {
    Alarm a;
    a.id = id;
    a.site_id = site;
    a.subdistrict_id = subdistrict;
    a.device_id = device;
    a.factor = factor;
    a.rule_id = rule;
    a.rule_kind = ParseRuleKind(kind).value_or(RuleKind::kExceedance);
    a.check = check;
    a.category = ParseCategory(category).value_or(Category::kPollution);
    a.severity = ParseSeverity(severity).value_or(Severity::kMinor);
    a.status = ParseAlarmStatus(status).value_or(AlarmStatus::kActive);
    a.problem_key = problem;
    a.title = title;
    a.message = message;
    if (value_i == soci::i_ok) a.value = value;
    if (peak_i == soci::i_ok) a.peak = peak;
    if (threshold_i == soci::i_ok) a.threshold = threshold;
    a.unit = unit;
    a.count = hits;
    a.first_at = first;
    a.last_at = last;
    if (acked_by_i == soci::i_ok) a.acked_by = acked_by;
    if (acked_at_i == soci::i_ok) a.acked_at = acked_at;
    if (comment_i == soci::i_ok) a.ack_comment = comment;
    if (cleared_at_i == soci::i_ok) a.cleared_at = cleared_at;
    if (cleared_by_i == soci::i_ok) a.cleared_by = cleared_by;
    if (reason_i == soci::i_ok) a.clear_reason = reason;
    if (case_i == soci::i_ok) a.case_id = case_id;
    if (number_i == soci::i_ok) a.case_number = number;
    a.updated_at = updated;
    a.site_code = code;
    a.site_name = name;
    a.site_kind = site_kind;
    a.site_subdistrict_path = sub_path;
    if (dep_i == soci::i_ok) a.site_department_path = dep_path;
    if (pa_i == soci::i_ok) a.acked_by_name = pa_name;
    if (pc_i == soci::i_ok) a.cleared_by_name = pc_name;
    return a;
  }
};

std::vector<Alarm> SelectAlarms(soci::session& sql, db::Params& p, const std::string& tail) {
  std::vector<Alarm> out;
  AlarmRow row;
  soci::statement st(sql);
  row.Bind(st);
  db::ForEachRow(st, p, std::string(kAlarmColumns) + kAlarmFrom + tail,
                 [&] { out.push_back(row.Take()); });
  return out;
}

// Optional values bound with their indicators (stable addresses for SOCI).
struct Optionals {
  double value = 0, peak = 0, threshold = 0;
  long long case_id = 0;
  std::string number;
  soci::indicator value_i, peak_i, threshold_i, case_i, number_i;
  long long cleared_at = 0;
  soci::indicator cleared_i;
  std::string reason;
  soci::indicator reason_i;
  explicit Optionals(const Alarm& a) {
    value_i = a.value ? soci::i_ok : soci::i_null;
    value = a.value.value_or(0);
    peak_i = a.peak ? soci::i_ok : soci::i_null;
    peak = a.peak.value_or(0);
    threshold_i = a.threshold ? soci::i_ok : soci::i_null;
    threshold = a.threshold.value_or(0);
    case_i = a.case_id ? soci::i_ok : soci::i_null;
    case_id = a.case_id.value_or(0);
    number_i = a.case_id ? soci::i_ok : soci::i_null;
    number = a.case_number;
    cleared_i = a.cleared_at ? soci::i_ok : soci::i_null;
    cleared_at = a.cleared_at.value_or(0);
    reason_i = a.cleared_at ? soci::i_ok : soci::i_null;
    reason = a.clear_reason;
  }
};

}  // namespace

// --- rules

void InsertRule(soci::session& sql, const Rule& r) {
  long long id = r.id, created = r.created_at, updated = r.updated_at;
  long long site_id = r.site_id.value_or(0);
  soci::indicator site_i = r.site_id ? soci::i_ok : soci::i_null;
  std::string kind(RuleKindName(r.kind)), config = ConfigJson(r);
  int enabled = r.enabled ? 1 : 0;
  sql << "INSERT INTO alarm_rules (id, site_kind, site_id, kind, check_name, factor, enabled,"
         " config, created_at, updated_at) VALUES (:id, :sk, :site, :kind, :check, :factor,"
         " :enabled, :config, :created, :updated)",
      soci::use(id), soci::use(r.site_kind), soci::use(site_id, site_i), soci::use(kind),
      soci::use(r.check), soci::use(r.factor), soci::use(enabled), soci::use(config),
      soci::use(created), soci::use(updated);
}

void UpdateRule(soci::session& sql, const Rule& r) {
  long long id = r.id, updated = r.updated_at;
  std::string config = ConfigJson(r);
  int enabled = r.enabled ? 1 : 0;
  sql << "UPDATE alarm_rules SET enabled = :enabled, config = :config, updated_at = :updated"
         " WHERE id = :id",
      soci::use(enabled), soci::use(config), soci::use(updated), soci::use(id);
}

void DeleteRule(soci::session& sql, Id id) {
  long long i = id;
  sql << "DELETE FROM alarm_rules WHERE id = :id", soci::use(i);
}

std::optional<Rule> FindRule(soci::session& sql, Id id) {
  db::Params p;
  auto rules = SelectRules(sql, p, " WHERE id = " + p.Add(static_cast<long long>(id)));
  if (rules.empty()) return std::nullopt;
  return rules.front();
}

std::vector<Rule> ListRules(soci::session& sql) {
  db::Params p;
  return SelectRules(sql, p, " ORDER BY site_kind, site_id, kind, check_name, factor, id");
}

long long CountRules(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM alarm_rules", soci::into(n);
  return n;
}

// --- alarms

void InsertAlarm(soci::session& sql, const Alarm& a) {
  long long id = a.id, site = a.site_id, sub = a.subdistrict_id, device = a.device_id,
            rule = a.rule_id, hits = a.count, first = a.first_at, last = a.last_at,
            updated = a.updated_at;
  std::string kind(RuleKindName(a.rule_kind)), category(CategoryName(a.category)),
      severity(SeverityName(a.severity)), status(AlarmStatusName(a.status));
  Optionals o(a);
  sql << "INSERT INTO alarms (id, site_id, subdistrict_id, device_id, factor, rule_id,"
         " rule_kind, check_name, category, severity, status, problem_key, title, message,"
         " last_value, peak, threshold, unit, hits, first_at, last_at, case_id, case_number,"
         " cleared_at, clear_reason, updated_at) VALUES (:id, :site, :sub, :device, :factor,"
         " :rule, :kind, :check, :category, :severity, :status, :problem, :title, :message,"
         " :value, :peak, :threshold, :unit, :hits, :first, :last, :case_id, :number,"
         " :cleared_at, :reason, :updated)",
      soci::use(id), soci::use(site), soci::use(sub), soci::use(device), soci::use(a.factor),
      soci::use(rule), soci::use(kind), soci::use(a.check), soci::use(category),
      soci::use(severity), soci::use(status), soci::use(a.problem_key), soci::use(a.title),
      soci::use(a.message), soci::use(o.value, o.value_i), soci::use(o.peak, o.peak_i),
      soci::use(o.threshold, o.threshold_i), soci::use(a.unit), soci::use(hits), soci::use(first),
      soci::use(last), soci::use(o.case_id, o.case_i), soci::use(o.number, o.number_i),
      soci::use(o.cleared_at, o.cleared_i), soci::use(o.reason, o.reason_i), soci::use(updated);
}

bool UpdateAlarmFromEngine(soci::session& sql, const Alarm& a) {
  long long id = a.id, hits = a.count, last = a.last_at, updated = a.updated_at;
  std::string severity(SeverityName(a.severity)), status(AlarmStatusName(a.status));
  Optionals o(a);
  soci::statement st =
      (sql.prepare << "UPDATE alarms SET severity = :severity,"
                      " status = CASE WHEN status = 'acknowledged' AND :s2 = 'active'"
                      " THEN status ELSE :s3 END,"
                      " title = :title, message = :message, last_value = :value, peak = :peak,"
                      " threshold = :threshold, hits = :hits, last_at = :last,"
                      " case_id = COALESCE(:case_id, case_id),"
                      " case_number = COALESCE(:number, case_number),"
                      " cleared_at = :cleared_at, clear_reason = :reason, updated_at = :updated"
                      " WHERE id = :id AND NOT (status = 'cleared' AND cleared_by IS NOT NULL)",
       soci::use(severity), soci::use(status), soci::use(status), soci::use(a.title),
       soci::use(a.message), soci::use(o.value, o.value_i), soci::use(o.peak, o.peak_i),
       soci::use(o.threshold, o.threshold_i), soci::use(hits), soci::use(last),
       soci::use(o.case_id, o.case_i), soci::use(o.number, o.number_i),
       soci::use(o.cleared_at, o.cleared_i), soci::use(o.reason, o.reason_i), soci::use(updated),
       soci::use(id));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::optional<Alarm> FindAlarm(soci::session& sql, Id id) {
  db::Params p;
  auto rows = SelectAlarms(sql, p, " WHERE a.id = " + p.Add(static_cast<long long>(id)));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Alarm> ListAlarms(soci::session& sql, const AlarmFilter& f, int offset, int limit,
                              long long& total) {
  db::Params p;
  std::string where;
  if (f.scope_prefix != "/") {
    std::string prefix = p.Add(f.scope_prefix + "%");
    where += " AND (us.path LIKE " + prefix + " OR ud.path LIKE " + prefix + ")";
  }
  if (!f.statuses.empty()) {
    where += " AND a.status IN (";
    for (size_t i = 0; i < f.statuses.size(); ++i) {
      where += (i ? ", " : "") + p.Add(f.statuses[i]);
    }
    where += ")";
  }
  if (f.site_id) where += " AND a.site_id = " + p.Add(static_cast<long long>(*f.site_id));
  if (!f.rule_kind.empty()) where += " AND a.rule_kind = " + p.Add(f.rule_kind);
  if (!f.category.empty()) where += " AND a.category = " + p.Add(f.category);
  if (!f.severity.empty()) where += " AND a.severity = " + p.Add(f.severity);
  if (!f.site_kind.empty()) where += " AND s.kind = " + p.Add(f.site_kind);
  if (f.from) where += " AND a.first_at >= " + p.Add(static_cast<long long>(*f.from));
  if (f.to) where += " AND a.first_at < " + p.Add(static_cast<long long>(*f.to));
  if (!where.empty()) where = " WHERE" + where.substr(4);
  total = db::Count(sql, p, std::string(kAlarmFrom) + where);
  return SelectAlarms(sql, p,
                      where + " ORDER BY a.first_at DESC, a.id DESC LIMIT " +
                          std::to_string(limit) + " OFFSET " + std::to_string(offset));
}

std::vector<Alarm> OpenAlarms(soci::session& sql) {
  db::Params p;
  return SelectAlarms(sql, p, " WHERE a.status <> 'cleared' ORDER BY a.id");
}

bool Acknowledge(soci::session& sql, Id id, Id by, TimeMs at, const std::string& comment) {
  long long i = id, b = by, t = at;
  soci::statement st =
      (sql.prepare << "UPDATE alarms SET status = 'acknowledged', acked_by = :by, acked_at = :at,"
                      " ack_comment = :comment, updated_at = :at2 WHERE id = :id AND status = "
                      "'active'",
       soci::use(b), soci::use(t), soci::use(comment), soci::use(t), soci::use(i));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool ClearByHand(soci::session& sql, Id id, Id by, TimeMs at, const std::string& reason) {
  long long i = id, b = by, t = at;
  soci::statement st =
      (sql.prepare << "UPDATE alarms SET status = 'cleared', cleared_by = :by, cleared_at = :at,"
                      " clear_reason = :reason, updated_at = :at2 WHERE id = :id AND status <> "
                      "'cleared'",
       soci::use(b), soci::use(t), soci::use(reason), soci::use(t), soci::use(i));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<std::pair<Id, std::string>> SiteStates(soci::session& sql,
                                                   const std::string& scope_prefix) {
  db::Params p;
  std::string where = " WHERE a.status <> 'cleared'";
  if (scope_prefix != "/") {
    std::string prefix = p.Add(scope_prefix + "%");
    where += " AND (us.path LIKE " + prefix + " OR ud.path LIKE " + prefix + ")";
  }
  long long site = 0;
  std::string category;
  soci::statement st(sql);
  st.exchange(soci::into(site));
  st.exchange(soci::into(category));
  std::map<Id, int> worst;  // 3 exceeding, 2 no_data, 1 suspect
  db::ForEachRow(st, p,
                 "SELECT DISTINCT a.site_id, a.category FROM alarms a JOIN sites s ON s.id ="
                 " a.site_id JOIN units us ON us.id = s.subdistrict_id LEFT JOIN units ud ON"
                 " ud.id = s.department_id" +
                     where,
                 [&] {
                   int rank = category == "pollution" ? 3 : category == "suspect" ? 1 : 2;
                   int& w = worst[site];
                   w = std::max(w, rank);
                 });
  std::vector<std::pair<Id, std::string>> out;
  for (const auto& [id, rank] : worst) {
    out.emplace_back(id, rank == 3 ? "exceeding" : rank == 2 ? "no_data" : "suspect");
  }
  return out;
}

// --- suppressions

void InsertSuppression(soci::session& sql, const Suppression& s) {
  long long id = s.id, site = s.site_id, device = s.device_id, started = s.started_at;
  sql << "INSERT INTO alarm_suppressions (id, site_id, device_id, flag, started_at) VALUES"
         " (:id, :site, :device, :flag, :started)",
      soci::use(id), soci::use(site), soci::use(device), soci::use(s.flag), soci::use(started);
}

void EndSuppression(soci::session& sql, Id device_id, const std::string& flag, TimeMs ended_at) {
  long long device = device_id, ended = ended_at;
  sql << "UPDATE alarm_suppressions SET ended_at = :ended WHERE device_id = :device AND flag ="
         " :flag AND ended_at IS NULL",
      soci::use(ended), soci::use(device), soci::use(flag);
}

}  // namespace gl::alarms::store
