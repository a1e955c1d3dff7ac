#include "greenloop/org/audit_change.h"

#include "greenloop/audit/audit.h"

namespace gl::org {

Status AuditChange(soci::session& sql, const Actor& actor, std::string action,
                   std::string object_type, Id object_id, json::value before, json::value after) {
  // The system actor (start-up work) has no person behind it.
  auto e = audit::Record(
      sql, audit::Entry{actor.person_id ? std::optional<Id>(actor.person_id) : std::nullopt,
                        actor.login, std::move(action), std::move(object_type), IdToJson(object_id),
                        json::object{{"before", std::move(before)}, {"after", std::move(after)}}});
  return e.ok() ? Status::Ok() : Status(e.error());
}

}  // namespace gl::org
