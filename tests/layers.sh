#!/bin/sh
# layers.sh - checks the house order of src/: each stage folder may include
# the headers of its own stage and of the stages below it, never of a stage
# above it, so that a story flows one way (see /work/shared/DESIGN.md).
# With a build folder it also checks the calls: no object of a stage may
# use a function defined by a stage above it (nm), save the exceptions
# listed below.  Prints one line per offence and exits 1 when there is one.
#
# The order, lowest first, and why each stage sits where it does:
#   core       the document, arena, vectors, errors; calls no stage
#   text       UTF-8, folding, tokenizer, sentence splitter (the readers
#              repair UTF-8 with it)
#   read       one reader per input format, charset repair, fetching URLs
#   structure  the page parts (headline, byline, bullets) of what read made;
#              uses read/meta.h for dates and authors
#   pipeline   ng_doc_read: the conductor that runs read, structure, text
#   summarize  features, model, selection, trimming, training (training
#              reads documents through the pipeline)
#   analyze    tagger, entities, quotes, tags (its models reuse the
#              summarizer's model file format)
#   eval       ROUGE and the eval report
#   output     the document as JSON (jbuf, json.c), whatever stages ran
#   archive    storage, search, related, duplicates; calls the pipeline
#   serve      the HTTP service over all of the above
#   cli        one file per subcommand; may call everything
#
# Known calls up, to be moved (stage:function-prefix):
#   summarize:ng_analyze  ng_summarize analyses a story itself when asked to
#                         name a leading pronoun (NG_NAMES_ANALYZE)
#   summarize:ng_rouge_   training (summarize/train.c) labels sentences with
#                         the ROUGE scorer of eval/
# Usage: sh tests/layers.sh [BUILD]
set -u
ROOT=${NG_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
BUILD=${1:-build}
ORDER="core text read structure pipeline summarize analyze eval output archive serve cli"
ALLOWED="summarize:ng_analyze summarize:ng_rouge_"

rank() { # stage -> its position in ORDER, or nothing when unknown
  i=0
  for s in $ORDER; do
    i=$((i + 1))
    [ "$s" = "$1" ] && { echo "$i"; return; }
  done
}

bad=0
for dir in "$ROOT"/src/*/; do
  stage=$(basename "$dir")
  mine=$(rank "$stage")
  if [ -z "$mine" ]; then
    echo "FAIL src/$stage/ is not in the order of tests/layers.sh: add it there"
    bad=1
    continue
  fi
  for f in "$dir"*.c "$dir"*.h; do
    [ -f "$f" ] || continue
    # every #include "stage/header.h" of the file
    for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_]*\)\/.*/\1/p' "$f" | sort -u); do
      theirs=$(rank "$inc")
      [ -z "$theirs" ] && continue # not a stage folder
      if [ "$theirs" -gt "$mine" ]; then
        echo "FAIL src/$stage/$(basename "$f") includes $inc/: $inc is above $stage"
        bad=1
      fi
    done
  done
done
[ "$bad" -eq 0 ] && echo "ok every stage includes only itself and stages below it ($ORDER)"

# The calls: every function an object uses and a stage above defines.
OBJ="$ROOT/$BUILD/obj/src"
if [ ! -d "$OBJ" ] || ! command -v nm >/dev/null 2>&1; then
  echo "SKIP the call check: no $BUILD/obj (run make) or no nm"
  exit "$bad"
fi
objs=""
for c in "$ROOT"/src/*/*.c; do # objects of today's sources only, never stale ones
  stage=$(basename "$(dirname "$c")")
  [ "$stage" = cli ] && continue
  o="$OBJ/$stage/$(basename "$c" .c).o"
  [ -f "$o" ] && objs="$objs $o"
done
calls=$(nm -A $objs 2>/dev/null | awk -v order="$ORDER" -v allowed="$ALLOWED" '
  BEGIN { n = split(order, o, " "); for (i = 1; i <= n; i++) rank[o[i]] = i
          m = split(allowed, a, " ") }
  { file = $1; sub(/:.*/, "", file); k = split(file, parts, "/"); stage = parts[k - 1] }
  NF == 3 && $2 ~ /^[TDBR]$/ { def[$3] = stage; next }
  NF == 3 && $2 == "U" { use[++u] = stage " " $3 " " parts[k] }
  END {
    for (i = 1; i <= u; i++) {
      split(use[i], x, " ")
      if (!(x[2] in def) || rank[def[x[2]]] <= rank[x[1]]) continue
      ok = 0
      for (j = 1; j <= m; j++) {
        split(a[j], y, ":")
        if (x[1] == y[1] && index(x[2], y[2]) == 1) ok = 1
      }
      if (!ok) printf "FAIL src/%s/%s calls %s of %s/, a stage above it\n", x[1], x[3], x[2], def[x[2]]
    }
  }')
if [ -n "$calls" ]; then
  echo "$calls"
  bad=1
else
  echo "ok every stage calls only itself and stages below it (save: $ALLOWED)"
fi
exit "$bad"
