// greenloop/base/crypto.h
//
// The project's only door to libsodium: password hashing (argon2id), random
// tokens and BLAKE2b digests. Call InitCrypto() once before anything else; it is
// cheap to call again.
#pragma once

#include <string>
#include <string_view>

namespace gl {

// false if libsodium cannot initialise (no entropy source): the process must stop.
bool InitCrypto();

// An argon2id string in libsodium's encoded form ("$argon2id$v=19$m=...").
// `fast` lowers the cost for tests and demo seeding; never for real accounts.
std::string HashPassword(std::string_view password, bool fast = false);
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

// `bytes` random bytes as lower-case hex (a 32-byte token is 64 characters).
std::string RandomHex(size_t bytes);

// BLAKE2b-256 of the input, lower-case hex.
std::string Blake2bHex(std::string_view data);

// Constant-time comparison of two strings of the same length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace gl
