// Schema of the closed-loop cases capability (greenloop/cases).
#include "greenloop/db/migrations_parts.h"

namespace gl::db {

Migration CasesMigration() { return {5, "create_cases", {}}; }

}  // namespace gl::db
