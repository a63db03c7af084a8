/* analyze.c - benchmark (not a test): articles/s of the analysis stage over
 * ../shared/data/cnndm/dev.jsonl on one core, each pass repeated to at
 * least MIN_SECONDS: reading alone (the baseline, in the same process),
 * reading + quotes, and reading + the whole of ng_analyze() (quotes, NER,
 * entities, tags) by default (the tagger's first pass) with one
 * ng_analyze_work kept across articles (as `nutgraf analyze` does) and
 * with fresh scratch space per article, and with both tagger passes; with
 * tokens/s and the ratio to the baseline; then the wall time and peak RSS
 * of `nutgraf analyze` streaming the file (start-up, model loading and
 * output included), and how it handles a file with broken records mixed
 * in (error records, exit status 3).
 *
 * Usage: build/bench/analyze [DEV.jsonl] [NUTGRAF]   (defaults from
 * $NG_SHARED and build/nutgraf) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nutgraf.h"

#define MIN_SECONDS 3.0

typedef struct corpus {
    char **lines;
    size_t *lens;
    size_t n;
} corpus;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int load(const char *path, corpus *c)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    memset(c, 0, sizeof *c);
    size_t cap = 0, lcap = 0;
    char *line = NULL;
    ssize_t len;
    while ((len = getline(&line, &lcap, f)) > 0) {
        if (c->n == cap) {
            cap = cap ? cap * 2 : 1024;
            char **nl = realloc(c->lines, cap * sizeof *nl);
            size_t *ns = realloc(c->lens, cap * sizeof *ns);
            if (!nl || !ns) return -1;
            c->lines = nl;
            c->lens = ns;
        }
        c->lines[c->n] = malloc((size_t)len);
        if (!c->lines[c->n]) return -1;
        memcpy(c->lines[c->n], line, (size_t)len);
        c->lens[c->n++] = (size_t)len;
    }
    free(line);
    fclose(f);
    return c->n ? 0 : -1;
}

enum { PASS_READ, PASS_QUOTES, PASS_ANALYZE, PASS_ANALYZE_FIRST };

/* One pass over the corpus; returns the tokens seen, or 0 on a failure. */
static size_t one_pass(const corpus *c, int pass, ng_analyze_work *work, size_t *failed)
{
    ng_read_options ro = {NG_FORMAT_JSON, 0};
    ng_analyze_options ao = {NULL, 0, work, pass == PASS_ANALYZE_FIRST ? 1 : 2};
    size_t tokens = 0;
    for (size_t i = 0; i < c->n; i++) {
        ng_doc *doc = NULL;
        ng_status st = ng_doc_read(c->lines[i], c->lens[i], &ro, &doc, NULL);
        if (st == NG_OK && pass == PASS_QUOTES) st = ng_analyze_quotes(doc, NULL);
        if (st == NG_OK && pass >= PASS_ANALYZE) st = ng_analyze(doc, &ao, NULL);
        if (st == NG_OK) tokens += ng_doc_token_count(doc);
        else (*failed)++;
        ng_doc_free(doc);
    }
    return tokens;
}

/* Articles/s of a pass, repeated to MIN_SECONDS. */
static double rate(const corpus *c, int pass, ng_analyze_work *work, double *tok_per_s)
{
    size_t done = 0, tokens = 0, failed = 0;
    double t0 = now(), t;
    do {
        tokens += one_pass(c, pass, work, &failed);
        done += c->n;
        t = now() - t0;
    } while (t < MIN_SECONDS);
    if (failed) printf("  (%zu records failed)\n", failed);
    *tok_per_s = (double)tokens / t;
    return (double)done / t;
}

/* Runs `nutgraf analyze FILE`; peak RSS in MB, or -1.  *status gets the
 * exit status and *secs the wall time. */
static double run_cli(const char *nutgraf, const char *path, int *status, double *secs)
{
    fflush(stdout);
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) _exit(127);
        execl(nutgraf, nutgraf, "analyze", path, (char *)NULL);
        _exit(127);
    }
    int st;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st)) return -1;
    *secs = now() - t0;
    *status = WEXITSTATUS(st);
    return (double)ru.ru_maxrss / 1024.0;
}

/* The corpus with a broken record after every 100th: returns the count of
 * bad records written, or -1. */
static long write_mixed(const corpus *c, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    long bad = 0;
    for (size_t i = 0; i < c->n; i++) {
        fwrite(c->lines[i], 1, c->lens[i], f);
        if (i % 100 == 99) {
            fputs(i % 200 == 199 ? "{\"article\": \"unterminated\n" : "\xff\xfe binary \x01\x02\n", f);
            bad++;
        }
    }
    fclose(f);
    return bad;
}

int main(int argc, char **argv)
{
    const char *shared = getenv("NG_SHARED") ? getenv("NG_SHARED") : "../shared";
    char def[4096];
    snprintf(def, sizeof def, "%s/data/cnndm/dev.jsonl", shared);
    const char *path = argc > 1 ? argv[1] : def;
    const char *nutgraf = argc > 2 ? argv[2] : "build/nutgraf";
    corpus c;
    if (load(path, &c)) {
        printf("SKIP bench/analyze: cannot read %s\n", path);
        return 0;
    }
    if (!ng_ner_model_default()) {
        printf("bench/analyze: the library has no built-in NER model\n");
        return 1;
    }
    printf("bench/analyze: %zu articles from %s, one core, >= %.0f s a pass\n", c.n, path, MIN_SECONDS);
    double tok_read, tok_quotes, tok_fresh, tok_first, tok_both;
    ng_analyze_work *work = ng_analyze_work_new();
    double r_read = rate(&c, PASS_READ, NULL, &tok_read);
    double r_quotes = rate(&c, PASS_QUOTES, NULL, &tok_quotes);
    double r_fresh = rate(&c, PASS_ANALYZE_FIRST, NULL, &tok_fresh);
    double r_first = rate(&c, PASS_ANALYZE_FIRST, work, &tok_first);
    double r_both = rate(&c, PASS_ANALYZE, work, &tok_both);
    ng_analyze_work_free(work);
    printf("%-40s %8.0f articles/s %10.0f tokens/s\n", "read + segment (baseline)", r_read, tok_read);
    printf("%-40s %8.0f articles/s %10.0f tokens/s  %5.2fx baseline time\n", "read + quotes", r_quotes, tok_quotes,
           r_read / r_quotes);
    printf("%-40s %8.0f articles/s %10.0f tokens/s  %5.2fx baseline time\n", "read + analyze (default: 1 NER pass)",
           r_first, tok_first, r_read / r_first);
    printf("%-40s %8.0f articles/s %10.0f tokens/s  %5.2fx baseline time\n", "  the same, fresh scratch each article",
           r_fresh, tok_fresh, r_read / r_fresh);
    printf("%-40s %8.0f articles/s %10.0f tokens/s  %5.2fx baseline time\n", "read + analyze --ner-passes 2", r_both,
           tok_both, r_read / r_both);
    printf("analysis alone: %.1f us/article (--ner-passes 2: %.1f)\n", 1e6 / r_first - 1e6 / r_read,
           1e6 / r_both - 1e6 / r_read);
    int status = -1;
    double secs = 0, rss = run_cli(nutgraf, path, &status, &secs);
    printf("nutgraf analyze %s: exit %d, %.2f s (%.0f articles/s with start-up and output), peak RSS %.1f MB\n",
           path, status, secs, (double)c.n / secs, rss);
    char tmp[] = "/tmp/ng-bench-analyze-XXXXXX";
    int fd = mkstemp(tmp);
    if (fd >= 0) {
        close(fd);
        long bad = write_mixed(&c, tmp);
        rss = run_cli(nutgraf, tmp, &status, &secs);
        printf("with %ld broken records mixed in: exit %d (3 = some bad records), peak RSS %.1f MB\n", bad,
               status, rss);
        unlink(tmp);
    }
    for (size_t i = 0; i < c.n; i++) free(c.lines[i]);
    free(c.lines);
    free(c.lens);
    return 0;
}
