// The readings store's batch insert: which rows it reports as newly stored, for
// batches around its statement size, with duplicates inside a batch and across
// batches, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "greenloop/db/migrations.h"
#include "greenloop/monitoring/store.h"
#include "support/test_db.h"

namespace gl {
namespace {

class ReadingsStoreTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_TRUE(db::Migrate(db()).ok());
  }
  static monitoring::Reading Row(int i, const std::string& factor = "a34041") {
    monitoring::Reading r;
    r.t = 1796000000000 + i * 1000LL;
    r.device_id = 7;
    r.factor = factor;
    r.value = i + 0.5;
    if (i % 3 == 0) r.min_value = i;  // nulls and values mixed
    r.text_value = std::to_string(i) + ".5";
    r.flag = "N";
    return r;
  }
  std::vector<bool> Insert(const std::vector<monitoring::Reading>& rows) {
    std::vector<bool> inserted;
    EXPECT_TRUE(db().RunInTransaction([&](soci::session& sql) {
                      inserted = monitoring::store::InsertReadings(sql, rows, 1);
                      return Status::Ok();
                    })
                    .ok());
    return inserted;
  }
  long long Stored() {
    long long n = -1;
    EXPECT_TRUE(db().Run([&](soci::session& sql) {
                      sql << "SELECT COUNT(*) FROM readings", soci::into(n);
                      return Status::Ok();
                    })
                    .ok());
    return n;
  }
};

TEST_P(ReadingsStoreTest, EveryBatchSizeReportsExactlyTheNewRows) {
  int next = 0;
  long long total = 0;
  for (int size : {1, 2, 499, 500, 501, 1000, 1203}) {
    std::vector<monitoring::Reading> rows;
    for (int i = 0; i < size; ++i) rows.push_back(Row(next++));
    auto inserted = Insert(rows);
    ASSERT_EQ(inserted.size(), rows.size());
    EXPECT_EQ(std::count(inserted.begin(), inserted.end(), true), size) << "batch of " << size;
    total += size;
    EXPECT_EQ(Stored(), total);
  }
}

TEST_P(ReadingsStoreTest, DuplicatesInsideAndAcrossBatchesAreNotNew) {
  ASSERT_EQ(Insert({Row(1)}), (std::vector<bool>{true}));
  ASSERT_EQ(Insert({Row(1)}), (std::vector<bool>{false}));
  // A resend of row 1, row 2 twice in one batch, and another factor at the same time.
  auto inserted = Insert({Row(1), Row(2), Row(2), Row(1, "a34004")});
  EXPECT_EQ(inserted, (std::vector<bool>{false, true, false, true}));
  std::vector<monitoring::Reading> big;
  for (int i = 0; i < 1200; ++i) big.push_back(Row(i % 600));  // each row twice
  inserted = Insert(big);
  EXPECT_EQ(std::count(inserted.begin(), inserted.end(), true), 600 - 2);
  for (int i = 0; i < 600; ++i) EXPECT_FALSE(inserted[600 + i]) << i;
  EXPECT_EQ(Stored(), 600 + 1);
}

GL_INSTANTIATE_STORE_TEST(ReadingsStoreTest);

}  // namespace
}  // namespace gl
