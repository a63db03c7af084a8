#!/bin/sh
# summarize.sh - golden tests of `nutgraf summarize`: output on the bundled
# example, JSON Lines batches with a broken line, and one clear error line
# with the documented exit status for each kind of bad input, and a
# first bullet's opening pronoun named or yielding.
set -u
. "$(dirname "$0")/lib.sh"

# The example: three bullets, the first being the story's first sentence.
"$NG" summarize --method lead examples/china-human-rights-dialogue.txt >"$T/out" 2>"$T/err"
check "example exit" 0 $?
check "example bullets" 3 "$(wc -l <"$T/out")"
check "example first bullet" "• Talks between China and the United States about human rights issues, including missing Chinese activists, ended Thursday with little progress and many unanswered questions, a U.S. diplomat said." "$(head -n 1 "$T/out")"
"$NG" summarize -k 5 --method textrank examples/china-human-rights-dialogue.txt >"$T/out"
check "textrank -k 5" 5 "$(wc -l <"$T/out")"
"$NG" summarize --json examples/china-human-rights-dialogue.txt >"$T/json"
contains "json headline" '"headline":"U.S. challenges China'"'"'s '"'"'serious backsliding'"'"' on human rights"' "$T/json"
contains "json dateline" '"dateline":"Beijing (CNN)"' "$T/json"
cat examples/china-human-rights-dialogue.txt | "$NG" summarize - >"$T/stdin"
check "stdin same as file" "$(head -n 1 "$T/out" | cut -c1-10)" "$(head -n 1 "$T/stdin" | cut -c1-10)"

# JSON Lines: one output line per record, in order, with ids; a broken line
# gets an error record and exit status 3, the rest goes on.
printf '%s\n' '{"id":"a","article":"First sentence here. Second sentence here. Third one here. Fourth."}' \
  '{"id":"b", broken' '' '{"id":"c","text":"Only one sentence."}' >"$T/in.jsonl"
"$NG" summarize --method lead -k 2 "$T/in.jsonl" >"$T/out" 2>"$T/err"
check "batch exit" 3 $?
check "batch lines" 3 "$(wc -l <"$T/out")"
check "batch first" '{"id":"a","highlights":["First sentence here.","Second sentence here."]}' "$(sed -n 1p "$T/out")"
contains "batch error record" '"error":{"status":"json"' "$T/out"
contains "batch error line number" '"line":2' "$T/out"
check "batch third" '{"id":"c","highlights":["Only one sentence."]}' "$(sed -n 3p "$T/out")"
check "batch stderr one line" 1 "$(wc -l <"$T/err")"
contains "batch stderr names input and line" "in.jsonl:2: broken JSON" "$T/err"
# An error record names the record by its own id where the line is readable:
# a string id as it is, a number id as its text, null when unreadable.
printf '%s\n' '{"id":"s-1","article":3}' '{"id":42,"highlights":7,"article":"A b."}' '{"id":"x", bad' \
  >"$T/ids.jsonl"
"$NG" summarize "$T/ids.jsonl" >"$T/out" 2>/dev/null
check "error record string id" '{"id":"s-1","error"' "$(sed -n 1p "$T/out" | cut -c1-19)"
check "error record number id" '{"id":"42","error"' "$(sed -n 2p "$T/out" | cut -c1-18)"
check "error record unreadable id" '{"id":null,"error"' "$(sed -n 3p "$T/out" | cut -c1-18)"
"$NG" summarize --json "$T/in.jsonl" 2>/dev/null | sed -n 1p >"$T/full"
contains "batch --json full document" '"sentence_count":4' "$T/full"

# Errors: missing file, empty file, binary, too big, bad option.
"$NG" summarize "$T/nope.txt" >"$T/out" 2>"$T/err"
check "missing exit" 1 $?
contains "missing message" "nope.txt: cannot open" "$T/err"
: >"$T/empty.txt"
"$NG" summarize "$T/empty.txt" >"$T/out" 2>"$T/err"
check "empty exit" 1 $?
contains "empty message" "empty.txt: input is empty" "$T/err"
head -c 2000 "$NG" >"$T/bin"
"$NG" summarize "$T/bin" >"$T/out" 2>"$T/err"
check "binary exit" 1 $?
contains "binary message" "binary" "$T/err"
"$NG" summarize --max-bytes 100 examples/china-human-rights-dialogue.txt >"$T/out" 2>"$T/err"
check "too big exit" 1 $?
contains "too big message" "over the limit of 100" "$T/err"
check "too big one line" 1 "$(wc -l <"$T/err")"
"$NG" summarize --method nope examples/china-human-rights-dialogue.txt >"$T/out" 2>"$T/err"
check "bad method exit" 2 $?
"$NG" summarize -k 0 examples/china-human-rights-dialogue.txt >"$T/out" 2>"$T/err"
check "bad k exit" 2 $?
"$NG" summarize "$T" >"$T/out" 2>"$T/err"
check "directory exit" 1 $?
"$NG" summarize --help >"$T/out"
check "help exit" 0 $?
contains "help text" "Exit status" "$T/out"
"$NG" nosuch >"$T/out" 2>"$T/err"
check "unknown command" 2 $?
printf 'Caf\351 owners met. They agreed.\n' >"$T/latin1.txt"
"$NG" summarize --json "$T/latin1.txt" >"$T/out" 2>"$T/err"
check "invalid utf-8 exit" 0 $?
contains "invalid utf-8 warning" "invalid UTF-8" "$T/out"

# No dangling references: the best first sentence opens on "He"; the
# person named before it (in parentheses, so that sentence cannot lead)
# takes its place.  With --names off, or with no person to name, it yields.
pronoun_story() { # before opening later
  printf 'Rights talks end in Beijing\n\n(%s) %s told reporters in Beijing on Tuesday that the United States had raised the cases of jailed lawyers and dissidents during two days of human rights talks with Chinese officials.\n\nThe talks, the first in two years, covered freedom of religion, labor rights and the rule of law, according to a statement from the State Department.\n\n%s\n\nThe next round of talks is expected to be held in Washington next year.\n' "$1" "$2" "$3"
}
pronoun_story "Michael Posner is the top U.S. diplomat for human rights." He "Posner said he was encouraged by the frank tone of the meetings." >"$T/he.txt"
"$NG" summarize -k 1 "$T/he.txt" >"$T/out" 2>"$T/err"
check "pronoun named exit" 0 $?
check "pronoun named" "• Michael Posner told reporters in Beijing on Tuesday that the United States had raised the cases of jailed lawyers and dissidents during two days of human rights talks with Chinese officials." "$(cat "$T/out")"
"$NG" summarize -k 1 --names off "$T/he.txt" >"$T/out"
check "names off yields" 0 "$(grep -c 'told reporters' "$T/out")"
"$NG" summarize -k 1 --names maybe "$T/he.txt" >"$T/out" 2>"$T/err"
check "bad --names exit" 2 $?
pronoun_story "The talks were held behind closed doors." He "Officials said the meetings were frank." >"$T/nobody.txt"
"$NG" summarize -k 1 "$T/nobody.txt" >"$T/out"
check "no referent: no name, no pronoun" 0 "$(grep -c -e 'told reporters' -e '^• He ' "$T/out")"
pronoun_story "Maria Otero is the top U.S. diplomat for human rights." He "Otero said she was encouraged by the frank tone of the meetings." >"$T/she.txt"
"$NG" summarize -k 1 "$T/she.txt" >"$T/out"
check "gender mismatch: no name" 0 "$(grep -c -e 'Otero told' -e '^• He ' "$T/out")"

echo "summarize.sh: $fails failure(s)"
[ "$fails" -eq 0 ]
