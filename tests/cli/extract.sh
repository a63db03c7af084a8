#!/bin/sh
# extract.sh - golden tests of `nutgraf extract`: a hand-made page as JSON
# (metadata, body without the headline, highlights, related, images), as
# text and as Markdown; several inputs with a bad one in the middle (an
# error record, the rest goes on, exit 1); stdin; option errors and --help.
. "$(dirname "$0")/lib.sh"
PAGE=${NG_ROOT:-.}/tests/fixtures/pages/museum-bell.html

"$NG" extract --json "$PAGE" >"$T/out" 2>"$T/err"
check "json exit" 0 $?
check "one line" 1 "$(wc -l <"$T/out")"
contains "headline" '"headline":"Museum returns stolen bell to mountain village"' "$T/out"
contains "authors" '"authors":["Carlos Ibanez"]' "$T/out"
contains "date" '"date":"2012-09-14T10:15:00Z"' "$T/out"
contains "language" '"language":"en"' "$T/out"
contains "body starts after the dateline" '"body":"A Swiss museum on Thursday' "$T/out"
contains "highlights" '"page_highlights":["The bell vanished from an Italian village in 1941"' "$T/out"
contains "related" '"related":["Looted art returns to Polish cathedral"]' "$T/out"
contains "image" '"images":[{"src":"/img/bell.jpg","caption":"The bronze bell is unloaded' "$T/out"
if grep -qF '"body":"Museum returns' "$T/out"; then check "headline not in body" no yes; fi

"$NG" extract "$PAGE" >"$T/out" 2>"$T/err"
check "text exit" 0 $?
check "text first line" "Museum returns stolen bell to mountain village" "$(head -n 1 "$T/out")"
"$NG" extract --format markdown "$PAGE" >"$T/out" 2>"$T/err"
check "markdown headline" "# Museum returns stolen bell to mountain village" "$(head -n 1 "$T/out")"
contains "markdown byline" "*By Carlos Ibanez*" "$T/out"

printf '' >"$T/empty.html"
"$NG" extract --json "$PAGE" "$T/empty.html" "$T/missing.html" "$PAGE" >"$T/out" 2>"$T/err"
check "batch exit" 1 $?
check "batch lines" 4 "$(wc -l <"$T/out")"
check "error record in order" '"error"' "$(sed -n 2p "$T/out" | grep -o '"error"')"
check "last record" '"headline"' "$(sed -n 4p "$T/out" | grep -o '"headline"')"
contains "error names the input" "missing.html" "$T/err"

printf '<html><body><form><p>Text of a page that is inside one form, as old sites do.</p></form></body></html>' |
  "$NG" extract --json >"$T/out" 2>"$T/err"
check "stdin exit" 0 $?
contains "stdin file" '"file":"<stdin>"' "$T/out"
contains "form page body" 'inside one form' "$T/out"

"$NG" extract --format yaml "$PAGE" >"$T/out" 2>"$T/err"
check "bad format exit" 2 $?
"$NG" extract --help >"$T/out" 2>"$T/err"
check "help exit" 0 $?
contains "help usage" "Usage: nutgraf extract" "$T/out"

echo "extract.sh: $fails failure(s)"
[ "$fails" -eq 0 ]
