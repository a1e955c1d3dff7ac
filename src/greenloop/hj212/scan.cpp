#include "greenloop/hj212/scan.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
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

#if defined(__SSE2__)
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
#endif

}  // namespace

void BuildMasks(const char* data, std::size_t size, ByteMasks* masks) {
  // Whole chunks up to the sentinel's word, so every word read is written.
  const std::size_t chunks = (size / 64 + 1) * 4;
  for (std::size_t c = 0; c < chunks; ++c) {
    const std::size_t at = c * 16;
#if defined(__SSE2__)
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
