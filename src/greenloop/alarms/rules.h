// greenloop/alarms/rules.h
//
// The default rule set, how a site's effective rules are chosen, and the rule's
// JSON form (the body of /api/v1/alarm-rules). Pure.
//
// Thresholds that are not in a standard (steps, flatline lengths, the just-under
// band) are the platform's policy, marked so in each rule's name; limits come from
// the site's standard (standards library via compliance/site_standards.h) unless a
// rule sets `limit` explicitly. Where no standard limit is transcribed (construction
// dust), the seeded rule is disabled with no limit until an admin sets one.
#pragma once

#include <string>
#include <vector>

#include "greenloop/alarms/model.h"
#include "greenloop/base/error.h"
#include "greenloop/base/json.h"

namespace gl::alarms {

// The rules seeded on first start, one set per site kind (ids are 0: the store assigns).
std::vector<Rule> DefaultRules();

// The rules that apply to a site: its kind's enabled rules, overridden by key by the
// site's own (a disabled override removes the kind's rule).
std::vector<const Rule*> EffectiveRules(const std::vector<Rule>& all, Id site_id,
                                        std::string_view site_kind);

json::object RuleToJson(const Rule& rule);
// Applies the fields present in `body` to `rule` (a new rule starts from defaults).
// Unknown keys and out-of-range values: kInvalidArgument naming the field.
Status ApplyRuleJson(const json::object& body, Rule& rule, bool creating);

}  // namespace gl::alarms
