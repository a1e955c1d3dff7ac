#include "greenloop/audit/audit.h"

#include "greenloop/base/crypto.h"
#include "greenloop/base/id.h"
#include "greenloop/db/query.h"

namespace gl::audit {

std::string ChainHash(const std::string& prev_hash, const Event& e) {
  json::object o;
  o["seq"] = e.seq;
  o["id"] = std::to_string(e.id);
  o["at"] = e.at;
  o["actor_id"] = e.actor_id ? json::value(std::to_string(*e.actor_id)) : json::value(nullptr);
  o["actor_login"] = e.actor_login;
  o["action"] = e.action;
  o["object_type"] = e.object_type;
  o["object_id"] = e.object_id;
  o["summary"] = e.summary;  // hashed as the stored text, so what is hashed is what is kept
  return Blake2bHex(prev_hash + "\n" + CanonicalJson(o));
}

Result<Event> Record(soci::session& sql, const Entry& entry) {
  // Taking the head row's write lock first orders concurrent appenders.
  sql << "UPDATE audit_head SET seq = seq + 1 WHERE id = 1";
  Event e;
  sql << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(e.seq),
      soci::into(e.prev_hash);
  e.id = NewId();
  e.at = NowMs();
  e.actor_id = entry.actor_id;
  e.actor_login = entry.actor_login;
  e.action = entry.action;
  e.object_type = entry.object_type;
  e.object_id = entry.object_id;
  e.summary = CanonicalJson(entry.summary);
  e.hash = ChainHash(e.prev_hash, e);
  long long actor = entry.actor_id.value_or(0);
  soci::indicator actor_ind = entry.actor_id ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO audit_events (seq, id, at, actor_id, actor_login, action, object_type,"
         " object_id, summary, prev_hash, hash) VALUES (:seq, :id, :at, :actor, :login, :action,"
         " :otype, :oid, :summary, :prev, :hash)",
      soci::use(e.seq), soci::use(e.id), soci::use(e.at), soci::use(actor, actor_ind),
      soci::use(e.actor_login), soci::use(e.action), soci::use(e.object_type),
      soci::use(e.object_id), soci::use(e.summary), soci::use(e.prev_hash), soci::use(e.hash);
  sql << "UPDATE audit_head SET hash = :hash WHERE id = 1", soci::use(e.hash);
  return e;
}

namespace {
constexpr int kVerifyBatch = 5000;

std::vector<Event> SelectEvents(soci::session& sql, db::Params& params, const std::string& tail) {
  std::vector<Event> out;
  Event e;
  long long actor = 0;
  soci::indicator actor_ind = soci::i_null;
  soci::statement st(sql);
  st.exchange(soci::into(e.seq));
  st.exchange(soci::into(e.id));
  st.exchange(soci::into(e.at));
  st.exchange(soci::into(actor, actor_ind));
  st.exchange(soci::into(e.actor_login));
  st.exchange(soci::into(e.action));
  st.exchange(soci::into(e.object_type));
  st.exchange(soci::into(e.object_id));
  st.exchange(soci::into(e.summary));
  st.exchange(soci::into(e.prev_hash));
  st.exchange(soci::into(e.hash));
  db::ForEachRow(st, params,
                 "SELECT seq, id, at, actor_id, actor_login, action, object_type, object_id,"
                 " summary, prev_hash, hash FROM audit_events " + tail,
                 [&] {
                   e.actor_id = actor_ind == soci::i_ok ? std::optional<std::int64_t>(actor)
                                                        : std::nullopt;
                   out.push_back(e);
                 });
  return out;
}
}  // namespace

Result<VerifyReport> Verify(db::Database& db) {
  VerifyReport report;
  std::string expected_prev(64, '0');
  std::int64_t last_seq = 0;
  for (;;) {
    std::vector<Event> batch;
    GL_RETURN_IF_ERROR(db.Run([&](soci::session& sql) {
      db::Params p;
      batch = SelectEvents(sql, p,
                           "WHERE seq > " + p.Add(static_cast<long long>(last_seq)) +
                               " ORDER BY seq LIMIT " + std::to_string(kVerifyBatch));
      return Status::Ok();
    }));
    for (const Event& e : batch) {
      ++report.events_checked;
      std::string problem;
      if (e.seq != last_seq + 1) {
        problem = "sequence jumps from " + std::to_string(last_seq) + " to " + std::to_string(e.seq);
      } else if (e.prev_hash != expected_prev) {
        problem = "prev_hash does not match the hash of the event before it";
      } else if (ChainHash(e.prev_hash, e) != e.hash) {
        problem = "content does not match its hash (the event was changed)";
      }
      if (!problem.empty()) {
        report.ok = false;
        report.first_bad_seq = e.seq;
        report.first_bad_id = e.id;
        report.problem = problem;
        return report;
      }
      expected_prev = e.hash;
      last_seq = e.seq;
    }
    if (batch.size() < static_cast<size_t>(kVerifyBatch)) break;
  }
  // The head must point at the last event: a deleted tail shows here.
  std::int64_t head_seq = 0;
  std::string head_hash;
  GL_RETURN_IF_ERROR(db.Run([&](soci::session& sql) {
    sql << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(head_seq),
        soci::into(head_hash);
    return Status::Ok();
  }));
  if (head_seq != last_seq || head_hash != expected_prev) {
    report.ok = false;
    report.first_bad_seq = last_seq + 1;
    report.problem = "the chain ends at event " + std::to_string(last_seq) +
                     " but its head records event " + std::to_string(head_seq) +
                     " (events were removed from the end)";
  }
  return report;
}

Result<std::vector<Event>> ListForObject(db::Database& db, const std::string& object_type,
                                         const std::string& object_id, int limit) {
  return db.Query([&](soci::session& sql) -> Result<std::vector<Event>> {
    db::Params p;
    return SelectEvents(sql, p,
                        "WHERE object_type = " + p.Add(object_type) + " AND object_id = " +
                            p.Add(object_id) + " ORDER BY seq DESC LIMIT " + std::to_string(limit));
  });
}

}  // namespace gl::audit
