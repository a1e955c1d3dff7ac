// Schema of the closed-loop cases capability (greenloop/cases).
#include "greenloop/db/migrations_parts.h"

namespace gl::db {

Migration CasesMigration() {
  return {5,
          "create_cases",
          {
              // The per-year sequence behind "YZ-2026-000123": one row per year, bumped
              // by an upsert in the creating transaction (the row lock on PostgreSQL and
              // the write lock on SQLite serialise creators, so numbers never repeat).
              "CREATE TABLE case_counters ("
              " year INTEGER PRIMARY KEY,"
              " last_seq BIGINT NOT NULL)",
              // One row per case. Times are epoch ms. accept_due_at runs while the case
              // waits for acceptance and dispatch, due_at once it is dispatched.
              // tracking_hash: BLAKE2b of the citizen's tracking code (never the code).
              "CREATE TABLE cases ("
              " id BIGINT PRIMARY KEY,"
              " number TEXT NOT NULL UNIQUE,"
              " source TEXT NOT NULL,"
              " category TEXT NOT NULL,"
              " title TEXT NOT NULL,"
              " description TEXT NOT NULL,"
              " lon DOUBLE PRECISION,"
              " lat DOUBLE PRECISION,"
              " address TEXT NOT NULL DEFAULT '',"
              " site_id BIGINT REFERENCES sites(id),"
              " subdistrict_id BIGINT REFERENCES units(id),"
              " priority TEXT NOT NULL,"
              " status TEXT NOT NULL,"
              " lead_unit_id BIGINT REFERENCES units(id),"
              " accept_due_at BIGINT,"
              " due_at BIGINT,"
              " remind_at BIGINT,"
              " reminded INTEGER NOT NULL DEFAULT 0,"
              " escalation_level INTEGER NOT NULL DEFAULT 0,"
              " escalate_at BIGINT,"
              " supervised INTEGER NOT NULL DEFAULT 0,"
              " reporter_name TEXT,"
              " reporter_phone TEXT,"
              " tracking_hash TEXT,"
              " merged_into_id BIGINT,"
              " problem_key TEXT NOT NULL DEFAULT '',"
              " reject_reason TEXT NOT NULL DEFAULT '',"
              " satisfaction INTEGER,"
              " satisfaction_comment TEXT NOT NULL DEFAULT '',"
              " reopen_count INTEGER NOT NULL DEFAULT 0,"
              " created_by BIGINT,"
              " created_at BIGINT NOT NULL,"
              " updated_at BIGINT NOT NULL,"
              " accepted_at BIGINT,"
              " dispatched_at BIGINT,"
              " resolved_at BIGINT,"
              " closed_at BIGINT)",
              // The list pages pick ids from these (covering) indexes first, then read
              // only the page's rows (store::ListCases).
              "CREATE INDEX cases_created ON cases(created_at)",
              "CREATE INDEX cases_status_created ON cases(status, created_at)",
              "CREATE INDEX cases_lead_created ON cases(lead_unit_id, created_at, id)",
              "CREATE INDEX cases_subdistrict_created ON cases(subdistrict_id, created_at, id)",
              "CREATE INDEX cases_category_created ON cases(category, created_at)",
              "CREATE INDEX cases_site_problem ON cases(site_id, problem_key)",
              "CREATE INDEX cases_status_due ON cases(status, due_at)",
              // escalate_at: when the next escalation level falls due (NULL: none pending).
              "CREATE INDEX cases_escalate ON cases(escalate_at)",
              "CREATE INDEX cases_remind ON cases(reminded, remind_at)",
              // Co-units (协办) of a case.
              "CREATE TABLE case_units ("
              " case_id BIGINT NOT NULL REFERENCES cases(id),"
              " unit_id BIGINT NOT NULL REFERENCES units(id),"
              " PRIMARY KEY (case_id, unit_id))",
              "CREATE INDEX case_units_unit ON case_units(unit_id)",
              // Alarms that belong to a case (the alarms capability's ids; no foreign key,
              // so the two capabilities migrate independently).
              "CREATE TABLE case_alarms ("
              " case_id BIGINT NOT NULL REFERENCES cases(id),"
              " alarm_id BIGINT NOT NULL,"
              " attached_at BIGINT NOT NULL,"
              " PRIMARY KEY (case_id, alarm_id))",
              "CREATE INDEX case_alarms_alarm ON case_alarms(alarm_id)",
              // The timeline: every action, public (the citizen sees it) or internal.
              // data is JSON (reason, units, level, attachment ids ...).
              "CREATE TABLE case_events ("
              " id BIGINT PRIMARY KEY,"
              " case_id BIGINT NOT NULL REFERENCES cases(id),"
              " at BIGINT NOT NULL,"
              " action TEXT NOT NULL,"
              " status_after TEXT NOT NULL,"
              " actor_id BIGINT,"
              " actor_name TEXT NOT NULL DEFAULT '',"
              " actor_unit TEXT NOT NULL DEFAULT '',"
              " public INTEGER NOT NULL,"
              " text TEXT NOT NULL,"
              " data TEXT NOT NULL DEFAULT '{}')",
              "CREATE INDEX case_events_case ON case_events(case_id, at)",
              // In-app notifications, one row per recipient.
              "CREATE TABLE case_notifications ("
              " id BIGINT PRIMARY KEY,"
              " person_id BIGINT NOT NULL REFERENCES people(id),"
              " at BIGINT NOT NULL,"
              " kind TEXT NOT NULL,"
              " case_id BIGINT NOT NULL REFERENCES cases(id),"
              " text TEXT NOT NULL,"
              " read_at BIGINT)",
              "CREATE INDEX case_notifications_person ON case_notifications(person_id, at)",
              // Admins' edits of the reply templates (data/cases/templates.json is the default).
              "CREATE TABLE case_templates ("
              " category TEXT NOT NULL,"
              " action TEXT NOT NULL,"
              " text TEXT NOT NULL,"
              " updated_by BIGINT,"
              " updated_at BIGINT NOT NULL,"
              " PRIMARY KEY (category, action))",
              // An optional webhook per unit, POSTed on escalations and dispatches.
              "CREATE TABLE case_webhooks ("
              " unit_id BIGINT PRIMARY KEY REFERENCES units(id),"
              " url TEXT NOT NULL,"
              " updated_at BIGINT NOT NULL)",
              // --- cases-public: statements appended below this line belong to cases-public.
              // cases-public: uploaded photos and evidence. The bytes live on disk under
              // <files dir>/<first two hex>/<sha256>; one row per upload. case_id is NULL
              // until a case claims it; public_token_hash (BLAKE2b of the one-time photo
              // token) is set for public uploads until a complaint claims them.
              "CREATE TABLE case_attachments ("
              " id BIGINT PRIMARY KEY,"
              " sha256 TEXT NOT NULL,"
              " content_type TEXT NOT NULL,"
              " name TEXT NOT NULL,"
              " size BIGINT NOT NULL,"
              " case_id BIGINT REFERENCES cases(id),"
              " uploaded_by BIGINT,"
              " public_token_hash TEXT,"
              " created_at BIGINT NOT NULL)",
              "CREATE INDEX case_attachments_case ON case_attachments(case_id)",
              "CREATE UNIQUE INDEX case_attachments_token ON case_attachments(public_token_hash)",
              // cases-public (bench/cases, 1,000,000 cases): the list's merged-in lookup
              // scanned the whole table (merged_into_id is almost always NULL, so a plain index
              // is judged useless by SQLite's statistics; the partial one is used), and the
              // open-cases filter and its COUNT(*) read every row. The predicates match the
              // store's text exactly, as a partial index needs. SQLite and PostgreSQL alike.
              "CREATE INDEX cases_merged_into ON cases(merged_into_id)"
              " WHERE merged_into_id IS NOT NULL",
              "CREATE INDEX cases_open_created ON cases(created_at)"
              " WHERE status NOT IN ('rejected', 'closed', 'merged')",
              // cases-public: statistics find the cases closed in a period.
              "CREATE INDEX cases_closed_at ON cases(closed_at) WHERE closed_at IS NOT NULL",
          }};
}

}  // namespace gl::db
