#include "greenloop/audit/audit.h"

#include <gtest/gtest.h>

#include <thread>

#include "support/test_db.h"

namespace gl::audit {
namespace {

class AuditStoreTest : public gl::testing::StoreTest {
 protected:
  Status Append(const std::string& action, int n) {
    return db().RunInTransaction([&](soci::session& sql) -> Status {
      Entry entry{42, "admin", action, "person", std::to_string(n),
                  json::object{{"after", json::object{{"n", n}}}}};
      auto e = Record(sql, entry);
      return e.ok() ? Status::Ok() : Status(e.error());
    });
  }
};

TEST_P(AuditStoreTest, ChainVerifies) {
  for (int i = 1; i <= 5; ++i) ASSERT_GL_OK(Append("person.update", i));
  auto report = Verify(db());
  ASSERT_GL_OK(report);
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->events_checked, 5);
}

TEST_P(AuditStoreTest, EditedEventIsNamed) {
  for (int i = 1; i <= 5; ++i) ASSERT_GL_OK(Append("person.update", i));
  ASSERT_GL_OK(db().Run([](soci::session& sql) {
    sql << "UPDATE audit_events SET summary = '{\"after\":{\"n\":99}}' WHERE seq = 3";
    return Status::Ok();
  }));
  auto report = Verify(db());
  ASSERT_GL_OK(report);
  EXPECT_FALSE(report->ok);
  EXPECT_EQ(report->first_bad_seq, 3);
  EXPECT_NE(report->problem.find("changed"), std::string::npos);
}

TEST_P(AuditStoreTest, DeletedEventsAreFound) {
  for (int i = 1; i <= 4; ++i) ASSERT_GL_OK(Append("person.update", i));
  ASSERT_GL_OK(db().Run([](soci::session& sql) {
    sql << "DELETE FROM audit_events WHERE seq = 2";
    return Status::Ok();
  }));
  auto middle = Verify(db());
  ASSERT_GL_OK(middle);
  EXPECT_FALSE(middle->ok);
  EXPECT_EQ(middle->first_bad_seq, 3);
  ASSERT_GL_OK(db().Run([](soci::session& sql) {
    sql << "DELETE FROM audit_events WHERE seq >= 2";
    return Status::Ok();
  }));
  auto tail = Verify(db());
  ASSERT_GL_OK(tail);
  EXPECT_FALSE(tail->ok);
  EXPECT_NE(tail->problem.find("removed"), std::string::npos);
}

TEST_P(AuditStoreTest, RolledBackChangeLeavesNoEvent) {
  auto s = db().RunInTransaction([&](soci::session& sql) -> Status {
    auto e = Record(sql, Entry{1, "admin", "unit.create", "unit", "7", json::object{}});
    EXPECT_TRUE(e.ok());
    return Error::Conflict("the change itself failed");
  });
  EXPECT_FALSE(s.ok());
  auto report = Verify(db());
  ASSERT_GL_OK(report);
  EXPECT_TRUE(report->ok);
  EXPECT_EQ(report->events_checked, 0);
}

TEST_P(AuditStoreTest, ConcurrentAppendersKeepOneChain) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 15; ++i) {
        if (!Append("person.update", t * 100 + i).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto report = Verify(db());
  ASSERT_GL_OK(report);
  EXPECT_TRUE(report->ok) << report->problem;
  EXPECT_EQ(report->events_checked, 60);
}

GL_INSTANTIATE_STORE_TEST(AuditStoreTest);

}  // namespace
}  // namespace gl::audit
