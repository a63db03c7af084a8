#!/bin/sh
# build.sh - builds the libFuzzer targets (tests/fuzz/fuzz_*.c) with clang:
# the library sources are compiled with -fsanitize=fuzzer-no-link,address,
# undefined into build-fuzz/obj, and each target is linked with
# -fsanitize=fuzzer,address,undefined into build-fuzz/<target>.
# Called by `make fuzz`; run from anywhere.  Env: CC (default clang), JOBS.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
CC=${CC:-clang}
case "$CC" in *clang*) ;; *) CC=clang ;; esac
OUT=build-fuzz
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 4)}
PKGS=$(sed -n 's/^PKGS *:= *//p' Makefile)
PKGS="$PKGS $(sed -n 's/^PKGS *+= *//p' Makefile)"
PKG_CFLAGS=$(pkg-config --cflags $PKGS)
PKG_LIBS=$(pkg-config --libs $PKGS)
SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
CFLAGS="-std=c11 -O1 -g -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla \
 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc $PKG_CFLAGS $SAN"
export CC CFLAGS OUT

mkdir -p "$OUT/obj"
SRCS=$(ls src/core/*.c src/read/*.c src/text/*.c src/structure/*.c src/pipeline/*.c src/summarize/*.c \
  src/analyze/*.c src/eval/*.c src/output/*.c src/serve/*.c src/archive/*.c 2>/dev/null || true)
# Compile in parallel; each object is named after its path.
printf '%s\n' $SRCS | xargs -P "$JOBS" -I{} sh -c '
  obj="$OUT/obj/$(echo "{}" | tr / _).o"
  $CC $CFLAGS -fsanitize=fuzzer-no-link -c "{}" -o "$obj"'
OBJS=$(for s in $SRCS; do echo "$OUT/obj/$(echo "$s" | tr / _).o"; done)
# The default models, embedded as in the Makefile.
cc -std=c11 -O2 -o "$OUT/embed" tools/embed.c
"$OUT/embed" models/highlights.ngm ng_default_model_bytes > "$OUT/default_model_bytes.c"
$CC $CFLAGS -c "$OUT/default_model_bytes.c" -o "$OUT/obj/default_model_bytes.o"
"$OUT/embed" models/ner.ngm ng_default_ner_model_bytes > "$OUT/default_ner_model_bytes.c"
$CC $CFLAGS -c "$OUT/default_ner_model_bytes.c" -o "$OUT/obj/default_ner_model_bytes.o"
OBJS="$OBJS $OUT/obj/default_model_bytes.o $OUT/obj/default_ner_model_bytes.o"
"$OUT/embed" models/cues.txt ng_quote_cues_bytes > "$OUT/quote_cues_bytes.c"
$CC $CFLAGS -c "$OUT/quote_cues_bytes.c" -o "$OUT/obj/quote_cues_bytes.o"
OBJS="$OBJS $OUT/obj/quote_cues_bytes.o"
"$OUT/embed" models/speaker.txt ng_speaker_model_bytes > "$OUT/speaker_model_bytes.c"
$CC $CFLAGS -c "$OUT/speaker_model_bytes.c" -o "$OUT/obj/speaker_model_bytes.o"
OBJS="$OBJS $OUT/obj/speaker_model_bytes.o"
# The service's page, generated from web/ as in the Makefile.
sh scripts/embed-web.sh "$OUT/web_data.c"
$CC $CFLAGS -c "$OUT/web_data.c" -o "$OUT/obj/web_data.o"
OBJS="$OBJS $OUT/obj/web_data.o"

for t in tests/fuzz/fuzz_*.c; do
  name=$(basename "$t" .c)
  $CC $CFLAGS -fsanitize=fuzzer -o "$OUT/$name" "$t" $OBJS $PKG_LIBS -lstemmer -lm -lpthread -ldl
  echo "built $OUT/$name"
done
