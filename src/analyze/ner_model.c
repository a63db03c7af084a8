/* ner_model.c - the named-entity tagger's model: hashed feature weights per
 * BIO tag, tag-bigram transition weights, the training gazetteer, the
 * lexicon and the word clusters;
 * Viterbi decoding; and the model file, versioned and CRC-32 checksummed
 * like the summarizer's (a corrupt or mismatched file gives NG_E_MODEL).
 *
 * File layout (little-endian):
 *   "NGNERAP1" magic, u32 format (NG_NER_MODEL_FORMAT), u32 feature version,
 *   u32 tags, u32 features per token, u32 bits, u32 passes (1 or 2),
 *   u32 document features per token (NG_NER_DOC_FEATS),
 *   f32 trans[(tags + 1) * tags] per pass,
 *   u32 gazetteer entries, then per entry u64 key, u32 type mask,
 *   (format 4) the lexicon the same way,
 *   the word clusters (ng_ner_clusters_write: u32 levels, u32 k per level,
 *   u32 words, u32 compressed size, deflated u64 key + u16 id per level),
 *   per pass the weights: in format 3 packed (ng_ner_compact_write: f32
 *   scale, u32 rows, u32 compressed size, then deflated a bit per bucket
 *   and the non-zero rows as i16 * tags); in format 2 (still read) u32
 *   compressed size, then the dense weights (f32, 2^bits * tags) deflated,
 *   u32 CRC-32 of every byte before it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "analyze/ner.h"
#include "core/bytes.h"
#include "core/doc.h"
#include "summarize/model.h"

static const char magic[8] = {'N', 'G', 'N', 'E', 'R', 'A', 'P', '1'};

ng_status ng_ner_model_init(ng_ner_model *m, uint32_t bits, ng_error *err)
{
    memset(m, 0, sizeof *m);
    if (bits < 8 || bits > 24) return ng_fail(err, NG_E_ARG, 0, "ner: %u hash bits (8 to 24)", bits);
    m->bits = bits;
    m->w = calloc((size_t)NG_NER_TAGS << bits, sizeof *m->w);
    if (!m->w) return ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
    return NG_OK;
}

void ng_ner_model_free(ng_ner_model *m)
{
    if (!m) return;
    free(m->w);
    free(m->w2);
    ng_ner_gaz_free(&m->gaz);
    ng_ner_gaz_free(&m->lex);
    ng_ner_clusters_free(&m->cl);
    ng_ner_compact_free(&m->packed[0]);
    ng_ner_compact_free(&m->packed[1]);
    memset(m, 0, sizeof *m);
}

void ng_ner_work_free(ng_ner_work *wk)
{
    free(wk->feats);
    free(wk->score);
    free(wk->back);
    free(wk->scratch);
    free(wk->cid);
    free(wk->dfeats);
    free(wk->ddoc);
    free(wk->hkey);
    free(wk->hcnt);
    free(wk->tslot);
    free(wk->sums);
    free(wk->tinfo);
    free(wk->rowp);
    free(wk->base2);
    ng_ner_wcache_free(&wk->cache);
    memset(wk, 0, sizeof *wk);
}

ng_status ng_ner_work_reserve(ng_ner_work *wk, size_t n)
{
    if (n <= wk->cap) return NG_OK;
    size_t cap = wk->cap ? wk->cap : 64;
    while (cap < n) cap *= 2;
    ng_ner_work nw = *wk;
    nw.feats = malloc(cap * NG_NER_FEATS2 * sizeof *nw.feats);
    nw.score = malloc(cap * NG_NER_TAGS * sizeof *nw.score);
    nw.back = malloc(cap * NG_NER_TAGS);
    nw.scratch = malloc(2 * cap);
    nw.cid = malloc(cap * NG_NER_CLUSTER_LEVELS * sizeof *nw.cid);
    nw.sums = malloc(cap * sizeof *nw.sums);
    nw.rowp = malloc(cap * 2 * NG_NER_PAIR_FEATS * sizeof *nw.rowp);
    nw.tinfo = malloc(cap * sizeof *nw.tinfo);
    if (!nw.feats || !nw.score || !nw.back || !nw.scratch || !nw.cid || !nw.sums || !nw.rowp || !nw.tinfo) {
        free(nw.feats);
        free(nw.score);
        free(nw.back);
        free(nw.scratch);
        free(nw.cid);
        free(nw.sums);
        free(nw.rowp);
        free(nw.tinfo);
        return NG_E_NOMEM;
    }
    nw.cap = cap;
    free(wk->feats);
    free(wk->score);
    free(wk->back);
    free(wk->scratch);
    free(wk->cid);
    free(wk->sums);
    free(wk->rowp);
    free(wk->tinfo);
    *wk = nw;
    return NG_OK;
}

/* Room for a document of n tokens' document features in wk, and (feats)
 * their first-pass features (the dense path keeps them). */
static ng_status reserve_doc(ng_ner_work *wk, size_t n, int feats)
{
    if (n <= wk->dcap && (!feats || wk->dfeats)) return NG_OK;
    size_t cap = wk->dcap ? wk->dcap : 1024;
    while (cap < n) cap *= 2;
    uint32_t *f = feats ? malloc(cap * NG_NER_FEATS * sizeof *f) : NULL, *d = malloc(cap * NG_NER_DOC_FEATS * sizeof *d);
    if ((feats && !f) || !d) {
        free(f);
        free(d);
        return NG_E_NOMEM;
    }
    free(wk->dfeats);
    free(wk->ddoc);
    wk->dfeats = f;
    wk->ddoc = d;
    wk->dcap = cap;
    return NG_OK;
}

/* IOB2: I-x only after B-x or I-x. */
static int allowed(int prev, int t)
{
    if (t == 0 || NG_NER_IS_B(t)) return 1;
    return prev > 0 && prev < NG_NER_TAGS && NG_NER_TYPE(prev) == NG_NER_TYPE(t);
}

/* Tag rows padded to a multiple of 4 so that loops over tags are vector
 * operations. */
#define PAD ((NG_NER_TAGS + 3) / 4 * 4)

#if defined(__GNUC__) || defined(__clang__)
typedef float v4f __attribute__((vector_size(16)));
typedef int32_t v4i __attribute__((vector_size(16)));

/* For each tag t, the best score prev[p] + tr[p][t] over predecessors p
 * (the lowest p on ties) and that p, four tags at a time. */
static void best_predecessors(const float (*tr)[PAD], const float *prev, float *best, int32_t *arg)
{
    v4f b[PAD / 4];
    v4i a[PAD / 4];
    for (int v = 0; v < PAD / 4; v++) {
        v4f row;
        memcpy(&row, tr[0] + 4 * v, sizeof row);
        b[v] = row + prev[0];
        a[v] = (v4i){0, 0, 0, 0};
    }
    for (int p = 1; p < NG_NER_TAGS; p++) {
        v4i pv = {p, p, p, p};
        for (int v = 0; v < PAD / 4; v++) {
            v4f row;
            memcpy(&row, tr[p] + 4 * v, sizeof row);
            v4f sc = row + prev[p];
            v4i better = sc > b[v];
            b[v] = (v4f)(((v4i)sc & better) | ((v4i)b[v] & ~better));
            a[v] = (pv & better) | (a[v] & ~better);
        }
    }
    memcpy(best, b, sizeof b);
    memcpy(arg, a, sizeof a);
}
#else
static void best_predecessors(const float (*tr)[PAD], const float *prev, float *best, int32_t *arg)
{
    for (int t = 0; t < PAD; t++) {
        best[t] = prev[0] + tr[0][t];
        arg[t] = 0;
        for (int p = 1; p < NG_NER_TAGS; p++)
            if (prev[p] + tr[p][t] > best[t]) {
                best[t] = prev[p] + tr[p][t];
                arg[t] = p;
            }
    }
}
#endif

/* Best IOB2-valid tag sequence for the emissions in wk->score (n rows),
 * Viterbi over tag bigrams in place; ties go to the lowest tag. */
static void decode_scores(const float (*trans)[NG_NER_TAGS], size_t n, ng_ner_work *wk, uint8_t *tags)
{
    if (!n) return;
    float *em = wk->score;
    /* transitions with the IOB2-invalid ones at -inf, rows padded to a
     * multiple of 4 so that the loops over tags are vector operations */
    float tr[NG_NER_TAGS + 1][PAD];
    for (int p = 0; p <= NG_NER_TAGS; p++)
        for (int t = 0; t < PAD; t++) tr[p][t] = t < NG_NER_TAGS && allowed(p, t) ? trans[p][t] : -INFINITY;
    /* Viterbi in place: em[i] becomes the best path score ending in t */
    for (int t = 0; t < NG_NER_TAGS; t++) {
        em[t] += tr[NG_NER_TAGS][t];
        wk->back[t] = NG_NER_TAGS;
    }
    for (size_t i = 1; i < n; i++) {
        const float *prev = em + (i - 1) * NG_NER_TAGS;
        float best[PAD];
        int32_t arg[PAD];
        best_predecessors(tr, prev, best, arg);
        float *cur = em + i * NG_NER_TAGS;
        for (int t = 0; t < NG_NER_TAGS; t++) {
            cur[t] += best[t];
            wk->back[i * NG_NER_TAGS + t] = (uint8_t)arg[t];
        }
    }
    const float *last = em + (n - 1) * NG_NER_TAGS;
    int bt = 0;
    for (int t = 1; t < NG_NER_TAGS; t++)
        if (last[t] > last[bt]) bt = t;
    for (size_t i = n; i-- > 0;) {
        tags[i] = (uint8_t)bt;
        if (i) bt = wk->back[i * NG_NER_TAGS + bt];
    }
}

void ng_ner_decode(const ng_ner_model *m, const uint32_t *feats, size_t n, ng_ner_work *wk,
                   uint8_t *tags)
{
    ng_ner_viterbi(m->w, (const float (*)[NG_NER_TAGS])m->trans, feats, NG_NER_FEATS, n, wk, tags);
}

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)0)
#endif

void ng_ner_viterbi(const float *wt, const float (*trans)[NG_NER_TAGS], const uint32_t *feats, size_t nf, size_t n,
                    ng_ner_work *wk, uint8_t *tags)
{
    if (!n) return;
    float *em = wk->score;
    /* the weight rows are scattered over megabytes: fetch the next token's
     * while summing this one's */
    for (size_t k = 0; k < nf; k++) {
        const float *w = wt + (size_t)feats[k] * NG_NER_TAGS;
        PREFETCH(w);
        PREFETCH(w + NG_NER_TAGS - 1);
    }
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n)
            for (size_t k = 0; k < nf; k++) {
                const float *w = wt + (size_t)feats[(i + 1) * nf + k] * NG_NER_TAGS;
                PREFETCH(w);
                PREFETCH(w + NG_NER_TAGS - 1);
            }
        float e[NG_NER_TAGS] = {0};
        for (size_t k = 0; k < nf; k++) {
            const float *w = wt + (size_t)feats[i * nf + k] * NG_NER_TAGS;
            for (int t = 0; t < NG_NER_TAGS; t++) e[t] += w[t];
        }
        memcpy(em + i * NG_NER_TAGS, e, sizeof e);
    }
    decode_scores(trans, n, wk, tags);
}

void ng_ner_emissions_direct(const ng_ner_model *m, ng_ner_work *wk, const char *const *words, size_t n,
                             float *em, int32_t *base2)
{
    ng_ner_features(&m->gaz, &m->lex, &m->cl, words, n, ((uint32_t)1 << m->bits) - 1, wk->scratch, wk->cid, wk->feats);
    for (size_t i = 0; i < n; i++) {
        const uint32_t *f = wk->feats + i * NG_NER_FEATS;
        int32_t q[NG_NER_TAGS] = {0};
        for (int k = 0; k < NG_NER_FEATS; k++) {
            const int16_t *r = ng_ner_compact_row(&m->packed[0], f[k]);
            for (int t = 0; r && t < NG_NER_TAGS; t++) q[t] += r[t];
        }
        for (int t = 0; t < NG_NER_TAGS; t++) em[i * NG_NER_TAGS + t] = (float)q[t] * m->packed[0].scale;
        if (!base2) continue;
        int32_t *b = base2 + i * NG_NER_TAGS;
        memset(b, 0, NG_NER_TAGS * sizeof *b);
        for (int k = 0; k < NG_NER_FEATS; k++) {
            const int16_t *r = ng_ner_compact_row(&m->packed[1], f[k]);
            for (int t = 0; r && t < NG_NER_TAGS; t++) b[t] += r[t];
        }
    }
}

/* The first pass's emissions of a sentence into wk->score (and base2 for a
 * second pass): from the word cache, or for a sentence too long for it
 * (NG_NER_LONG_SENTENCE) feature by feature.  NG_E_NOMEM on failure. */
static ng_status packed_emissions(const ng_ner_model *m, ng_ner_work *wk, int passes, const char *const *words,
                                  size_t n, int32_t *base2)
{
    if (n > NG_NER_LONG_SENTENCE) {
        ng_ner_emissions_direct(m, wk, words, n, wk->score, base2);
        return NG_OK;
    }
    if (ng_ner_wcache_reserve(&wk->cache, m, passes, n)) return NG_E_NOMEM;
    ng_ner_emissions(m, wk, words, n, wk->score, base2);
    return NG_OK;
}

ng_status ng_ner_tag(const ng_ner_model *m, ng_ner_work *wk, const char *const *words, size_t n,
                     uint8_t *tags, ng_error *err)
{
    if (ng_ner_work_reserve(wk, n)) return ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
    if (!n) return NG_OK;
    if (m->packed[0].blocks) {
        if (packed_emissions(m, wk, 1, words, n, NULL)) return ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
        decode_scores((const float (*)[NG_NER_TAGS])m->trans, n, wk, tags);
        return NG_OK;
    }
    ng_ner_features(&m->gaz, &m->lex, &m->cl, words, n, ((uint32_t)1 << m->bits) - 1, wk->scratch, wk->cid, wk->feats);
    ng_ner_decode(m, wk->feats, n, wk, tags);
    return NG_OK;
}

static int two_passes(const ng_ner_model *m)
{
    return m->w2 || m->packed[1].blocks;
}

/* Room for a document of n tokens' second-pass bases. */
static ng_status reserve_base2(ng_ner_work *wk, size_t n)
{
    if (n <= wk->bcap) return NG_OK;
    size_t cap = wk->bcap ? wk->bcap : 1024;
    while (cap < n) cap *= 2;
    int32_t *b = malloc(cap * NG_NER_TAGS * sizeof *b);
    if (!b) return NG_E_NOMEM;
    free(wk->base2);
    wk->base2 = b;
    wk->bcap = cap;
    return NG_OK;
}

/* ng_ner_tag_document() with packed weights: word sums from the cache for
 * both passes at once. */
static ng_status tag_document_packed(const ng_ner_model *m, ng_ner_work *wk, const char *const *words,
                                     const ng_ner_sentence *sents, size_t nsent, size_t total, uint8_t *tags,
                                     ng_error *err)
{
    int two = m->packed[1].blocks && wk->passes != 1;
    if (two && (reserve_base2(wk, total) || reserve_doc(wk, total, 0)))
        return ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
    size_t j = 0;
    for (size_t s = 0; s < nsent; s++) {
        const ng_ner_sentence *se = &sents[s];
        if (packed_emissions(m, wk, two ? 2 : 1, words + se->first, se->n, two ? wk->base2 + j * NG_NER_TAGS : NULL))
            return ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
        decode_scores((const float (*)[NG_NER_TAGS])m->trans, se->n, wk, tags + se->first);
        j += se->n;
    }
    if (!two) return NG_OK;
    if (ng_ner_doc_features(words, sents, nsent, tags, ((uint32_t)1 << m->bits) - 1, wk, wk->ddoc))
        return ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
    j = 0;
    for (size_t s = 0; s < nsent; s++) {
        const ng_ner_sentence *se = &sents[s];
        ng_ner_emissions2(m, se->n, wk->base2 + j * NG_NER_TAGS, wk->ddoc + j * NG_NER_DOC_FEATS, wk->score);
        decode_scores((const float (*)[NG_NER_TAGS])m->trans2, se->n, wk, tags + se->first);
        j += se->n;
    }
    return NG_OK;
}

ng_status ng_ner_tag_document(const ng_ner_model *m, ng_ner_work *wk, const char *const *words,
                              const ng_ner_sentence *sents, size_t nsent, uint8_t *tags,
                              ng_error *err)
{
    if ((!two_passes(m) || wk->passes == 1) && !m->packed[0].blocks) {
        for (size_t s = 0; s < nsent; s++) {
            ng_status st = ng_ner_tag(m, wk, words + sents[s].first, sents[s].n, tags + sents[s].first, err);
            if (st) return st;
        }
        return NG_OK;
    }
    size_t total = 0, maxn = 0;
    for (size_t s = 0; s < nsent; s++) {
        total += sents[s].n;
        if (sents[s].n > maxn) maxn = sents[s].n;
    }
    if (ng_ner_work_reserve(wk, maxn)) return ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
    if (m->packed[0].blocks) return tag_document_packed(m, wk, words, sents, nsent, total, tags, err);
    if (reserve_doc(wk, total, 1)) return ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
    uint32_t mask = ((uint32_t)1 << m->bits) - 1;
    /* pass 1: each sentence alone, keeping its features */
    size_t j = 0;
    for (size_t s = 0; s < nsent; s++) {
        const ng_ner_sentence *se = &sents[s];
        uint32_t *f = wk->dfeats + j * NG_NER_FEATS;
        ng_ner_features(&m->gaz, &m->lex, &m->cl, words + se->first, se->n, mask, wk->scratch, wk->cid, f);
        ng_ner_decode(m, f, se->n, wk, tags + se->first);
        j += se->n;
    }
    /* pass 2: the same features and the document's */
    if (ng_ner_doc_features(words, sents, nsent, tags, mask, wk, wk->ddoc))
        return ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
    j = 0;
    for (size_t s = 0; s < nsent; s++) {
        const ng_ner_sentence *se = &sents[s];
        for (size_t i = 0; i < se->n; i++) {
            memcpy(wk->feats + i * NG_NER_FEATS2, wk->dfeats + (j + i) * NG_NER_FEATS, NG_NER_FEATS * sizeof *wk->feats);
            memcpy(wk->feats + i * NG_NER_FEATS2 + NG_NER_FEATS, wk->ddoc + (j + i) * NG_NER_DOC_FEATS,
                   NG_NER_DOC_FEATS * sizeof *wk->feats);
        }
        ng_ner_viterbi(m->w2, (const float (*)[NG_NER_TAGS])m->trans2, wk->feats, NG_NER_FEATS2, se->n, wk,
                       tags + se->first);
        j += se->n;
    }
    return NG_OK;
}

ng_status ng_ner_evaluate(const ng_ner_model *m, const ng_ner_corpus *c, int passes, uint8_t *pred,
                          ng_ner_score *score, ng_error *err)
{
    ng_ner_work wk = {0};
    wk.passes = passes == 1;
    memset(score, 0, sizeof *score);
    for (size_t s = 0; s < c->nsent;) {
        size_t e = s + 1;
        while (e < c->nsent && c->sent[e].doc == c->sent[s].doc) e++;
        ng_status st = ng_ner_tag_document(m, &wk, c->word, c->sent + s, e - s, pred, err);
        if (st) {
            ng_ner_work_free(&wk);
            return st;
        }
        for (size_t k = s; k < e; k++)
            ng_ner_score_add(score, c->gold + c->sent[k].first, pred + c->sent[k].first, c->sent[k].n);
        s = e;
    }
    ng_ner_work_free(&wk);
    return NG_OK;
}

/* ---------------------------------------------------------------- file */

/* Appends weights w (f32, 2^bits * tags) deflated, after their size. */
static void write_gaz(const ng_ner_gaz *g, ng_wbuf *w)
{
    ng_wbuf_u32(w, (uint32_t)g->count);
    for (size_t i = 0; i < g->cap; i++) {
        if (!g->key[i]) continue;
        ng_wbuf_u32(w, (uint32_t)g->key[i]);
        ng_wbuf_u32(w, (uint32_t)(g->key[i] >> 32));
        ng_wbuf_u32(w, g->mask[i]);
    }
}

/* Reads a gazetteer written by write_gaz() into g (what names it in
 * messages).  NG_E_MODEL or NG_E_NOMEM on failure. */
static ng_status read_gaz(ng_rbuf *r, ng_ner_gaz *g, const char *what, ng_error *err)
{
    uint32_t n = ng_rbuf_u32(r);
    if (r->bad || n > (r->len - r->pos) / 12)
        return ng_fail(err, NG_E_MODEL, 0, "ner model: %s does not fit the file", what);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t lo = ng_rbuf_u32(r), hi = ng_rbuf_u32(r);
        uint32_t mask = ng_rbuf_u32(r);
        if (mask == 0 || mask >= (1u << NG_NER_TYPES)) r->bad = 1;
        if (r->bad) break;
        if (ng_ner_gaz_put(g, lo | hi << 32, (uint8_t)mask))
            return ng_fail(err, NG_E_NOMEM, 0, "ner model: out of memory");
    }
    if (r->bad) return ng_fail(err, NG_E_MODEL, 0, "ner model: bad %s entry", what);
    return NG_OK;
}

ng_status ng_ner_model_write(const ng_ner_model *m, unsigned char **out, size_t *len, ng_error *err)
{
    *out = NULL;
    *len = 0;
    ng_wbuf w = {0};
    uint32_t passes = two_passes(m) ? 2 : 1;
    ng_wbuf_put(&w, magic, 8);
    ng_wbuf_u32(&w, NG_NER_MODEL_FORMAT);
    ng_wbuf_u32(&w, NG_NER_FEATURE_VERSION);
    ng_wbuf_u32(&w, NG_NER_TAGS);
    ng_wbuf_u32(&w, NG_NER_FEATS);
    ng_wbuf_u32(&w, m->bits);
    ng_wbuf_u32(&w, passes);
    ng_wbuf_u32(&w, NG_NER_DOC_FEATS);
    for (int p = 0; p <= NG_NER_TAGS; p++)
        for (int t = 0; t < NG_NER_TAGS; t++) ng_wbuf_f32(&w, m->trans[p][t]);
    if (passes == 2)
        for (int p = 0; p <= NG_NER_TAGS; p++)
            for (int t = 0; t < NG_NER_TAGS; t++) ng_wbuf_f32(&w, m->trans2[p][t]);
    write_gaz(&m->gaz, &w);
    write_gaz(&m->lex, &w);
    ng_ner_clusters_write(&m->cl, &w);
    for (uint32_t p = 0; p < passes && !w.bad; p++) {
        /* the packed form decoding uses, made here from a trained model */
        const ng_ner_compact *pk = &m->packed[p];
        ng_ner_compact built;
        memset(&built, 0, sizeof built);
        if (!pk->blocks) {
            if (ng_ner_compact_build(p ? m->w2 : m->w, m->bits, &built)) w.bad = 1;
            pk = &built;
        }
        if (!w.bad) ng_ner_compact_write(pk, m->bits, &w);
        ng_ner_compact_free(&built);
    }
    if (!w.bad) ng_wbuf_u32(&w, ng_crc32(w.p, w.len));
    if (w.bad) {
        free(w.p);
        return ng_fail(err, NG_E_NOMEM, 0, "ner model: out of memory");
    }
    *out = w.p;
    *len = w.len;
    return NG_OK;
}

/* Reads deflated weights into wt (2^bits * tags); last: they must end the
 * file.  NG_E_MODEL or NG_E_NOMEM on failure. */
static ng_status read_weights(ng_rbuf *r, float *wt, uint32_t bits, int last, ng_error *err)
{
    uint32_t zlen = ng_rbuf_u32(r);
    if (r->bad || zlen > r->len - r->pos || (last && zlen != r->len - r->pos))
        return ng_fail(err, NG_E_MODEL, 0, "ner model: weights do not fit the file");
    size_t nw = (size_t)NG_NER_TAGS << bits;
    unsigned char *raw = malloc(nw * 4);
    if (!raw) return ng_fail(err, NG_E_NOMEM, 0, "ner model: out of memory");
    uLongf rawlen = (uLongf)(nw * 4);
    int zr = uncompress(raw, &rawlen, r->p + r->pos, zlen);
    r->pos += zlen;
    if (zr != Z_OK || rawlen != nw * 4) {
        free(raw);
        return ng_fail(err, NG_E_MODEL, 0, "ner model: weights are corrupt");
    }
    for (size_t i = 0; i < nw; i++) {
        uint32_t v = (uint32_t)raw[4 * i] | (uint32_t)raw[4 * i + 1] << 8 | (uint32_t)raw[4 * i + 2] << 16 |
                     (uint32_t)raw[4 * i + 3] << 24;
        float f;
        memcpy(&f, &v, 4);
        if (!isfinite(f)) {
            free(raw);
            return ng_fail(err, NG_E_MODEL, 0, "ner model: a weight is not finite");
        }
        wt[i] = f;
    }
    free(raw);
    return NG_OK;
}

static ng_status load_fail(ng_ner_model *m, ng_status st)
{
    ng_ner_model_free(m);
    return st;
}

ng_status ng_ner_model_load(const unsigned char *p, size_t len, ng_ner_model *m, ng_error *err)
{
    memset(m, 0, sizeof *m);
    if (len < 12 || memcmp(p, magic, 8))
        return ng_fail(err, NG_E_MODEL, 0, "ner model: not a nutgraf NER model (bad magic)");
    ng_rbuf r = {p, len - 4, 8, 0};
    uint32_t stored = (uint32_t)p[len - 4] | (uint32_t)p[len - 3] << 8 | (uint32_t)p[len - 2] << 16 |
                      (uint32_t)p[len - 1] << 24;
    uint32_t actual = ng_crc32(p, len - 4);
    if (stored != actual)
        return ng_fail(err, NG_E_MODEL, 0, "ner model: checksum mismatch (stored %08x, computed %08x): the file is corrupt",
                       stored, actual);
    m->checksum = actual;
    uint32_t format = ng_rbuf_u32(&r);
    if (r.bad) return ng_fail(err, NG_E_MODEL, 0, "ner model: truncated header");
    if (format < 2 || format > NG_NER_MODEL_FORMAT)
        return ng_fail(err, NG_E_MODEL, 0, "ner model: file format %u, this nutgraf reads 2 to %u", format,
                       NG_NER_MODEL_FORMAT);
    uint32_t fver = ng_rbuf_u32(&r), ntags = ng_rbuf_u32(&r), nfeats = ng_rbuf_u32(&r), bits = ng_rbuf_u32(&r),
             passes = ng_rbuf_u32(&r), ndoc = ng_rbuf_u32(&r);
    if (r.bad) return ng_fail(err, NG_E_MODEL, 0, "ner model: truncated header");
    if (fver != NG_NER_FEATURE_VERSION || ntags != NG_NER_TAGS || nfeats != NG_NER_FEATS || ndoc != NG_NER_DOC_FEATS)
        return ng_fail(err, NG_E_MODEL, 0, "ner model: features v%u (%u tags, %u + %u features); this nutgraf computes v%u (%u, %u + %u)",
                       fver, ntags, nfeats, ndoc, NG_NER_FEATURE_VERSION, NG_NER_TAGS, NG_NER_FEATS, NG_NER_DOC_FEATS);
    if (bits < 8 || bits > 24) return ng_fail(err, NG_E_MODEL, 0, "ner model: %u hash bits", bits);
    if (passes != 1 && passes != 2) return ng_fail(err, NG_E_MODEL, 0, "ner model: %u passes", passes);
    /* the weights must fit what is left, at least a deflated byte per 1032
     * (dense) or a bitmap bit per bucket */
    size_t least = format == 2 ? ((size_t)NG_NER_TAGS << bits) * 4 / 1032 : ((size_t)1 << bits) / 8 / 1032;
    if (least * passes > len) return ng_fail(err, NG_E_MODEL, 0, "ner model: %u hash bits do not fit the file", bits);
    ng_status st = NG_OK;
    m->bits = bits;
    if (format == 2) {
        /* dense weights, packed once read */
        st = ng_ner_model_init(m, bits, err);
        if (st) return st == NG_E_NOMEM ? st : ng_fail(err, NG_E_MODEL, 0, "ner model: bad size");
        if (passes == 2) {
            m->w2 = calloc((size_t)NG_NER_TAGS << bits, sizeof *m->w2);
            if (!m->w2) return load_fail(m, ng_fail(err, NG_E_NOMEM, 0, "ner model: out of memory"));
        }
    }
    for (int a = 0; a <= NG_NER_TAGS; a++)
        for (int t = 0; t < NG_NER_TAGS; t++) m->trans[a][t] = ng_rbuf_f32(&r);
    if (passes == 2)
        for (int a = 0; a <= NG_NER_TAGS; a++)
            for (int t = 0; t < NG_NER_TAGS; t++) m->trans2[a][t] = ng_rbuf_f32(&r);
    for (int a = 0; a <= NG_NER_TAGS; a++)
        for (int t = 0; t < NG_NER_TAGS; t++)
            if (!isfinite(m->trans[a][t]) || !isfinite(m->trans2[a][t]))
                return load_fail(m, ng_fail(err, NG_E_MODEL, 0, "ner model: a transition is not finite"));
    st = read_gaz(&r, &m->gaz, "gazetteer", err);
    if (!st && format >= 4) st = read_gaz(&r, &m->lex, "lexicon", err);
    if (st) return load_fail(m, st);
    st = ng_ner_clusters_read(&r, &m->cl, err);
    if (st) return load_fail(m, st);
    if (format != 2) {
        for (uint32_t k = 0; k < passes && !st; k++) st = ng_ner_compact_read(&r, bits, &m->packed[k], err);
        if (!st && r.pos != r.len) st = ng_fail(err, NG_E_MODEL, 0, "ner model: bytes after the weights");
        return st ? load_fail(m, st) : NG_OK;
    }
    st = read_weights(&r, m->w, bits, passes == 1, err);
    if (!st && passes == 2) st = read_weights(&r, m->w2, bits, 1, err);
    if (st) return load_fail(m, st);
    if (ng_ner_compact_build(m->w, bits, &m->packed[0]) ||
        (m->w2 && ng_ner_compact_build(m->w2, bits, &m->packed[1])))
        return load_fail(m, ng_fail(err, NG_E_NOMEM, 0, "ner model: out of memory"));
    return NG_OK;
}

ng_status ng_ner_model_save_file(const ng_ner_model *m, const char *path, ng_error *err)
{
    unsigned char *bytes;
    size_t len;
    ng_status st = ng_ner_model_write(m, &bytes, &len, err);
    if (st) return st;
    FILE *f = fopen(path, "wb");
    if (!f) {
        free(bytes);
        return ng_fail(err, NG_E_IO, 0, "ner model %s: cannot create", path);
    }
    size_t wr = fwrite(bytes, 1, len, f);
    int cl = fclose(f);
    free(bytes);
    if (wr != len || cl) return ng_fail(err, NG_E_IO, 0, "ner model %s: write failed", path);
    return NG_OK;
}

ng_status ng_ner_model_load_file(const char *path, ng_ner_model *m, ng_error *err)
{
    memset(m, 0, sizeof *m);
    FILE *f = fopen(path, "rb");
    if (!f) return ng_fail(err, NG_E_MODEL, 0, "ner model %s: cannot open", path);
    size_t cap = 1 << 20, len = 0;
    unsigned char *buf = malloc(cap);
    ng_status st = NG_OK;
    while (buf) {
        if (len == cap) {
            if (cap >= NG_NER_MODEL_MAX_BYTES) {
                st = ng_fail(err, NG_E_MODEL, 0, "ner model %s: over %zu bytes", path, NG_NER_MODEL_MAX_BYTES);
                break;
            }
            unsigned char *q = realloc(buf, cap * 2);
            if (!q) break;
            buf = q;
            cap *= 2;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    int rerr = ferror(f);
    fclose(f);
    if (!buf) return ng_fail(err, NG_E_NOMEM, 0, "ner model: out of memory");
    if (!st && rerr) st = ng_fail(err, NG_E_MODEL, 0, "ner model %s: read error", path);
    if (!st) st = ng_ner_model_load(buf, len, m, err);
    free(buf);
    return st;
}
