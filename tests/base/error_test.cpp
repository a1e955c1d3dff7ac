#include "greenloop/base/error.h"

#include <gtest/gtest.h>

namespace gl {
namespace {

TEST(ErrorTest, CodesMapToStableNamesAndStatuses) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kNotFound), "not_found");
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kNotFound), 404);
  EXPECT_EQ(ErrorCodeName(ErrorCode::kPayloadTooLarge), "payload_too_large");
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kPayloadTooLarge), 413);
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kTooManyRequests), 429);
  EXPECT_EQ(ErrorCodeHttpStatus(ErrorCode::kBadJson), 400);
}

Result<int> Half(int x) {
  if (x % 2) return Error::InvalidArgument("x", "x must be even");
  return x / 2;
}

Result<int> Quarter(int x) {
  GL_ASSIGN_OR_RETURN(int half, Half(x));
  return Half(half);
}

TEST(ErrorTest, ResultCarriesValueOrError) {
  auto ok = Quarter(8);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 2);
  auto bad = Quarter(6);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.error().field(), "x");
  EXPECT_EQ(bad.error().ToString(), "invalid_argument: x must be even (field x)");
}

}  // namespace
}  // namespace gl
