/* rouge.c - benchmark of the ROUGE scorer: pairs per second on dev-lead3 for
 * ROUGE-1.5.5 option sets a and b and for rouge-score, on one thread and on
 * every core (pthreads), each repeated for at least NG_BENCH_SECONDS (5)
 * seconds; then one full run (1,000 documents with option set b, scoring plus
 * the bootstrap averages) and the peak RSS.  Compared with the times the Perl
 * script (9 s for a, 20 s for b per 1,000 pairs) and rouge-score (5 s) take
 * on this machine.  Prints; asserts nothing. */
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "nutgraf.h"

typedef struct corpus {
    size_t n;
    ng_rouge_summary *sums;
} corpus;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int load(const char *path, corpus *c)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    size_t cap = 1024;
    c->n = 0;
    c->sums = malloc(cap * sizeof *c->sums);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    while (c->sums && (len = getline(&line, &lcap, f)) > 0) {
        json_error_t e;
        json_t *j = json_loadb(line, (size_t)len, 0, &e);
        if (!j || !json_is_array(j)) {
            json_decref(j);
            continue;
        }
        if (c->n == cap) {
            cap *= 2;
            ng_rouge_summary *p = realloc(c->sums, cap * sizeof *p);
            if (!p) break;
            c->sums = p;
        }
        size_t k = json_array_size(j);
        ng_str *s = calloc(k ? k : 1, sizeof *s);
        for (size_t i = 0; s && i < k; i++) {
            json_t *x = json_array_get(j, i);
            s[i].len = json_string_length(x);
            char *p = malloc(s[i].len + 1);
            if (p) memcpy(p, json_string_value(x), s[i].len + 1);
            s[i].ptr = p;
        }
        c->sums[c->n].sentences = s;
        c->sums[c->n].count = k;
        c->n++;
        json_decref(j);
    }
    free(line);
    fclose(f);
    return c->n ? 0 : -1;
}

static void unload(corpus *c)
{
    for (size_t i = 0; i < c->n; i++) {
        for (size_t k = 0; k < c->sums[i].count; k++) free((void *)c->sums[i].sentences[k].ptr);
        free((void *)c->sums[i].sentences);
    }
    free(c->sums);
}

typedef struct job {
    const corpus *sys, *ref;
    const ng_rouge_options *opts;
    double seconds;
    size_t pairs;
    int failed;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    ng_rouge *r = NULL;
    if (ng_rouge_new(j->opts, &r, NULL) != NG_OK) {
        j->failed = 1;
        return NULL;
    }
    ng_rouge_prf out[16];
    double start = now(), deadline = start + j->seconds;
    size_t pairs = 0;
    do {
        for (size_t i = 0; i < j->sys->n; i++)
            if (ng_rouge_score(r, &j->sys->sums[i], &j->ref->sums[i], 1, out, NULL) != NG_OK)
                j->failed = 1;
        pairs += j->sys->n;
    } while (now() < deadline);
    j->seconds = now() - start;
    j->pairs = pairs;
    ng_rouge_free(r);
    return NULL;
}

/* Pairs per second over `threads` threads. */
static double throughput(const corpus *sys, const corpus *ref, const ng_rouge_options *o,
                         int threads, double seconds)
{
    pthread_t *t = calloc((size_t)threads, sizeof *t);
    job *jobs = calloc((size_t)threads, sizeof *jobs);
    if (!t || !jobs) return 0;
    for (int i = 0; i < threads; i++) {
        jobs[i] = (job){sys, ref, o, seconds, 0, 0};
        pthread_create(&t[i], NULL, worker, &jobs[i]);
    }
    double rate = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        if (jobs[i].failed) fprintf(stderr, "rouge bench: scoring failed\n");
        rate += (double)jobs[i].pairs / jobs[i].seconds;
    }
    free(t);
    free(jobs);
    return rate;
}

int main(void)
{
    const char *shared = getenv("NG_SHARED");
    char sp[4096], rp[4096];
    snprintf(sp, sizeof sp, "%s/data/rouge/dev-lead3.sys.jsonl", shared ? shared : "../shared");
    snprintf(rp, sizeof rp, "%s/data/rouge/dev-lead3.ref.jsonl", shared ? shared : "../shared");
    corpus sys, ref;
    if (load(sp, &sys) || load(rp, &ref) || sys.n != ref.n) {
        printf("SKIP rouge bench: cannot read %s and its references (set NG_SHARED)\n", sp);
        return 0;
    }
    const char *env = getenv("NG_BENCH_SECONDS");
    double seconds = env ? atof(env) : 5.0;
    if (seconds <= 0) seconds = 5.0;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1) cores = 1;

    ng_rouge_options a, b, g;
    ng_rouge_options_init(&a); /* -c 95 -m -r 1000 -n 2 -a */
    a.max_n = 2;
    a.stem = 1;
    b = a; /* plus -2 4 -U -w 1.2 */
    b.skip_mode = NG_ROUGE_SKIP_BOTH;
    b.skip_distance = 4;
    b.weight = 1.2;
    b.weight_label = "1.2";
    ng_rouge_options_init(&g);
    g.impl = NG_ROUGE_SCORE;
    g.stem = 1;
    struct {
        const char *name;
        const ng_rouge_options *o;
        double perl_s;
        const char *ref_name;
    } sets[] = {
        {"rouge155 a (-c 95 -m -r 1000 -n 2 -a)", &a, 9.0, "ROUGE-1.5.5.pl"},
        {"rouge155 b (a + -2 4 -U -w 1.2)", &b, 20.0, "ROUGE-1.5.5.pl"},
        {"rouge-score (rouge1/2/L/Lsum, stem)", &g, 5.0, "rouge-score"},
    };
    printf("rouge bench: dev-lead3, %zu pairs, >= %.0f s per measurement, %ld cores\n", sys.n,
           seconds, cores);
    for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
        double one = throughput(&sys, &ref, sets[s].o, 1, seconds);
        double all = throughput(&sys, &ref, sets[s].o, (int)cores, seconds);
        double t1000 = 1000.0 / one;
        printf("%-40s 1 thread %9.0f pairs/s (1,000 pairs %.4f s, %.0fx %s's %.0f s; "
               "11,490 pairs %.3f s)\n",
               sets[s].name, one, t1000, sets[s].perl_s / t1000, sets[s].ref_name,
               sets[s].perl_s, 11490.0 / one);
        printf("%-40s %ld threads %8.0f pairs/s (11,490 pairs %.3f s)\n", "", cores, all,
               11490.0 / all);
    }
    /* One whole run as the command does it: score, store, average. */
    double t0 = now();
    ng_rouge *r = NULL;
    if (ng_rouge_new(&b, &r, NULL) == NG_OK) {
        for (size_t i = 0; i < sys.n; i++) ng_rouge_add(r, &sys.sums[i], &ref.sums[i], 1, NULL);
        double t1 = now();
        ng_rouge_average avg;
        for (size_t m = 0; m < ng_rouge_metric_count(r); m++) ng_rouge_average_of(r, m, &avg, NULL);
        double t2 = now();
        printf("full run, option set b, %zu documents: scoring %.4f s + bootstrap averages "
               "(6 metrics x 1000 samples) %.4f s = %.4f s (ROUGE-1.5.5.pl: 20 s, %.0fx)\n",
               sys.n, t1 - t0, t2 - t1, t2 - t0, 20.0 / (t2 - t0));
        ng_rouge_free(r);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS %.1f MiB\n", ru.ru_maxrss / 1024.0);
    unload(&sys);
    unload(&ref);
    return 0;
}
