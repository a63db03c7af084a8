/* sentences.c - measures the sentence splitter and the tokenizer.
 *
 * Prints the pass rate on pySBD's Golden Rules (all of them, and the ones
 * that apply to English news; see sbd_eval.h for the excluded ids and why),
 * on pySBD's two English test files, the boundary precision/recall/F1 on
 * the gold sentences of GUM's news articles, and the throughput of
 * splitting plus tokenizing the CNN/DailyMail dev articles.
 *
 * Usage: build/bench/sentences [-v]   (-v lists every failing case)
 * Data comes from NG_SHARED (default ../shared); a missing set is skipped.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sbd_eval.h"
#include "text/tokenize.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void report_jsonl(const char *rel, int split_news, FILE *log)
{
    sbd_score all = {0, 0}, news = {0, 0};
    if (sbd_run_jsonl(rel, &all, split_news ? &news : NULL, log) < 0) {
        printf("SKIP %s: not found under NG_SHARED\n", rel);
        return;
    }
    printf("%-45s %3zu/%3zu passed (%.1f%%)\n", rel, all.passed, all.cases,
           all.cases ? 100.0 * (double)all.passed / (double)all.cases : 0.0);
    if (split_news)
        printf("%-45s %3zu/%3zu passed (%.1f%%)\n", "  ...the rules that apply to news", news.passed,
               news.cases, news.cases ? 100.0 * (double)news.passed / (double)news.cases : 0.0);
}

/* The dev articles, each a malloc'd string. */
typedef struct articles {
    char **text;
    size_t *len;
    size_t count, cap, bytes;
} articles;

static int load_articles(articles *as)
{
    char *path = sbd_path("data/cnndm/dev.jsonl");
    FILE *f = path ? fopen(path, "rb") : NULL;
    free(path);
    if (!f) return -1;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        json_t *j = json_loads(line, 0, NULL);
        const char *a = json_string_value(json_object_get(j, "article"));
        if (a && as->count == as->cap) {
            as->cap = as->cap ? as->cap * 2 : 1024;
            as->text = realloc(as->text, as->cap * sizeof *as->text);
            as->len = realloc(as->len, as->cap * sizeof *as->len);
            if (!as->text || !as->len) abort();
        }
        if (a) {
            as->len[as->count] = strlen(a);
            as->text[as->count] = strdup(a);
            as->bytes += as->len[as->count];
            as->count++;
        }
        json_decref(j);
    }
    free(line);
    fclose(f);
    return 0;
}

/* Splits and/or tokenizes every article; returns the tokens (or
 * sentences) made, so the work cannot be optimised away. */
static size_t run_once(const articles *as, int split, int tokenize)
{
    size_t made = 0;
    for (size_t i = 0; i < as->count; i++) {
        ng_arena a;
        ng_arena_init(&a, 0);
        ng_span_vec spans = {0};
        ng_token_vec toks = {0};
        if (split && ng_split_sentences(&a, as->text[i], as->len[i], 0, &spans) == NG_OK)
            made += spans.count;
        if (tokenize && ng_tokenize(&a, as->text[i], as->len[i], 0, &toks) == NG_OK)
            made += toks.count;
        ng_arena_free(&a);
    }
    return made;
}

/* MB/s of one kind of work, repeated for at least a second. */
static double throughput(const articles *as, int split, int tokenize, size_t *made)
{
    double t0 = now_s(), t;
    size_t reps = 0;
    do {
        *made = run_once(as, split, tokenize);
        reps++;
        t = now_s() - t0;
    } while (t < 1.0);
    return (double)as->bytes * (double)reps / t / 1e6;
}

static void report_speed(void)
{
    articles as = {0};
    if (load_articles(&as) < 0) {
        printf("SKIP throughput: data/cnndm/dev.jsonl not found under NG_SHARED\n");
        return;
    }
    size_t made_s, made_t, made_b;
    double both = throughput(&as, 1, 1, &made_b);
    double split = throughput(&as, 1, 0, &made_s);
    double tok = throughput(&as, 0, 1, &made_t);
    printf("cnndm dev: %zu articles, %.2f MB, %zu sentences, %zu tokens\n", as.count,
           (double)as.bytes / 1e6, made_s, made_t);
    printf("throughput split+tokenize %.1f MB/s (split %.1f MB/s, tokenize %.1f MB/s)\n", both,
           split, tok);
    (void)made_b;
    for (size_t i = 0; i < as.count; i++) free(as.text[i]);
    free(as.text);
    free(as.len);
}

int main(int argc, char **argv)
{
    FILE *log = argc > 1 && strcmp(argv[1], "-v") == 0 ? stdout : NULL;
    report_jsonl("data/sentences/golden_rules_en.jsonl", 1, log);
    report_jsonl("data/sentences/test_english_wo_clean.jsonl", 0, log);
    report_jsonl("data/sentences/test_english_with_clean.jsonl", 0, log);
    sbd_prf g;
    if (sbd_gum(&g, log) < 0) {
        printf("SKIP gum-news: data/gum-news/conllu not found under NG_SHARED\n");
    } else {
        printf("GUM news boundaries: P %.4f R %.4f F1 %.4f (tp %zu, fp %zu, fn %zu)\n", g.p, g.r,
               g.f, g.tp, g.fp, g.fn);
    }
    report_speed();
    return 0;
}
