#include "greenloop/hj212/scan.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace gl::hj212::internal {
namespace {

// Keeps the bits below `size` of word `i` (for the word that holds the end).
std::uint64_t BelowEnd(std::uint64_t bits, std::size_t i, std::size_t size) {
  const std::size_t end = size - i * 64;
  return end >= 64 ? bits : bits & ((std::uint64_t{1} << end) - 1);
}

void SetSentinels(std::size_t size, ByteMasks* m) {
  const std::uint64_t end_bit = std::uint64_t{1} << (size & 63);
  m->semicolon[size >> 6] |= end_bit;
  m->separator[size >> 6] |= end_bit;
  m->equals[size >> 6] |= end_bit;
  m->dash[size >> 6] |= end_bit;
}

#if defined(__x86_64__)
// 64 bytes per word as four 16-byte SSE2 pieces (every x86-64 has SSE2).
void BuildSse2(const char* data, std::size_t size, ByteMasks* m) {
  const std::size_t words = size / 64 + 1;
  for (std::size_t i = 0; i < words; ++i) {
    std::uint64_t semicolon = 0, separator = 0, equals = 0, dash = 0, bad = 0;
    for (unsigned k = 0; k < 4; ++k) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i * 64 + k * 16));
      auto bits = [k](__m128i x) {
        return std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(x))} << (16 * k);
      };
      const __m128i semi = _mm_cmpeq_epi8(v, _mm_set1_epi8(';'));
      const __m128i sep = _mm_or_si128(semi, _mm_cmpeq_epi8(v, _mm_set1_epi8(',')));
      // Signed compare: bytes >= 0x80 are negative, so "< 0x21" also catches them.
      const __m128i b = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)),
                                                  _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))),
                                     _mm_cmpeq_epi8(v, _mm_set1_epi8('&')));
      semicolon |= bits(semi);
      separator |= bits(sep);
      equals |= bits(_mm_cmpeq_epi8(v, _mm_set1_epi8('=')));
      dash |= bits(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
      bad |= bits(b);
    }
    m->semicolon[i] = BelowEnd(semicolon, i, size);
    m->separator[i] = BelowEnd(separator, i, size);
    m->equals[i] = BelowEnd(equals, i, size);
    m->dash[i] = BelowEnd(dash, i, size);
    m->bad[i] = bad;
  }
}

// The same, 32 bytes at a time, on CPUs that have AVX2.
__attribute__((target("avx2"))) void BuildAvx2(const char* data, std::size_t size, ByteMasks* m) {
  const std::size_t words = size / 64 + 1;
  for (std::size_t i = 0; i < words; ++i) {
    std::uint64_t semicolon = 0, separator = 0, equals = 0, dash = 0, bad = 0;
    for (unsigned k = 0; k < 2; ++k) {
      const __m256i v =
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i * 64 + k * 32));
      const __m256i semi = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(';'));
      const __m256i sep = _mm256_or_si256(semi, _mm256_cmpeq_epi8(v, _mm256_set1_epi8(',')));
      const __m256i b =
          _mm256_or_si256(_mm256_or_si256(_mm256_cmpgt_epi8(_mm256_set1_epi8(0x21), v),
                                          _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7F))),
                          _mm256_cmpeq_epi8(v, _mm256_set1_epi8('&')));
      const __m256i eq = _mm256_cmpeq_epi8(v, _mm256_set1_epi8('='));
      const __m256i ds = _mm256_cmpeq_epi8(v, _mm256_set1_epi8('-'));
      const unsigned shift = 32 * k;
      semicolon |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(semi))} << shift;
      separator |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(sep))} << shift;
      equals |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(eq))} << shift;
      dash |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(ds))} << shift;
      bad |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(b))} << shift;
    }
    m->semicolon[i] = BelowEnd(semicolon, i, size);
    m->separator[i] = BelowEnd(separator, i, size);
    m->equals[i] = BelowEnd(equals, i, size);
    m->dash[i] = BelowEnd(dash, i, size);
    m->bad[i] = bad;
  }
}

const bool kHasAvx2 = __builtin_cpu_supports("avx2");
#endif

// Byte by byte, for targets without SSE2.
[[maybe_unused]] void BuildScalar(const char* data, std::size_t size, ByteMasks* m) {
  const std::size_t words = size / 64 + 1;
  for (std::size_t i = 0; i < words; ++i) {
    std::uint64_t semicolon = 0, separator = 0, equals = 0, dash = 0, bad = 0;
    for (std::size_t k = 0; k < 64 && i * 64 + k < size; ++k) {
      const auto c = static_cast<unsigned char>(data[i * 64 + k]);
      const std::uint64_t bit = std::uint64_t{1} << k;
      if (c == ';') semicolon |= bit;
      if (c == ';' || c == ',') separator |= bit;
      if (c == '=') equals |= bit;
      if (c == '-') dash |= bit;
      if (c <= ' ' || c >= 0x7F || c == '&') bad |= bit;
    }
    m->semicolon[i] = semicolon;
    m->separator[i] = separator;
    m->equals[i] = equals;
    m->dash[i] = dash;
    m->bad[i] = bad;
  }
}

}  // namespace

void BuildMasks(const char* data, std::size_t size, ByteMasks* masks) {
#if defined(__x86_64__)
  if (kHasAvx2) {
    BuildAvx2(data, size, masks);
  } else {
    BuildSse2(data, size, masks);
  }
#else
  BuildScalar(data, size, masks);
#endif
  SetSentinels(size, masks);
}

}  // namespace gl::hj212::internal
