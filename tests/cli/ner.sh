#!/bin/sh
# ner.sh - golden tests of the entity tagger's commands: `nutgraf
# ner-lexicon` on small WordNet, iso-codes, tzdata and name-list files
# (sorted names by type; the default sources; a missing source; "none"), `train-ner --lexicon`
# on a tiny made-up CoNLL corpus (and a bad lexicon line), `eval-ner
# --output` (conlleval's columns), and option errors.
. "$(dirname "$0")/lib.sh"

mkdir "$T/wn" "$T/iso"
cat >"$T/wn/data.noun" <<'WN'
  1 This software and database is being provided to you, the LICENSEE, by
09044862 15 n 02 United_States 0 US 0 001 @i 08544813 n 0000 | North American republic
11078287 18 n 01 Winston_Churchill 0 001 @i 10650162 n 0000 | statesman
10694258 18 n 01 teacher 0 001 @ 10045713 n 0000 | a person whose occupation is teaching
WN
printf '02958126 03 a 01 French 0 001 \\ 08906923 n 0101 | of France\n' >"$T/wn/data.adj"
printf '{"3166-1": [{"alpha_2": "FR", "name": "France", "official_name": "French Republic"}]}\n' >"$T/iso/iso_3166-1.json"
printf '{"3166-2": [{"code": "FR-75", "name": "Paris"}]}\n' >"$T/iso/iso_3166-2.json"
printf '{"639-3": [{"name": "Breton", "scope": "I", "type": "L"}, {"name": "Gothic", "scope": "I", "type": "E"}]}\n' \
  >"$T/iso/iso_639-3.json"
printf '# zones\nFR\t+4852+00220\tEurope/Paris\nUS\t+404251-0740023\tAmerica/New_York\n' >"$T/zones.tab"
printf 'Ada\nZoe\n' | gzip >"$T/names.gz"
"$NG" ner-lexicon --wordnet "$T/wn" --iso-codes "$T/iso" --zones "$T/zones.tab" --names "$T/names.gz" \
  --out "$T/lex.tsv" >"$T/out" 2>"$T/err"
check "ner-lexicon exit" 0 $?
printf 'LOC\tFrance\nLOC\tFrench Republic\nLOC\tNew York\nLOC\tParis\nLOC\tUS\nLOC\tUnited States\nMISC\tBreton\nMISC\tFrench\nPER\tAda\nPER\tChurchill\nPER\tWinston Churchill\nPER\tZoe\n' >"$T/want.tsv"
check "ner-lexicon names" "$(cat "$T/want.tsv")" "$(cat "$T/lex.tsv")"
contains "ner-lexicon counts" "12 names (PER 4, ORG 0, LOC 6, MISC 2)" "$T/err"
# by default only WordNet and the zones
"$NG" ner-lexicon --wordnet "$T/wn" --zones "$T/zones.tab" --out - >"$T/out" 2>"$T/err"
check "ner-lexicon default sources" \
  "$(printf 'LOC\tNew York\nLOC\tParis\nLOC\tUS\nLOC\tUnited States\nMISC\tFrench\nPER\tChurchill\nPER\tWinston Churchill')" \
  "$(cat "$T/out")"
"$NG" ner-lexicon --wordnet none --iso-codes none --zones none --names "$T/names.gz" --out - >"$T/out" 2>"$T/err"
check "ner-lexicon one source" "$(printf 'PER\tAda\nPER\tZoe')" "$(cat "$T/out")"
"$NG" ner-lexicon --wordnet "$T/nowhere" --out "$T/x.tsv" >"$T/out" 2>"$T/err"
check "ner-lexicon missing source exit" 1 $?
contains "ner-lexicon missing source names it" "nowhere/data.noun" "$T/err"
"$NG" ner-lexicon --iso-codes "$T/wn" --wordnet none --out "$T/x.tsv" >"$T/out" 2>"$T/err"
check "ner-lexicon bad iso folder exit" 1 $?
"$NG" ner-lexicon >"$T/out" 2>"$T/err"
check "ner-lexicon without --out" 2 $?
"$NG" ner-lexicon --help >"$T/out" 2>&1
check "ner-lexicon --help exit" 0 $?
contains "ner-lexicon --help" "Usage: nutgraf ner-lexicon" "$T/out"

# A tiny corpus: people, places, companies; the same one to tune on.
i=0
: >"$T/train.txt"
while [ $i -lt 30 ]; do
  printf -- '-DOCSTART- -X- O O\n\nZorblat NNP I-NP B-PER\nQuux NNP I-NP I-PER\nvisited VBD I-VP O\nParis NNP I-NP B-LOC\n. . O O\n\nAcme NNP I-NP B-ORG\nsaid VBD I-VP O\nWinston NNP I-NP B-PER\nChurchill NNP I-NP I-PER\nwas VBD I-VP O\nFrench JJ I-NP B-MISC\n. . O O\n\n' >>"$T/train.txt"
  i=$((i + 1))
done
"$NG" train-ner --train "$T/train.txt" --dev "$T/train.txt" --lexicon "$T/lex.tsv" --bits 12 --epochs 2 \
  --out "$T/m.ngm" >"$T/out" 2>"$T/err"
check "train-ner --lexicon exit" 0 $?
"$NG" eval-ner --model "$T/m.ngm" --output "$T/tagged.txt" "$T/train.txt" >"$T/out" 2>"$T/err"
check "eval-ner exit" 0 $?
contains "eval-ner scores" "FB1: 100.00" "$T/out"
check "eval-ner --output first line" "Zorblat B-PER B-PER" "$(head -n 1 "$T/tagged.txt")"
check "eval-ner --output blank lines" 60 "$(grep -c '^$' "$T/tagged.txt")"
"$NG" eval-ner --model "$T/m.ngm" --output "$T/nowhere/x" "$T/train.txt" >"$T/out" 2>"$T/err"
check "eval-ner unwritable --output exit" 1 $?
printf 'PER\tAda\nPLACE\tRome\n' >"$T/bad.tsv"
"$NG" train-ner --train "$T/train.txt" --lexicon "$T/bad.tsv" --bits 12 --epochs 1 --out "$T/m2.ngm" \
  >"$T/out" 2>"$T/err"
check "bad lexicon exit" 1 $?
contains "bad lexicon names the line" "line 2" "$T/err"
contains "bad lexicon names the file" "bad.tsv" "$T/err"
check "no model after a bad lexicon" no "$([ -e "$T/m2.ngm" ] && echo yes || echo no)"

echo "ner.sh: $fails failure(s)"
[ "$fails" -eq 0 ]
