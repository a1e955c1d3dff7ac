#!/usr/bin/env bash
# `make bench`: runs every benchmark executable (build/bench/**/*_bench) one after
# another, so each has both cores to itself. Figures go into the issue notes.
set -euo pipefail
cd "$(dirname "$0")/.."
found=0
while IFS= read -r bench; do
  found=1
  echo "== $bench"
  "$bench" "$@"
done < <(find build/bench -type f -name '*_bench' -perm -u+x | sort)
[[ $found -eq 1 ]] || echo "no benchmarks built"
