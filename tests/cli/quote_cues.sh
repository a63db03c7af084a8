#!/bin/sh
# quote_cues.sh - golden tests of `nutgraf quote-cues` on a small WordNet
# (verbs of communication and cognition, an irregular form) and a tiny
# PolNeAR-like file: which forms are kept at a given ratio, the header,
# the "cognition" mark, a choice by cross-validation, and errors.
. "$(dirname "$0")/lib.sh"

mkdir "$T/wn"
cat >"$T/wn/data.verb" <<'WN'
  1 This software and database is being provided to you, the LICENSEE, by
00000001 32 v 01 say 0 000 | express in words
00000002 32 v 01 state 0 000 | express in words
00000003 31 v 01 think 0 000 | judge or regard
00000004 35 v 01 run 0 000 | move fast
00000005 32 v 01 whisper 0 000 | speak softly
WN
printf 'said say\nthought think\nran run\n' >"$T/wn/verb.exc"
# "said" and "thinks" are cues each time, "states" never, "ran" is no verb
# of saying; unseen forms follow their verb ("says"), unseen verbs of
# communication stay ("whispers"); verb.exc's "said" replaces "sayed".
cat >"$T/p.jsonl" <<'PN'
{"text": "Ann said it rained. Bo thinks so. The states ran.", "quotes": [{"cue": {"start": 4, "end": 8}}, {"cue": {"start": 23, "end": 29}}]}
{"text": "Cy said no. Two states ran. Di said yes. Ed thinks so.", "quotes": [{"cue": {"start": 3, "end": 7}}, {"cue": {"start": 31, "end": 35}}, {"cue": {"start": 43, "end": 49}}]}
PN
"$NG" quote-cues --wordnet "$T/wn" --polnear "$T/p.jsonl" --min-ratio 0.5 --min-count 2 --out "$T/cues.txt" \
  >"$T/out" 2>"$T/err"
check "quote-cues exit" 0 $?
check "quote-cues forms" "$(printf 'said\nsay\nsaying\nsays\nthink\tcognition\nthinking\tcognition\nthinks\tcognition\nthought\tcognition\nwhisper\nwhispered\nwhispering\nwhispers')" \
  "$(grep -v '^#' "$T/cues.txt")"
contains "quote-cues header" "# nutgraf quote cues 1:" "$T/cues.txt"
contains "quote-cues counts" "4 verbs" "$T/err"
"$NG" quote-cues --wordnet "$T/wn" --polnear "$T/p.jsonl" --out - >"$T/out" 2>"$T/err"
check "quote-cues cross-validated exit" 0 $?
contains "quote-cues grid" "cross-validated F1" "$T/err"
"$NG" quote-cues --wordnet "$T/nowhere" --polnear "$T/p.jsonl" --out "$T/x.txt" >"$T/out" 2>"$T/err"
check "quote-cues missing wordnet" 1 $?
contains "quote-cues names the file" "nowhere/data.verb: cannot open" "$T/err"
"$NG" quote-cues --polnear "$T/p.jsonl" >"$T/out" 2>"$T/err"
check "quote-cues without --out" 2 $?
"$NG" quote-cues --wordnet "$T/wn" --polnear "$T/p.jsonl" --min-ratio 2 --out - >"$T/out" 2>"$T/err"
check "quote-cues bad ratio" 2 $?
"$NG" quote-cues --help >"$T/out" 2>"$T/err"
check "quote-cues help exit" 0 $?
contains "quote-cues help" "verb.communication" "$T/out"

echo "quote_cues.sh: $fails failure(s)"
[ "$fails" -eq 0 ]
