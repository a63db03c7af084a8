/* related.c - related stories: the query story's most distinctive words
 * (tf-idf, with document frequencies from the index's own vocabulary), its
 * salient entities and tags fetch BM25 candidates; the candidates are then
 * re-ranked by the entities and tags they share and by how close their
 * dates are.  Tuned on the 585 raw training stories split in halves
 * (first halves as queries): query words repeated up to 3 times raise
 * MRR@10 from 0.865 to 0.886; re-ranking by shared entities lowers it
 * (0.878 at weight 0.3, 0.776 at 3), so entities and tags count only
 * through their BM25 fields by default (weights 0); dates weigh 0.1
 * (untuned: no dated stories to tune on). */
#include <libstemmer.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "archive/archive_int.h"
#include "archive/archive_priv.h"
#include "core/hash.h"
#include "output/jbuf.h"
#include "text/abbrev.h"

#define MAX_WORDS 4096 /* distinct words counted per story */
#define MAX_NAMES 8    /* entities and tags that take part */

void ng_related_weights_default(ng_related_weights *w)
{
    static const ng_related_weights d = {
        .entity = 0.0, .tag = 0.0, .recency = 0.1, .recency_days = 30.0, .terms = 40,
        .repeat = 3, .candidates = 100, .fts = {2.0, 1.0, 1.0, 2.0, 2.0, 0.0}};
    *w = d;
}

void ng_arch_stemmer_free(ng_archive *a)
{
    if (a->stemmer) sb_stemmer_delete(a->stemmer);
    a->stemmer = NULL;
}

typedef struct word_count {
    char w[64];
    uint8_t len;
    uint32_t tf;
    double weight;
} word_count;

typedef struct counter {
    word_count *slot; /* MAX_WORDS * 2 open-addressing slots */
    size_t used;
    uint32_t add; /* count each word this many times (headline words more) */
} counter;

static void count_word(void *ctx, const char *w, size_t len)
{
    counter *c = ctx;
    if (len < 2 || len > 63 || ng_is_stopword(w, len)) return;
    int digits_only = 1;
    for (size_t i = 0; i < len && digits_only; i++) digits_only = w[i] >= '0' && w[i] <= '9';
    if (digits_only) return;
    size_t mask = MAX_WORDS * 2 - 1, i = ng_hash_bytes(w, len) & mask;
    while (c->slot[i].len && (c->slot[i].len != len || memcmp(c->slot[i].w, w, len))) i = (i + 1) & mask;
    if (!c->slot[i].len) {
        if (c->used == MAX_WORDS) return;
        c->used++;
        memcpy(c->slot[i].w, w, len);
        c->slot[i].len = (uint8_t)len;
    }
    c->slot[i].tf += c->add;
}

static int by_weight(const void *a, const void *b)
{
    double x = ((const word_count *)a)->weight, y = ((const word_count *)b)->weight;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Weighs the counted words by tf-idf; they end sorted, best first. */
static ng_status weigh_words(ng_archive *a, counter *c, ng_error *err)
{
    if (!a->stemmer && !(a->stemmer = sb_stemmer_new("porter", NULL)))
        return ng_arch_fail(err, NG_E_NOMEM, "cannot make the stemmer");
    int64_t docs = 0;
    ng_status st = a->vt->count(a->be, &docs, err);
    size_t k = 0;
    for (size_t i = 0; st == NG_OK && i < MAX_WORDS * 2; i++) {
        word_count *w = &c->slot[i];
        if (!w->len) continue;
        const sb_symbol *stem = sb_stemmer_stem(a->stemmer, (const sb_symbol *)w->w, w->len);
        char term[128];
        int sl = stem ? sb_stemmer_length(a->stemmer) : 0;
        if (sl <= 0 || sl >= (int)sizeof term) continue;
        memcpy(term, stem, (size_t)sl);
        term[sl] = '\0';
        char word[64];
        memcpy(word, w->w, w->len);
        word[w->len] = '\0';
        int64_t df = 0;
        st = a->vt->doc_freq(a->be, word, term, &df, err);
        if (df <= 0) continue; /* no stored story has it */
        word_count keep = *w;
        keep.weight = (1.0 + log((double)w->tf)) * log((double)(docs + 1) / ((double)df + 0.5));
        c->slot[k++] = keep;
    }
    c->used = k;
    if (k) qsort(c->slot, k, sizeof *c->slot, by_weight);
    return st;
}

/* Appends up to MAX_NAMES lines of list as column-qualified FTS5 strings. */
static void add_names(ng_jbuf *b, const char *column, const char *list, int *first)
{
    const char *p = list;
    for (int k = 0; *p && k < MAX_NAMES; k++) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        int has_word = 0;
        for (size_t i = 0; i < n; i++) has_word |= (unsigned)(((unsigned char)p[i] | 32) - 'a') < 26u;
        if (has_word) {
            ng_jbuf_puts(b, *first ? "" : " OR ");
            ng_jbuf_printf(b, "%s : ", column);
            ng_arch_fts_string(b, p, n);
            *first = 0;
        }
        p = e ? e + 1 : p + n;
    }
}

/* The share of list a's weight (1/(1+rank)) whose lines are also in b. */
static double overlap(const char *a, const char *b)
{
    double both = 0, all = 0;
    const char *p = a;
    for (int k = 0; *p && k < MAX_NAMES; k++) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        double w = 1.0 / (1 + k);
        all += w;
        for (const char *q = b; *q;) {
            const char *qe = strchr(q, '\n');
            size_t m = qe ? (size_t)(qe - q) : strlen(q);
            if (m == n && n && !strncasecmp(p, q, n)) { both += w; break; }
            q = qe ? qe + 1 : q + m;
        }
        p = e ? e + 1 : p + n;
    }
    return all > 0 ? both / all : 0;
}

typedef struct profile {
    const char *id, *headline, *body, *entities, *tags, *date;
} profile;

static ng_status build_match(ng_archive *a, const profile *p, ng_jbuf *b, ng_error *err)
{
    counter c = {.slot = calloc(MAX_WORDS * 2, sizeof(word_count)), .add = 2};
    if (!c.slot) return ng_arch_fail(err, NG_E_NOMEM, "out of memory finding related stories");
    ng_arch_words(p->headline, strlen(p->headline), count_word, &c);
    c.add = 1;
    ng_arch_words(p->body, strlen(p->body), count_word, &c);
    ng_status st = weigh_words(a, &c, err);
    int first = 1;
    /* FTS5's BM25 gives every query phrase the same weight: a word the
     * story repeats is repeated in the query (up to .repeat times) */
    for (size_t i = 0; st == NG_OK && i < c.used && i < a->related.terms; i++) {
        size_t rep = c.slot[i].tf < a->related.repeat ? c.slot[i].tf : a->related.repeat;
        for (size_t k = 0; k < rep; k++) {
            ng_jbuf_puts(b, first ? "" : " OR ");
            ng_arch_fts_string(b, c.slot[i].w, c.slot[i].len);
            first = 0;
        }
    }
    free(c.slot);
    add_names(b, "entities", p->entities, &first);
    add_names(b, "tags", p->tags, &first);
    if (st == NG_OK && b->failed) st = ng_arch_fail(err, NG_E_NOMEM, "out of memory finding related stories");
    return st;
}

typedef struct ranked {
    double score;
    size_t index;
} ranked;

static int by_score(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->score != b->score) return a->score < b->score ? 1 : -1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Re-ranks the candidates and keeps the best n. */
static ng_status rerank(ng_archive *a, const profile *p, ng_arch_cands *c, size_t n,
                        ng_archive_results **out, ng_error *err)
{
    const ng_related_weights *w = &a->related;
    ranked *r = malloc((c->count ? c->count : 1) * sizeof *r);
    double *score = malloc((c->count ? c->count : 1) * sizeof *score);
    if (!r || !score) {
        free(r);
        free(score);
        ng_arch_cands_free(c);
        return ng_arch_fail(err, NG_E_NOMEM, "out of memory ranking related stories");
    }
    int64_t day = ng_arch_parse_day(p->date, strlen(p->date), 0);
    double best = c->count ? c->v[0].bm25 : 0;
    for (size_t i = 0; i < c->count; i++) {
        const ng_arch_cand *x = &c->v[i];
        double s = best < 0 ? x->bm25 / best : 0;
        s += w->entity * overlap(p->entities, x->entities);
        s += w->tag * overlap(p->tags, x->tags);
        if (day != NG_DAY_NONE && x->day != NG_DAY_NONE)
            s += w->recency * exp(-fabs((double)(day - x->day)) / w->recency_days);
        r[i].score = s;
        r[i].index = i;
    }
    qsort(r, c->count, sizeof *r, by_score);
    ng_arch_cands kept;
    memset(&kept, 0, sizeof kept);
    size_t k = 0;
    ng_status st = NG_OK;
    for (; k < c->count && k < n; k++) {
        ng_arch_cand *dst = ng_arch_cands_push(&kept);
        if (!dst) { st = ng_arch_fail(err, NG_E_NOMEM, "out of memory ranking related stories"); break; }
        *dst = c->v[r[k].index];
        memset(&c->v[r[k].index], 0, sizeof c->v[0]);
        score[k] = r[k].score;
    }
    ng_arch_cands_free(c);
    free(r);
    if (st == NG_OK) st = ng_arch_results_make(&kept, score, out, err);
    else ng_arch_cands_free(&kept);
    free(score);
    return st;
}

static ng_status related_of(ng_archive *a, const profile *p, size_t n, ng_archive_results **out,
                            ng_error *err)
{
    ng_jbuf m;
    ng_jbuf_init(&m);
    ng_status st = build_match(a, p, &m, err);
    ng_arch_cands c;
    memset(&c, 0, sizeof c);
    if (st == NG_OK && !m.len) { /* nothing to match: no related stories */
        ng_jbuf_free(&m);
        return ng_arch_results_make(&c, NULL, out, err);
    }
    ng_arch_fts q;
    memset(&q, 0, sizeof q);
    q.match = m.data;
    q.day_from = q.day_to = NG_DAY_NONE;
    memcpy(q.weights, a->related.fts, sizeof q.weights);
    q.exclude_id = p->id && *p->id ? p->id : NULL;
    q.limit = a->related.candidates > n ? a->related.candidates : n;
    if (st == NG_OK) st = a->vt->search(a->be, &q, &c, err);
    ng_jbuf_free(&m);
    if (st != NG_OK) {
        ng_arch_cands_free(&c);
        return st;
    }
    return rerank(a, p, &c, n, out, err);
}

ng_status ng_archive_related(ng_archive *a, const char *id, size_t n, ng_archive_results **out,
                             ng_error *err)
{
    *out = NULL;
    if (!a || !id || !n) return ng_arch_fail(err, NG_E_ARG, "no archive, id or result count");
    char *json = NULL;
    size_t len = 0;
    ng_status st = ng_archive_get(a, id, &json, &len, err);
    if (st != NG_OK || !json) return st;
    ng_arch_fields f;
    st = ng_arch_record_fields(json, len, &f, err);
    free(json);
    if (st != NG_OK) return st;
    profile p = {id, f.headline, f.body, f.entities, f.tags, f.date};
    st = related_of(a, &p, n, out, err);
    ng_arch_fields_free(&f);
    return st;
}

/* A '\n'-joined copy of the entity names (what == 0) or tags of doc. */
static char *doc_names(const ng_doc *doc, int what)
{
    ng_jbuf b;
    ng_jbuf_init(&b);
    size_t n = what == 0 ? ng_doc_entity_count(doc) : ng_doc_tag_count(doc);
    for (size_t i = 0; i < n; i++) {
        ng_str s = what == 0 ? ng_doc_entity(doc, i).name : ng_doc_tag(doc, i).text;
        if (i) ng_jbuf_put(&b, "\n", 1);
        ng_jbuf_put(&b, s.ptr ? s.ptr : "", s.len);
    }
    ng_jbuf_put(&b, "", 1);
    return b.failed ? NULL : b.data;
}

static char *str_dup(ng_str s)
{
    char *c = malloc(s.len + 1);
    if (!c) return NULL;
    if (s.len) memcpy(c, s.ptr, s.len);
    c[s.len] = '\0';
    return c;
}

ng_status ng_archive_related_doc(ng_archive *a, const ng_doc *doc, size_t n,
                                 ng_archive_results **out, ng_error *err)
{
    *out = NULL;
    if (!a || !doc || !n) return ng_arch_fail(err, NG_E_ARG, "no archive, document or result count");
    char *id = str_dup(ng_doc_field(doc, NG_FIELD_ID));
    char *headline = str_dup(ng_doc_field(doc, NG_FIELD_HEADLINE));
    char *body = str_dup(ng_doc_body(doc));
    char *date = str_dup(ng_doc_field(doc, NG_FIELD_DATE));
    char *ents = doc_names(doc, 0), *tags = doc_names(doc, 1);
    ng_status st = NG_OK;
    if (!id || !headline || !body || !date || !ents || !tags)
        st = ng_arch_fail(err, NG_E_NOMEM, "out of memory finding related stories");
    if (st == NG_OK) {
        profile p = {id, headline, body, ents, tags, date};
        st = related_of(a, &p, n, out, err);
    }
    free(id);
    free(headline);
    free(body);
    free(date);
    free(ents);
    free(tags);
    return st;
}
