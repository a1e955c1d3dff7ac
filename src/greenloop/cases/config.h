// greenloop/cases/config.h
//
// The data that drives cases, loaded once at start-up from files under data/:
//   data/cases/categories.json  the taxonomy (九治 and the key tasks, with sub-items)
//   data/cases/routing.json     (category, subdistrict) -> lead unit + co-units
//   data/cases/deadlines.json   working days to accept / resolve per category and priority,
//                               the reminder, the escalation steps
//   data/cases/templates.json   reply texts per category and action (the public timeline)
//   data/calendar/holidays-cn.json  working days (calendar.h)
// Units are named by their codes (data/demo/units.json) and resolved to ids against
// the database by CaseService. Load* return kInvalidArgument naming the file and the
// entry on a malformed file. Pure apart from reading the files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "greenloop/base/error.h"
#include "greenloop/cases/calendar.h"
#include "greenloop/cases/model.h"

namespace gl::cases {

class Taxonomy {
 public:
  static Result<Taxonomy> Parse(const std::string& json_text);
  const Category* Find(const std::string& code) const;
  // Top-level categories in file order, each with its children codes.
  const std::vector<Category>& All() const { return all_; }
  std::vector<const Category*> Roots() const;
  // The code and, for a parent, its children's codes (list filters).
  std::vector<std::string> SelfAndDescendants(const std::string& code) const;
  // The top-level ancestor's code ("fume" for "fume.restaurant").
  std::string RootOf(const std::string& code) const;

 private:
  std::vector<Category> all_;  // parents and children, file order
};

// A routing rule: `subdistrict` is a unit code or "*"; `lead` is a unit code or
// "$subdistrict" (the case's subdistrict). The most specific rule wins: a rule for
// the exact category beats its parent's; a named subdistrict beats "*".
struct RoutingRule {
  std::string category;
  std::string subdistrict = "*";
  std::string lead;
  std::vector<std::string> co;
};
struct RoutingCodes {
  std::string lead;             // a unit code, or empty when the case has no subdistrict
  std::vector<std::string> co;  // unit codes
};
class RoutingTable {
 public:
  static Result<RoutingTable> Parse(const std::string& json_text);
  // subdistrict_code may be empty (unknown place); `taxonomy` gives parent fallbacks.
  RoutingCodes Route(const Taxonomy& taxonomy, const std::string& category,
                     const std::string& subdistrict_code) const;
  std::string dispatcher_unit = "eeb";  // whose officers dispatch and see every case
  std::string fallback_lead = "eeb";    // when no rule and no subdistrict applies
  const std::vector<RoutingRule>& rules() const { return rules_; }

 private:
  std::vector<RoutingRule> rules_;
};

struct DeadlineRule {
  int accept_days = 2;         // working days from the report to acceptance
  int resolve_days = 5;        // working days from dispatch to resolution
  int remind_days_before = 1;  // the reminder: working days before due_at
};
struct EscalationSteps {
  // Level 1 at the deadline; level 2 and 3 these many working days after it.
  int level2_after_days = 1;
  int level3_after_days = 2;
};
class Deadlines {
 public:
  static Result<Deadlines> Parse(const std::string& json_text);
  DeadlineRule For(const Taxonomy& taxonomy, const std::string& category, Priority priority) const;
  EscalationSteps escalation;

 private:
  DeadlineRule default_;
  std::map<std::string, DeadlineRule> by_priority_;                         // priority -> rule
  std::map<std::string, std::map<std::string, DeadlineRule>> by_category_;  // cat -> prio|"*"
};

// Reply templates: texts with {number} {category} {unit} {due} {reason} {result}
// placeholders, per category (or "*") and action ("create", "accept", "reject",
// "dispatch", "resolve", "close", "reopen", ...).
class ReplyTemplates {
 public:
  static Result<ReplyTemplates> Parse(const std::string& json_text);
  // The text for the category (its own, its parent's, then "*"), placeholders filled.
  std::string Render(const Taxonomy& taxonomy, const std::string& category,
                     const std::string& action,
                     const std::map<std::string, std::string>& vars) const;
  std::optional<std::string> Raw(const std::string& category, const std::string& action) const;
  void Set(const std::string& category, const std::string& action, std::string text);
  // {"<category>":{"<action>":"text"}}
  json::object ToJson() const;

 private:
  std::map<std::string, std::map<std::string, std::string>> texts_;
};

struct CaseConfig {
  Taxonomy taxonomy;
  RoutingTable routing;
  Deadlines deadlines;
  ReplyTemplates templates;
  WorkCalendar calendar;
};

// Loads the four files under `data_dir`/cases and the calendar under `data_dir`/calendar.
Result<CaseConfig> LoadCaseConfig(const std::string& data_dir);

}  // namespace gl::cases
