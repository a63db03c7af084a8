#!/bin/sh
# parallel.sh - the same batch split by GNU parallel --pipe (what the README
# runs across machines with --sshlogin), here on this machine with 2 jobs:
# the output equals one `nutgraf summarize` over the whole file, in order.
# SKIP without GNU parallel or the shared dev data.
set -u
. "$(dirname "$0")/lib.sh"
DEV="${NG_SHARED:-../shared}/data/cnndm/dev.jsonl"
if ! command -v parallel >/dev/null 2>&1 || ! parallel --version 2>/dev/null | grep -q "GNU parallel"; then
  echo "SKIP parallel: GNU parallel is not installed (apt-get install parallel)"; exit 0
fi
if [ ! -r "$DEV" ]; then echo "SKIP parallel: $DEV is missing"; exit 0; fi
head -n 300 "$DEV" >"$T/in.jsonl"
"$NG" summarize --threads 1 "$T/in.jsonl" >"$T/one" 2>/dev/null
check "one process exit" 0 $?
parallel --will-cite --pipe -k -j 2 --block 200k "$NG" summarize --threads 1 <"$T/in.jsonl" >"$T/par" 2>"$T/err"
check "parallel exit" 0 $?
check "parallel lines" 300 "$(wc -l <"$T/par")"
check "parallel --pipe -k output equals one process" "$(md5sum <"$T/one")" "$(md5sum <"$T/par")"
parallel --will-cite --pipe -k -j 2 --block 200k "$NG" summarize --json --threads 1 <"$T/in.jsonl" >"$T/parj" 2>/dev/null
"$NG" summarize --json --threads 1 "$T/in.jsonl" >"$T/onej" 2>/dev/null
check "parallel --json output equals one process" "$(md5sum <"$T/onej")" "$(md5sum <"$T/parj")"
exit $fails
