// Schema of the rules and alarms capability (greenloop/alarms).
#include "greenloop/db/migrations_parts.h"

namespace gl::db {

Migration AlarmsMigration() { return {4, "create_alarms", {}}; }

}  // namespace gl::db
