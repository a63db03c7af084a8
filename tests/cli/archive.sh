#!/bin/sh
# archive.sh - golden tests of the archive commands: `nutgraf index` over
# JSON Lines (with a broken record, skipped with exit 3), a text page and a
# re-indexed id; `search` (words, phrase, entity:, --json, --queries with
# plain and JSON lines); `related` by id, by file and by JSON Lines (never
# the story itself); `dups` with a planted near-copy; errors for a corrupt
# database, a missing id, bad options; --help for each.  NG_ARCHIVE_DB
# names another (empty) archive to run the same cases on: archive_pg.sh
# runs them on PostgreSQL.
. "$(dirname "$0")/lib.sh"
STORY=${NG_ROOT:-.}/examples/china-human-rights-dialogue.txt
DB=${NG_ARCHIVE_DB:-$T/a.db}

{
  printf '{"id":"kidney","title":"Six patients get kidneys","article":"Zully Broussard gave one of her kidneys to a stranger. Six patients received transplants in San Francisco. Surgeons say the kidney chain swaps donors and recipients."}\n'
  printf '{"id":"clinton","title":"Clinton: Human rights will not top agenda","article":"Hillary Clinton said human rights would not top the agenda in talks with China. Clinton said the United States and China face economic crises. Activists in Beijing were disappointed by her remarks on human rights and on Liu Xiaobo."}\n'
  printf '{"id":"broken", "article": \n'
  printf '{"id":"football","title":"Barcelona beat Madrid","article":"Lionel Messi scored twice as Barcelona beat Real Madrid at the Camp Nou on Sunday. The win puts Barcelona four points clear at the top of the league."}\n'
  printf '{"id":"copy","title":"Clinton: Human rights will not top agenda","article":"Hillary Clinton said human rights would not top the agenda in talks with China. Clinton said the United States and China face economic crises. Activists in Beijing were disheartened by her remarks on human rights and on Liu Xiaobo."}\n'
} >"$T/stories.jsonl"

"$NG" index --db "$DB" "$T/stories.jsonl" "$STORY" >"$T/out" 2>"$T/err"
check "index exit (one broken record)" 3 $?
contains "broken record named" "stories.jsonl:3:" "$T/err"
contains "near-copy flagged" "copy is a near-copy of clinton" "$T/err"
contains "summary line" "5 stories stored (0 replaced, 1 near-copies), 1 skipped" "$T/err"

"$NG" search --db "$DB" kidneys transplant >"$T/out" 2>"$T/err"
check "search exit" 0 $?
check "search top hit" kidney "$(sed -n '1s/^ *1\. [0-9.]*  \([a-z]*\).*/\1/p' "$T/out")"
contains "snippet marks the match" "[kidneys]" "$T/out"

"$NG" search --db "$DB" --json -n 1 '"human rights" China' >"$T/out" 2>"$T/err"
check "search --json exit" 0 $?
check "search -n 1 gives one result" 1 "$(grep -o '"score"' "$T/out" | wc -l)"
contains "search json query" '{"query":"\"human rights\" China","results":[{"id":' "$T/out"

"$NG" search --db "$DB" 'entity:"Michael Posner"' >"$T/out" 2>"$T/err"
check "entity search finds the page" 1 "$(grep -c 'U.S. challenges China' "$T/out")"

printf 'Messi Barcelona\n{"id":"q2","query":"kidney donors"}\n{"id":"q3"}\n' >"$T/queries"
"$NG" search --db "$DB" --queries "$T/queries" >"$T/out" 2>"$T/err"
check "--queries exit (one bad line)" 3 $?
check "--queries lines" 3 "$(wc -l <"$T/out")"
contains "--queries plain line id" '{"id":"1","results":[{"id":"football"' "$T/out"
contains "--queries json id" '{"id":"q2","results":[{"id":"kidney"' "$T/out"
contains "--queries bad line" "queries:3:" "$T/err"

"$NG" related --db "$DB" --json clinton >"$T/out" 2>"$T/err"
check "related exit" 0 $?
contains "related: the near-copy first" '{"id":"clinton","results":[{"id":"copy"' "$T/out"
check "related never the story itself" 0 "$(grep -o '"id":"clinton"' "$T/out" | tail -n +2 | wc -l)"

printf 'Barcelona and Lionel Messi won again at the Camp Nou, beating Real Madrid.\n' >"$T/new.txt"
"$NG" related --db "$DB" -n 1 "$T/new.txt" >"$T/out" 2>"$T/err"
check "related by file exit" 0 $?
check "related by file top" football "$(sed -n '1s/^ *1\. [0-9.]*  \([a-z]*\).*/\1/p' "$T/out")"

printf '{"id":"n1","article":"Messi scored for Barcelona."}\n{"id":"n2","article":"Kidney donors and transplant surgeons in San Francisco."}\n' >"$T/new.jsonl"
"$NG" related --db "$DB" "$T/new.jsonl" >"$T/out" 2>"$T/err"
check "related jsonl exit" 0 $?
check "related jsonl lines" 2 "$(wc -l <"$T/out")"
contains "related jsonl second" '{"id":"n2","results":[{"id":"kidney"' "$T/out"

"$NG" related --db "$DB" nosuch >"$T/out" 2>"$T/err"
check "related missing id exit" 1 $?
contains "related missing id message" "no story with id 'nosuch'" "$T/err"

"$NG" dups --db "$DB" --json >"$T/out" 2>"$T/err"
check "dups exit" 0 $?
check "dups one group" 1 "$(wc -l <"$T/out")"
contains "dups group" '{"ids":["clinton","copy"],"similarity":0.' "$T/out"
"$NG" dups --db "$DB" --threshold 0.99 >"$T/out" 2>"$T/err"
check "dups above the similarity" 0 "$(wc -l <"$T/out")"

# re-indexing an id replaces it
printf '{"id":"kidney","title":"Rain","article":"It rained in Geneva all week."}\n' >"$T/again.jsonl"
"$NG" index --db "$DB" "$T/again.jsonl" >"$T/out" 2>"$T/err"
check "re-index exit" 0 $?
contains "re-index replaced" "1 stories stored (1 replaced" "$T/err"
"$NG" search --db "$DB" kidneys >"$T/out" 2>"$T/err"
check "old text gone" 0 "$(grep -c '^ *[0-9]*\. [0-9.]*  kidney' "$T/out")"

# errors
head -c 8192 /dev/urandom >"$T/bad.db"
"$NG" search --db "$T/bad.db" anything >"$T/out" 2>"$T/err"
check "corrupt db exit" 1 $?
contains "corrupt db message" "bad.db" "$T/err"
"$NG" search --db "$DB" "   " >"$T/out" 2>"$T/err"
check "empty query exit" 2 $?
"$NG" search --db "$DB" -n 0 x >"$T/out" 2>"$T/err"
check "bad -n exit" 2 $?
"$NG" search anything >"$T/out" 2>"$T/err"
check "no --db exit" 2 $?
"$NG" dups --db "$DB" --threshold 2 >"$T/out" 2>"$T/err"
check "bad --threshold exit" 2 $?
"$NG" index --db "$DB" "$T/nosuch.txt" >"$T/out" 2>"$T/err"
check "index missing file exit" 1 $?
for c in index search related dups; do
  "$NG" $c --help >"$T/out" 2>"$T/err"
  check "$c --help exit" 0 $?
  contains "$c --help usage" "Usage: nutgraf $c" "$T/out"
done
[ "$fails" -eq 0 ]
