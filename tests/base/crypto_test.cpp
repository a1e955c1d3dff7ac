#include "greenloop/base/crypto.h"

#include <gtest/gtest.h>

namespace gl {
namespace {

TEST(CryptoTest, PasswordHashVerifies) {
  ASSERT_TRUE(InitCrypto());
  std::string hash = HashPassword("greenloop-demo", /*fast=*/true);
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(hash, "greenloop-demo"));
  EXPECT_FALSE(VerifyPassword(hash, "greenloop-dem0"));
}

TEST(CryptoTest, Blake2bKnownAnswer) {
  ASSERT_TRUE(InitCrypto());
  // BLAKE2b-256 of the empty string (RFC 7693 parameterisation, 32-byte digest).
  EXPECT_EQ(Blake2bHex(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(RandomHex(32).size(), 64u);
}

}  // namespace
}  // namespace gl
