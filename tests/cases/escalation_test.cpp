// Deadlines and escalation on a fake clock, on SQLite and PostgreSQL: the reminder
// before the due time, then levels 1-3 on their working-day schedule, each an
// audited event, an internal timeline entry and notifications to the right people.
#include <gtest/gtest.h>

#include "cases/case_fixture.h"
#include "greenloop/audit/audit.h"
#include "greenloop/cases/webhook.h"

namespace gl::cases {
namespace {

class EscalationTest : public testing::CaseServiceTest {
 protected:
  long long Unread(const std::string& login) {
    auto n = cases_->Notifications(As(login), true, 0, 200);
    EXPECT_TRUE(n.ok());
    return n->total;
  }
  std::vector<std::string> Kinds(const std::string& login) {
    std::vector<std::string> out;
    auto page = cases_->Notifications(As(login), false, 0, 200);
    EXPECT_TRUE(page.ok());
    if (!page.ok()) return out;
    for (const auto& n : page->items) out.push_back(n.kind);
    return out;
  }
  int Run() {
    auto r = cases_->RunEscalation();
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    return r.ok() ? *r : -1;
  }
};

TEST_P(EscalationTest, UnacceptedCaseEscalatesThroughTheLevelsOnSchedule) {
  // Monday 2026-11-30 10:00; accept due Wednesday 12-02 10:00.
  Case c = Complaint().created;
  std::vector<std::string> seen;
  cases_->OnUnitEvent([&](Id, const std::string& kind, const Case& k, const std::string&) {
    seen.push_back(kind + ":" + std::to_string(k.escalation_level));
  });
  EXPECT_EQ(Run(), 0);
  now_ = *ParseTime("2026-12-02T09:59:00+08:00");
  EXPECT_EQ(Run(), 0);
  EXPECT_EQ(cases_->FindById(c.id)->escalation_level, 0);

  now_ = *ParseTime("2026-12-02T10:01:00+08:00");
  EXPECT_EQ(Run(), 1);
  Case l1 = *cases_->FindById(c.id);
  EXPECT_EQ(l1.escalation_level, 1);
  EXPECT_FALSE(l1.supervised);
  EXPECT_TRUE(l1.OverdueAt(now_));
  EXPECT_EQ(Unread("eeb.officer"), 1);  // the dispatcher answers for acceptance
  EXPECT_EQ(Unread("eeb.leader"), 0);
  EXPECT_EQ(Run(), 0);  // nothing more until level 2 is due

  // Level 2 one working day later (Thursday 12-03 10:00): the unit's leader.
  now_ = *ParseTime("2026-12-03T10:01:00+08:00");
  EXPECT_EQ(Run(), 1);
  EXPECT_EQ(cases_->FindById(c.id)->escalation_level, 2);
  EXPECT_EQ(Unread("eeb.leader"), 1);
  EXPECT_EQ(Unread("inspector"), 0);

  // Level 3 two working days after the deadline (Friday 12-04 10:00): 督办.
  now_ = *ParseTime("2026-12-04T10:01:00+08:00");
  EXPECT_EQ(Run(), 1);
  Case l3 = *cases_->FindById(c.id);
  EXPECT_EQ(l3.escalation_level, 3);
  EXPECT_TRUE(l3.supervised);
  EXPECT_EQ(Unread("inspector"), 1);
  EXPECT_EQ(Unread("yz.leader"), 1);
  now_ += 30LL * 24 * 3600 * 1000;
  EXPECT_EQ(Run(), 0);  // level 3 is the last

  // Each level: an audit event and an internal timeline entry.
  auto events = audit::ListForObject(db(), "case", IdToJson(c.id), 50);
  ASSERT_TRUE(events.ok());
  int escalations = 0;
  for (const auto& e : *events) escalations += e.action == "case.escalate";
  EXPECT_EQ(escalations, 3);
  auto detail = cases_->Get(As("inspector"), c.id);
  ASSERT_TRUE(detail.ok());
  int entries = 0;
  for (const auto& e : detail->timeline) {
    if (e.action != "escalate") continue;
    ++entries;
    EXPECT_FALSE(e.is_public);
    EXPECT_EQ(e.data.at("level").as_int64(), entries);
  }
  EXPECT_EQ(entries, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{"escalation:1", "escalation:2", "escalation:3"}));
  // Overdue cases are listed with ?overdue=1.
  CaseFilter f;
  f.overdue_only = true;
  EXPECT_EQ(cases_->List(As("inspector"), f, 0, 10)->total, 1);
}

TEST_P(EscalationTest, HandlingUnitIsRemindedThenEscalatedAndDispatchResetsTheLevel) {
  Case c = Complaint().created;
  now_ = *ParseTime("2026-12-03T09:00:00+08:00");  // accept overdue since Wednesday
  EXPECT_EQ(Run(), 1);
  EXPECT_EQ(cases_->FindById(c.id)->escalation_level, 1);
  Do("eeb.officer", c.id, Action::kAccept);
  Case d = Do("eeb.officer", c.id, Action::kDispatch);
  EXPECT_EQ(d.escalation_level, 0);  // a new deadline, a new count
  // Due Thursday 12-10 09:00; reminder Wednesday 12-09 09:00.
  EXPECT_EQ(*d.due_at, *ParseTime("2026-12-10T09:00:00+08:00"));
  EXPECT_EQ(*d.remind_at, *ParseTime("2026-12-09T09:00:00+08:00"));
  now_ = *ParseTime("2026-12-09T09:30:00+08:00");
  EXPECT_EQ(Run(), 1);
  EXPECT_EQ(Kinds("hlq.officer"), (std::vector<std::string>{"remind", "dispatch"}));
  EXPECT_EQ(Run(), 0);  // reminded once
  // A late pass catches up: by Monday 12-14 all three levels are due at once.
  now_ = *ParseTime("2026-12-14T12:00:00+08:00");
  EXPECT_EQ(Run(), 1);
  Case l = *cases_->FindById(c.id);
  EXPECT_EQ(l.escalation_level, 3);
  EXPECT_TRUE(l.supervised);
  EXPECT_EQ(Unread("hlq.leader"), 2);  // level 2 and level 3
  // Resolving stops the clock.
  Do("hlq.officer", c.id, Action::kStart);
  ActionInput res;
  res.result = "已整改";
  Do("hlq.officer", c.id, Action::kResolve, res);
  CaseFilter f;
  f.overdue_only = true;
  EXPECT_EQ(cases_->List(As("inspector"), f, 0, 10)->total, 0);
}

TEST_P(EscalationTest, WebhookSettingsAreAdminOnlyAndHttpOnly) {
  Id hlq = UnitId("hlq");
  EXPECT_EQ(cases_->SetWebhook(As("eeb.officer"), hlq, "http://x/y").error().code(),
            ErrorCode::kForbidden);
  EXPECT_EQ(cases_->SetWebhook(As("admin"), hlq, "ftp://x").error().field(), "url");
  ASSERT_TRUE(cases_->SetWebhook(As("admin"), hlq, "http://127.0.0.1:9/hook").ok());
  EXPECT_EQ(*cases_->WebhookFor(hlq), "http://127.0.0.1:9/hook");
  ASSERT_TRUE(cases_->SetWebhook(As("admin"), hlq, "").ok());
  EXPECT_FALSE(cases_->WebhookFor(hlq));
}

GL_INSTANTIATE_STORE_TEST(EscalationTest);

TEST(WebhookSenderTest, UnreachableReceiverIsCountedAsFailedWithoutBlocking) {
  WebhookOptions o;
  o.timeout_ms = 500;
  WebhookSender sender(o);
  auto t0 = std::chrono::steady_clock::now();
  sender.Enqueue("http://127.0.0.1:9/hook", "{}");  // discard port: refused
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(50));
  for (int i = 0; i < 100 && sender.failed() == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(sender.failed(), 1);
  EXPECT_EQ(sender.sent(), 0);
  EXPECT_FALSE(PostJson("https://example.org", "{}", 100).error.empty());
}

}  // namespace
}  // namespace gl::cases
