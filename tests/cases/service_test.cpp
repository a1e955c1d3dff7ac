// CaseService on SQLite and PostgreSQL: numbers, the whole loop, the citizen's view,
// merge, reopen, routing, duplicates, scope and the alarm hand-off.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <thread>

#include "cases/case_fixture.h"
#include "greenloop/cases/handoff.h"

namespace gl::cases {
namespace {

class CasesServiceTest : public testing::CaseServiceTest {};

TEST_P(CasesServiceTest, NumbersArePerYearAndUniqueUnderConcurrency) {
  Case first = Complaint().created;
  EXPECT_EQ(first.number, "YZ-2026-000001");
  std::vector<std::thread> threads;
  std::mutex mu;
  std::set<std::string> numbers;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 8; ++i) {
        PublicIntake in;
        in.category = "city.social_noise";
        in.description = "夜间噪声";
        auto r = cases_->CreateFromPublic(in);
        if (!r.ok()) {
          ++failures;
          continue;
        }
        std::lock_guard lock(mu);
        numbers.insert(r->created.number);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(numbers.size(), 32u);
  EXPECT_EQ(*numbers.begin(), "YZ-2026-000002");
  EXPECT_EQ(*numbers.rbegin(), "YZ-2026-000033");
  // A new year starts again at 1.
  now_ = *ParseTime("2027-01-04T09:00:00+08:00");
  EXPECT_EQ(Complaint().created.number, "YZ-2027-000001");
}

TEST_P(CasesServiceTest, ComplaintRoutedHandledVerifiedAndClosed) {
  PublicIntakeResult filed = Complaint("楼下餐馆油烟很大", Reporter{"张女士", "13800000000"});
  const Case& c = filed.created;
  EXPECT_EQ(c.status, CaseStatus::kReported);
  ASSERT_TRUE(c.subdistrict);
  EXPECT_EQ(c.subdistrict->name, "化龙桥街道");
  EXPECT_EQ(filed.tracking_code.size(), 10u);
  // Accepted by 2 working days: Monday 10:00 -> Wednesday 10:00.
  EXPECT_EQ(*c.accept_due_at, *ParseTime("2026-12-02T10:00:00+08:00"));

  // Routing suggests 化龙桥街道 with 市场监管局 and 生态环境局 as co-units.
  auto route = cases_->Route("air.fume", UnitId("hlq"));
  ASSERT_TRUE(route.ok());
  EXPECT_EQ(route->lead_unit->name, "化龙桥街道");
  ASSERT_EQ(route->co_units.size(), 2u);

  now_ += 3600 * 1000;
  Do("eeb.officer", c.id, Action::kAccept);
  ActionInput internal;
  internal.text = "反映人电话 13800000000，已回访";
  Do("eeb.officer", c.id, Action::kNote, internal);
  Case d = Do("eeb.officer", c.id, Action::kDispatch);
  EXPECT_EQ(d.status, CaseStatus::kDispatched);
  ASSERT_TRUE(d.lead_unit);
  EXPECT_EQ(d.lead_unit->id, UnitId("hlq"));
  EXPECT_EQ(d.co_units.size(), 2u);
  // 5 working days from Monday 11:00.
  EXPECT_EQ(*d.due_at, *ParseTime("2026-12-07T11:00:00+08:00"));
  EXPECT_EQ(*d.remind_at, *ParseTime("2026-12-04T11:00:00+08:00"));

  // hlq.officer sees it with the actions it may take, and handles it.
  auto seen = cases_->Get(As("hlq.officer"), c.id);
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->view.actions, (std::vector<std::string>{"start", "return", "note"}));
  Do("hlq.officer", c.id, Action::kStart);
  ActionInput res;
  res.result = "已责令该店清洗排烟管道并加装净化设备";
  Do("hlq.officer", c.id, Action::kResolve, res);
  Do("inspector", c.id, Action::kVerify);
  Case closed = Do("inspector", c.id, Action::kClose);
  EXPECT_EQ(closed.status, CaseStatus::kClosed);
  ASSERT_TRUE(closed.closed_at);

  // The citizen sees each public step, nothing internal, nobody's personal data.
  auto view = cases_->TrackPublic(c.number, filed.tracking_code);
  ASSERT_TRUE(view.ok()) << view.error().ToString();
  std::vector<std::string> steps;
  for (const auto& e : view->timeline) {
    steps.push_back(e.action);
    EXPECT_TRUE(e.is_public);
    EXPECT_EQ(e.text.find("13800000000"), std::string::npos);
    EXPECT_TRUE(e.actor_name.empty());
    EXPECT_TRUE(e.data.empty());
  }
  EXPECT_EQ(steps, (std::vector<std::string>{"create", "accept", "dispatch", "start", "resolve",
                                             "verify", "close"}));
  EXPECT_NE(view->timeline[2].text.find("化龙桥街道"), std::string::npos) << view->timeline[2].text;
  EXPECT_NE(view->timeline[2].text.find("2026-12-07 11:00"), std::string::npos);
  EXPECT_FALSE(view->c.reporter);
  EXPECT_TRUE(view->can_rate);
  EXPECT_TRUE(view->can_reopen);
  // Staff see the internal note and the reporter.
  auto staff = cases_->Get(As("eeb.officer"), c.id);
  ASSERT_TRUE(staff.ok());
  EXPECT_TRUE(staff->view.show_reporter);
  EXPECT_EQ(staff->view.c.reporter->phone, "13800000000");
  EXPECT_EQ(staff->timeline.size(), 8u);

  // Wrong code and wrong number read the same.
  auto wrong = cases_->TrackPublic(c.number, "AAAAAAAAAA");
  auto none = cases_->TrackPublic("YZ-2026-999999", filed.tracking_code);
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(wrong.error().code(), ErrorCode::kNotFound);
  EXPECT_EQ(wrong.error().message(), none.error().message());

  // Rating once.
  auto rated = cases_->RateByCitizen(c.number, filed.tracking_code, 5, "处理及时");
  ASSERT_TRUE(rated.ok());
  EXPECT_EQ(*rated->c.satisfaction, 5);
  EXPECT_FALSE(rated->can_rate);
  EXPECT_EQ(cases_->RateByCitizen(c.number, filed.tracking_code, 1, "").error().code(),
            ErrorCode::kConflict);
}

TEST_P(CasesServiceTest, CitizenReopensWithinSevenDaysOnly) {
  PublicIntakeResult a = Complaint();
  Case c = a.created;
  // Bring it to closed.
  Do("eeb.officer", c.id, Action::kAccept);
  Do("eeb.officer", c.id, Action::kDispatch);
  Do("hlq.officer", c.id, Action::kStart);
  ActionInput res;
  res.result = "已整改";
  Do("hlq.officer", c.id, Action::kResolve, res);
  Do("eeb.officer", c.id, Action::kVerify);
  Do("eeb.officer", c.id, Action::kClose);
  now_ += 6LL * 24 * 3600 * 1000;
  auto reopened = cases_->ReopenByCitizen(c.number, a.tracking_code, "油烟又出现了");
  ASSERT_TRUE(reopened.ok()) << reopened.error().ToString();
  EXPECT_EQ(reopened->c.status, CaseStatus::kDispatched);
  EXPECT_EQ(reopened->c.reopen_count, 1);
  EXPECT_EQ(reopened->timeline.back().action, "reopen");
  // Handled and closed again; 8 days later the citizen may no longer reopen...
  Do("hlq.officer", c.id, Action::kStart);
  Do("hlq.officer", c.id, Action::kResolve, res);
  Do("inspector", c.id, Action::kVerify);
  Do("inspector", c.id, Action::kClose);
  now_ += 8LL * 24 * 3600 * 1000;
  auto late = cases_->ReopenByCitizen(c.number, a.tracking_code, "还是有");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code(), ErrorCode::kConflict);
  // ... but an inspector may.
  ActionInput why;
  why.reason = "复查发现反弹";
  Case again = Do("inspector", c.id, Action::kReopen, why);
  EXPECT_EQ(again.status, CaseStatus::kDispatched);
  EXPECT_EQ(again.reopen_count, 2);
}

TEST_P(CasesServiceTest, MergeLinksTheCases) {
  Case a = Complaint("A 店油烟").created;
  Case b = Complaint("B 店油烟").created;
  ActionInput in;
  in.into_id = b.id;
  in.note = "同一商铺";
  Case merged = Do("eeb.officer", a.id, Action::kMerge, in);
  EXPECT_EQ(merged.status, CaseStatus::kMerged);
  ASSERT_TRUE(merged.merged_into);
  EXPECT_EQ(merged.merged_into->number, b.number);
  auto target = cases_->Get(As("eeb.officer"), b.id);
  ASSERT_TRUE(target.ok());
  ASSERT_EQ(target->view.c.linked_cases.size(), 1u);
  EXPECT_EQ(target->view.c.linked_cases[0].number, a.number);
  EXPECT_EQ(target->timeline.back().action, "attach");
  // Into itself, into a closed case, or a merged case again: refused.
  Case c = Complaint("C").created;
  in.into_id = c.id;
  EXPECT_EQ(cases_->Transition(As("eeb.officer"), c.id, Action::kMerge, in).error().code(),
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(cases_->Transition(As("eeb.officer"), a.id, Action::kMerge, in).error().code(),
            ErrorCode::kConflict);
  Case closed = CaseIn("closed");
  in.into_id = closed.id;
  EXPECT_EQ(cases_->Transition(As("eeb.officer"), c.id, Action::kMerge, in).error().code(),
            ErrorCode::kConflict);
}

TEST_P(CasesServiceTest, ReturnGoesBackToTheDispatcher) {
  Case c = CaseIn("dispatched");
  ActionInput in;
  in.reason = "该商铺在石油路街道辖区";
  Case back = Do("hlq.officer", c.id, Action::kReturn, in);
  EXPECT_EQ(back.status, CaseStatus::kAccepted);
  EXPECT_FALSE(back.lead_unit);
  EXPECT_TRUE(back.co_units.empty());
  // The dispatcher is told, and dispatches to another unit (override).
  auto notes = cases_->Notifications(As("eeb.officer"), true, 0, 50);
  ASSERT_TRUE(notes.ok());
  ASSERT_FALSE(notes->items.empty());
  EXPECT_EQ(notes->items[0].kind, "returned");
  ActionInput to;
  to.lead_unit_id = UnitId("syl");
  to.co_unit_ids = std::vector<Id>{};
  Case again = Do("eeb.officer", c.id, Action::kDispatch, to);
  EXPECT_EQ(again.lead_unit->id, UnitId("syl"));
  EXPECT_TRUE(again.co_units.empty());
  // Now 石油路 handles it and 化龙桥 still sees it (its subdistrict), but may not start it.
  auto hlq = cases_->Transition(As("hlq.officer"), c.id, Action::kStart, {});
  ASSERT_FALSE(hlq.ok());
  EXPECT_EQ(hlq.error().code(), ErrorCode::kForbidden);
  Do("syl.officer", c.id, Action::kStart);
}

TEST_P(CasesServiceTest, OtherUnitsCasesAreNotFoundAndListsAreScoped) {
  Case c = CaseIn("dispatched");
  auto other = cases_->Get(As("syl.officer"), c.id);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code(), ErrorCode::kNotFound);
  CaseFilter f;
  auto mine = cases_->List(As("hlq.officer"), f, 0, 50);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->total, 1);
  auto theirs = cases_->List(As("syl.officer"), f, 0, 50);
  ASSERT_TRUE(theirs.ok());
  EXPECT_EQ(theirs->total, 0);
  f.unit_id = UnitId("hlq");
  auto denied = cases_->List(As("syl.officer"), f, 0, 50);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code(), ErrorCode::kForbidden);
  EXPECT_EQ(cases_->List(As("enterprise"), {}, 0, 50).error().code(), ErrorCode::kForbidden);
  // District roles see all; filters combine.
  CaseFilter open;
  open.open_only = true;
  open.category = "air";
  open.text = "油烟";
  auto all = cases_->List(As("inspector"), open, 0, 50);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 1);
  EXPECT_EQ(all->items[0].c.number, c.number);
  CaseFilter noise;
  noise.category = "city";
  EXPECT_EQ(cases_->List(As("inspector"), noise, 0, 50)->total, 0);
}

TEST_P(CasesServiceTest, StaffIntakeOffersDuplicatesNearbyAndRecent) {
  Case first = Complaint().created;
  StaffIntake in;
  in.source = Source::kHotline;
  in.category = "air.fume";
  in.title = "热线：化龙桥餐馆油烟扰民";
  in.description = "来电反映临街餐馆油烟";
  in.location = GeoPoint{106.5150, 29.5560};  // about 100 m from the complaint
  in.reporter = Reporter{"李先生", ""};
  auto r = cases_->CreateByStaff(As("eeb.officer"), in);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_EQ(r->duplicates.size(), 1u);
  EXPECT_EQ(r->duplicates[0].ref.number, first.number);
  EXPECT_GT(r->duplicates[0].distance_m, 50);
  EXPECT_LT(r->duplicates[0].distance_m, 200);
  EXPECT_EQ(r->created.source, Source::kHotline);
  // Far away, another category, or after 48 h: no offer.
  in.location = GeoPoint{106.5160, 29.5370};
  EXPECT_TRUE(cases_->CreateByStaff(As("eeb.officer"), in)->duplicates.empty());
  in.location = GeoPoint{106.5150, 29.5560};
  in.category = "city.social_noise";
  EXPECT_TRUE(cases_->CreateByStaff(As("eeb.officer"), in)->duplicates.empty());
  in.category = "air.fume";
  now_ += 49LL * 3600 * 1000;
  auto later = cases_->CreateByStaff(As("eeb.officer"), in);
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->duplicates.empty());  // the complaint and the hotline case are 49 h old
  // Bad input names its field and stores nothing.
  in.category = "nope";
  EXPECT_EQ(cases_->CreateByStaff(As("eeb.officer"), in).error().field(), "category");
  EXPECT_EQ(cases_->CreateByStaff(As("enterprise"), in).error().code(), ErrorCode::kForbidden);
}

TEST_P(CasesServiceTest, AlarmOpensACaseRoutedBySiteAndASecondAlarmAttaches) {
  CaseHandoffImpl handoff(*cases_);
  alarms::AlarmForCase alarm;
  alarm.alarm_id = 9001;
  alarm.site_id = SiteId("rst-hlq-001");
  alarm.factor = "gl_fume";
  alarm.rule_kind = "exceedance";
  alarm.severity = "major";
  alarm.problem_key = "exceedance:gl_fume";
  alarm.title = "油烟浓度超标（2.4 mg/m³，限值 2.0）";
  alarm.description = "自 10:00 起持续超标";
  auto first = handoff.HandOff(alarm);
  ASSERT_TRUE(first.ok()) << first.error().ToString();
  EXPECT_TRUE(first->opened);
  auto c = cases_->FindById(first->case_id);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->source, Source::kAlarm);
  EXPECT_EQ(c->category, "air.fume");
  EXPECT_EQ(c->status, CaseStatus::kDispatched);
  EXPECT_EQ(c->lead_unit->id, UnitId("hlq"));
  EXPECT_EQ(c->priority, Priority::kUrgent);
  ASSERT_TRUE(c->site);
  // Urgent: 3 working days.
  EXPECT_EQ(*c->due_at, *ParseTime("2026-12-03T10:00:00+08:00"));
  // The same problem again: attached. Another problem at the site: a new case.
  alarm.alarm_id = 9002;
  auto second = handoff.HandOff(alarm);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->opened);
  EXPECT_EQ(second->case_id, first->case_id);
  EXPECT_EQ(second->number, first->number);
  EXPECT_EQ(cases_->FindById(first->case_id)->alarm_ids, (std::vector<Id>{9001, 9002}));
  auto again = handoff.HandOff(alarm);  // the same alarm twice: no double entry
  EXPECT_EQ(cases_->FindById(first->case_id)->alarm_ids.size(), 2u);
  alarm.alarm_id = 9003;
  alarm.problem_key = "no_data";
  alarm.rule_kind = "no_data";
  auto other = handoff.HandOff(alarm);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->opened);
  EXPECT_EQ(cases_->FindById(other->case_id)->category, "monitoring.no_data");
  // hlq.officer was told of the fume case; the bureau handles devices that went silent.
  auto notes = cases_->Notifications(As("hlq.officer"), false, 0, 50);
  ASSERT_TRUE(notes.ok());
  EXPECT_EQ(notes->total, 1);
  EXPECT_EQ(cases_->FindById(other->case_id)->lead_unit->id, UnitId("eeb"));
  // Once the first case is closed, the same problem opens a new case.
  Do("hlq.officer", first->case_id, Action::kStart);
  ActionInput res;
  res.result = "已清洗";
  Do("hlq.officer", first->case_id, Action::kResolve, res);
  Do("inspector", first->case_id, Action::kVerify);
  Do("inspector", first->case_id, Action::kClose);
  alarm.alarm_id = 9004;
  alarm.problem_key = "exceedance:gl_fume";
  auto fresh = handoff.HandOff(alarm);
  ASSERT_TRUE(fresh.ok());
  EXPECT_TRUE(fresh->opened);
  EXPECT_NE(fresh->case_id, first->case_id);
}

TEST_P(CasesServiceTest, ConcurrentAlarmsOfOneProblemOpenOneCase) {
  CaseHandoffImpl handoff(*cases_);
  Id site = SiteId("rst-hlq-002");
  std::atomic<int> opened{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      alarms::AlarmForCase alarm;
      alarm.alarm_id = 100 + t;
      alarm.site_id = site;
      alarm.factor = "gl_fume";
      alarm.rule_kind = "exceedance";
      alarm.severity = "minor";
      alarm.problem_key = "exceedance:gl_fume";
      alarm.title = "油烟浓度超标";
      auto r = handoff.HandOff(alarm);
      if (!r.ok()) {
        ++failed;
      } else if (r->opened) {
        ++opened;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(opened.load(), 1);
  CaseFilter f;
  f.source = Source::kAlarm;
  auto list = cases_->List(As("inspector"), f, 0, 10);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->total, 1);
  EXPECT_EQ(list->items[0].c.alarm_ids.size(), 4u);
}

TEST_P(CasesServiceTest, DeadlinesAcrossNationalDayAndAMakeUpSaturday) {
  now_ = *ParseTime("2026-09-30T15:00:00+08:00");
  Case c = Complaint().created;
  EXPECT_EQ(*c.accept_due_at, *ParseTime("2026-10-09T15:00:00+08:00"));
  now_ = *ParseTime("2026-10-09T09:00:00+08:00");
  Do("eeb.officer", c.id, Action::kAccept);
  Case d = Do("eeb.officer", c.id, Action::kDispatch);
  // 5 working days from Friday 10-09: Sat 10-10 (调休), Mon 12, Tue 13, Wed 14, Thu 15.
  EXPECT_EQ(*d.due_at, *ParseTime("2026-10-15T09:00:00+08:00"));
}

GL_INSTANTIATE_STORE_TEST(CasesServiceTest);

}  // namespace
}  // namespace gl::cases
