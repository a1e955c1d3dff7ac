// Schema of the rules and alarms capability (greenloop/alarms).
#include "greenloop/db/migrations_parts.h"

namespace gl::db {

Migration AlarmsMigration() {
  return {4,
          "create_alarms",
          {
              // A rule belongs to a site kind or (an override) to one site. The fixed
              // columns say what it is; `config` holds its tunable fields as JSON
              // (alarms/rules.h). The default set is seeded on first start.
              "CREATE TABLE alarm_rules ("
              " id BIGINT PRIMARY KEY,"
              " site_kind TEXT NOT NULL DEFAULT '',"
              " site_id BIGINT REFERENCES sites(id),"
              " kind TEXT NOT NULL,"
              " check_name TEXT NOT NULL DEFAULT '',"
              " factor TEXT NOT NULL DEFAULT '',"
              " enabled INTEGER NOT NULL DEFAULT 1,"
              " config TEXT NOT NULL,"
              " created_at BIGINT NOT NULL,"
              " updated_at BIGINT NOT NULL)",
              "CREATE INDEX alarm_rules_site ON alarm_rules(site_id)",
              // device_id 0: about the site as a whole. At most one open (not cleared)
              // alarm per (site, device, problem): the engine's rule, held by the index.
              "CREATE TABLE alarms ("
              " id BIGINT PRIMARY KEY,"
              " site_id BIGINT NOT NULL REFERENCES sites(id),"
              " subdistrict_id BIGINT NOT NULL,"
              " device_id BIGINT NOT NULL DEFAULT 0,"
              " factor TEXT NOT NULL DEFAULT '',"
              " rule_id BIGINT NOT NULL,"
              " rule_kind TEXT NOT NULL,"
              " check_name TEXT NOT NULL DEFAULT '',"
              " category TEXT NOT NULL,"
              " severity TEXT NOT NULL,"
              " status TEXT NOT NULL,"
              " problem_key TEXT NOT NULL,"
              " title TEXT NOT NULL,"
              " message TEXT NOT NULL,"
              " last_value DOUBLE PRECISION,"
              " peak DOUBLE PRECISION,"
              " threshold DOUBLE PRECISION,"
              " unit TEXT NOT NULL DEFAULT '',"
              " hits BIGINT NOT NULL,"
              " first_at BIGINT NOT NULL,"
              " last_at BIGINT NOT NULL,"
              " acked_by BIGINT,"
              " acked_at BIGINT,"
              " ack_comment TEXT,"
              " cleared_at BIGINT,"
              " cleared_by BIGINT,"
              " clear_reason TEXT,"
              " case_id BIGINT,"
              " case_number TEXT,"
              " updated_at BIGINT NOT NULL)",
              "CREATE UNIQUE INDEX alarms_one_open ON alarms(site_id, device_id, problem_key)"
              " WHERE status <> 'cleared'",
              "CREATE INDEX alarms_status ON alarms(status, last_at)",
              "CREATE INDEX alarms_site ON alarms(site_id, first_at)",
              "CREATE INDEX alarms_first ON alarms(first_at)",
              // Periods in which a device's C (calibration) or M (maintenance) flag held
              // its exceedance checks back.
              "CREATE TABLE alarm_suppressions ("
              " id BIGINT PRIMARY KEY,"
              " site_id BIGINT NOT NULL,"
              " device_id BIGINT NOT NULL,"
              " flag TEXT NOT NULL,"
              " started_at BIGINT NOT NULL,"
              " ended_at BIGINT)",
              "CREATE INDEX alarm_suppressions_device ON alarm_suppressions(device_id, started_at)",
          }};
}

}  // namespace gl::db
