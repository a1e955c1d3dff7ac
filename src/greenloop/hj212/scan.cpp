#include "greenloop/hj212/scan.h"

#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace gl::hj212::internal {
namespace {

// Stores the 16-bit masks of one 16-byte chunk; maps are read as 64-bit words,
// so chunk c lands in bits 16*(c%4).. of word c/4 (little-endian hosts: x86-64, aarch64).
void Store(std::uint64_t* map, std::size_t chunk, std::uint16_t bits) {
  std::memcpy(reinterpret_cast<char*>(map) + 2 * chunk, &bits, sizeof bits);
}

void ScalarChunk(const char* p, std::size_t count, std::size_t chunk, ByteMasks* m) {
  std::uint16_t semicolon = 0, separator = 0, equals = 0, dash = 0, bad = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    const auto bit = static_cast<std::uint16_t>(1u << i);
    if (c == ';') semicolon |= bit;
    if (c == ';' || c == ',') separator |= bit;
    if (c == '=') equals |= bit;
    if (c == '-') dash |= bit;
    if (c <= ' ' || c >= 0x7F || c == '&') bad |= bit;
  }
  Store(m->semicolon, chunk, semicolon);
  Store(m->separator, chunk, separator);
  Store(m->equals, chunk, equals);
  Store(m->dash, chunk, dash);
  Store(m->bad, chunk, bad);
}

#if defined(__x86_64__)
void VectorChunk(const char* p, std::size_t chunk, ByteMasks* m) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  auto bits = [](__m128i x) { return static_cast<std::uint16_t>(_mm_movemask_epi8(x)); };
  const __m128i semicolon = _mm_cmpeq_epi8(v, _mm_set1_epi8(';'));
  const __m128i comma = _mm_cmpeq_epi8(v, _mm_set1_epi8(','));
  // Signed compare: bytes >= 0x80 are negative, so "< 0x21" also catches them.
  const __m128i bad = _mm_or_si128(
      _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))),
      _mm_cmpeq_epi8(v, _mm_set1_epi8('&')));
  Store(m->semicolon, chunk, bits(semicolon));
  Store(m->separator, chunk, bits(_mm_or_si128(semicolon, comma)));
  Store(m->equals, chunk, bits(_mm_cmpeq_epi8(v, _mm_set1_epi8('='))));
  Store(m->dash, chunk, bits(_mm_cmpeq_epi8(v, _mm_set1_epi8('-'))));
  Store(m->bad, chunk, bits(bad));
}

// Two 16-byte chunks at once (chunk is even), on CPUs that have AVX2.
__attribute__((target("avx2"))) void VectorChunkPair(const char* p, std::size_t chunk,
                                                     ByteMasks* m) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i semicolon = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(';'));
  const __m256i comma = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(','));
  // Signed compare: bytes >= 0x80 are negative, so "0x21 > byte" also catches them.
  const __m256i bad = _mm256_or_si256(_mm256_or_si256(_mm256_cmpgt_epi8(_mm256_set1_epi8(0x21), v),
                                                      _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7F))),
                                      _mm256_cmpeq_epi8(v, _mm256_set1_epi8('&')));
  const std::uint32_t words[5] = {
      static_cast<std::uint32_t>(_mm256_movemask_epi8(semicolon)),
      static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_or_si256(semicolon, comma))),
      static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('=')))),
      static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('-')))),
      static_cast<std::uint32_t>(_mm256_movemask_epi8(bad))};
  std::uint64_t* maps[5] = {m->semicolon, m->separator, m->equals, m->dash, m->bad};
  for (int i = 0; i < 5; ++i) {
    std::memcpy(reinterpret_cast<char*>(maps[i]) + 2 * chunk, &words[i], sizeof words[i]);
  }
}

const bool kHasAvx2 = __builtin_cpu_supports("avx2");
#endif

}  // namespace

void BuildMasks(const char* data, std::size_t size, ByteMasks* masks) {
  // Whole chunks up to the sentinel's word, so every word read is written.
  const std::size_t chunks = (size / 64 + 1) * 4;
  for (std::size_t c = 0; c < chunks; ++c) {
    const std::size_t at = c * 16;
#if defined(__x86_64__)
    if (kHasAvx2 && c % 2 == 0 && at + 32 <= size) {
      VectorChunkPair(data + at, c, masks);
      ++c;
      continue;
    }
    if (at + 16 <= size) {
      VectorChunk(data + at, c, masks);
      continue;
    }
#endif
    ScalarChunk(data + at, at < size ? (size - at < 16 ? size - at : 16) : 0, c, masks);
  }
  // Sentinels at `size`, which lies in the last word written.
  const std::uint64_t end_bit = std::uint64_t{1} << (size & 63);
  masks->semicolon[size >> 6] |= end_bit;
  masks->separator[size >> 6] |= end_bit;
  masks->equals[size >> 6] |= end_bit;
  masks->dash[size >> 6] |= end_bit;
}

}  // namespace gl::hj212::internal
