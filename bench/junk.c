/* junk.c - benchmark of quality (not a test): the share of unpublishable
 * bullets (eval/junk.h: fewer than 4 words, unbalanced double quotes, promo
 * or navigation lines, a bad opening, a first bullet opening on a personal
 * pronoun) that Lead-3, learned and learned+trim write on the dev and
 * val-tokenized splits, by kind, and the mean words a summary against the
 * references'.  On ptb_lower records (val-tokenized) the text has no case:
 * the opening is not judged by case and pronouns match in any case.
 *
 * Usage: build/bench/junk [FILE.jsonl[.gz] ...]   (default: dev.jsonl and
 * val-tokenized.jsonl.gz under $NG_SHARED/data/cnndm); NG_JUNK_SHOW=N
 * prints the first N unpublishable learned+trim bullets of each file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "summarize/junk.h"
#include "nutgraf.h"

#define SYSTEMS 3

typedef struct tally {
    size_t bullets, junk, kind[NG_JUNK_KINDS], words, articles;
} tally;

static const char *const system_name[SYSTEMS] = {"lead3", "learned", "learned+trim"};

/* Reads one line of any length into *buf; returns its length or -1 at the end. */
static long read_line(gzFile f, char **buf, size_t *cap)
{
    size_t n = 0;
    for (;;) {
        if (*cap - n < 2) {
            size_t nc = *cap ? *cap * 2 : 1 << 16;
            char *b = realloc(*buf, nc);
            if (!b) return -1;
            *buf = b;
            *cap = nc;
        }
        if (!gzgets(f, *buf + n, (int)(*cap - n))) return n ? (long)n : -1;
        n += strlen(*buf + n);
        if (n && (*buf)[n - 1] == '\n') return (long)n - 1;
    }
}

static size_t words_of(ng_str s)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < s.len; i++) {
        int sp = s.ptr[i] == ' ' || s.ptr[i] == '\n' || s.ptr[i] == '\t';
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

static void count_doc(ng_doc *doc, tally *t, int caseless, long *show, const char *sys)
{
    t->articles++;
    size_t n = ng_doc_highlight_count(doc);
    for (size_t i = 0; i < n; i++) {
        ng_str s = ng_doc_highlight(doc, i).text;
        unsigned k = ng_junk_kinds(s.ptr, s.len, i == 0, caseless);
        t->bullets++;
        t->words += words_of(s);
        if (!k) continue;
        t->junk++;
        for (unsigned b = 0; b < NG_JUNK_KINDS; b++) t->kind[b] += (k >> b) & 1;
        if (show && *show > 0) {
            (*show)--;
            printf("  [%s %s%s%s%s%s] %.*s\n", sys, k & NG_JUNK_SHORT ? "short " : "",
                   k & NG_JUNK_QUOTES ? "quotes " : "", k & NG_JUNK_PROMO ? "promo " : "",
                   k & NG_JUNK_OPENING ? "opening " : "", k & NG_JUNK_PRONOUN ? "pronoun " : "", (int)s.len, s.ptr);
        }
    }
}

static void report(const char *path, const tally *t, size_t ref_words, size_t articles)
{
    printf("%s: %zu articles, reference %.1f words a story\n", path, articles,
           articles ? (double)ref_words / (double)articles : 0.0);
    printf("  %-13s %8s %7s %6s", "system", "bullets", "junk%", "words");
    for (unsigned b = 0; b < NG_JUNK_KINDS; b++) printf(" %8s", ng_junk_kind_name(1u << b));
    printf("\n");
    for (int s = 0; s < SYSTEMS; s++) {
        double nb = t[s].bullets ? (double)t[s].bullets : 1;
        printf("  %-13s %8zu %6.2f%% %6.1f", system_name[s], t[s].bullets, 100.0 * (double)t[s].junk / nb,
               t[s].articles ? (double)t[s].words / (double)t[s].articles : 0.0);
        for (unsigned b = 0; b < NG_JUNK_KINDS; b++) printf(" %7.2f%%", 100.0 * (double)t[s].kind[b] / nb);
        printf("\n");
    }
}

static int run_file(const char *path, long show)
{
    gzFile f = gzopen(path, "rb");
    if (!f) {
        printf("SKIP bench/junk: %s not readable\n", path);
        return 0;
    }
    tally t[SYSTEMS];
    memset(t, 0, sizeof t);
    size_t ref_words = 0, articles = 0, cap = 0;
    char *line = NULL;
    long len;
    ng_read_options ro = {NG_FORMAT_JSON, 0};
    while ((len = read_line(f, &line, &cap)) >= 0) {
        if (len == 0) continue;
        ng_doc *doc = NULL;
        if (ng_doc_read(line, (size_t)len, &ro, &doc, NULL) != NG_OK) {
            ng_doc_free(doc);
            continue;
        }
        int caseless = strstr(line, "\"format\": \"ptb_lower\"") != NULL; /* the record's own field */
        articles++;
        for (size_t i = 0; i < ng_doc_list_count(doc, NG_LIST_REFERENCES); i++)
            ref_words += words_of(ng_doc_list_item(doc, NG_LIST_REFERENCES, i));
        for (int s = 0; s < SYSTEMS; s++) {
            ng_summary_options so = {.method = s ? NG_METHOD_LEARNED : NG_METHOD_LEAD, .k = s ? 0 : 3,
                                     .trim = s == 2 ? NG_TRIM_DEFAULT : 0,
                                     .names = s ? NG_NAMES_ANALYZE : NG_NAMES_ANALYSIS}; /* as the CLI */
            if (s && !ng_model_default()) continue;
            if (ng_summarize(doc, &so, NULL) == NG_OK)
                count_doc(doc, &t[s], caseless, s == 2 ? &show : NULL, system_name[s]);
        }
        ng_doc_free(doc);
    }
    free(line);
    gzclose(f);
    report(path, t, ref_words, articles);
    return 0;
}

int main(int argc, char **argv)
{
    const char *shared = getenv("NG_SHARED") ? getenv("NG_SHARED") : "../shared";
    long show = getenv("NG_JUNK_SHOW") ? atol(getenv("NG_JUNK_SHOW")) : 0;
    printf("bench/junk: unpublishable bullets by kind (a bullet may have several)\n");
    if (argc > 1) {
        for (int i = 1; i < argc; i++) run_file(argv[i], show);
        return 0;
    }
    char dev[4096], val[4096];
    snprintf(dev, sizeof dev, "%s/data/cnndm/dev.jsonl", shared);
    snprintf(val, sizeof val, "%s/data/cnndm/val-tokenized.jsonl.gz", shared);
    run_file(dev, show);
    run_file(val, show);
    return 0;
}
