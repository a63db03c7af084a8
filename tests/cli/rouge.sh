#!/bin/sh
# rouge.sh - golden tests of `nutgraf rouge`: the table, --json and --csv
# against ROUGE-1.5.5's and rouge-score's golden outputs in
# $NG_SHARED/data/rouge, the three input formats, and one clear error line
# with a non-zero exit (and nothing on stdout) for each kind of bad input.
set -u
D=${NG_SHARED:-../shared}/data/rouge
. "$(dirname "$0")/lib.sh"
error_case() { # name expected-exit needle args...
  name=$1; want=$2; needle=$3; shift 3
  "$NG" rouge "$@" >"$T/out" 2>"$T/err"
  check "$name: exit" "$want" $?
  check "$name: one stderr line" 1 "$(wc -l <"$T/err")"
  contains "$name: message" "$needle" "$T/err"
  check "$name: nothing on stdout" 0 "$(wc -c <"$T/out")"
}

# --- small hand-made inputs (no shared data needed) ------------------------
# Edge case 12 of the golden set, option set c: -n 2 -2 4 -U -w 1.2, no -m.
printf 'b c d .<q>a b c .\n' >"$T/sys.txt"
printf 'a b c d .<q>e f .\n' >"$T/ref.txt"
"$NG" rouge --csv -c 95 -r 1000 -n 2 -a -2 4 -U -w 1.2 "$T/sys.txt" "$T/ref.txt" >"$T/q.csv" 2>"$T/err"
check "q lines: exit" 0 $?
contains "q lines: ROUGE-L" "1,ROUGE-L,0.66667,0.66667,0.66667,,,,,," "$T/q.csv"
contains "q lines: ROUGE-W" "1,ROUGE-W-1.2,0.52802,0.66667,0.58930,,,,,," "$T/q.csv"
contains "q lines: ROUGE-SU4" "1,ROUGE-SU4,0.45000,0.45000,0.45000,,,,,," "$T/q.csv"
check "q lines: rows" 19 "$(wc -l <"$T/q.csv")"
# The same pair as JSONL and as two folders.
printf '["b c d .", "a b c ."]\n' >"$T/sys.jsonl"
printf '["a b c d .", "e f ."]\n' >"$T/ref.jsonl"
"$NG" rouge --csv -c 95 -r 1000 -n 2 -a -2 4 -U -w 1.2 "$T/sys.jsonl" "$T/ref.jsonl" >"$T/j.csv"
check "jsonl same as q lines" "$(cat "$T/q.csv")" "$(cat "$T/j.csv")"
mkdir "$T/sysdir" "$T/refdir"
printf 'b c d .\na b c .\n' >"$T/sysdir/doc1.txt"
printf 'a b c d .\ne f .\n' >"$T/refdir/doc1.txt"
"$NG" rouge --csv -c 95 -r 1000 -n 2 -a -2 4 -U -w 1.2 "$T/sysdir" "$T/refdir" >"$T/d.csv"
check "folders same as q lines" "$(cat "$T/q.csv")" "$(cat "$T/d.csv")"
# rouge-score on the same pair: rougeL 0.5 (one LCS), rougeLsum 0.66667.
"$NG" rouge --impl rouge-score --csv "$T/sys.txt" "$T/ref.txt" >"$T/rs.csv"
contains "rouge-score rougeL" "1,rougeL,0.500000000,0.500000000,0.500000000" "$T/rs.csv"
contains "rouge-score rougeLsum" "1,rougeLsum,0.666666667,0.666666667,0.666666667" "$T/rs.csv"
# Stemming with the WordNet table: children -> child, geese -> goose.
printf 'The children were running while geese flew over.\n' >"$T/s13"
printf 'a child runs while the goose flies over\n' >"$T/r13"
"$NG" rouge --csv -n 1 -m "$T/s13" "$T/r13" >"$T/o13"
contains "-m uses the WordNet exceptions" "1,ROUGE-1,0.62500,0.62500,0.62500" "$T/o13"

# --- errors: one line, non-zero exit, nothing on stdout --------------------
printf 'one .\ntwo .\n' >"$T/two.txt"
printf 'one .\n' >"$T/one.txt"
error_case "different line counts" 1 "1 summaries, but" -n 1 "$T/two.txt" "$T/one.txt"
: >"$T/empty.txt"
error_case "empty input" 1 "no summaries" -n 1 "$T/empty.txt" "$T/one.txt"
printf 'caf\303 au lait\n' >"$T/bad.txt"
error_case "invalid UTF-8" 1 "invalid UTF-8" -n 1 "$T/bad.txt" "$T/one.txt"
printf '["fine"]\n["broken"\n' >"$T/broken.jsonl"
printf '["a"]\n["b"]\n' >"$T/ok.jsonl"
error_case "broken JSONL" 1 "broken.jsonl:2:" -n 1 "$T/broken.jsonl" "$T/ok.jsonl"
error_case "-n out of range" 2 "-n takes 1 to 4" -n 9 "$T/one.txt" "$T/one.txt"
error_case "unknown option" 2 "unknown option" --frobnicate "$T/one.txt" "$T/one.txt"
error_case "missing reference" 2 "at least one REFERENCE" -n 1 "$T/one.txt"
error_case "missing file" 1 "nope.txt" -n 1 "$T/nope.txt" "$T/one.txt"
error_case "-f C" 2 "-f takes A or B" -f C "$T/one.txt" "$T/one.txt"
error_case "rouge155 option with rouge-score" 2 "ROUGE-1.5.5 options" --impl rouge-score -w 1.2 "$T/one.txt" "$T/one.txt"
mkdir "$T/refdir2"
printf 'x\n' >"$T/refdir2/other.txt"
error_case "folders not matching" 1 "same name" -n 1 "$T/sysdir" "$T/refdir2"
# A reference with no words: ROUGE-1.5.5 dies on -w; we say so and go on.
printf '!!! ...\n' >"$T/nowords.txt"
"$NG" rouge --csv -n 1 -w 1.2 "$T/one.txt" "$T/nowords.txt" >"$T/out" 2>"$T/err"
check "no-word reference: exit" 0 $?
contains "no-word reference: warning" "Illegal division by zero" "$T/err"
contains "no-word reference: ROUGE-W is 0" "1,ROUGE-W-1.2,0.00000,0.00000,0.00000" "$T/out"

# --- the golden runs -------------------------------------------------------
if [ ! -f "$D/dev-lead3.sys.jsonl" ]; then
  echo "SKIP rouge golden CLI tests: no data at $D (set NG_SHARED)"
else
  S="$D/dev-lead3.sys.jsonl"; R="$D/dev-lead3.ref.jsonl"
  "$NG" rouge -c 95 -m -r 1000 -n 2 -a "$S" "$R" >"$T/table" 2>"$T/err"
  check "table exit" 0 $?
  contains "table ROUGE-1" "ROUGE-1        0.46530   0.22612   0.29218   0.28524 - 0.29901     0.46509   0.22626   0.29223" "$T/table"
  contains "table ROUGE-2" "ROUGE-2        0.17915   0.08118   0.10773   0.10238 - 0.11357" "$T/table"
  contains "table ROUGE-L" "ROUGE-L        0.41360   0.20022   0.25906   0.25250 - 0.26523" "$T/table"
  "$NG" rouge --csv -c 95 -m -r 1000 -n 2 -a -2 4 -U -w 1.2 "$S" "$R" >"$T/csv"
  check "csv rows" 6013 "$(wc -l <"$T/csv")"
  contains "csv doc 1" "1,ROUGE-W-1.2,0.25678,0.22431,0.23945,,,,,," "$T/csv"
  contains "csv average" "average,ROUGE-SU4,0.19390,0.08719,0.11523,0.18534,0.20243,0.08381,0.09067,0.11064,0.11994" "$T/csv"
  "$NG" rouge --json -c 95 -m -r 1000 -n 2 -a -2 4 -U -w 1.2 "$S" "$R" >"$T/json"
  check "json exit" 0 $?
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$T/json" "$D/dev-lead3.rouge155-b.json" >"$T/cmp" 2>&1 <<'PY'
import json, sys
got = json.load(open(sys.argv[1])); want = json.load(open(sys.argv[2]))
bad = n = 0
for g, w in zip(got["per_doc"], want["per_doc"]):
    for m in want["average"]:
        for k in "RPF":
            n += 1; bad += "%.5f" % g[m][k] != "%.5f" % w[m][k]
for m, w in want["average"].items():
    g = got["average"][m]
    for k in "RPF":
        n += 3
        bad += "%.5f" % g[k] != "%.5f" % w[k]
        bad += ["%.5f" % x for x in g[k + "_ci"]] != ["%.5f" % x for x in w[k + "_ci"]]
        bad += abs(got["mean_of_docs"][m][k] - want["mean_of_docs"][m][k]) > 1e-9
print("%d values, %d mismatches" % (n, bad))
PY
    check "json equals the golden file" "18054 values, 0 mismatches" "$(cat "$T/cmp")"
  else
    echo "SKIP json comparison: no python3"
  fi
  "$NG" rouge --impl rouge-score --stem "$S" "$R" >"$T/rs"
  contains "rouge-score table" "rouge1         0.46183   0.22446   0.29005" "$T/rs"
  contains "rouge-score rougeLsum" "rougeLsum      0.41072   0.19894   0.25736" "$T/rs"
  # Reference count must match: drop the last line.
  head -n 999 "$R" >"$T/short.jsonl"
  error_case "golden: mismatched lines" 1 "999 summaries, but" -n 2 "$S" "$T/short.jsonl"
fi

[ "$fails" -eq 0 ] || { echo "$fails failed"; exit 1; }
echo "all rouge CLI tests passed"
