/* archive.c - the archive's public door: opening a back end (PostgreSQL
 * for a postgresql:// URI, else an SQLite file), storing an
 * analysed document (its record, the text the index searches, its MinHash
 * signature and a near-copy check), reading a story back, search results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/archive_int.h"
#include "archive/archive_priv.h"
#include "output/jbuf.h"

ng_status ng_archive_open(const char *path, ng_archive **out, ng_error *err)
{
    *out = NULL;
    if (!path || !*path) return ng_arch_fail(err, NG_E_ARG, "no database path");
    ng_archive *a = calloc(1, sizeof *a);
    if (!a) return ng_arch_fail(err, NG_E_NOMEM, "out of memory opening the archive");
    ng_status st = ng_arch_is_postgres(path) ? ng_arch_postgres_open(path, &a->vt, &a->be, err)
                                             : ng_arch_sqlite_open(path, &a->vt, &a->be, err);
    if (st != NG_OK) {
        free(a);
        return st;
    }
    ng_related_weights_default(&a->related);
    static const double search_w[6] = {4.0, 1.0, 2.0, 2.0, 2.0, 0.5};
    memcpy(a->search_w, search_w, sizeof search_w);
    *out = a;
    return NG_OK;
}

void ng_archive_close(ng_archive *a)
{
    if (!a) return;
    a->vt->close(a->be);
    ng_arch_stemmer_free(a);
    free(a);
}

ng_status ng_archive_begin(ng_archive *a, ng_error *err) { return a->vt->begin(a->be, err); }
ng_status ng_archive_commit(ng_archive *a, ng_error *err) { return a->vt->commit(a->be, err); }

ng_status ng_archive_count(ng_archive *a, size_t *out, ng_error *err)
{
    int64_t n = 0;
    ng_status st = a->vt->count(a->be, &n, err);
    *out = (size_t)n;
    return st;
}

void ng_archive_set_related_weights(ng_archive *a, const ng_related_weights *w)
{
    if (w) a->related = *w;
    else ng_related_weights_default(&a->related);
}

void ng_archive_set_search_weights(ng_archive *a, const double w[6])
{
    memcpy(a->search_w, w, sizeof a->search_w);
}

/* ----------------------------------------------------------- storing */

static void put_list(ng_jbuf *b, const ng_doc *doc, ng_list list)
{
    for (size_t i = 0; i < ng_doc_list_count(doc, list); i++) {
        ng_str s = ng_doc_list_item(doc, list, i);
        if (i) ng_jbuf_puts(b, ",");
        ng_jbuf_string(b, s.ptr, s.len);
    }
}

static void put_str_key(ng_jbuf *b, const char *key, ng_str s)
{
    ng_jbuf_key(b, key);
    ng_jbuf_string(b, s.ptr ? s.ptr : "", s.len);
}

/* The stored record's JSON (see ng_archive_get()). */
static void record_json(ng_jbuf *b, const ng_doc *doc, const char *id)
{
    ng_jbuf_puts(b, "{\"id\":");
    ng_jbuf_string(b, id, strlen(id));
    ng_jbuf_puts(b, ",");
    put_str_key(b, "headline", ng_doc_field(doc, NG_FIELD_HEADLINE));
    ng_jbuf_puts(b, ",");
    put_str_key(b, "byline", ng_doc_field(doc, NG_FIELD_BYLINE));
    ng_jbuf_puts(b, ",");
    put_str_key(b, "dateline", ng_doc_field(doc, NG_FIELD_DATELINE));
    ng_jbuf_puts(b, ",");
    put_str_key(b, "date", ng_doc_field(doc, NG_FIELD_DATE));
    ng_jbuf_puts(b, ",");
    put_str_key(b, "format", ng_doc_field(doc, NG_FIELD_FORMAT));
    ng_jbuf_puts(b, ",");
    put_str_key(b, "body", ng_doc_body(doc));
    ng_jbuf_puts(b, ",\"highlights\":[");
    for (size_t i = 0; i < ng_doc_highlight_count(doc); i++) {
        ng_highlight h = ng_doc_highlight(doc, i);
        if (i) ng_jbuf_puts(b, ",");
        ng_jbuf_string(b, h.text.ptr, h.text.len);
    }
    ng_jbuf_puts(b, "],\"page_highlights\":[");
    put_list(b, doc, NG_LIST_PAGE_HIGHLIGHTS);
    ng_jbuf_puts(b, "],\"entities\":[");
    for (size_t i = 0; i < ng_doc_entity_count(doc); i++) {
        ng_entity e = ng_doc_entity(doc, i);
        ng_jbuf_puts(b, i ? ",{\"name\":" : "{\"name\":");
        ng_jbuf_string(b, e.name.ptr, e.name.len);
        ng_jbuf_printf(b, ",\"type\":\"%s\",\"mentions\":%zu,\"salience\":%.3f}",
                       ng_entity_type_name(e.type), e.mentions, e.salience);
    }
    ng_jbuf_puts(b, "],\"tags\":[");
    for (size_t i = 0; i < ng_doc_tag_count(doc); i++) {
        ng_tag t = ng_doc_tag(doc, i);
        if (i) ng_jbuf_puts(b, ",");
        ng_jbuf_string(b, t.text.ptr, t.text.len);
    }
    ng_jbuf_puts(b, "],\"quotes\":[");
    ng_str body = ng_doc_body(doc);
    for (size_t i = 0; i < ng_doc_quote_count(doc); i++) {
        ng_quote q = ng_doc_quote(doc, i);
        ng_jbuf_puts(b, i ? ",{\"text\":" : "{\"text\":");
        ng_jbuf_string(b, body.ptr + q.start, q.end - q.start);
        ng_jbuf_puts(b, ",\"speaker\":");
        ng_jbuf_string(b, q.speaker.len ? q.speaker.ptr : NULL, q.speaker.len);
        ng_jbuf_puts(b, ",\"cue\":");
        ng_jbuf_string(b, q.cue.len ? q.cue.ptr : NULL, q.cue.len);
        ng_jbuf_printf(b, ",\"partial\":%s}", q.partial ? "true" : "false");
    }
    ng_jbuf_puts(b, "]}");
}

/* The searchable text of a story, each piece NUL-terminated in one buffer. */
typedef struct story_text {
    ng_jbuf buf;
    size_t at[8];
} story_text;

static void text_piece(story_text *t, int k, ng_str s)
{
    t->at[k] = t->buf.len;
    ng_jbuf_put(&t->buf, s.ptr ? s.ptr : "", s.len);
    ng_jbuf_put(&t->buf, "", 1);
}

static void text_join(story_text *t, int k, const ng_doc *doc, int what)
{
    t->at[k] = t->buf.len;
    size_t n = what == 0 ? ng_doc_highlight_count(doc) : what == 1 ? ng_doc_entity_count(doc)
                                                                    : ng_doc_tag_count(doc);
    for (size_t i = 0; i < n; i++) {
        ng_str s = what == 0 ? ng_doc_highlight(doc, i).text
                   : what == 1 ? ng_doc_entity(doc, i).name : ng_doc_tag(doc, i).text;
        if (i) ng_jbuf_put(&t->buf, "\n", 1);
        ng_jbuf_put(&t->buf, s.ptr ? s.ptr : "", s.len);
    }
    ng_jbuf_put(&t->buf, "", 1);
}

static void choose_id(const ng_doc *doc, const char *id, char out[NG_ARCHIVE_ID_MAX + 1])
{
    ng_str rid = ng_doc_field(doc, NG_FIELD_ID);
    if (id && *id) {
        snprintf(out, NG_ARCHIVE_ID_MAX + 1, "%s", id);
    } else if (rid.len && rid.len <= NG_ARCHIVE_ID_MAX) {
        memcpy(out, rid.ptr, rid.len);
        out[rid.len] = '\0';
    } else {
        ng_str body = ng_doc_body(doc);
        uint64_t h = 14695981039346656037ull;
        for (size_t i = 0; i < body.len; i++) h = (h ^ (unsigned char)body.ptr[i]) * 1099511628211ull;
        snprintf(out, NG_ARCHIVE_ID_MAX + 1, "h%016llx", (unsigned long long)h);
    }
}

typedef struct near_ctx {
    ng_archive *a;
    const ng_shingles *sh;
    const char *self;
    int64_t seen[64];
    size_t nseen;
    double best;
    char best_id[NG_ARCHIVE_ID_MAX + 1];
    ng_status st;
    ng_error *err;
} near_ctx;

/* Checks one stored story that shares a band key with the new one. */
static int near_row(void *ctx, int64_t row)
{
    near_ctx *c = ctx;
    for (size_t i = 0; i < c->nseen; i++)
        if (c->seen[i] == row) return 0;
    if (c->nseen == sizeof c->seen / sizeof c->seen[0]) return 1; /* checked enough */
    c->seen[c->nseen++] = row;
    char *id = NULL, *body = NULL;
    c->st = c->a->vt->row(c->a->be, row, &id, &body, NULL, c->err);
    if (c->st != NG_OK) return 1;
    if (id && strcmp(id, c->self)) {
        ng_shingles other;
        if ((c->st = ng_shingles_of(body, strlen(body), &other, c->err)) == NG_OK) {
            double j = ng_shingles_jaccard(c->sh, &other);
            if (j >= NG_NEAR_COPY && j > c->best) {
                c->best = j;
                snprintf(c->best_id, sizeof c->best_id, "%s", id);
            }
            ng_shingles_free(&other);
        }
    }
    free(id);
    free(body);
    return c->st != NG_OK;
}

static ng_status store(ng_archive *a, const ng_doc *doc, const char *id, ng_arch_story *s,
                       ng_archive_put_info *info, ng_error *err)
{
    ng_str body = ng_doc_body(doc);
    ng_shingles sh;
    ng_status st = ng_shingles_of(body.ptr, body.len, &sh, err);
    if (st != NG_OK) return st;
    ng_minhash(&sh, s->minhash);
    ng_minhash_bands(s->minhash, s->bands);
    near_ctx nc = {.a = a, .sh = &sh, .self = id, .err = err};
    st = a->vt->band_rows(a->be, s->bands, NG_MH_BANDS, near_row, &nc, err);
    if (st == NG_OK) st = nc.st;
    ng_shingles_free(&sh);
    int replaced = 0;
    if (st == NG_OK) st = a->vt->put(a->be, s, &replaced, err);
    if (st == NG_OK && info) {
        snprintf(info->id, sizeof info->id, "%s", id);
        info->replaced = replaced;
        snprintf(info->near_copy_of, sizeof info->near_copy_of, "%s", nc.best_id);
        info->near_copy_similarity = nc.best;
    }
    return st;
}

ng_status ng_archive_put(ng_archive *a, const ng_doc *doc, const char *id,
                         ng_archive_put_info *info, ng_error *err)
{
    if (info) memset(info, 0, sizeof *info);
    if (!a || !doc) return ng_arch_fail(err, NG_E_ARG, "no archive or document");
    if (id && strlen(id) > NG_ARCHIVE_ID_MAX)
        return ng_arch_fail(err, NG_E_ARG, "id is over %d bytes", NG_ARCHIVE_ID_MAX);
    if (!ng_doc_body(doc).len) return ng_arch_fail(err, NG_E_EMPTY, "the story has no body text");
    char the_id[NG_ARCHIVE_ID_MAX + 1];
    choose_id(doc, id, the_id);
    ng_jbuf rec;
    ng_jbuf_init(&rec);
    record_json(&rec, doc, the_id);
    story_text t;
    ng_jbuf_init(&t.buf);
    ng_str date = ng_doc_field(doc, NG_FIELD_DATE);
    if (date.len > 64) date.len = 64;
    text_piece(&t, 0, ng_doc_field(doc, NG_FIELD_HEADLINE));
    text_piece(&t, 1, ng_doc_field(doc, NG_FIELD_BYLINE));
    text_piece(&t, 2, date);
    text_piece(&t, 3, ng_doc_body(doc));
    text_join(&t, 4, doc, 0);
    text_join(&t, 5, doc, 1);
    text_join(&t, 6, doc, 2);
    ng_status st = NG_OK;
    ng_arch_story s;
    memset(&s, 0, sizeof s);
    unsigned char *enc = NULL;
    if (rec.failed || t.buf.failed) st = ng_arch_fail(err, NG_E_NOMEM, "out of memory storing a story");
    if (st == NG_OK) st = ng_arch_record_encode(rec.data, rec.len, &enc, &s.record_len, err);
    if (st == NG_OK) {
        const char *p = t.buf.data;
        s.id = the_id;
        s.headline = p + t.at[0];
        s.byline = p + t.at[1];
        s.date = p + t.at[2];
        s.day = ng_arch_parse_day(date.ptr, date.len, 0);
        s.body = p + t.at[3];
        s.highlights = p + t.at[4];
        s.entities = p + t.at[5];
        s.tags = p + t.at[6];
        s.record = enc;
        st = store(a, doc, the_id, &s, info, err);
    }
    free(enc);
    ng_jbuf_free(&rec);
    ng_jbuf_free(&t.buf);
    return st;
}

ng_status ng_archive_get(ng_archive *a, const char *id, char **out, size_t *len, ng_error *err)
{
    *out = NULL;
    if (len) *len = 0;
    if (!a || !id) return ng_arch_fail(err, NG_E_ARG, "no archive or id");
    unsigned char *rec = NULL;
    size_t rec_len = 0, n = 0;
    ng_status st = a->vt->get(a->be, id, &rec, &rec_len, err);
    if (st == NG_OK && rec) st = ng_arch_record_decode(rec, rec_len, out, &n, err);
    free(rec);
    if (st == NG_OK && len) *len = n;
    return st;
}

/* ------------------------------------------------------------ results */

void ng_arch_cands_free(ng_arch_cands *c)
{
    for (size_t i = 0; i < c->count; i++) {
        ng_arch_cand *x = &c->v[i];
        free(x->id);
        free(x->headline);
        free(x->date);
        free(x->snippet);
        free(x->entities);
        free(x->tags);
    }
    free(c->v);
    memset(c, 0, sizeof *c);
}

ng_arch_cand *ng_arch_cands_push(ng_arch_cands *c)
{
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        ng_arch_cand *v = realloc(c->v, cap * sizeof *v);
        if (!v) return NULL;
        c->v = v;
        c->cap = cap;
    }
    ng_arch_cand *x = &c->v[c->count++];
    memset(x, 0, sizeof *x);
    return x;
}

struct ng_archive_results {
    ng_arch_cands cands;
    double *score;
};

ng_status ng_arch_results_make(ng_arch_cands *c, const double *score, ng_archive_results **out,
                               ng_error *err)
{
    ng_archive_results *r = calloc(1, sizeof *r);
    if (r) r->score = malloc((c->count ? c->count : 1) * sizeof *r->score);
    if (!r || !r->score) {
        free(r);
        ng_arch_cands_free(c);
        return ng_arch_fail(err, NG_E_NOMEM, "out of memory for results");
    }
    for (size_t i = 0; i < c->count; i++) r->score[i] = score ? score[i] : -c->v[i].bm25;
    r->cands = *c;
    memset(c, 0, sizeof *c);
    *out = r;
    return NG_OK;
}

size_t ng_archive_results_count(const ng_archive_results *r) { return r ? r->cands.count : 0; }

ng_archive_hit ng_archive_result(const ng_archive_results *r, size_t i)
{
    ng_archive_hit h;
    memset(&h, 0, sizeof h);
    if (!r || i >= r->cands.count) return h;
    const ng_arch_cand *c = &r->cands.v[i];
    h.id = c->id;
    h.headline = c->headline;
    h.date = c->date;
    h.snippet = c->snippet;
    h.score = r->score[i];
    return h;
}

void ng_archive_results_free(ng_archive_results *r)
{
    if (!r) return;
    ng_arch_cands_free(&r->cands);
    free(r->score);
    free(r);
}

ng_status ng_archive_search(ng_archive *a, const char *query, size_t n,
                            ng_archive_results **out, ng_error *err)
{
    *out = NULL;
    if (!a || !n) return ng_arch_fail(err, NG_E_ARG, "no archive or no result count");
    ng_arch_fts q;
    memset(&q, 0, sizeof q);
    char *match = NULL;
    ng_status st = ng_arch_query_parse(query, &match, &q.day_from, &q.day_to, err);
    if (st != NG_OK) return st;
    q.match = match;
    memcpy(q.weights, a->search_w, sizeof q.weights);
    q.limit = n;
    q.snippets = 1;
    ng_arch_cands c;
    memset(&c, 0, sizeof c);
    st = a->vt->search(a->be, &q, &c, err);
    free(match);
    if (st == NG_OK) return ng_arch_results_make(&c, NULL, out, err);
    ng_arch_cands_free(&c);
    return st;
}
