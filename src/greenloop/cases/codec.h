// greenloop/cases/codec.h
//
// Cases as the JSON of the API (docs/api.md "## Cases"): ids as strings, times as
// ISO 8601 +08:00, categories with their names from the taxonomy.
#pragma once

#include "greenloop/base/json.h"
#include "greenloop/cases/config.h"
#include "greenloop/cases/service.h"

namespace gl::cases {

json::object CategoryToJson(const Taxonomy& taxonomy, const std::string& code);
// The staff view of a case, with "actions" and (when the view allows) "reporter".
json::object CaseToJson(const CaseView& view, const Taxonomy& taxonomy);
// The detail: the case plus "timeline" and "attachments".
json::object CaseDetailToJson(const CaseDetail& detail, const Taxonomy& taxonomy);
json::object TimelineEntryToJson(const TimelineEntry& e);
json::object NotificationToJson(const Notification& n);
// {"items":[{"code","name","name_en","parent","children":[...]}]} (top level with children).
json::object TaxonomyToJson(const Taxonomy& taxonomy);

}  // namespace gl::cases
