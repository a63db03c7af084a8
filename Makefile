# Makefile - builds libnutgraf (static and shared), the nutgraf command, the
# tests and benchmarks.  `make help` lists the targets.
#
# Variables: CC (default gcc), BUILD (output folder, default build),
# SAN (extra sanitizer flags), PREFIX (install root, default /usr/local).

CC      ?= gcc
ifeq ($(origin CC),default)
CC      := gcc
endif
BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
SAN     ?=
OPT     ?= -O2 -g

PKGS    := libxml-2.0 libutf8proc jansson libcjson zlib libmicrohttpd
PKGS    += sqlite3 libcurl libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla
CFLAGS_ALL := -std=c11 $(OPT) $(WARN) -fPIC -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
              -Iinclude -Isrc $(PKG_CFLAGS) $(SAN) $(CFLAGS)
LDLIBS_ALL := $(PKG_LIBS) -lstemmer -lm -lpthread -ldl $(SAN) $(LDFLAGS)

STAGES  := core read text structure pipeline summarize analyze eval output serve
STAGES  += archive
LIB_SRC := $(foreach s,$(STAGES),$(wildcard src/$(s)/*.c))
CLI_SRC := $(wildcard src/cli/*.c)
TEST_SRC := $(wildcard tests/unit/test_*.c)
BENCH_SRC := $(wildcard bench/*.c)

# The default model, embedded in the library by tools/embed.c.
MODEL_FILE := $(wildcard models/highlights.ngm)
MODEL_OBJ := $(BUILD)/obj/gen/default_model_bytes.o
# The named-entity tagger's model, embedded the same way.
NER_MODEL_FILE := $(wildcard models/ner.ngm)
NER_MODEL_OBJ := $(BUILD)/obj/gen/default_ner_model_bytes.o
# The quote finder's verbs of saying (nutgraf quote-cues), embedded the same way.
CUES_FILE := $(wildcard models/cues.txt)
CUES_OBJ := $(BUILD)/obj/gen/quote_cues_bytes.o
# The speaker ranker's weights (bench/train_speakers.c), embedded the same way.
SPEAKER_FILE := $(wildcard models/speaker.txt)
SPEAKER_OBJ := $(BUILD)/obj/gen/speaker_model_bytes.o
# The reported-speech classifier's weights (bench/train_reported.c), embedded the same way.
REPORTED_FILE := $(wildcard models/reported.txt)
REPORTED_OBJ := $(BUILD)/obj/gen/reported_model_bytes.o
# The service's page and API description (web/), turned into C at build
# time by scripts/embed-web.sh: the generated file is never committed.
WEB_FILES := web/index.html web/openapi.json
WEB_OBJ := $(BUILD)/obj/gen/web_data.o
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(MODEL_OBJ) $(NER_MODEL_OBJ) $(CUES_OBJ) $(SPEAKER_OBJ) $(REPORTED_OBJ) \
           $(WEB_OBJ)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

STATIC  := $(BUILD)/libnutgraf.a
SHARED  := $(BUILD)/libnutgraf.so.$(shell sed -n 's/^#define NG_VERSION_MAJOR \([0-9]*\)/\1/p' include/nutgraf.h)
NUTGRAF := $(BUILD)/nutgraf

.PHONY: all lib cli tests benches run test test-only deps install uninstall clean help fuzz

all: lib cli

help:
	@echo "make run        install missing Debian packages, build, summarize the example"
	@echo "make test       build and run every test, then again under ASan+UBSan (clang)"
	@echo "make            build $(NUTGRAF), $(STATIC) and $(SHARED)"
	@echo "make install PREFIX=/usr/local   install library, header, command, nutgraf.pc, man page"
	@echo "make benches    build the benchmarks under $(BUILD)/bench"
	@echo "make fuzz       build the libFuzzer targets (clang) under build-fuzz"

deps:
	@sh scripts/install-deps.sh

lib: $(STATIC) $(SHARED)
cli: $(NUTGRAF)
tests: $(TEST_BIN)
benches: $(BENCH_BIN)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/gen/default_model_bytes.c: $(BUILD)/tools/embed $(MODEL_FILE)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed models/highlights.ngm ng_default_model_bytes > $@

$(MODEL_OBJ): $(BUILD)/gen/default_model_bytes.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/gen/default_ner_model_bytes.c: $(BUILD)/tools/embed $(NER_MODEL_FILE)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed models/ner.ngm ng_default_ner_model_bytes > $@

$(NER_MODEL_OBJ): $(BUILD)/gen/default_ner_model_bytes.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/gen/quote_cues_bytes.c: $(BUILD)/tools/embed $(CUES_FILE)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed models/cues.txt ng_quote_cues_bytes > $@

$(CUES_OBJ): $(BUILD)/gen/quote_cues_bytes.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/gen/speaker_model_bytes.c: $(BUILD)/tools/embed $(SPEAKER_FILE)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed models/speaker.txt ng_speaker_model_bytes > $@

$(SPEAKER_OBJ): $(BUILD)/gen/speaker_model_bytes.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/gen/reported_model_bytes.c: $(BUILD)/tools/embed $(REPORTED_FILE)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed models/reported.txt ng_reported_model_bytes > $@

$(REPORTED_OBJ): $(BUILD)/gen/reported_model_bytes.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/gen/web_data.c: scripts/embed-web.sh $(WEB_FILES)
	@mkdir -p $(dir $@)
	sh scripts/embed-web.sh $@

$(WEB_OBJ): $(BUILD)/gen/web_data.c src/serve/serve.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(STATIC): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(SHARED): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(notdir $@) -o $@ $^ $(LDLIBS_ALL)
	ln -sf $(notdir $@) $(BUILD)/libnutgraf.so

$(NUTGRAF): $(CLI_OBJ) $(STATIC)
	$(CC) -o $@ $(CLI_OBJ) $(STATIC) $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -o $@ $< $(STATIC) -lcmocka $(LDLIBS_ALL)

$(BUILD)/bench/%: bench/%.c $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -o $@ $< $(STATIC) $(LDLIBS_ALL)

run: deps
	@$(MAKE) --no-print-directory all
	./$(NUTGRAF) summarize examples/china-human-rights-dialogue.txt

# The whole suite: gcc build, then a clang build with ASan and UBSan.
test: deps
	@$(MAKE) --no-print-directory test-only
	@$(MAKE) --no-print-directory test-only CC=clang BUILD=build-asan OPT="-O1 -g" \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

test-only: all tests benches
	@sh tests/run.sh $(BUILD)

fuzz:
	@sh tests/fuzz/build.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/nutgraf
	install -m 755 $(NUTGRAF) $(DESTDIR)$(PREFIX)/bin/nutgraf
	install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(SHARED) $(DESTDIR)$(PREFIX)/lib/
	ln -sf $(notdir $(SHARED)) $(DESTDIR)$(PREFIX)/lib/libnutgraf.so
	install -m 644 include/nutgraf.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 man/nutgraf.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(shell sed -n 's/^#define NG_VERSION "\(.*\)"/\1/p' include/nutgraf.h)|g' \
	  nutgraf.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/nutgraf.pc
	if [ -n "$$(ls models 2>/dev/null | grep -v README)" ]; then cp -r models/. $(DESTDIR)$(PREFIX)/share/nutgraf/; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/nutgraf $(DESTDIR)$(PREFIX)/lib/libnutgraf.* \
	  $(DESTDIR)$(PREFIX)/include/nutgraf.h $(DESTDIR)$(PREFIX)/share/man/man1/nutgraf.1 \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig/nutgraf.pc
	rm -rf $(DESTDIR)$(PREFIX)/share/nutgraf

clean:
	rm -rf build build-asan build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d) $(BENCH_BIN:=.d)
