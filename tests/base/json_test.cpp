#include "greenloop/base/json.h"

#include <gtest/gtest.h>

namespace gl {
namespace {

TEST(JsonTest, MalformedIsBadJson) {
  auto r = ParseJsonObject("{\"a\":");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kBadJson);
  EXPECT_EQ(ParseJsonObject("[1]").error().code(), ErrorCode::kBadJson);
}

TEST(JsonTest, GettersNameTheField) {
  auto obj = *ParseJsonObject(R"({"login":"a","n":3,"flag":"yes","id":"42"})");
  EXPECT_EQ(*GetString(obj, "login"), "a");
  EXPECT_EQ(*GetInt(obj, "n"), 3);
  EXPECT_EQ(*GetIdString(obj, "id"), 42);
  auto wrong = GetBool(obj, "flag");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().field(), "flag");
  auto missing = GetString(obj, "password");
  EXPECT_EQ(missing.error().field(), "password");
  EXPECT_FALSE(GetOptionalString(obj, "absent")->has_value());
  EXPECT_FALSE(RejectUnknownKeys(obj, {"login", "n"}).ok());
}

TEST(JsonTest, CanonicalFormSortsKeys) {
  auto v = *ParseJson(R"({"b":1,"a":{"d":[1,2],"c":"x"}})");
  EXPECT_EQ(CanonicalJson(v), R"({"a":{"c":"x","d":[1,2]},"b":1})");
}

}  // namespace
}  // namespace gl
