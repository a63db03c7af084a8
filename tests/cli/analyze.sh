#!/bin/sh
# analyze.sh - golden tests of `nutgraf analyze`: the example page as text
# (quotes with speakers, entities, tags) and as JSON; JSON Lines batches
# with broken records (error records in order, exit status 3); empty,
# binary and missing inputs; a bad --ner-model; both tagger passes; option
# errors and --help.
. "$(dirname "$0")/lib.sh"
STORY=${NG_ROOT:-.}/examples/china-human-rights-dialogue.txt

"$NG" analyze "$STORY" >"$T/out" 2>"$T/err"
check "example exit" 0 $?
contains "quote with speaker" '"It was a tough set of discussions,"' "$T/out"
contains "speaker line" "Michael Posner | mention: Michael Posner | cue: said" "$T/out"
contains "entities header" "Entities:" "$T/out"
contains "top entity" "PERSON  Michael Posner" "$T/out"
contains "tags" "Tags: Michael Posner, human rights" "$T/out"
contains "reported speech" "[reported] the U.S. delegation inquired about several missing Chinese activists" "$T/out"

"$NG" analyze --json --max-tags 3 "$STORY" >"$T/out" 2>"$T/err"
check "json exit" 0 $?
contains "json entities" '"entities":[{"name":"Michael Posner","type":"PERSON","mentions":' "$T/out"
contains "json quotes" '"speaker_mention":"Foreign Ministry spokesman Hong Lei"' "$T/out"
contains "json direct kind" '"partial":false,"kind":"direct"}' "$T/out"
contains "json reported kind" '"speaker":"Michael Posner","partial":false,"kind":"reported"}' "$T/out"
tags=$(sed 's/.*"tags":\[//' "$T/out" | grep -o '"text"' | wc -l)
check "--max-tags 3" 3 "$tags"

# A batch: good, broken JSON, binary, good; the output keeps the order.
{
  printf '{"id":"a","article":"\\"We won,\\" said Jane Smith, the mayor of Springfield."}\n'
  printf '{"id":"b","article": "unterminated\n'
  printf '\377\376\001binary\n'
  printf '{"id":"d","article":"Officials in Paris said nothing."}\n'
} >"$T/batch.jsonl"
"$NG" analyze "$T/batch.jsonl" >"$T/out" 2>"$T/err"
check "batch exit (some bad records)" 3 $?
check "batch lines" 4 "$(wc -l <"$T/out")"
check "first record" a "$(sed -n '1s/^{"id":"\([a-z]*\)".*/\1/p' "$T/out")"
contains "first record speaker" '"speaker":"Jane Smith"' "$T/out"
contains "error record" '"error":{' "$T/out"
check "last record" d "$(sed -n '4s/^{"id":"\([a-z]*\)".*/\1/p' "$T/out")"
contains "error names the line" "batch.jsonl:2: broken JSON" "$T/err"

: >"$T/empty.txt"
"$NG" analyze "$T/empty.txt" >"$T/out" 2>"$T/err"
check "empty exit" 1 $?
head -c 3000 /dev/urandom >"$T/bin"
printf '\000\000' >>"$T/bin"
"$NG" analyze "$T/bin" >"$T/out" 2>"$T/err"
check "binary exit" 1 $?
"$NG" analyze "$T/nosuch.txt" >"$T/out" 2>"$T/err"
check "missing exit" 1 $?
contains "missing names the file" "nosuch.txt" "$T/err"
printf 'not a model' >"$T/bad.ngm"
"$NG" analyze --ner-model "$T/bad.ngm" "$STORY" >"$T/out" 2>"$T/err"
check "bad model exit" 5 $?
contains "bad model message" "bad.ngm" "$T/err"
"$NG" analyze --max-tags 0 "$STORY" >"$T/out" 2>"$T/err"
check "bad --max-tags exit" 2 $?
# both tagger passes: the same quotes and top entity
"$NG" analyze --ner-passes 2 "$STORY" >"$T/out" 2>"$T/err"
check "--ner-passes 2 exit" 0 $?
contains "--ner-passes 2 top entity" "PERSON  Michael Posner" "$T/out"
contains "--ner-passes 2 speaker" "Michael Posner | mention: Michael Posner | cue: said" "$T/out"
"$NG" analyze --ner-passes 3 "$STORY" >"$T/out" 2>"$T/err"
check "bad --ner-passes exit" 2 $?
contains "bad --ner-passes message" "invalid value '3'" "$T/err"
"$NG" analyze --help >"$T/out"
check "help exit" 0 $?
contains "help text" "--ner-model FILE" "$T/out"

echo "analyze.sh: $fails failure(s)"
[ "$fails" -eq 0 ]
