#!/bin/sh
# layers.sh - checks the house order of src/: each stage folder may include
# the headers of its own stage and of the stages below it, never of a stage
# above it, so that a story flows one way (see /work/shared/DESIGN.md).
# Prints one line per offending #include and exits 1 when there is one.
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
# Usage: sh tests/layers.sh
set -u
ROOT=${NG_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
ORDER="core text read structure pipeline summarize analyze eval output archive serve cli"

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
exit "$bad"
