#!/bin/sh
# threads.sh - `--threads N` on JSON Lines (summarize, analyze, eval): the
# same bytes on stdout and stderr, the same exit status for 1, 2 and 5
# threads, with broken, blank and over-long lines among the records, and
# more records than the queue holds.
set -u
. "$(dirname "$0")/lib.sh"

# 60 records (over the 4 slots a worker the queue holds): varied lengths, a
# broken line, a blank line, an over-long line and a record without text.
i=0
while [ $i -lt 60 ]; do
  n=$((i % 7 + 1)); body=""; j=0
  while [ $j -lt $n ]; do
    body="$body Sentence $j of record $i says \\\"we will go on\\\", Mayor Ann Lee of Springfield said."; j=$((j + 1))
  done
  printf '{"id":"r%d","article":"%s","highlights":["Record %d goes on."]}\n' $i "$body" $i
  case $i in
    10) printf '{"id":"bad", broken\n' ;;
    20) printf '\n' ;;
    30) printf '{"id":"long","article":"%s"}\n' "$(printf 'x%.0s' $(seq 1 3000))" ;;
    40) printf '{"id":"empty","article":""}\n' ;;
  esac
  i=$((i + 1))
done >"$T/in.jsonl"

for cmd in "summarize" "summarize --json" "summarize --method textrank" "analyze" "analyze --json"; do
  $NG $cmd --max-bytes 2000 --threads 1 "$T/in.jsonl" >"$T/o1" 2>"$T/e1"
  s1=$?
  check "$cmd exit" 3 $s1
  check "$cmd records" 63 "$(wc -l <"$T/o1")"
  for n in 2 5; do
    $NG $cmd --max-bytes 2000 --threads $n "$T/in.jsonl" >"$T/on" 2>"$T/en"
    check "$cmd --threads $n exit" $s1 $?
    check "$cmd --threads $n stdout" "$(md5sum <"$T/o1")" "$(md5sum <"$T/on")"
    check "$cmd --threads $n stderr" "$(md5sum <"$T/e1")" "$(md5sum <"$T/en")"
  done
  # standard input works the same way
  $NG $cmd --max-bytes 2000 --threads 2 - <"$T/in.jsonl" >"$T/on" 2>/dev/null
  check "$cmd stdin --threads 2" "$(md5sum <"$T/o1")" "$(md5sum <"$T/on")"
done
contains "error record for the long line" '"status":"too_big"' "$T/o1"
contains "stderr names the long line" "in.jsonl:34: line is over the limit" "$T/e1"

# eval: the table (without the throughput line) and --pairs do not depend
# on the threads; --limit counts records the same way.
for n in 1 2 5; do
  $NG eval --max-bytes 2000 --threads $n --pairs "$T/p$n" --method lead,textrank "$T/in.jsonl" >"$T/v$n" 2>"$T/ve$n"
  echo "exit $?" >>"$T/v$n"
  $NG eval --threads $n -n 25 --method textrank "$T/in.jsonl" 2>/dev/null | grep -v throughput >"$T/l$n"
done
contains "eval scores the good records" "60 articles scored, 3 broken records skipped" "$T/v1"
for n in 2 5; do
  check "eval --threads $n table" "$(grep -v throughput "$T/v1" | md5sum)" "$(grep -v throughput "$T/v$n" | md5sum)"
  check "eval --threads $n pairs" "$(md5sum <"$T/p1")" "$(md5sum <"$T/p$n")"
  check "eval --threads $n stderr" "$(md5sum <"$T/ve1")" "$(md5sum <"$T/ve$n")"
  check "eval --threads $n --limit" "$(md5sum <"$T/l1")" "$(md5sum <"$T/l$n")"
done
contains "eval --limit" "24 articles scored, 1 broken" "$T/l1"

# bad values
for v in 0 -1 x 257; do
  $NG summarize --threads "$v" "$T/in.jsonl" >/dev/null 2>"$T/err"
  check "--threads $v refused" 2 $?
done
contains "--threads message" "invalid value" "$T/err"

exit $fails
