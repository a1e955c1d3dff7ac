#!/usr/bin/env bash
# The whole test suite (`make test`): C++ tests under CTest, on SQLite and on a
# throw-away PostgreSQL 15 started here; the HJ 212 fuzzer for a bounded time;
# the web UI's unit tests and its end-to-end journey in headless Chromium.
# Starts what it needs and stops it again. Ends with one line "total: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
status=0
log_dir=build/test-logs
mkdir -p "$log_dir"

# Its own cluster directory, so two test runs on one machine never stop each other's.
export GL_PG_STATE=${GL_PG_STATE:-$(mktemp -d /tmp/greenloop-pg-XXXXXX)}
pg_url=$(scripts/pg-test.sh start) || { echo "could not start PostgreSQL for the tests" >&2; exit 1; }
cleanup() { scripts/pg-test.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
export GL_TEST_PG_URL=$pg_url GL_TEST_PG_REQUIRED=1
echo "== PostgreSQL for tests: $pg_url"

started=$(date +%s)
echo "== C++ tests (ctest)"
ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 600 2>&1 | tee "$log_dir/ctest.log"
ctest_rc=${PIPESTATUS[0]}
line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$log_dir/ctest.log" | tail -1)
if [[ $line =~ ([0-9]+)\ tests\ failed\ out\ of\ ([0-9]+) ]]; then
  failed=$((failed + BASH_REMATCH[1]))
  passed=$((passed + BASH_REMATCH[2] - BASH_REMATCH[1]))
fi
[[ $ctest_rc -eq 0 ]] || status=1

if [[ -x scripts/fuzz-hj212.sh ]]; then
  echo "== HJ 212 codec fuzzing (libFuzzer, bounded)"
  if scripts/fuzz-hj212.sh "${GL_FUZZ_SECONDS:-30}" >"$log_dir/fuzz.log" 2>&1; then
    passed=$((passed + 1)); echo "fuzz: no crash ($(grep -c . "$log_dir/fuzz.log") log lines)"
  else
    failed=$((failed + 1)); status=1; tail -40 "$log_dir/fuzz.log"
  fi
fi

if [[ -f web/package.json ]]; then
  echo "== web unit tests (vitest)"
  (cd web && NO_COLOR=1 FORCE_COLOR=0 npx vitest run --reporter=default) 2>&1 | tee "$log_dir/vitest.log"
  vitest_rc=${PIPESTATUS[0]}
  vp=$(grep -E "^\s*Tests\s+" "$log_dir/vitest.log" | grep -oE "[0-9]+ passed" | grep -oE "[0-9]+" | tail -1)
  vf=$(grep -E "^\s*Tests\s+" "$log_dir/vitest.log" | grep -oE "[0-9]+ failed" | grep -oE "[0-9]+" | tail -1)
  passed=$((passed + ${vp:-0})); failed=$((failed + ${vf:-0}))
  [[ $vitest_rc -eq 0 ]] || { status=1; [[ -n ${vf:-} ]] || failed=$((failed + 1)); }
  if [[ -x scripts/e2e.sh ]]; then
    echo "== end to end (Playwright + Chromium against a real server)"
    scripts/e2e.sh 2>&1 | tee "$log_dir/e2e.log"
    e2e_rc=${PIPESTATUS[0]}
    line=$(grep -E "^[0-9]+ passed, [0-9]+ failed" "$log_dir/e2e.log" | tail -1)
    if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
      passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
    fi
    [[ $e2e_rc -eq 0 ]] || { status=1; [[ -n $line ]] || failed=$((failed + 1)); }
  fi
fi

echo "== suite took $(( $(date +%s) - started )) s"
echo "total: $passed passed, $failed failed"
exit $status
