/* archive.c - benchmark (not a test) of the archive: index rate (stories/s,
 * with reading, analysis and summarizing, against those alone in the same
 * run as the baseline), database bytes per story, search and related
 * latency p50/p99, and the quality figures:
 *  - search: each dev story's reference highlights as the query, MRR@10 of
 *    that story in an archive of dev plus training stories;
 *  - related: each dev story split at its middle sentence, the second
 *    halves indexed among the training stories, the first halves as new
 *    articles: MRR@10 of the matching half; with each signal turned off;
 *  - dups: 200 planted near-copies of training stories (a sentence
 *    dropped, three words changed): recall and pair precision against the
 *    exact word-shingle Jaccard at 0.8.
 * Weights are tuned (--tune) on the 586 raw training stories (the
 * ptb_lower ones are lower-cased, which hides entities), never on dev.
 * --growth N1,N2,... builds archives of those sizes from training stories
 * (re-used under new ids past 39,174) and prints index rate, bytes/story
 * and latencies for each.
 *
 * --db URI runs it all on PostgreSQL instead of SQLite files: URI names a
 * database the benchmark may empty (it drops the archive's tables before
 * each archive it builds); bytes/story is then the tables' and indexes'
 * size on the server.
 *
 * Usage: build/bench/archive [--tune] [--growth 10000,100000] [--train N]
 *        [--db postgresql://...]
 *        (data from $NG_SHARED, default ../shared; archives in $TMPDIR) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <libpq-fe.h>
#include <zlib.h>

#include "archive/archive_int.h"
#include "nutgraf.h"
#include "output/jbuf.h"

typedef struct lines {
    char **v;
    size_t n;
} lines;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "bench/archive: %s\n", what);
    exit(1);
}

/* Up to max lines of a (gzip'd or plain) file; raw_only keeps only
 * "format": "raw" lines, skip_raw the others. */
static lines read_lines(const char *path, size_t max, int raw_only, int skip_raw)
{
    lines l = {NULL, 0};
    gzFile f = gzopen(path, "rb");
    if (!f) die(path);
    size_t cap = 0, bufcap = 1 << 22;
    char *buf = malloc(bufcap);
    while (l.n < max && gzgets(f, buf, (int)bufcap)) {
        int raw = strstr(buf, "\"format\": \"raw\"") != NULL;
        if ((raw_only && !raw) || (skip_raw && raw)) continue;
        if (l.n == cap) {
            cap = cap ? cap * 2 : 1024;
            l.v = realloc(l.v, cap * sizeof *l.v);
        }
        l.v[l.n++] = strdup(buf);
    }
    free(buf);
    gzclose(f);
    return l;
}

static ng_analyze_work *work;
static ng_summary_options sum_opts;

static ng_doc *doc_of(const char *json, size_t len)
{
    ng_read_options ro = {.format = NG_FORMAT_JSON};
    ng_doc *doc = NULL;
    if (ng_doc_read(json, len, &ro, &doc, NULL) != NG_OK) return NULL;
    ng_analyze_options ao = {.work = work};
    if (ng_analyze(doc, &ao, NULL) != NG_OK) {
        ng_doc_free(doc);
        return NULL;
    }
    ng_summarize(doc, &sum_opts, NULL);
    return doc;
}

static ng_doc *doc_of_text(const char *id, const char *text, size_t len)
{
    ng_jbuf b;
    ng_jbuf_init(&b);
    ng_jbuf_puts(&b, "{\"id\":");
    ng_jbuf_string(&b, id, strlen(id));
    ng_jbuf_puts(&b, ",\"article\":");
    ng_jbuf_string(&b, text, len);
    ng_jbuf_puts(&b, "}");
    ng_doc *d = doc_of(b.data, b.len);
    ng_jbuf_free(&b);
    return d;
}

static const char *pg_uri; /* --db: a PostgreSQL database, else SQLite files */

/* Runs sql on the --db database; the first value of its result, or 0. */
static long long pg_value(const char *sql)
{
    PGconn *c = PQconnectdb(pg_uri);
    if (PQstatus(c) != CONNECTION_OK) die(PQerrorMessage(c));
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        die(PQerrorMessage(c));
    long long v = PQntuples(r) ? atoll(PQgetvalue(r, 0, 0)) : 0;
    PQclear(r);
    PQfinish(c);
    return v;
}

static ng_archive *open_fresh(const char *name, char *path, size_t cap)
{
    if (pg_uri) {
        pg_value("SET client_min_messages = warning; DROP TABLE IF EXISTS band, story, vocab, nutgraf_meta CASCADE");
        snprintf(path, cap, "%s", pg_uri);
        ng_archive *a = NULL;
        ng_error err;
        if (ng_archive_open(pg_uri, &a, &err) != NG_OK) die(err.message);
        return a;
    }
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(path, cap, "%s/ng-bench-archive-%d-%s.db", tmp, (int)getpid(), name);
    unlink(path);
    ng_archive *a = NULL;
    ng_error err;
    if (ng_archive_open(path, &a, &err) != NG_OK) die(err.message);
    return a;
}

static void remove_db(const char *path)
{
    if (pg_uri) return; /* the next open_fresh empties the database */
    char p[600];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static long long file_bytes(const char *path)
{
    if (pg_uri)
        return pg_value("SELECT pg_total_relation_size('story') + pg_total_relation_size('band')"
                        " + pg_total_relation_size('nutgraf_meta')");
    struct stat sb;
    long long n = stat(path, &sb) ? 0 : (long long)sb.st_size;
    char p[600];
    snprintf(p, sizeof p, "%s-wal", path);
    if (!stat(p, &sb)) n += (long long)sb.st_size;
    return n;
}

typedef struct timing {
    double analyze_s, put_s;
    size_t stories;
} timing;

static void put(ng_archive *a, ng_doc *doc, const char *id, timing *t)
{
    double t0 = now();
    ng_error err;
    if (ng_archive_put(a, doc, id, NULL, &err) != NG_OK) die(err.message);
    if (t) {
        t->put_s += now() - t0;
        t->stories++;
    }
}

/* Indexes training line i under id "train-<k>" (k may exceed the lines:
 * the story is re-used). */
static void index_train(ng_archive *a, const lines *tr, size_t from, size_t count, size_t id_base,
                        timing *t)
{
    char id[64];
    for (size_t k = 0; k < count; k++) {
        const char *line = tr->v[(from + k) % tr->n];
        double t0 = now();
        ng_doc *doc = doc_of(line, strlen(line));
        if (t) t->analyze_s += now() - t0;
        if (!doc) continue;
        snprintf(id, sizeof id, "train-%zu", id_base + k);
        put(a, doc, id, t);
        ng_doc_free(doc);
        if ((k + 1) % 2000 == 0) {
            ng_archive_commit(a, NULL);
            ng_archive_begin(a, NULL);
        }
    }
}

static char *references_query(const ng_doc *doc)
{
    ng_jbuf b;
    ng_jbuf_init(&b);
    for (size_t i = 0; i < ng_doc_list_count(doc, NG_LIST_REFERENCES); i++) {
        ng_str s = ng_doc_list_item(doc, NG_LIST_REFERENCES, i);
        if (i) ng_jbuf_puts(&b, " ");
        ng_jbuf_put(&b, s.ptr, s.len);
    }
    ng_jbuf_put(&b, "", 0);
    return b.data ? b.data : strdup("");
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

typedef struct lat {
    double *v;
    size_t n, cap;
} lat;

static void lat_add(lat *l, double s)
{
    if (!l) return;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 1024;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = s;
}

static double pct(lat *l, double p)
{
    if (!l->n) return 0;
    qsort(l->v, l->n, sizeof *l->v, cmp_double);
    size_t i = (size_t)(p * (double)(l->n - 1) + 0.5);
    return l->v[i] * 1000.0;
}

static double rr_of(const ng_archive_results *r, const char *want)
{
    for (size_t i = 0; i < ng_archive_results_count(r) && i < 10; i++)
        if (!strcmp(ng_archive_result(r, i).id, want)) return 1.0 / (double)(i + 1);
    return 0;
}

/* ----------------------------------------------------------- search */

typedef struct qset {
    char **query, **want;
    ng_doc **doc; /* for related: the first halves */
    size_t n;
} qset;

static double search_mrr(ng_archive *a, const qset *q, lat *l)
{
    double sum = 0;
    for (size_t i = 0; i < q->n; i++) {
        ng_archive_results *r = NULL;
        ng_error err;
        double t0 = now();
        if (ng_archive_search(a, q->query[i], 10, &r, &err) != NG_OK) die(err.message);
        lat_add(l, now() - t0);
        sum += rr_of(r, q->want[i]);
        ng_archive_results_free(r);
    }
    return q->n ? sum / (double)q->n : 0;
}

static double related_mrr(ng_archive *a, const qset *q, lat *l)
{
    double sum = 0;
    for (size_t i = 0; i < q->n; i++) {
        ng_archive_results *r = NULL;
        ng_error err;
        double t0 = now();
        if (ng_archive_related_doc(a, q->doc[i], 10, &r, &err) != NG_OK) die(err.message);
        lat_add(l, now() - t0);
        sum += rr_of(r, q->want[i]);
        ng_archive_results_free(r);
    }
    return q->n ? sum / (double)q->n : 0;
}

static void qset_add(qset *q, char *query, const char *want, ng_doc *doc)
{
    q->query = realloc(q->query, (q->n + 1) * sizeof *q->query);
    q->want = realloc(q->want, (q->n + 1) * sizeof *q->want);
    q->doc = realloc(q->doc, (q->n + 1) * sizeof *q->doc);
    q->query[q->n] = query;
    q->want[q->n] = strdup(want);
    q->doc[q->n] = doc;
    q->n++;
}

static void qset_free(qset *q)
{
    for (size_t i = 0; i < q->n; i++) {
        free(q->query[i]);
        free(q->want[i]);
        ng_doc_free(q->doc[i]);
    }
    free(q->query);
    free(q->want);
    free(q->doc);
    memset(q, 0, sizeof *q);
}

/* Stores the stories of ls under their own ids (or "<prefix>-<i>") and
 * adds their reference highlights as search queries. */
static void add_search_stories(ng_archive *a, const lines *ls, const char *prefix, qset *q, timing *t)
{
    char id[64];
    for (size_t i = 0; i < ls->n; i++) {
        double t0 = now();
        ng_doc *doc = doc_of(ls->v[i], strlen(ls->v[i]));
        if (t) t->analyze_s += now() - t0;
        if (!doc) continue;
        snprintf(id, sizeof id, "%s-%zu", prefix, i);
        put(a, doc, id, t);
        char *query = references_query(doc);
        if (*query) qset_add(q, query, id, NULL);
        else free(query);
        ng_doc_free(doc);
    }
}

/* Splits each story at its middle sentence: stores the second half as
 * "<prefix>-half-<i>" and keeps the first half as a related query. */
static void add_halves(ng_archive *a, const lines *ls, const char *prefix, qset *q, timing *t)
{
    char id[64];
    for (size_t i = 0; i < ls->n; i++) {
        ng_doc *doc = doc_of(ls->v[i], strlen(ls->v[i]));
        if (!doc) continue;
        size_t ns = ng_doc_sentence_count(doc);
        if (ns < 4) {
            ng_doc_free(doc);
            continue;
        }
        ng_str body = ng_doc_body(doc);
        size_t cut = ng_doc_sentence(doc, ns / 2).start;
        snprintf(id, sizeof id, "%s-half-%zu", prefix, i);
        double t0 = now();
        ng_doc *second = doc_of_text(id, body.ptr + cut, body.len - cut);
        if (t) t->analyze_s += now() - t0;
        char qid[64];
        snprintf(qid, sizeof qid, "%s-first-%zu", prefix, i);
        ng_doc *first = doc_of_text(qid, body.ptr, cut);
        if (second && first) {
            put(a, second, id, t);
            qset_add(q, strdup(""), id, first);
            first = NULL;
        }
        ng_doc_free(second);
        ng_doc_free(first);
        ng_doc_free(doc);
    }
}

/* ------------------------------------------------------------ dups */

static uint64_t rng_state = 42;
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

typedef struct plant {
    char orig[64], copy[64];
    double jaccard;
} plant;

/* A near-copy of doc's body: one sentence (not the first) dropped, three
 * words replaced. */
static char *near_copy(const ng_doc *doc, size_t *len)
{
    static const char *const swaps[] = {"officials", "Tuesday", "reported", "nearly", "city"};
    ng_str body = ng_doc_body(doc);
    size_t ns = ng_doc_sentence_count(doc);
    size_t drop = 1 + rnd() % (ns - 1);
    ng_sentence s = ng_doc_sentence(doc, drop);
    ng_jbuf b;
    ng_jbuf_init(&b);
    ng_jbuf_put(&b, body.ptr, s.start);
    ng_jbuf_put(&b, body.ptr + s.end, body.len - s.end);
    for (int k = 0; k < 3; k++) { /* replace the word at a random space */
        size_t at = rnd() % b.len, end;
        while (at < b.len && b.data[at] != ' ') at++;
        if (at >= b.len) continue;
        at++;
        for (end = at; end < b.len && b.data[end] != ' '; end++) {}
        ng_jbuf nb;
        ng_jbuf_init(&nb);
        ng_jbuf_put(&nb, b.data, at);
        ng_jbuf_puts(&nb, swaps[rnd() % 5]);
        ng_jbuf_put(&nb, b.data + end, b.len - end);
        ng_jbuf_free(&b);
        b = nb;
    }
    *len = b.len;
    return b.data;
}

static void plant_copies(ng_archive *a, const lines *tr, size_t from, size_t count, plant *p,
                         size_t *np)
{
    *np = 0;
    for (size_t k = 0; k < count; k++) {
        const char *line = tr->v[from + k * 7];
        ng_doc *doc = doc_of(line, strlen(line));
        if (!doc || ng_doc_sentence_count(doc) < 3) {
            ng_doc_free(doc);
            continue;
        }
        plant *x = &p[(*np)++];
        snprintf(x->orig, sizeof x->orig, "train-%zu", from + k * 7);
        snprintf(x->copy, sizeof x->copy, "copy-%zu", k);
        size_t len;
        char *text = near_copy(doc, &len);
        ng_doc *cd = doc_of_text(x->copy, text, len);
        ng_str body = ng_doc_body(doc), cbody = ng_doc_body(cd);
        ng_shingles s1, s2;
        ng_shingles_of(body.ptr, body.len, &s1, NULL);
        ng_shingles_of(cbody.ptr, cbody.len, &s2, NULL);
        x->jaccard = ng_shingles_jaccard(&s1, &s2);
        ng_shingles_free(&s1);
        ng_shingles_free(&s2);
        put(a, cd, x->copy, NULL);
        ng_doc_free(cd);
        free(text);
        ng_doc_free(doc);
    }
}

typedef struct dup_eval {
    plant *p;
    size_t np;
    size_t found, pairs, good_pairs;
    ng_archive *a;
    double threshold;
} dup_eval;

static char *body_of(ng_archive *a, const char *id)
{
    char *json = NULL;
    size_t len;
    ng_archive_get(a, id, &json, &len, NULL);
    if (!json) return strdup("");
    ng_arch_fields f;
    char *b = strdup("");
    if (ng_arch_record_fields(json, len, &f, NULL) == NG_OK) {
        free(b);
        b = strdup(f.body);
        ng_arch_fields_free(&f);
    }
    free(json);
    return b;
}

static int on_group(void *ctx, const char *const *ids, size_t n, double sim)
{
    dup_eval *d = ctx;
    (void)sim;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            d->pairs++;
            char *x = body_of(d->a, ids[i]), *y = body_of(d->a, ids[j]);
            ng_shingles s1, s2;
            ng_shingles_of(x, strlen(x), &s1, NULL);
            ng_shingles_of(y, strlen(y), &s2, NULL);
            d->good_pairs += ng_shingles_jaccard(&s1, &s2) >= d->threshold;
            ng_shingles_free(&s1);
            ng_shingles_free(&s2);
            free(x);
            free(y);
            for (size_t k = 0; k < d->np; k++)
                if ((!strcmp(ids[i], d->p[k].orig) && !strcmp(ids[j], d->p[k].copy)) ||
                    (!strcmp(ids[j], d->p[k].orig) && !strcmp(ids[i], d->p[k].copy)))
                    d->found += d->p[k].jaccard >= d->threshold;
        }
    return 0;
}

/* ----------------------------------------------------------- tuning */

static void tune(const lines *tr, const lines *raw)
{
    /* background: ptb_lower training stories; queries: the raw ones */
    char path[512];
    ng_archive *a = open_fresh("tune", path, sizeof path);
    ng_archive_begin(a, NULL);
    index_train(a, tr, 20000, 5000, 20000, NULL);
    qset sq = {0}, rq = {0};
    add_search_stories(a, raw, "tune", &sq, NULL);
    ng_archive_commit(a, NULL);
    /* related: the raw stories' halves alone (lower-cased ptb_lower
     * stories have no entities, which would favour entity re-ranking) */
    char path2[512];
    ng_archive *b = open_fresh("tune2", path2, sizeof path2);
    ng_archive_begin(b, NULL);
    add_halves(b, raw, "tune", &rq, NULL);
    ng_archive_commit(b, NULL);
    printf("tuning: search over 5000 ptb_lower + %zu raw training stories; related over %zu raw halves\n",
           sq.n, rq.n);
    static const double sw[][6] = {
        {1, 1, 0, 0, 0, 0}, {4, 1, 2, 2, 2, 0.5}, {4, 1, 1, 1, 1, 0.5}, {4, 1, 4, 2, 2, 0.5},
        {2, 1, 2, 1, 1, 0},   {4, 1, 2, 4, 4, 0.5}, {8, 1, 2, 2, 2, 0.5}, {4, 1, 0, 2, 2, 0.5}};
    for (size_t i = 0; i < sizeof sw / sizeof sw[0]; i++) {
        ng_archive_set_search_weights(a, sw[i]);
        printf("  search weights headline %g body %g highlights %g entities %g tags %g byline %g: MRR@10 %.4f\n",
               sw[i][0], sw[i][1], sw[i][2], sw[i][3], sw[i][4], sw[i][5], search_mrr(a, &sq, NULL));
    }
    static const double ew[] = {0, 0.3, 1, 3};
    static const double tw[] = {0, 0.3, 1, 3};
    static const size_t terms[] = {25, 40, 60};
    ng_related_weights w;
    for (size_t t = 0; t < 3; t++)
        for (size_t e = 0; e < 4; e++)
            for (size_t g = 0; g < 4; g++) {
                if (t != 1 && (e != 0 || g != 0)) continue; /* terms only at the default mix */
                ng_related_weights_default(&w);
                w.entity = ew[e];
                w.tag = tw[g];
                w.terms = terms[t];
                ng_archive_set_related_weights(b, &w);
                printf("  related terms %zu entity %.2f tag %.2f: MRR@10 %.4f\n", w.terms, w.entity, w.tag,
                       related_mrr(b, &rq, NULL));
                fflush(stdout);
            }
    qset_free(&sq);
    qset_free(&rq);
    ng_archive_close(a);
    remove_db(path);
    ng_archive_close(b);
    remove_db(path2);
}

/* ---------------------------------------------------------- quality */

static void quality(const lines *dev, const lines *tr, size_t ntrain)
{
    char path[512];
    /* search: dev + training stories */
    ng_archive *a = open_fresh("search", path, sizeof path);
    timing t = {0};
    ng_archive_begin(a, NULL);
    index_train(a, tr, 0, ntrain, 0, &t);
    qset sq = {0};
    add_search_stories(a, dev, "dev", &sq, &t);
    ng_archive_commit(a, NULL);
    long long bytes = file_bytes(path);
    printf("\nsearch archive: %zu stories, %.0f bytes/story\n", t.stories, (double)bytes / (double)t.stories);
    printf("index: %.0f stories/s (read+analyze+summarize alone: %.0f stories/s; put alone: %.0f stories/s)\n",
           (double)t.stories / (t.analyze_s + t.put_s), (double)t.stories / t.analyze_s,
           (double)t.stories / t.put_s);
    lat l = {0};
    double mrr = search_mrr(a, &sq, &l);
    printf("search MRR@10 (dev reference highlights as queries, %zu queries): %.4f\n", sq.n, mrr);
    static const double plain[6] = {1, 1, 0, 0, 0, 0};
    ng_archive_set_search_weights(a, plain);
    printf("  baseline: plain BM25 over headline and body only: %.4f\n", search_mrr(a, &sq, NULL));
    printf("search latency (highlight queries): p50 %.2f ms, p99 %.2f ms\n", pct(&l, 0.5), pct(&l, 0.99));
    qset_free(&sq);
    ng_archive_close(a);
    remove_db(path);

    /* related: training stories + dev second halves + planted copies */
    a = open_fresh("related", path, sizeof path);
    ng_archive_begin(a, NULL);
    index_train(a, tr, 0, ntrain, 0, NULL);
    qset rq = {0};
    add_halves(a, dev, "dev", &rq, NULL);
    plant *p = calloc(200, sizeof *p);
    size_t np = 0;
    plant_copies(a, tr, 0, 200, p, &np);
    ng_archive_commit(a, NULL);
    size_t count = 0;
    ng_archive_count(a, &count, NULL);
    printf("\nrelated archive: %zu stories (%zu training, %zu dev second halves, %zu planted copies)\n",
           count, ntrain, rq.n, np);
    lat rl = {0};
    printf("related MRR@10 (dev first halves as articles): %.4f\n", related_mrr(a, &rq, &rl));
    printf("related latency: p50 %.2f ms, p99 %.2f ms\n", pct(&rl, 0.5), pct(&rl, 0.99));
    ng_related_weights w, d;
    ng_related_weights_default(&d);
    w = d;
    w.entity = w.tag = w.recency = 0;
    w.repeat = 1;
    ng_archive_set_related_weights(a, &w);
    printf("  words only (BM25 over the 40 best tf-idf words, entity and tag phrases): %.4f\n",
           related_mrr(a, &rq, NULL));
    w.repeat = d.repeat;
    ng_archive_set_related_weights(a, &w);
    printf("  + repeated words weigh more: %.4f\n", related_mrr(a, &rq, NULL));
    w.entity = 0.3;
    ng_archive_set_related_weights(a, &w);
    printf("  + re-ranked by shared entities at weight 0.3 (default 0): %.4f\n", related_mrr(a, &rq, NULL));
    w.entity = d.entity;
    w.tag = 0.5;
    ng_archive_set_related_weights(a, &w);
    printf("  + shared tags at weight 0.5 (default 0): %.4f (recency: the dev records have no dates)\n",
           related_mrr(a, &rq, NULL));
    ng_archive_set_related_weights(a, NULL);

    dup_eval de = {.p = p, .np = np, .a = a, .threshold = 0.8};
    size_t truth = 0;
    for (size_t i = 0; i < np; i++) truth += p[i].jaccard >= 0.8;
    double t0 = now();
    ng_archive_dups(a, 0.8, on_group, &de, NULL);
    printf("\ndups at 0.8: %zu planted copies, %zu of them with true Jaccard >= 0.8; found %zu "
           "(recall %.4f); %zu pairs reported, %zu with true Jaccard >= 0.8 (pair precision %.4f); %.2f s\n",
           np, truth, de.found, truth ? (double)de.found / (double)truth : 0, de.pairs, de.good_pairs,
           de.pairs ? (double)de.good_pairs / (double)de.pairs : 0, now() - t0);
    qset_free(&rq);
    free(p);
    free(l.v);
    free(rl.v);
    ng_archive_close(a);
    remove_db(path);
}

/* ----------------------------------------------------------- growth */

static int count_group(void *ctx, const char *const *ids, size_t n, double sim)
{
    (void)ids, (void)n, (void)sim;
    ++*(size_t *)ctx;
    return 0;
}

static void growth(const lines *tr, const lines *dev, const char *sizes)
{
    printf("\ngrowth (training stories re-used under new ids; queries: dev highlights and 2-word queries)\n");
    printf("%10s %12s %10s %12s %10s %10s %10s %10s %10s\n", "stories", "index/s", "put/s", "bytes/story",
           "srch p50", "srch p99", "rel p50", "rel p99", "dups s");
    qset sq = {0};
    for (size_t i = 0; i < dev->n; i++) {
        ng_doc *doc = doc_of(dev->v[i], strlen(dev->v[i]));
        if (!doc) continue;
        char *q = references_query(doc);
        qset_add(&sq, q, "-", doc);
    }
    for (const char *s = sizes; *s;) {
        size_t n = strtoull(s, NULL, 10);
        char path[512];
        ng_archive *a = open_fresh("growth", path, sizeof path);
        timing t = {0};
        ng_archive_begin(a, NULL);
        index_train(a, tr, 0, n, 0, &t);
        ng_archive_commit(a, NULL);
        lat sl = {0}, rl = {0};
        search_mrr(a, &sq, &sl);
        for (size_t i = 0; i < sq.n; i++) { /* short queries: two words of each query */
            char two[128];
            const char *q = sq.query[i], *sp = strchr(q, ' ');
            const char *sp2 = sp ? strchr(sp + 1, ' ') : NULL;
            size_t len = sp2 ? (size_t)(sp2 - q) : strlen(q);
            snprintf(two, sizeof two, "%.*s", (int)(len < 120 ? len : 120), q);
            ng_archive_results *r = NULL;
            double t0 = now();
            if (ng_archive_search(a, two, 10, &r, NULL) == NG_OK) lat_add(&sl, now() - t0);
            ng_archive_results_free(r);
        }
        related_mrr(a, &sq, &rl);
        double t0 = now();
        size_t groups = 0;
        ng_archive_dups(a, 0.8, count_group, &groups, NULL);
        double dup_s = now() - t0;
        printf("%10zu %12.0f %10.0f %12.0f %10.2f %10.2f %10.2f %10.2f %10.2f\n", t.stories,
               (double)t.stories / (t.analyze_s + t.put_s), (double)t.stories / t.put_s,
               (double)file_bytes(path) / (double)t.stories,
               pct(&sl, 0.5), pct(&sl, 0.99), pct(&rl, 0.5), pct(&rl, 0.99), dup_s);
        fflush(stdout);
        free(sl.v);
        free(rl.v);
        ng_archive_close(a);
        remove_db(path);
        s = strchr(s, ',');
        s = s ? s + 1 : "";
    }
    qset_free(&sq);
}

int main(int argc, char **argv)
{
    const char *shared = getenv("NG_SHARED") ? getenv("NG_SHARED") : "../shared";
    int do_tune = 0;
    const char *sizes = NULL;
    size_t ntrain = 10000;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--tune")) do_tune = 1;
        else if (!strcmp(argv[i], "--growth") && i + 1 < argc) sizes = argv[++i];
        else if (!strcmp(argv[i], "--train") && i + 1 < argc) ntrain = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--db") && i + 1 < argc) pg_uri = argv[++i];
        else die("usage: archive [--tune] [--growth N,N,...] [--train N] [--db postgresql://...]");
    }
    char dev_path[512], train_path[512];
    snprintf(dev_path, sizeof dev_path, "%s/data/cnndm/dev.jsonl", shared);
    snprintf(train_path, sizeof train_path, "%s/data/cnndm/train.jsonl.gz", shared);
    if (access(dev_path, R_OK) || access(train_path, R_OK)) {
        printf("SKIP bench/archive: no %s or %s\n", dev_path, train_path);
        return 0;
    }
    work = ng_analyze_work_new();
    sum_opts.method = ng_model_default() ? NG_METHOD_LEARNED : NG_METHOD_LEAD;
    sum_opts.trim = sum_opts.method == NG_METHOD_LEARNED ? NG_TRIM_ALL : 0;
    lines dev = read_lines(dev_path, 1000000, 0, 0);
    lines tr = read_lines(train_path, 1000000, 0, 1);
    printf("bench/archive: %zu dev stories, %zu ptb_lower training stories, %s\n", dev.n, tr.n,
           pg_uri ? "PostgreSQL" : "SQLite");
    if (do_tune) {
        lines raw = read_lines(train_path, 1000000, 1, 0);
        tune(&tr, &raw);
    }
    if (sizes) growth(&tr, &dev, sizes);
    else quality(&dev, &tr, ntrain);
    ng_analyze_work_free(work);
    return 0;
}
