// The schema, one migration per capability step. Append only.
#include "greenloop/db/migrations.h"
#include "greenloop/db/migrations_parts.h"

namespace gl::db {

const std::vector<Migration>& AllMigrations() {
  static const std::vector<Migration> migrations = [] {
    std::vector<Migration> list = {
        {1,
         "create_org",
         {
             // kind: district | department | subdistrict | enterprise. `path` is the
             // materialised ancestry "/<root id>/.../<own id>/", so a unit's subtree is
             // one prefix match on both databases.
             "CREATE TABLE units ("
             " id BIGINT PRIMARY KEY,"
             " parent_id BIGINT REFERENCES units(id),"
             " kind TEXT NOT NULL,"
             " code TEXT NOT NULL UNIQUE,"
             " name TEXT NOT NULL,"
             " name_en TEXT NOT NULL DEFAULT '',"
             " path TEXT NOT NULL,"
             " active INTEGER NOT NULL DEFAULT 1,"
             " created_at BIGINT NOT NULL,"
             " updated_at BIGINT NOT NULL)",
             "CREATE INDEX units_parent ON units(parent_id)",
             "CREATE INDEX units_path ON units(path)",
             "CREATE TABLE people ("
             " id BIGINT PRIMARY KEY,"
             " unit_id BIGINT NOT NULL REFERENCES units(id),"
             " login TEXT NOT NULL UNIQUE,"
             " name TEXT NOT NULL,"
             " phone TEXT,"
             " password_hash TEXT NOT NULL,"
             " active INTEGER NOT NULL DEFAULT 1,"
             " created_at BIGINT NOT NULL,"
             " updated_at BIGINT NOT NULL)",
             "CREATE INDEX people_unit ON people(unit_id)",
             "CREATE TABLE person_roles ("
             " person_id BIGINT NOT NULL REFERENCES people(id),"
             " role TEXT NOT NULL,"
             " PRIMARY KEY (person_id, role))",
             // Sessions and tokens live in the database so any node can serve any request.
             // Only hashes of the secrets are stored.
             "CREATE TABLE sessions ("
             " token_hash TEXT PRIMARY KEY,"
             " person_id BIGINT NOT NULL REFERENCES people(id),"
             " csrf_token TEXT NOT NULL,"
             " created_at BIGINT NOT NULL,"
             " expires_at BIGINT NOT NULL)",
             "CREATE INDEX sessions_person ON sessions(person_id)",
             "CREATE TABLE api_tokens ("
             " id BIGINT PRIMARY KEY,"
             " token_hash TEXT NOT NULL UNIQUE,"
             " person_id BIGINT NOT NULL REFERENCES people(id),"
             " name TEXT NOT NULL,"
             " scope TEXT NOT NULL,"
             " created_by BIGINT NOT NULL REFERENCES people(id),"
             " created_at BIGINT NOT NULL,"
             " expires_at BIGINT,"
             " revoked_at BIGINT)",
             "CREATE TABLE login_failures ("
             " login TEXT PRIMARY KEY,"
             " failures INTEGER NOT NULL,"
             " locked_until BIGINT NOT NULL DEFAULT 0,"
             " updated_at BIGINT NOT NULL)",
         }},
        {2,
         "create_audit",
         {
             // A hash chain: hash = BLAKE2b(prev_hash || canonical event). audit_head
             // holds the chain's tip; updating it first serialises appenders on both
             // databases, so the chain never forks.
             "CREATE TABLE audit_events ("
             " seq BIGINT PRIMARY KEY,"
             " id BIGINT NOT NULL UNIQUE,"
             " at BIGINT NOT NULL,"
             " actor_id BIGINT,"
             " actor_login TEXT NOT NULL,"
             " action TEXT NOT NULL,"
             " object_type TEXT NOT NULL,"
             " object_id TEXT NOT NULL,"
             " summary TEXT NOT NULL,"
             " prev_hash TEXT NOT NULL,"
             " hash TEXT NOT NULL)",
             "CREATE INDEX audit_object ON audit_events(object_type, object_id)",
             "CREATE TABLE audit_head ("
             " id INTEGER PRIMARY KEY,"
             " seq BIGINT NOT NULL,"
             " hash TEXT NOT NULL)",
             "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, "
             "'0000000000000000000000000000000000000000000000000000000000000000')",
         }},
        {3,
         "create_monitoring",
         {
             // A site belongs to a subdistrict and is supervised by a department; an
             // enterprise's own site also names the enterprise. attributes is JSON:
             // noise_zone, water_target_class, fume_standard, air_grade, ...
             "CREATE TABLE sites ("
             " id BIGINT PRIMARY KEY,"
             " code TEXT NOT NULL UNIQUE,"
             " kind TEXT NOT NULL,"
             " name TEXT NOT NULL,"
             " name_en TEXT NOT NULL DEFAULT '',"
             " subdistrict_id BIGINT NOT NULL REFERENCES units(id),"
             " department_id BIGINT REFERENCES units(id),"
             " enterprise_id BIGINT REFERENCES units(id),"
             " lon DOUBLE PRECISION,"
             " lat DOUBLE PRECISION,"
             " attributes TEXT NOT NULL DEFAULT '{}',"
             " active INTEGER NOT NULL DEFAULT 1,"
             " created_at BIGINT NOT NULL,"
             " updated_at BIGINT NOT NULL)",
             "CREATE INDEX sites_subdistrict ON sites(subdistrict_id)",
             "CREATE TABLE devices ("
             " id BIGINT PRIMARY KEY,"
             " site_id BIGINT NOT NULL REFERENCES sites(id),"
             " mn TEXT NOT NULL UNIQUE,"
             " pw TEXT NOT NULL,"
             " protocol TEXT NOT NULL,"
             " st TEXT NOT NULL DEFAULT '',"
             " interval_s INTEGER NOT NULL,"
             " crc TEXT NOT NULL DEFAULT 'strict',"
             " factors TEXT NOT NULL DEFAULT '[]',"
             " active INTEGER NOT NULL DEFAULT 1,"
             " last_seen_at BIGINT,"
             " created_at BIGINT NOT NULL,"
             " updated_at BIGINT NOT NULL)",
             "CREATE INDEX devices_site ON devices(site_id)",
             // Readings: the primary key starts with the data time, so a batch of new
             // readings appends at the end of the B-tree instead of touching one page per
             // series (measured in issue #3: 660k rows/s time-first against 56k device-first).
             // kind: 0 real-time (2011), 1 minute (2051), 2 hourly (2061), 3 daily (2031).
             "CREATE TABLE readings ("
             " t BIGINT NOT NULL,"
             " device_id BIGINT NOT NULL,"
             " factor TEXT NOT NULL,"
             " kind INTEGER NOT NULL,"
             " value DOUBLE PRECISION,"
             " min_value DOUBLE PRECISION,"
             " max_value DOUBLE PRECISION,"
             " text_value TEXT NOT NULL,"
             " flag TEXT NOT NULL DEFAULT '',"
             " received_at BIGINT NOT NULL,"
             " PRIMARY KEY (t, device_id, factor, kind))",
             // Hourly (period 1) and daily (period 2, Asia/Shanghai days) aggregates per
             // site and factor from the real-time readings, kept up to date per batch.
             "CREATE TABLE aggregates ("
             " site_id BIGINT NOT NULL,"
             " factor TEXT NOT NULL,"
             " period INTEGER NOT NULL,"
             " start_at BIGINT NOT NULL,"
             " count INTEGER NOT NULL,"
             " valid_count INTEGER NOT NULL,"
             " sum_value DOUBLE PRECISION NOT NULL,"
             " min_value DOUBLE PRECISION,"
             " max_value DOUBLE PRECISION,"
             " updated_at BIGINT NOT NULL,"
             " PRIMARY KEY (site_id, factor, period, start_at))",
         }},
    };
    // Later capabilities keep their schema in a file of their own (one owner per file);
    // a part still without statements is not applied, so it cannot be recorded empty.
    for (Migration m : {AlarmsMigration(), CasesMigration()}) {
      if (!m.statements.empty()) list.push_back(std::move(m));
    }
    return list;
  }();
  return migrations;
}

}  // namespace gl::db
