#!/bin/sh
# formats.sh - `--format markdown|csv|tsv` of summarize and analyze: the
# rows carry the same bullets and quotes as the text and JSON outputs, CSV
# quoting survives commas and quotes, TSV has five (summarize) or seven (analyze) cells a row, a
# JSON Lines batch gives the same bytes on 1 and 2 threads and no JSON error
# records among the rows, and --json with a table format is refused.
set -u
. "$(dirname "$0")/lib.sh"
EX=examples/china-human-rights-dialogue.txt
PY=/usr/bin/python3

"$NG" summarize "$EX" | sed 's/^• //' >"$T/bullets"
"$NG" summarize --format csv "$EX" >"$T/csv"
check "csv exit" 0 $?
check "csv header" "id,rank,sentence,score,text" "$(head -n 1 "$T/csv")"
if [ -x "$PY" ]; then
  "$PY" -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1]))); print("\n".join(x[4] for x in r[1:]))' "$T/csv" >"$T/csv-texts"
  check "csv texts are the bullets" "$(cat "$T/bullets")" "$(cat "$T/csv-texts")"
else
  echo "SKIP csv parsing: no $PY"
fi
contains "csv doubles quotes" '"""It was a tough set of discussions,"" said' "$T/csv"
"$NG" summarize --format tsv "$EX" >"$T/tsv"
check "tsv rows" "$(($(wc -l <"$T/bullets") + 1))" "$(wc -l <"$T/tsv")"
check "tsv five cells a row" "5" "$(awk -F '\t' '{print NF}' "$T/tsv" | sort -u | tr '\n' ' ' | sed 's/ $//')"
"$NG" summarize --format markdown "$EX" >"$T/md"
check "markdown heading" "## U.S. challenges China's 'serious backsliding' on human rights" "$(head -n 1 "$T/md")"
check "markdown bullets" "$(wc -l <"$T/bullets")" "$(grep -c '^- ' "$T/md")"
"$NG" summarize --json --format csv "$EX" >/dev/null 2>"$T/err"
check "--json with --format csv refused" 2 $?
"$NG" summarize --format yaml "$EX" >/dev/null 2>&1
check "unknown format refused" 2 $?

# analyze: one row per quote, the same quotes and speakers as --json
"$NG" analyze --json "$EX" >"$T/aj"
"$NG" analyze --format csv "$EX" >"$T/acsv"
check "analyze csv header" "id,quote,speaker,mention,cue,partial,kind" "$(head -n 1 "$T/acsv")"
if [ -x "$PY" ]; then
  "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print("\n".join("%s|%s" % (q["text"], q.get("speaker") or "") for q in d["quotes"]))' "$T/aj" >"$T/want"
  "$PY" -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1]))); print("\n".join("%s|%s" % (x[1], x[2]) for x in r[1:]))' "$T/acsv" >"$T/got"
  check "analyze csv rows are the quotes" "$(cat "$T/want")" "$(cat "$T/got")"
fi
"$NG" analyze --format tsv "$EX" >"$T/atsv"
check "analyze tsv seven cells a row" "7" "$(awk -F '\t' '{print NF}' "$T/atsv" | sort -u | tr '\n' ' ' | sed 's/ $//')"
"$NG" analyze --format markdown "$EX" >"$T/amd"
contains "analyze markdown quotes" '- "It was a tough set of discussions," — Michael Posner' "$T/amd"
contains "analyze markdown entity table" '| Entity | Type | Mentions | Salience |' "$T/amd"

# JSON Lines: rows in input order, the same on 1 and 2 threads, errors only on stderr
printf '%s\n' '{"id":"a","article":"First sentence here. \"Quote, with comma,\" he said. Third one here."}' \
  '{"id":"b", broken' '{"id":"c","text":"Only one sentence."}' >"$T/in.jsonl"
for f in csv tsv markdown; do
  for cmd in summarize analyze; do
    "$NG" $cmd --format $f --threads 1 "$T/in.jsonl" >"$T/o1" 2>"$T/e1"
    check "$cmd $f batch exit" 3 $?
    "$NG" $cmd --format $f --threads 2 "$T/in.jsonl" >"$T/o2" 2>/dev/null
    check "$cmd $f threads" "$(md5sum <"$T/o1")" "$(md5sum <"$T/o2")"
    check "$cmd $f no error record" 0 "$(grep -c '"error"' "$T/o1")"
    contains "$cmd $f error on stderr" "in.jsonl:2: broken JSON" "$T/e1"
  done
done
"$NG" summarize --format csv -m lead -k 2 "$T/in.jsonl" 2>/dev/null >"$T/o"
check "batch csv rows" 'id,rank,sentence,score,text|a,1,0,1.0000,First sentence here.|a,2,1,0.5000,"""Quote, with comma,"" he said."|c,1,0,1.0000,Only one sentence.' "$(tr '\n' '|' <"$T/o" | sed 's/|$//')"
exit $fails
