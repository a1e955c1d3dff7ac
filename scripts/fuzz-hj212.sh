#!/usr/bin/env bash
# Fuzzes the HJ 212 codec with libFuzzer for SECONDS (default 60).
#
#   scripts/fuzz-hj212.sh [SECONDS]
#
# Builds build/fuzz/hj212_fuzz from the codec sources and tests/fuzz/hj212_fuzz.cpp
# with clang (independent of CMake), seeds the corpus with every packet in
# tests/data/hj212/*.test, and runs. Exits non-zero if the fuzzer finds a crash,
# a sanitizer report or a broken invariant; the crashing input is written to
# build/fuzz/crash-* (replay: build/fuzz/hj212_fuzz build/fuzz/crash-...).
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/build/fuzz"
cxx="${CXX_FUZZ:-$(command -v clang++-14 || command -v clang++)}"

mkdir -p "$out/corpus" "$out/seeds"
rm -f "$out/seeds"/*

sources=(crc encoder exchange framer model parser reject scan)
"$cxx" -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I "$root/src" \
  $(for s in "${sources[@]}"; do echo "$root/src/greenloop/hj212/$s.cpp"; done) \
  "$root/src/greenloop/base/error.cpp" \
  "$root/tests/fuzz/hj212_fuzz.cpp" \
  -o "$out/hj212_fuzz"

# One seed per packet line of the data-driven cases (escapes \r \n \xHH decoded).
n=0
while IFS= read -r line; do
  n=$((n + 1))
  printf '%b' "$line" > "$out/seeds/seed_$n"
done < <(grep -h '^##' "$root"/tests/data/hj212/*.test)
echo "fuzz-hj212: $n seeds, running for ${seconds}s"

"$out/hj212_fuzz" "$out/corpus" "$out/seeds" \
  -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$out/"
