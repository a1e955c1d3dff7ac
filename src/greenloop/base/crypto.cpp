#include "greenloop/base/crypto.h"

#include <sodium.h>

#include <stdexcept>

namespace gl {

bool InitCrypto() { return sodium_init() >= 0; }

std::string HashPassword(std::string_view password, bool fast) {
  char out[crypto_pwhash_STRBYTES];
  unsigned long long ops = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  size_t mem = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id: out of memory");
  }
  return out;
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
  std::string hash(encoded_hash);  // must be NUL-terminated
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

namespace {
std::string ToHex(const unsigned char* data, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}
}  // namespace

std::string RandomHex(size_t bytes) {
  std::string buf(bytes, '\0');
  randombytes_buf(buf.data(), bytes);
  return ToHex(reinterpret_cast<const unsigned char*>(buf.data()), bytes);
}

std::string Blake2bHex(std::string_view data) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), nullptr, 0);
  return ToHex(digest, sizeof digest);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace gl
