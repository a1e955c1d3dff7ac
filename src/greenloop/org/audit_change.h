// greenloop/org/audit_change.h
//
// The audit event every service writes with a change: who (the actor), what
// (action, object type and id) and a {"before","after"} summary. Call it with the
// session of the change's own transaction; returns the audit store's error, if any.
#pragma once

#include <soci/soci.h>

#include <string>

#include "greenloop/base/error.h"
#include "greenloop/base/json.h"
#include "greenloop/org/model.h"

namespace gl::org {

Status AuditChange(soci::session& sql, const Actor& actor, std::string action,
                   std::string object_type, Id object_id, json::value before, json::value after);

}  // namespace gl::org
