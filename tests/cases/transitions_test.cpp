// Every staff action for every demo role on a real case in every status, through
// CaseService on SQLite and PostgreSQL, against tests/data/cases/transitions.json:
// the answer (ok, 403 forbidden, 404 for a role that cannot see the case, 409
// conflict), the status after, the timeline entry (public or internal) and the
// audit event of each successful transition.
#include <gtest/gtest.h>

#include "cases/case_fixture.h"
#include "greenloop/audit/audit.h"

namespace gl::cases {
namespace {

using testing::TransitionTable;

bool Listed(const json::value& list, const std::string& s) {
  if (list.is_string()) return list.as_string() == "*";
  for (const auto& v : list.as_array()) {
    if (v.as_string() == s) return true;
  }
  return false;
}

class TransitionsTest : public testing::CaseServiceTest {
 protected:
  ActionInput InputFor(const json::object& row) {
    ActionInput in;
    if (const auto* i = row.if_contains("input")) {
      const auto& o = i->as_object();
      if (auto* v = o.if_contains("reason")) in.reason = v->as_string();
      if (auto* v = o.if_contains("note")) in.note = v->as_string();
      if (auto* v = o.if_contains("result")) in.result = v->as_string();
      if (auto* v = o.if_contains("text")) in.text = v->as_string();
      if (o.contains("into")) in.into_id = Complaint("另一处油烟").created.id;
    }
    return in;
  }
};

TEST_P(TransitionsTest, EveryActionForEveryRoleInEveryStatus) {
  const json::object& table = TransitionTable();
  int ok = 0, forbidden = 0, hidden = 0, conflict = 0;
  for (const auto& status_v : table.at("statuses").as_array()) {
    std::string status(status_v.as_string());
    Case base = CaseIn(status);
    ASSERT_EQ(StatusName(base.status), status);
    for (const auto& [role, role_v] : table.at("roles").as_object()) {
      const org::Actor& actor = As(std::string(role));
      bool sees = role_v.at("sees").as_bool();
      for (const auto& row_v : table.at("actions").as_array()) {
        const json::object& row = row_v.as_object();
        std::string action_name(row.at("action").as_string());
        Action action = *ParseAction(action_name);
        bool role_ok = Listed(row.at("roles"), std::string(role));
        bool status_ok = Listed(row.at("from"), status);
        ActionInput in = InputFor(row);
        std::string what = std::string(role) + " " + action_name + " on " + status;
        if (role_ok && status_ok && action != Action::kNote) {
          // A success changes the case: take it on a fresh one in the same status.
          Case fresh = CaseIn(status);
          auto r = cases_->Transition(actor, fresh.id, action, in);
          ASSERT_TRUE(r.ok()) << what << ": " << r.error().ToString();
          std::string to(row.at("to").as_string());
          std::string got(StatusName(r->view.c.status));
          if (action == Action::kReopen) {
            EXPECT_EQ(got, status == "closed" ? "dispatched" : "accepted") << what;
          } else {
            EXPECT_EQ(got, to) << what;
          }
          const TimelineEntry& last = r->timeline.back();
          EXPECT_EQ(last.action, action_name) << what;
          EXPECT_EQ(last.is_public, row.at("public").as_bool()) << what;
          EXPECT_EQ(last.actor_name, actor.name) << what;
          auto events = audit::ListForObject(db(), "case", IdToJson(fresh.id), 1);
          ASSERT_TRUE(events.ok() && !events->empty());
          EXPECT_EQ(events->front().action, "case." + action_name) << what;
          ++ok;
          continue;
        }
        auto r = cases_->Transition(actor, base.id, action, in);
        if (role_ok && status_ok) {  // a note: no change of status
          ASSERT_TRUE(r.ok()) << what << ": " << r.error().ToString();
          EXPECT_EQ(StatusName(r->view.c.status), status);
          ++ok;
          continue;
        }
        ASSERT_FALSE(r.ok()) << what << " was allowed";
        ErrorCode want = !sees      ? ErrorCode::kNotFound
                         : !role_ok ? ErrorCode::kForbidden
                                    : ErrorCode::kConflict;
        EXPECT_EQ(r.error().code(), want) << what << ": " << r.error().ToString();
        (want == ErrorCode::kNotFound    ? hidden
         : want == ErrorCode::kForbidden ? forbidden
                                         : conflict)++;
      }
    }
    // The failed attempts left the case as it was.
    auto after = cases_->FindById(base.id);
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(StatusName(after->status), status);
  }
  EXPECT_EQ(ok + forbidden + hidden + conflict, 9 * 8 * 12);
  EXPECT_GT(ok, 0);
  EXPECT_GT(forbidden, 0);
  EXPECT_GT(hidden, 0);
  EXPECT_GT(conflict, 0);
}

TEST_P(TransitionsTest, RequiredFieldsAreNamed) {
  Case c = CaseIn("reported");
  auto r = cases_->Transition(As("eeb.officer"), c.id, Action::kReject, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field(), "reason");
  ActionInput bad;
  bad.reason = "because";
  bad.note = "x";
  r = cases_->Transition(As("eeb.officer"), c.id, Action::kReject, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field(), "reason");
  Case d = CaseIn("in_progress");
  r = cases_->Transition(As("hlq.officer"), d.id, Action::kResolve, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field(), "result");
  // Nothing changed.
  EXPECT_EQ(cases_->FindById(d.id)->status, CaseStatus::kInProgress);
}

GL_INSTANTIATE_STORE_TEST(TransitionsTest);

}  // namespace
}  // namespace gl::cases
