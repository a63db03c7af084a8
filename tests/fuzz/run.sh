#!/bin/sh
# run.sh - runs each libFuzzer target in build-fuzz/ for SECONDS seconds on
# a working copy of its seed corpus (tests/fuzz/corpus-work/<target>,
# gitignored; new inputs stay there between runs) and prints, per target,
# the executions and the crashes found (crash files land in
# build-fuzz/crashes/<target>/).  Usage: sh tests/fuzz/run.sh [SECONDS]
# Build first with `make fuzz`.  Exit status 1 when any target crashed.
set -u
SECONDS_PER=${1:-60}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
WORK=tests/fuzz/corpus-work
CRASH=build-fuzz/crashes
LOGS=build-fuzz/logs
mkdir -p "$WORK" "$CRASH" "$LOGS"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
for bin in build-fuzz/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  target=${name#fuzz_}
  mkdir -p "$WORK/$target" "$CRASH/$target"
  [ -d "tests/fuzz/corpus/$target" ] && cp -n tests/fuzz/corpus/"$target"/* "$WORK/$target/" 2>/dev/null
  log="$LOGS/$name.log"
  "$bin" -max_total_time="$SECONDS_PER" -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$CRASH/$target/" "$WORK/$target" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  crashes=$(ls "$CRASH/$target" 2>/dev/null | wc -l | tr -d ' ')
  echo "$name: ${execs:-?} executions, $crashes crash file(s), exit $rc (log: $log)"
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    status=1
    grep -m 1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error' "$log" | sed 's/^/    /'
    ls "$CRASH/$target" | sed "s|^|    $CRASH/$target/|"
  fi
done
exit $status
