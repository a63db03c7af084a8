#!/bin/sh
# run.sh - runs every test of one build: the cmocka unit tests in
# BUILD/tests, the command-line golden tests in tests/cli/*.sh and the
# house-order check of src/ (tests/layers.sh).
# Prints one line per test program and a closing "N passed, N failed".
# Usage: sh tests/run.sh BUILD
set -u
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export NUTGRAF="$ROOT/$BUILD/nutgraf"
export NG_ROOT="$ROOT"
export NG_SHARED="${NG_SHARED:-$ROOT/../shared}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
LOG="$ROOT/$BUILD/test-logs"
mkdir -p "$LOG"
pass=0
fail=0
failed=""
run_one() {
  name=$1; shift
  if (cd "$ROOT" && "$@") >"$LOG/$name.log" 2>&1; then
    pass=$((pass + 1)); echo "PASS $name"
  else
    fail=$((fail + 1)); failed="$failed $name"; echo "FAIL $name (log: $BUILD/test-logs/$name.log)"
    tail -n 30 "$LOG/$name.log" | sed 's/^/    /'
  fi
  grep -h '^SKIP' "$LOG/$name.log" 2>/dev/null | sed 's/^/    /'
}
for t in "$ROOT/$BUILD"/tests/test_*; do
  [ -x "$t" ] || continue
  case "$t" in *.d) continue ;; esac
  run_one "$(basename "$t")" "$t"
done
run_one layers sh "$ROOT/tests/layers.sh" "$BUILD"
for t in "$ROOT"/tests/cli/*.sh; do
  [ -f "$t" ] || continue
  [ "$(basename "$t")" = lib.sh ] && continue # shared helpers, not a test
  run_one "cli_$(basename "$t" .sh)" sh "$t"
done
echo "[$BUILD]${failed:+ failed:$failed}"
echo "tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
