// greenloop/audit/audit.h
//
// The audit trail: every state change writes one event in the same transaction
// as the change. Events form a hash chain, hash = BLAKE2b-256(prev_hash + "\n" +
// canonical JSON of the event), so editing, deleting or reordering a stored event
// breaks the chain from that event on, and `Verify` names the first bad one.
//
// Record() must be called with the session of the caller's open transaction
// (Database::RunInTransaction); it serialises appenders by updating the chain's
// head row first, on SQLite and PostgreSQL alike.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>

#include "greenloop/base/error.h"
#include "greenloop/base/json.h"
#include "greenloop/base/time.h"
#include "greenloop/db/database.h"

namespace gl::audit {

struct Event {
  std::int64_t seq = 0;            // position in the chain, from 1
  std::int64_t id = 0;
  TimeMs at = 0;
  std::optional<std::int64_t> actor_id;  // none for the system itself
  std::string actor_login;         // "system" for the system
  std::string action;              // "person.create", "session.login", ...
  std::string object_type;         // "person", "unit", ...
  std::string object_id;
  std::string summary;             // canonical JSON: {"before":...,"after":...} or details
  std::string prev_hash;
  std::string hash;
};

// The hash of `event` chained after `prev_hash` (pure; the event's own hash is ignored).
std::string ChainHash(const std::string& prev_hash, const Event& event);

struct Entry {
  std::optional<std::int64_t> actor_id;
  std::string actor_login;
  std::string action;
  std::string object_type;
  std::string object_id;
  json::value summary;  // stored in canonical form
};

// Appends one event inside the caller's transaction. Returns the stored event.
Result<Event> Record(soci::session& sql, const Entry& entry);

struct VerifyReport {
  std::int64_t events_checked = 0;
  bool ok = true;
  std::int64_t first_bad_seq = 0;  // when !ok
  std::int64_t first_bad_id = 0;
  std::string problem;             // when !ok: what does not match
};

// Walks the whole chain in order. A broken chain is a report with ok == false, not an
// Error; an Error means the database could not be read.
Result<VerifyReport> Verify(db::Database& db);

// Events about one object, newest first (for timelines and detail pages).
Result<std::vector<Event>> ListForObject(db::Database& db, const std::string& object_type,
                                         const std::string& object_id, int limit);

}  // namespace gl::audit
