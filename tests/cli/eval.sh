#!/bin/sh
# eval.sh - golden tests of `nutgraf eval`: a five-article JSON Lines file
# with one broken line (exit 3, one stderr line naming file:line), the table
# with its lead3 row, --json, --report (HTML with inline SVG), --pairs, and
# the exit statuses for a bad option, a missing file and an empty file.
set -u
. "$(dirname "$0")/lib.sh"

rec() { # id article highlight1 highlight2
  printf '{"id":"%s","article":"%s","highlights":["%s","%s"]}\n' "$1" "$2" "$3" "$4"
}
{
  rec a "The mayor opened the new bridge on Monday. Thousands of people walked across it. The bridge cost 40 million dollars. Critics said the money was wasted." "The mayor opened a new bridge ." "It cost 40 million dollars ."
  rec b "Heavy rain flooded the valley overnight. Rescue teams saved twelve families. Roads remain closed. The river is expected to fall by Friday." "Rain flooded the valley ." "Twelve families were rescued ."
  echo '{"id":"broken", "article": '
  rec c "A rare bird was seen in the park. Birdwatchers came from far away. The bird usually lives in the north. Experts think a storm blew it south." "A rare bird was seen in the park ." "A storm may have blown it south ."
  rec d "The team won the final 3-1. Its captain scored twice. Fans celebrated in the streets all night. The coach praised the defence." "The team won the final ." "The captain scored twice ."
  rec e "Prices rose by 2 percent in May. Food and fuel cost more. The central bank may raise rates. Shoppers are cutting back." "Prices rose 2 percent in May ." "The bank may raise rates ."
} >"$T/in.jsonl"

"$NG" eval "$T/in.jsonl" --report "$T/r.html" --pairs "$T/p.jsonl" >"$T/out" 2>"$T/err"
check "broken line exit" 3 $?
check "stderr one line" 1 "$(wc -l <"$T/err")"
contains "stderr names file:line" "in.jsonl:3: " "$T/err"
contains "table header" "R-1 F1 [95% CI]" "$T/out"
check "lead3 row" 1 "$(grep -c '^lead3 ' "$T/out")"
check "textrank row" 1 "$(grep -c '^textrank ' "$T/out")"
contains "articles scored" "5 articles scored, 1 broken records skipped" "$T/out"
contains "throughput" "throughput:" "$T/out"
contains "report svg" "<svg" "$T/r.html"
contains "report table" "<table>" "$T/r.html"
if grep -q '<script\|src=\|href=' "$T/r.html"; then
  echo "FAIL report has scripts or external links"; fails=$((fails + 1))
fi
check "pairs lines" 5 "$(wc -l <"$T/p.jsonl")"
contains "pairs record" '"id":"a","references":["The mayor opened a new bridge .","It cost 40 million dollars ."],"systems":{"lead3":["The mayor opened the new bridge on Monday."' "$T/p.jsonl"
check "no temp files left" 0 "$(ls "$T" | grep -c '\.tmp\.')"

"$NG" eval --json --method lead -k 2 --limit 2 "$T/in.jsonl" >"$T/json" 2>"$T/err"
check "json exit" 0 $?
if command -v python3 >/dev/null 2>&1; then
  check "json parses" "2 lead3,lead" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["articles"], ",".join(s["name"] for s in d["systems"]))' "$T/json")"
else
  contains "json articles" '"articles":2,' "$T/json"
  contains "json lead3" '"name":"lead3"' "$T/json"
fi
"$NG" eval --method lead,textrank,textrank "$T/in.jsonl" >"$T/out" 2>/dev/null
check "duplicate method once" 1 "$(grep -c '^textrank ' "$T/out")"

# Errors.
"$NG" eval --bogus "$T/in.jsonl" >"$T/out" 2>"$T/err"
check "bad option exit" 2 $?
"$NG" eval --method nosuch "$T/in.jsonl" >"$T/out" 2>"$T/err"
check "bad method exit" 2 $?
contains "bad method message" "invalid value 'nosuch' for --method" "$T/err"
"$NG" eval -k 0 "$T/in.jsonl" >"$T/out" 2>"$T/err"
check "bad -k exit" 2 $?
"$NG" eval >"$T/out" 2>"$T/err"
check "no input exit" 2 $?
"$NG" eval "$T/nope.jsonl" >"$T/out" 2>"$T/err"
check "missing exit" 1 $?
contains "missing message" "nope.jsonl: cannot open" "$T/err"
: >"$T/empty.jsonl"
"$NG" eval --report "$T/empty.html" "$T/empty.jsonl" >"$T/out" 2>"$T/err"
check "empty exit" 1 $?
contains "empty message" "empty.jsonl: input is empty" "$T/err"
check "empty: no report written" "" "$(ls "$T" | grep 'empty.html')"
"$NG" eval --help >"$T/out"
check "help exit" 0 $?
contains "help text" "Usage: nutgraf eval" "$T/out"

[ "$fails" -eq 0 ]
