#!/bin/sh
# archive_pg.sh - the archive on PostgreSQL: starts a throwaway server
# (tests/pg_server.sh; SKIP without the server binaries), runs the same
# cases as on SQLite (the unit tests of test_archive with NG_TEST_PG_URI,
# and tests/cli/archive.sh with NG_ARCHIVE_DB), then what only a shared
# database has: two `nutgraf index` processes writing one archive at once
# lose nothing; a database of someone else's is refused; an unreachable
# server and a password in the URI give one clear line without the password.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../pg_server.sh"
pg_start
case $? in 0) ;; 1) exit 0 ;; *) exit 1 ;; esac
ROOT=${NG_ROOT:-.}
UNIT="$(dirname "$NG")/tests/test_archive"

pg_createdb unit && NG_TEST_PG_URI="$PG_URI_BASE/unit" "$UNIT" >"$T/unit.log" 2>&1
check "unit archive tests on PostgreSQL" 0 $?
grep -E "FAILED|PASSED" "$T/unit.log" | tail -n 3

pg_createdb cli && NG_ARCHIVE_DB="$PG_URI_BASE/cli" sh "$ROOT/tests/cli/archive.sh" >"$T/cli.log" 2>&1
check "cli archive tests on PostgreSQL" 0 $?
grep "^FAIL" "$T/cli.log"

# two writers at once: every story of both inputs is stored once
pg_createdb shared
DBS="$PG_URI_BASE/shared"
i=0
while [ $i -lt 60 ]; do
  printf '{"id":"a%d","title":"Story %d of worker A","article":"Worker A wrote story number %d about the harbour of town %d. The harbour was busy."}\n' $i $i $i $i >>"$T/a.jsonl"
  printf '{"id":"b%d","title":"Story %d of worker B","article":"Worker B wrote story number %d about the market of city %d. The market was closed."}\n' $i $i $i $i >>"$T/b.jsonl"
  i=$((i + 1))
done
head -n 20 "$T/a.jsonl" >"$T/overlap.jsonl" # both workers also store the same 20 ids
cat "$T/overlap.jsonl" >>"$T/b.jsonl"
"$NG" index --db "$DBS" "$T/a.jsonl" >/dev/null 2>"$T/ea" &
pa=$!
"$NG" index --db "$DBS" "$T/b.jsonl" >/dev/null 2>"$T/eb" &
pb=$!
wait $pa; ra=$?
wait $pb; rb=$?
check "concurrent index A exit" 0 $ra
check "concurrent index B exit" 0 $rb
check "concurrent index: every story once" 120 "$(pg_psql shared 'SELECT count(*) FROM story' -t -A 2>&1 | tr -d ' ')"
check "word counts kept through replacements" 60 "$(pg_psql shared "SELECT docs FROM vocab WHERE lexeme = 'harbour'" -t -A 2>&1)"
"$NG" search --db "$DBS" -n 100 --json harbour >"$T/out" 2>"$T/err"
check "search sees worker A's stories" 60 "$(grep -o '"id":"a[0-9]*"' "$T/out" | sort -u | wc -l)"
"$NG" search --db "$DBS" -n 100 --json market >"$T/out" 2>"$T/err"
check "search sees worker B's stories" 60 "$(grep -o '"id":"b[0-9]*"' "$T/out" | sort -u | wc -l)"

# a damaged record is a clear error, never a crash; the rest still answers
pg_psql shared "UPDATE story SET record = '\\x00ff00ff'::bytea WHERE id = 'a1'"
"$NG" related --db "$DBS" a1 >"$T/out" 2>"$T/err"
check "damaged record exit" 1 $?
check "damaged record: one error line" 1 "$(wc -l <"$T/err")"
"$NG" related --db "$DBS" a2 >"$T/out" 2>"$T/err"
check "other stories still answer" 0 $?

# someone else's database is refused, not changed
pg_createdb other && pg_psql other "CREATE TABLE accounts(id int)"
"$NG" search --db "$PG_URI_BASE/other" anything >"$T/out" 2>"$T/err"
check "foreign database exit" 1 $?
contains "foreign database message" "not a nutgraf archive" "$T/err"
check "foreign database untouched" 0 "$(pg_psql other "SELECT count(*) FROM pg_tables WHERE tablename = 'story'" -t -A 2>&1)"

# no server there: one line naming the database, the password hidden
"$NG" search --db "postgresql://u:secret@127.0.0.1:1/none" anything >"$T/out" 2>"$T/err"
check "unreachable server exit" 1 $?
contains "unreachable server names it" "postgresql://u:***@127.0.0.1:1/none: cannot connect" "$T/err"
check "password never printed" 0 "$(grep -c secret "$T/err")"
check "one error line" 1 "$(wc -l <"$T/err")"
"$NG" search --db "postgresql://127.0.0.1:1/none?password=secret2" anything >"$T/out" 2>"$T/err"
check "password in the query string never printed" 0 "$(grep -c secret2 "$T/err")"
"$NG" index --db "postgresql://[bad" "$T/a.jsonl" >"$T/out" 2>"$T/err"
check "malformed URI exit" 1 $?
contains "malformed URI names it" "nutgraf index: postgresql://[bad: cannot connect" "$T/err"
"$NG" search --db "postgresql://u:secret3@[bad" anything >"$T/out" 2>"$T/err"
check "malformed URI with a password exit" 1 $?
check "malformed URI: password never printed" 0 "$(grep -c secret3 "$T/err")"
[ "$fails" -eq 0 ]
