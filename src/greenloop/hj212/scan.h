// greenloop/hj212/scan.h (internal to the codec)
//
// Bitmaps of where the separators of a data segment are, built 16 bytes at a
// time with SSE2 (32 with AVX2 when the CPU has it) on x86-64 and byte by byte
// elsewhere. The parser then jumps from separator to separator with a
// count-trailing-zeros instead of testing every byte, which is what keeps it far
// below a microsecond per packet: a byte loop mispredicts at the end of every key
// and value. Bit i of a map is byte i of the segment; bit `size` is set in every
// map except `bad` as a sentinel, so a search always stops.
#pragma once

#include <cstddef>
#include <cstdint>

namespace gl::hj212::internal {

// Room for the largest segment LLLL can declare (9999 bytes) plus the sentinel.
inline constexpr std::size_t kMaskWords = 9999 / 64 + 2;

struct ByteMasks {
  std::uint64_t semicolon[kMaskWords];  // ';'
  std::uint64_t separator[kMaskWords];  // ';' or ','
  std::uint64_t equals[kMaskWords];     // '='
  std::uint64_t dash[kMaskWords];       // '-'
  std::uint64_t bad[kMaskWords];        // not allowed in a header value: <= ' ', >= 0x7F, '&'
};

// Bytes BuildMasks may read past `size`: the caller pads the segment with zeros.
inline constexpr std::size_t kMaskPadding = 64;

// Fills the maps for `size` bytes at `data` (size <= 9999), reading up to the end
// of the 64-byte word that holds byte `size`: `data` must be followed by
// kMaskPadding readable bytes. Writes only the words it needs; the rest stay
// uninitialised. Bits past `size` in `bad` may be set; the others are clear.
void BuildMasks(const char* data, std::size_t size, ByteMasks* masks);

// The first set bit at or after `from` (a sentinel guarantees one exists).
inline std::size_t NextBit(const std::uint64_t* mask, std::size_t from) {
  std::size_t word = from >> 6;
  std::uint64_t bits = mask[word] & (~std::uint64_t{0} << (from & 63));
  while (bits == 0) bits = mask[++word];
  return (word << 6) + static_cast<std::size_t>(__builtin_ctzll(bits));
}

// True if any bit in [from, to) is set.
inline bool AnyBit(const std::uint64_t* mask, std::size_t from, std::size_t to) {
  if (from >= to) return false;
  std::size_t first = from >> 6, last = (to - 1) >> 6;
  for (std::size_t w = first; w <= last; ++w) {
    std::uint64_t bits = mask[w];
    if (w == first) bits &= ~std::uint64_t{0} << (from & 63);
    if (w == last && (to & 63) != 0) bits &= ~(~std::uint64_t{0} << (to & 63));
    if (bits != 0) return true;
  }
  return false;
}

}  // namespace gl::hj212::internal
