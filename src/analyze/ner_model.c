/* ner_model.c - the named-entity tagger's model: hashed feature weights per
 * BIO tag, tag-bigram transition weights and the training gazetteer;
 * Viterbi decoding; and the model file, versioned and CRC-32 checksummed
 * like the summarizer's (a corrupt or mismatched file gives NG_E_MODEL).
 *
 * File layout (little-endian):
 *   "NGNERAP1" magic, u32 format (NG_NER_MODEL_FORMAT), u32 feature version,
 *   u32 tags, u32 features per token, u32 bits,
 *   f32 trans[(tags + 1) * tags],
 *   u32 gazetteer entries, then per entry u64 key, u32 type mask,
 *   u32 compressed size, the weights (f32, 2^bits * tags) deflated by zlib,
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
    ng_ner_gaz_free(&m->gaz);
    ng_ner_compact_free(&m->packed);
    memset(m, 0, sizeof *m);
}

void ng_ner_work_free(ng_ner_work *wk)
{
    free(wk->feats);
    free(wk->score);
    free(wk->back);
    free(wk->scratch);
    free(wk->sums);
    ng_ner_wcache_free(&wk->cache);
    memset(wk, 0, sizeof *wk);
}

ng_status ng_ner_work_reserve(ng_ner_work *wk, size_t n)
{
    if (n <= wk->cap) return NG_OK;
    size_t cap = wk->cap ? wk->cap : 64;
    while (cap < n) cap *= 2;
    ng_ner_work nw = {0};
    nw.feats = malloc(cap * NG_NER_FEATS * sizeof *nw.feats);
    nw.score = malloc(cap * NG_NER_TAGS * sizeof *nw.score);
    nw.back = malloc(cap * NG_NER_TAGS);
    nw.scratch = malloc(cap);
    nw.sums = malloc(cap * sizeof *nw.sums);
    if (!nw.feats || !nw.score || !nw.back || !nw.scratch || !nw.sums) {
        ng_ner_work_free(&nw);
        return NG_E_NOMEM;
    }
    nw.cap = cap;
    nw.cache = wk->cache; /* the cache survives growing */
    memset(&wk->cache, 0, sizeof wk->cache);
    ng_ner_work_free(wk);
    *wk = nw;
    return NG_OK;
}

/* IOB2: I-x only after B-x or I-x. */
static int allowed(int prev, int t)
{
    if (t == 0 || NG_NER_IS_B(t)) return 1;
    return prev > 0 && prev < NG_NER_TAGS && NG_NER_TYPE(prev) == NG_NER_TYPE(t);
}

/* Best IOB2-valid tag sequence for the emissions in wk->score (n rows),
 * Viterbi over tag bigrams in place. */
static void viterbi(const ng_ner_model *m, size_t n, ng_ner_work *wk, uint8_t *tags)
{
    float *em = wk->score;
    /* Viterbi in place: em[i] becomes the best path score ending in t */
    for (int t = 0; t < NG_NER_TAGS; t++) {
        em[t] = allowed(NG_NER_TAGS, t) ? em[t] + m->trans[NG_NER_TAGS][t] : -INFINITY;
        wk->back[t] = NG_NER_TAGS;
    }
    /* each tag's allowed predecessors, in ascending order (ties go to the
     * first, as before) */
    uint8_t pred[NG_NER_TAGS][NG_NER_TAGS], npred[NG_NER_TAGS];
    for (int t = 0; t < NG_NER_TAGS; t++) {
        npred[t] = 0;
        for (int p = 0; p < NG_NER_TAGS; p++)
            if (allowed(p, t)) pred[t][npred[t]++] = (uint8_t)p;
    }
    for (size_t i = 1; i < n; i++) {
        const float *prev = em + (i - 1) * NG_NER_TAGS;
        float *cur = em + i * NG_NER_TAGS;
        for (int t = 0; t < NG_NER_TAGS; t++) {
            float best = -INFINITY;
            int arg = 0;
            for (int k = 0; k < npred[t]; k++) {
                int p = pred[t][k];
                float s = prev[p] + m->trans[p][t];
                if (s > best) {
                    best = s;
                    arg = p;
                }
            }
            cur[t] += best;
            wk->back[i * NG_NER_TAGS + t] = (uint8_t)arg;
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
    if (!n) return;
    float *em = wk->score;
    for (size_t i = 0; i < n; i++) {
        /* summed in a local array: e may alias the weights for all the
         * compiler knows, which would make it reload e after every row */
        float acc[NG_NER_TAGS] = {0};
        const uint32_t *fi = feats + i * NG_NER_FEATS;
        if (m->packed.present) {
            int32_t q[NG_NER_TAGS] = {0};
            for (int k = 0; k < NG_NER_FEATS; k++) {
                const int16_t *w = ng_ner_compact_row(&m->packed, fi[k]);
                if (!w) continue;
                for (int t = 0; t < NG_NER_TAGS; t++) q[t] += w[t];
            }
            for (int t = 0; t < NG_NER_TAGS; t++) acc[t] = (float)q[t] * m->packed.scale;
        } else {
            for (int k = 0; k < NG_NER_FEATS; k++) {
                const float *w = m->w + (size_t)fi[k] * NG_NER_TAGS;
                for (int t = 0; t < NG_NER_TAGS; t++) acc[t] += w[t];
            }
        }
        memcpy(em + i * NG_NER_TAGS, acc, sizeof acc);
    }
    viterbi(m, n, wk, tags);
}

ng_status ng_ner_tag(const ng_ner_model *m, ng_ner_work *wk, const char *const *words, size_t n,
                     uint8_t *tags, ng_error *err)
{
    if (ng_ner_work_reserve(wk, n)) return ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
    if (!n) return NG_OK;
    if (m->packed.present) {
        if (ng_ner_emissions(m, &wk->cache, words, n, wk->scratch, wk->sums, wk->score))
            return ng_fail(err, NG_E_NOMEM, 0, "ner: out of memory");
        viterbi(m, n, wk, tags);
        return NG_OK;
    }
    ng_ner_features(&m->gaz, words, n, ((uint32_t)1 << m->bits) - 1, wk->scratch, wk->feats);
    ng_ner_decode(m, wk->feats, n, wk, tags);
    return NG_OK;
}

ng_status ng_ner_tag_document(const ng_ner_model *m, ng_ner_work *wk, const char *const *words,
                              const ng_ner_sentence *sents, size_t nsent, uint8_t *tags,
                              ng_error *err)
{
    for (size_t s = 0; s < nsent; s++) {
        ng_status st = ng_ner_tag(m, wk, words + sents[s].first, sents[s].n, tags + sents[s].first, err);
        if (st) return st;
    }
    return NG_OK;
}

ng_status ng_ner_evaluate(const ng_ner_model *m, const ng_ner_corpus *c, uint8_t *pred,
                          ng_ner_score *score, ng_error *err)
{
    ng_ner_work wk = {0};
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

ng_status ng_ner_model_write(const ng_ner_model *m, unsigned char **out, size_t *len, ng_error *err)
{
    *out = NULL;
    *len = 0;
    ng_wbuf w = {0};
    ng_wbuf_put(&w, magic, 8);
    ng_wbuf_u32(&w, NG_NER_MODEL_FORMAT);
    ng_wbuf_u32(&w, NG_NER_FEATURE_VERSION);
    ng_wbuf_u32(&w, NG_NER_TAGS);
    ng_wbuf_u32(&w, NG_NER_FEATS);
    ng_wbuf_u32(&w, m->bits);
    for (int p = 0; p <= NG_NER_TAGS; p++)
        for (int t = 0; t < NG_NER_TAGS; t++) ng_wbuf_f32(&w, m->trans[p][t]);
    ng_wbuf_u32(&w, (uint32_t)m->gaz.count);
    for (size_t i = 0; i < m->gaz.cap; i++) {
        if (!m->gaz.key[i]) continue;
        ng_wbuf_u32(&w, (uint32_t)m->gaz.key[i]);
        ng_wbuf_u32(&w, (uint32_t)(m->gaz.key[i] >> 32));
        ng_wbuf_u32(&w, m->gaz.mask[i]);
    }
    /* weights: little-endian f32, deflated */
    size_t nw = (size_t)NG_NER_TAGS << m->bits;
    unsigned char *raw = malloc(nw * 4);
    uLongf zlen = compressBound((uLong)(nw * 4));
    unsigned char *z = malloc(zlen);
    if (!raw || !z) w.bad = 1;
    if (!w.bad) {
        for (size_t i = 0; i < nw; i++) {
            uint32_t v;
            memcpy(&v, &m->w[i], 4);
            raw[4 * i] = (unsigned char)v;
            raw[4 * i + 1] = (unsigned char)(v >> 8);
            raw[4 * i + 2] = (unsigned char)(v >> 16);
            raw[4 * i + 3] = (unsigned char)(v >> 24);
        }
        if (compress2(z, &zlen, raw, (uLong)(nw * 4), 6) != Z_OK) w.bad = 1;
    }
    if (!w.bad) {
        ng_wbuf_u32(&w, (uint32_t)zlen);
        ng_wbuf_put(&w, z, zlen);
    }
    free(raw);
    free(z);
    if (!w.bad) ng_wbuf_u32(&w, ng_crc32(w.p, w.len));
    if (w.bad) {
        free(w.p);
        return ng_fail(err, NG_E_NOMEM, 0, "ner model: out of memory");
    }
    *out = w.p;
    *len = w.len;
    return NG_OK;
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
    uint32_t format = ng_rbuf_u32(&r), fver = ng_rbuf_u32(&r), ntags = ng_rbuf_u32(&r), nfeats = ng_rbuf_u32(&r),
             bits = ng_rbuf_u32(&r);
    if (r.bad) return ng_fail(err, NG_E_MODEL, 0, "ner model: truncated header");
    if (format != NG_NER_MODEL_FORMAT)
        return ng_fail(err, NG_E_MODEL, 0, "ner model: file format %u, this nutgraf reads %u", format,
                       NG_NER_MODEL_FORMAT);
    if (fver != NG_NER_FEATURE_VERSION || ntags != NG_NER_TAGS || nfeats != NG_NER_FEATS)
        return ng_fail(err, NG_E_MODEL, 0, "ner model: features v%u (%u tags, %u features); this nutgraf computes v%u (%u, %u)",
                       fver, ntags, nfeats, NG_NER_FEATURE_VERSION, NG_NER_TAGS, NG_NER_FEATS);
    if (bits < 8 || bits > 24) return ng_fail(err, NG_E_MODEL, 0, "ner model: %u hash bits", bits);
    ng_status st = ng_ner_model_init(m, bits, err);
    if (st) return st == NG_E_NOMEM ? st : ng_fail(err, NG_E_MODEL, 0, "ner model: bad size");
    for (int a = 0; a <= NG_NER_TAGS; a++)
        for (int t = 0; t < NG_NER_TAGS; t++) m->trans[a][t] = ng_rbuf_f32(&r);
    uint32_t ngaz = ng_rbuf_u32(&r);
    if (r.bad || ngaz > (r.len - r.pos) / 12) {
        ng_ner_model_free(m);
        return ng_fail(err, NG_E_MODEL, 0, "ner model: gazetteer does not fit the file");
    }
    for (uint32_t i = 0; i < ngaz; i++) {
        uint64_t lo = ng_rbuf_u32(&r), hi = ng_rbuf_u32(&r);
        uint32_t mask = ng_rbuf_u32(&r);
        if (mask == 0 || mask >= (1u << NG_NER_TYPES)) r.bad = 1;
        if (r.bad) break;
        if (ng_ner_gaz_put(&m->gaz, lo | hi << 32, (uint8_t)mask)) {
            ng_ner_model_free(m);
            return ng_fail(err, NG_E_NOMEM, 0, "ner model: out of memory");
        }
    }
    uint32_t zlen = ng_rbuf_u32(&r);
    if (r.bad || zlen != r.len - r.pos) {
        ng_ner_model_free(m);
        return ng_fail(err, NG_E_MODEL, 0, "ner model: weights do not fit the file");
    }
    size_t nw = (size_t)NG_NER_TAGS << bits;
    unsigned char *raw = malloc(nw * 4);
    if (!raw) {
        ng_ner_model_free(m);
        return ng_fail(err, NG_E_NOMEM, 0, "ner model: out of memory");
    }
    uLongf rawlen = (uLongf)(nw * 4);
    int zr = uncompress(raw, &rawlen, r.p + r.pos, zlen);
    if (zr != Z_OK || rawlen != nw * 4) {
        free(raw);
        ng_ner_model_free(m);
        return ng_fail(err, NG_E_MODEL, 0, "ner model: weights are corrupt");
    }
    for (size_t i = 0; i < nw; i++) {
        uint32_t v = (uint32_t)raw[4 * i] | (uint32_t)raw[4 * i + 1] << 8 | (uint32_t)raw[4 * i + 2] << 16 |
                     (uint32_t)raw[4 * i + 3] << 24;
        float f;
        memcpy(&f, &v, 4);
        if (!isfinite(f)) {
            free(raw);
            ng_ner_model_free(m);
            return ng_fail(err, NG_E_MODEL, 0, "ner model: a weight is not finite");
        }
        m->w[i] = f;
    }
    free(raw);
    for (int a = 0; a <= NG_NER_TAGS; a++)
        for (int t = 0; t < NG_NER_TAGS; t++)
            if (!isfinite(m->trans[a][t])) {
                ng_ner_model_free(m);
                return ng_fail(err, NG_E_MODEL, 0, "ner model: a transition is not finite");
            }
    if (ng_ner_compact_build(m->w, m->bits, &m->packed)) {
        ng_ner_model_free(m);
        return ng_fail(err, NG_E_NOMEM, 0, "ner model: out of memory");
    }
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
