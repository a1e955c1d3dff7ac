#include "greenloop/base/id.h"

#include <gtest/gtest.h>

#include <set>

#include "greenloop/base/time.h"

namespace gl {
namespace {

TEST(IdTest, IncreasingUniqueAndCarriesTime) {
  IdGenerator gen(7);
  std::set<Id> seen;
  Id last = 0;
  for (int i = 0; i < 20000; ++i) {
    Id id = gen.Next();
    EXPECT_GT(id, last);
    last = id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 20000u);
  EXPECT_LE(std::llabs(IdTimeMs(last) - NowMs()), 2000);
}

TEST(IdTest, NodesDoNotCollide) {
  IdGenerator a(1), b(2);
  EXPECT_NE(a.Next(), b.Next());
}

}  // namespace
}  // namespace gl
