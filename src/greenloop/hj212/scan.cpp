#include "greenloop/hj212/scan.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace gl::hj212::internal {
namespace {

// The five maps' bits for 64 bytes (one word of each map).
struct Word {
  std::uint64_t semicolon = 0, separator = 0, equals = 0, dash = 0, bad = 0;
};

// Bytes [0, count) of `p`, count < 16, into bits shift.. of *w.
void ScalarPiece(const char* p, std::size_t count, unsigned shift, Word* w) {
  for (std::size_t i = 0; i < count; ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    const std::uint64_t bit = std::uint64_t{1} << (shift + i);
    if (c == ';') w->semicolon |= bit;
    if (c == ';' || c == ',') w->separator |= bit;
    if (c == '=') w->equals |= bit;
    if (c == '-') w->dash |= bit;
    if (c <= ' ' || c >= 0x7F || c == '&') w->bad |= bit;
  }
}

#if defined(__x86_64__)
// 16 bytes into bits shift..shift+15 of *w (SSE2: every x86-64).
void Sse2Piece(const char* p, unsigned shift, Word* w) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  auto bits = [shift](__m128i x) {
    return static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(x))) << shift;
  };
  const __m128i semicolon = _mm_cmpeq_epi8(v, _mm_set1_epi8(';'));
  const __m128i comma = _mm_cmpeq_epi8(v, _mm_set1_epi8(','));
  // Signed compare: bytes >= 0x80 are negative, so "< 0x21" also catches them.
  const __m128i bad = _mm_or_si128(
      _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)), _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))),
      _mm_cmpeq_epi8(v, _mm_set1_epi8('&')));
  w->semicolon |= bits(semicolon);
  w->separator |= bits(_mm_or_si128(semicolon, comma));
  w->equals |= bits(_mm_cmpeq_epi8(v, _mm_set1_epi8('=')));
  w->dash |= bits(_mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
  w->bad |= bits(bad);
}

// 32 bytes into bits shift..shift+31 of *w, on CPUs that have AVX2.
__attribute__((target("avx2"))) void Avx2Piece(const char* p, unsigned shift, Word* w) {
  const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
  const __m256i semicolon = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(';'));
  const __m256i comma = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(','));
  const __m256i bad = _mm256_or_si256(_mm256_or_si256(_mm256_cmpgt_epi8(_mm256_set1_epi8(0x21), v),
                                                      _mm256_cmpeq_epi8(v, _mm256_set1_epi8(0x7F))),
                                      _mm256_cmpeq_epi8(v, _mm256_set1_epi8('&')));
  const __m256i sep = _mm256_or_si256(semicolon, comma);
  const __m256i eq = _mm256_cmpeq_epi8(v, _mm256_set1_epi8('='));
  const __m256i dash = _mm256_cmpeq_epi8(v, _mm256_set1_epi8('-'));
  w->semicolon |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(semicolon))}
                  << shift;
  w->separator |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(sep))} << shift;
  w->equals |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(eq))} << shift;
  w->dash |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(dash))} << shift;
  w->bad |= std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(bad))} << shift;
}

const bool kHasAvx2 = __builtin_cpu_supports("avx2");
#endif

// Bytes [0, count) of `p`, count <= 64, as one word of each map.
Word BuildWord(const char* p, std::size_t count) {
  Word w;
  unsigned at = 0;
#if defined(__x86_64__)
  if (kHasAvx2) {
    for (; at + 32 <= count; at += 32) Avx2Piece(p + at, at, &w);
  }
  for (; at + 16 <= count; at += 16) Sse2Piece(p + at, at, &w);
#endif
  ScalarPiece(p + at, count - at, at, &w);
  return w;
}

}  // namespace

void BuildMasks(const char* data, std::size_t size, ByteMasks* masks) {
  const std::size_t words = size / 64 + 1;  // the last one holds the sentinel
  for (std::size_t i = 0; i < words; ++i) {
    const std::size_t at = i * 64;
    const Word w = BuildWord(data + at, size - at < 64 ? size - at : 64);
    masks->semicolon[i] = w.semicolon;
    masks->separator[i] = w.separator;
    masks->equals[i] = w.equals;
    masks->dash[i] = w.dash;
    masks->bad[i] = w.bad;
  }
  const std::uint64_t end_bit = std::uint64_t{1} << (size & 63);
  masks->semicolon[size >> 6] |= end_bit;
  masks->separator[size >> 6] |= end_bit;
  masks->equals[size >> 6] |= end_bit;
  masks->dash[size >> 6] |= end_bit;
}

}  // namespace gl::hj212::internal
