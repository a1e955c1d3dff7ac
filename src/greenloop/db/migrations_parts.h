// greenloop/db/migrations_parts.h
//
// The migrations of later capabilities, one file each so that each has one owner.
// Versions are fixed here: 4 alarms, 5 cases. Append-only like the rest.
#pragma once

#include "greenloop/db/migrations.h"

namespace gl::db {

Migration AlarmsMigration();  // version 4, migrations_alarms.cpp
Migration CasesMigration();   // version 5, migrations_cases.cpp

}  // namespace gl::db
