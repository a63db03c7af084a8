#!/bin/sh
# threads.sh - `--threads N` on JSON Lines (summarize, analyze, eval,
# index) and on many inputs (extract): the same bytes on stdout and stderr,
# the same exit status and, for index, the same archive for 1, 2 and 5
# threads, with broken, blank and over-long lines (or missing and empty
# files) among the records, and more records than the queue holds.
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

# extract: 45 inputs (pages, records, a missing and an empty file) in the
# order given, as JSON, text and Markdown.
mkdir -p "$T/pages"
set --
i=0
while [ $i -lt 45 ]; do
  case $((i % 3)) in
    0) printf '<html><head><title>Page %d</title></head><body><article><h1>Page %d</h1><p>Paragraph one of page %d says the council met on Monday to talk about the budget.</p><p>Paragraph two of page %d.</p></article></body></html>' $i $i $i $i >"$T/pages/p$i.html" ;;
    1) sed -n "$((i + 1))p" "$T/in.jsonl" >"$T/pages/p$i.html" ;;
    2) printf 'Headline of text page %d\n\nThe text of page %d runs on for one sentence. And another one.\n' $i $i >"$T/pages/p$i.html" ;;
  esac
  set -- "$@" "$T/pages/p$i.html"
  [ $i -eq 7 ] && set -- "$@" "$T/pages/missing.html"
  [ $i -eq 20 ] && { : >"$T/pages/empty.html"; set -- "$@" "$T/pages/empty.html"; }
  i=$((i + 1))
done
for fmt in json text markdown; do
  $NG extract --format $fmt --threads 1 "$@" >"$T/x1" 2>"$T/xe1"
  s1=$?
  check "extract $fmt exit" 1 $s1
  for n in 2 5; do
    $NG extract --format $fmt --threads $n "$@" >"$T/xn" 2>"$T/xen"
    check "extract $fmt --threads $n exit" $s1 $?
    check "extract $fmt --threads $n stdout" "$(md5sum <"$T/x1")" "$(md5sum <"$T/xn")"
    check "extract $fmt --threads $n stderr" "$(md5sum <"$T/xe1")" "$(md5sum <"$T/xen")"
  done
done
$NG extract --json --threads 5 "$@" >"$T/x5" 2>/dev/null
check "extract records" 47 "$(wc -l <"$T/x5")"
check "extract order" '"headline":"Page 3"' "$(sed -n 4p "$T/x5" | grep -o '"headline":"Page 3"')"
contains "extract names the missing file" "missing.html: " "$T/xe1"

# index: the same archive for any number of threads (the database writes
# happen in input order on one thread).
for n in 1 2 5; do
  $NG index -q --max-bytes 2000 --threads $n --db "$T/a$n.db" "$T/in.jsonl" >"$T/io$n" 2>"$T/ie$n"
  echo "exit $?" >>"$T/io$n"
  for q in "record" "Springfield" '"Mayor Ann Lee"' "+sentence -record"; do
    $NG search --db "$T/a$n.db" --json -n 100 "$q" >>"$T/is$n" 2>&1
  done
  $NG related --db "$T/a$n.db" --json r5 >>"$T/is$n" 2>&1
  $NG dups --db "$T/a$n.db" --json --threshold 0.3 >>"$T/is$n" 2>&1
  command -v sqlite3 >/dev/null 2>&1 && sqlite3 "$T/a$n.db" .dump >"$T/id$n"
done
contains "index exit" "exit 3" "$T/io1"
contains "index reports the broken line" "in.jsonl:12: broken JSON" "$T/ie1"
contains "index stored the records" '"id":"r59"' "$T/is1"
for n in 2 5; do
  check "index --threads $n exit and stdout" "$(md5sum <"$T/io1")" "$(md5sum <"$T/io$n")"
  check "index --threads $n stderr" "$(md5sum <"$T/ie1")" "$(md5sum <"$T/ie$n")"
  check "index --threads $n search, related, dups" "$(md5sum <"$T/is1")" "$(md5sum <"$T/is$n")"
  if [ -f "$T/id1" ]; then
    check "index --threads $n database dump" "$(md5sum <"$T/id1")" "$(md5sum <"$T/id$n")"
  fi
done

# index of one story a file (runs of them go to the workers, a JSON record
# file between them is read as JSON Lines): the same archive and messages.
for n in 1 2 5; do
  $NG index --threads $n --db "$T/f$n.db" "$@" >"$T/fo$n" 2>"$T/fe$n"
  echo "exit $?" >>"$T/fo$n"
  sed -i 's/, [0-9.]* s$//' "$T/fe$n" # the closing line's time
  $NG search --db "$T/f$n.db" --json -n 100 "page" >"$T/fs$n" 2>&1
  $NG search --db "$T/f$n.db" --json -n 100 "council" >>"$T/fs$n" 2>&1
  command -v sqlite3 >/dev/null 2>&1 && sqlite3 "$T/f$n.db" .dump >"$T/fd$n"
done
contains "index of files exit" "exit 1" "$T/fo1"
contains "index of files names the missing one" "missing.html: " "$T/fe1"
contains "index of files stored them" "44 stories stored (0 replaced, 0 near-copies), 3 skipped" "$T/fe1"
for n in 2 5; do
  check "index files --threads $n exit" "$(md5sum <"$T/fo1")" "$(md5sum <"$T/fo$n")"
  check "index files --threads $n stderr" "$(md5sum <"$T/fe1")" "$(md5sum <"$T/fe$n")"
  check "index files --threads $n search" "$(md5sum <"$T/fs1")" "$(md5sum <"$T/fs$n")"
  if [ -f "$T/fd1" ]; then
    check "index files --threads $n database dump" "$(md5sum <"$T/fd1")" "$(md5sum <"$T/fd$n")"
  fi
done

# bad values
for v in 0 -1 x 257; do
  $NG summarize --threads "$v" "$T/in.jsonl" >/dev/null 2>"$T/err"
  check "--threads $v refused" 2 $?
  $NG extract --threads "$v" "$T/in.jsonl" >/dev/null 2>"$T/err"
  check "extract --threads $v refused" 2 $?
  $NG index --threads "$v" --db "$T/bad.db" "$T/in.jsonl" >/dev/null 2>"$T/err"
  check "index --threads $v refused" 2 $?
done
contains "--threads message" "invalid value" "$T/err"

exit $fails
