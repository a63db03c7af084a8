/* summarize.c - benchmark (not a test): articles/s and MB/s of the lead,
 * textrank and learned (with and without trimming) methods over
 * ../shared/data/cnndm/dev.jsonl on one core and on all cores, repeated to at least
 * 5 s each on one core; peak RSS of `nutgraf summarize --threads 1`
 * streaming the file; the command's scaling with --threads 1, 2 and all
 * cores on 2,000 articles (dev twice; same output bytes checked);
 * and Debian's ots (Open Text Summarizer) on the same articles in the same
 * run, with ratios.
 *
 * Usage: build/bench/summarize [DEV.jsonl] [NUTGRAF]   (defaults from
 * $NG_SHARED and build/nutgraf) */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nutgraf.h"

#include <pthread.h>

#define MIN_SECONDS 5.0
#define OTS_ARTICLES 200
#define CLI_ARTICLES 2000

typedef struct corpus {
    char **lines;
    size_t *lens;
    size_t n;
    size_t bytes;
} corpus;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int load(const char *path, corpus *c)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    memset(c, 0, sizeof *c);
    size_t cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    while ((len = getline(&line, &lcap, f)) > 0) {
        if (c->n == cap) {
            cap = cap ? cap * 2 : 1024;
            c->lines = realloc(c->lines, cap * sizeof *c->lines);
            c->lens = realloc(c->lens, cap * sizeof *c->lens);
            if (!c->lines || !c->lens) return -1;
        }
        c->lines[c->n] = malloc((size_t)len);
        if (!c->lines[c->n]) return -1;
        memcpy(c->lines[c->n], line, (size_t)len);
        c->lens[c->n] = (size_t)len;
        c->bytes += (size_t)len;
        c->n++;
    }
    free(line);
    fclose(f);
    return 0;
}

/* Runs one method over the corpus until MIN_SECONDS passed; returns
 * articles per second and sets *mbs. */
static double run_method(const corpus *c, ng_method m, unsigned trim, double *mbs, size_t *failures)
{
    ng_read_options ro = {NG_FORMAT_JSON, 0};
    ng_summary_options so = {.method = m, .k = m == NG_METHOD_LEARNED ? 0 : 3, .trim = trim};
    size_t done = 0, bytes = 0;
    *failures = 0;
    double t0 = now(), el = 0;
    do {
        for (size_t i = 0; i < c->n; i++) {
            ng_doc *doc = NULL;
            if (ng_doc_read(c->lines[i], c->lens[i], &ro, &doc, NULL) != NG_OK ||
                ng_summarize(doc, &so, NULL) != NG_OK)
                (*failures)++;
            ng_doc_free(doc);
            bytes += c->lens[i];
        }
        done += c->n;
        el = now() - t0;
    } while (el < MIN_SECONDS);
    *mbs = (double)bytes / el / 1e6;
    return (double)done / el;
}

typedef struct worker {
    const corpus *c;
    ng_method m;
    unsigned trim;
    size_t from, to, done;
    double until;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    ng_read_options ro = {NG_FORMAT_JSON, 0};
    ng_summary_options so = {.method = w->m, .k = w->m == NG_METHOD_LEARNED ? 0 : 3, .trim = w->trim};
    do {
        for (size_t i = w->from; i < w->to; i++) {
            ng_doc *doc = NULL;
            if (ng_doc_read(w->c->lines[i], w->c->lens[i], &ro, &doc, NULL) == NG_OK) ng_summarize(doc, &so, NULL);
            ng_doc_free(doc);
        }
        w->done += w->to - w->from;
    } while (now() < w->until);
    return NULL;
}

/* All cores: one thread per core over a share of the corpus; articles/s. */
static double run_threads(const corpus *c, ng_method m, unsigned trim, int nthreads)
{
    worker w[64];
    pthread_t th[64];
    double t0 = now();
    for (int i = 0; i < nthreads; i++) {
        w[i] = (worker){c, m, trim, c->n * (size_t)i / (size_t)nthreads, c->n * (size_t)(i + 1) / (size_t)nthreads, 0,
                        t0 + MIN_SECONDS};
        pthread_create(&th[i], NULL, work, &w[i]);
    }
    size_t done = 0;
    for (int i = 0; i < nthreads; i++) {
        pthread_join(th[i], NULL);
        done += w[i].done;
    }
    return (double)done / (now() - t0);
}

/* ots on the first articles, each through a temporary file. */
static double run_ots(const corpus *c, size_t n)
{
    char path[] = "/tmp/nutgraf-bench-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    close(fd);
    double t0 = now();
    size_t done = 0;
    for (size_t i = 0; i < n && i < c->n; i++) {
        json_t *o = json_loadb(c->lines[i], c->lens[i], 0, NULL);
        json_t *a = o ? json_object_get(o, "article") : NULL;
        FILE *f = fopen(path, "wb");
        if (!f || !json_is_string(a)) { if (f) fclose(f); json_decref(o); continue; }
        fwrite(json_string_value(a), 1, json_string_length(a), f);
        fclose(f);
        json_decref(o);
        char cmd[256];
        snprintf(cmd, sizeof cmd, "ots -r 10 %s > /dev/null 2>&1", path);
        if (system(cmd) == 0) done++;
    }
    double el = now() - t0;
    unlink(path);
    return done ? (double)done / el : -1;
}

/* Peak RSS in MB of `nutgraf summarize FILE` (streaming), or -1. */
static double streaming_rss(const char *nutgraf, const char *path, int method_textrank)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout)) _exit(127);
        execl(nutgraf, nutgraf, "summarize", "--threads", "1", "--method",
              method_textrank == 2 ? "learned" : method_textrank ? "textrank" : "lead", path, (char *)NULL);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
    return ru.ru_maxrss / 1024.0;
}

/* Wall seconds of `nutgraf summarize --json --threads N IN > OUT`, or -1. */
static double cli_run(const char *nutgraf, const char *in, const char *out, int threads)
{
    char nt[16];
    snprintf(nt, sizeof nt, "%d", threads);
    fflush(stdout);
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        if (!freopen(out, "w", stdout)) _exit(127);
        execl(nutgraf, nutgraf, "summarize", "--json", "--threads", nt, in, (char *)NULL);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
    return now() - t0;
}

static int same_file(const char *a, const char *b)
{
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    while (same) {
        int ca = getc(fa), cb = getc(fb);
        if (ca != cb) same = 0;
        if (ca == EOF) break;
    }
    if (fa) fclose(fa);
    if (fb) fclose(fb);
    return same;
}

/* `nutgraf summarize --json --threads N` over n articles (the corpus
 * repeated as needed: dev has 1,000) for 1, 2
 * and all cores: best of 3 wall times, speed-up over one thread, and
 * whether the output bytes equal those of --threads 1. */
static void cli_scaling(const char *nutgraf, const corpus *c, size_t n)
{
    char in[] = "/tmp/nutgraf-bench-in-XXXXXX", o1[] = "/tmp/nutgraf-bench-o1-XXXXXX",
         on[] = "/tmp/nutgraf-bench-on-XXXXXX";
    int fi = mkstemp(in), f1 = mkstemp(o1), fn = mkstemp(on);
    if (fi < 0 || f1 < 0 || fn < 0) return;
    close(f1);
    close(fn);
    FILE *f = fdopen(fi, "wb");
    for (size_t i = 0; f && c->n && i < n; i++) fwrite(c->lines[i % c->n], 1, c->lens[i % c->n], f);
    if (f) fclose(f);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int counts[3] = {1, 2, cores > 2 ? (int)cores : 0};
    double base = 0;
    double load[3] = {0, 0, 0};
    if (getloadavg(load, 3) < 0) load[0] = -1;
    printf("nutgraf summarize --json --threads N over %zu articles (%ld cores; best of 3 wall times; "
           "load %.2f %.2f %.2f):\n", n, cores, load[0], load[1], load[2]);
    for (int k = 0; k < 3 && counts[k]; k++) {
        double best = -1;
        for (int rep = 0; rep < 3; rep++) {
            double t = cli_run(nutgraf, in, counts[k] == 1 ? o1 : on, counts[k]);
            if (t > 0 && (best < 0 || t < best)) best = t;
        }
        if (best <= 0) {
            printf("  --threads %d: could not run %s\n", counts[k], nutgraf);
            break;
        }
        if (counts[k] == 1) base = best;
        printf("  --threads %-3d %6.2f s  %7.0f articles/s  speed-up %.2fx  %s\n", counts[k], best, (double)n / best,
               base / best, counts[k] == 1 ? "(baseline)" : same_file(o1, on) ? "same bytes as --threads 1" : "OUTPUT DIFFERS");
    }
    unlink(in);
    unlink(o1);
    unlink(on);
}

int main(int argc, char **argv)
{
    const char *shared = getenv("NG_SHARED") ? getenv("NG_SHARED") : "../shared";
    char def[4096];
    snprintf(def, sizeof def, "%s/data/cnndm/dev.jsonl", shared);
    const char *path = argc > 1 ? argv[1] : def;
    const char *nutgraf = argc > 2 ? argv[2] : "build/nutgraf";
    corpus c;
    if (access(path, R_OK) || load(path, &c)) {
        printf("SKIP bench/summarize: %s not readable\n", path);
        return 0;
    }
    printf("bench/summarize: %zu articles, %.2f MB from %s, one core, >= %.0f s per method\n",
           c.n, c.bytes / 1e6, path, MIN_SECONDS);
    double mbs_lead, mbs_tr;
    size_t fl, ft;
    double lead = run_method(&c, NG_METHOD_LEAD, 0, &mbs_lead, &fl);
    printf("lead          %10.0f articles/s  %7.1f MB/s  (failures %zu; target >= 20000)\n", lead, mbs_lead, fl);
    double tr = run_method(&c, NG_METHOD_TEXTRANK, 0, &mbs_tr, &ft);
    printf("textrank      %10.0f articles/s  %7.1f MB/s  (failures %zu; target >= 5000)\n", tr, mbs_tr, ft);
    double mbs_l, mbs_lt;
    size_t fle, flt;
    if (ng_model_default()) {
        double le = run_method(&c, NG_METHOD_LEARNED, 0, &mbs_l, &fle);
        printf("learned       %10.0f articles/s  %7.1f MB/s  (failures %zu; target >= 10000)\n", le, mbs_l, fle);
        double lt = run_method(&c, NG_METHOD_LEARNED, NG_TRIM_DEFAULT, &mbs_lt, &flt);
        printf("learned+trim  %10.0f articles/s  %7.1f MB/s  (failures %zu; target >= 5000)\n", lt, mbs_lt, flt);
        printf("ratio         learned/lead %.2f, learned+trim/lead %.2f (same process)\n", le / lead, lt / lead);
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        int nt = cores > 0 && cores < 64 ? (int)cores : 2;
        double lt_all = run_threads(&c, NG_METHOD_LEARNED, NG_TRIM_DEFAULT, nt);
        double lead_all = run_threads(&c, NG_METHOD_LEAD, 0, nt);
        printf("all %d cores   lead %.0f articles/s, learned+trim %.0f articles/s\n", nt, lead_all, lt_all);
    } else {
        printf("learned: no built-in model in this build\n");
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS of this process (corpus held in memory): %.1f MB\n", ru.ru_maxrss / 1024.0);
    double rss_l = streaming_rss(nutgraf, path, 0), rss_t = streaming_rss(nutgraf, path, 1);
    double rss_le = streaming_rss(nutgraf, path, 2);
    if (rss_l >= 0)
        printf("peak RSS of '%s summarize' streaming the file: lead %.1f MB, textrank %.1f MB (target <= 50), "
               "learned+trim with its model %.1f MB (target <= 100)\n",
               nutgraf, rss_l, rss_t, rss_le);
    else
        printf("streaming RSS: could not run %s\n", nutgraf);
    cli_scaling(nutgraf, &c, CLI_ARTICLES);
    fflush(stdout);
    if (system("command -v ots >/dev/null 2>&1") == 0) {
        double ots = run_ots(&c, OTS_ARTICLES);
        if (ots > 0)
            printf("ots -r 10 %10.1f articles/s (first %d articles, one process each)\n"
                   "ratio     lead/ots %.0fx, textrank/ots %.0fx\n",
                   ots, OTS_ARTICLES, lead / ots, tr / ots);
    } else {
        printf("ots not installed: no peer ratio (apt-get install ots)\n");
    }
    for (size_t i = 0; i < c.n; i++) free(c.lines[i]);
    free(c.lines);
    free(c.lens);
    return 0;
}
