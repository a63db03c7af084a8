/* ner_compact.c - the tagger's weights packed for decoding.  A hashed model
 * has 2^bits rows of NG_NER_TAGS weights, most of them all zero (features
 * never seen in training).  Tagging reads a few dozen rows per token at
 * random, so the dense table (tens of MB) makes it wait on memory.  The
 * packed form keeps one bit per row (is it non-zero?) with a running count
 * beside each 64 of them, and the non-zero rows back to back as 16-bit integers times
 * one scale (max |w| / 32767; rounding changes a weight by at most half a
 * step): bitmap and rows fit in the core's cache, and a feature with no
 * weights costs no memory access.  Model files (format 3) store this form:
 * the scale, the row count and, deflated, the bitmap and the rows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "analyze/ner.h"
#include "core/bytes.h"
#include "core/doc.h"

static int row_is_zero(const float *w)
{
    for (int t = 0; t < NG_NER_TAGS; t++)
        if (w[t] != 0.0f) return 0;
    return 1;
}

ng_status ng_ner_compact_build(const float *w, uint32_t bits, ng_ner_compact *out)
{
    memset(out, 0, sizeof *out);
    size_t rows = (size_t)1 << bits, words = (rows + 63) / 64, nz = 0;
    out->blocks = calloc(2 * words, sizeof *out->blocks);
    if (!out->blocks) goto nomem;
    for (size_t r = 0; r < rows; r++)
        if (!row_is_zero(w + r * NG_NER_TAGS)) {
            out->blocks[2 * (r / 64)] |= 1ull << (r % 64);
            nz++;
        }
    out->rows = malloc((nz ? nz : 1) * NG_NER_TAGS * sizeof *out->rows);
    if (!out->rows) goto nomem;
    float top = 0;
    for (size_t i = 0; i < rows * NG_NER_TAGS; i++)
        if (fabsf(w[i]) > top) top = fabsf(w[i]);
    out->scale = top > 0 ? top / 32767.0f : 1.0f;
    size_t k = 0;
    for (size_t i = 0; i < words; i++) {
        out->blocks[2 * i + 1] = k;
        for (size_t b = 0; b < 64 && i * 64 + b < rows; b++) {
            if (!(out->blocks[2 * i] >> b & 1)) continue;
            const float *src = w + (i * 64 + b) * NG_NER_TAGS;
            for (int t = 0; t < NG_NER_TAGS; t++)
                out->rows[k * NG_NER_TAGS + (size_t)t] = (int16_t)lrintf(src[t] / out->scale);
            k++;
        }
    }
    out->nrows = nz;
    return NG_OK;
nomem:
    ng_ner_compact_free(out);
    return NG_E_NOMEM;
}

void ng_ner_compact_unpack(const ng_ner_compact *c, uint32_t bits, float *w)
{
    size_t rows = (size_t)1 << bits;
    for (size_t r = 0; r < rows; r++) {
        const int16_t *row = ng_ner_compact_row(c, (uint32_t)r);
        for (int t = 0; t < NG_NER_TAGS; t++) w[r * NG_NER_TAGS + (size_t)t] = row ? (float)row[t] * c->scale : 0.0f;
    }
}

void ng_ner_compact_write(const ng_ner_compact *c, uint32_t bits, ng_wbuf *w)
{
    size_t words = (((size_t)1 << bits) + 63) / 64;
    size_t rawlen = words * 8 + c->nrows * NG_NER_TAGS * 2;
    unsigned char *raw = malloc(rawlen);
    uLongf zlen = compressBound((uLong)rawlen);
    unsigned char *z = malloc(zlen);
    if (!raw || !z) w->bad = 1;
    if (!w->bad) {
        unsigned char *o = raw;
        for (size_t i = 0; i < words; i++)
            for (int b = 0; b < 8; b++) *o++ = (unsigned char)(c->blocks[2 * i] >> (8 * b));
        for (size_t i = 0; i < c->nrows * NG_NER_TAGS; i++) {
            uint16_t v = (uint16_t)c->rows[i];
            *o++ = (unsigned char)v;
            *o++ = (unsigned char)(v >> 8);
        }
        if (compress2(z, &zlen, raw, (uLong)rawlen, 6) != Z_OK) w->bad = 1;
    }
    if (!w->bad) {
        ng_wbuf_f32(w, c->scale);
        ng_wbuf_u32(w, (uint32_t)c->nrows);
        ng_wbuf_u32(w, (uint32_t)zlen);
        ng_wbuf_put(w, z, zlen);
    }
    free(raw);
    free(z);
}

ng_status ng_ner_compact_read(ng_rbuf *r, uint32_t bits, ng_ner_compact *out, ng_error *err)
{
    memset(out, 0, sizeof *out);
    size_t rows = (size_t)1 << bits, words = (rows + 63) / 64;
    float scale = ng_rbuf_f32(r);
    uint32_t nrows = ng_rbuf_u32(r), zlen = ng_rbuf_u32(r);
    if (r->bad || zlen > r->len - r->pos)
        return ng_fail(err, NG_E_MODEL, 0, "ner model: packed weights do not fit the file");
    if (!isfinite(scale) || scale <= 0 || nrows > rows)
        return ng_fail(err, NG_E_MODEL, 0, "ner model: bad packed weights (scale %g, %u rows)", (double)scale, nrows);
    size_t rawlen = words * 8 + (size_t)nrows * NG_NER_TAGS * 2;
    /* deflate shrinks at most 1032:1 */
    if (rawlen / 1032 > zlen + 1) return ng_fail(err, NG_E_MODEL, 0, "ner model: packed weights are corrupt");
    unsigned char *raw = malloc(rawlen);
    out->blocks = malloc(2 * words * sizeof *out->blocks);
    out->rows = malloc((nrows ? nrows : 1) * (size_t)NG_NER_TAGS * sizeof *out->rows);
    if (!raw || !out->blocks || !out->rows) {
        free(raw);
        ng_ner_compact_free(out);
        return ng_fail(err, NG_E_NOMEM, 0, "ner model: out of memory");
    }
    uLongf got = (uLongf)rawlen;
    int zr = uncompress(raw, &got, r->p + r->pos, zlen);
    r->pos += zlen;
    size_t k = 0;
    if (zr == Z_OK && got == rawlen) {
        const unsigned char *q = raw;
        for (size_t i = 0; i < words; i++, q += 8) {
            uint64_t v = 0;
            for (int b = 0; b < 8; b++) v |= (uint64_t)q[b] << (8 * b);
            if (i == words - 1 && rows % 64) v &= (1ull << (rows % 64)) - 1;
            out->blocks[2 * i] = v;
            out->blocks[2 * i + 1] = k;
            k += ng_ner_popcount(v);
        }
        for (size_t i = 0; i < (size_t)nrows * NG_NER_TAGS; i++, q += 2)
            out->rows[i] = (int16_t)(uint16_t)(q[0] | q[1] << 8);
    }
    free(raw);
    if (zr != Z_OK || got != rawlen || k != nrows) {
        ng_ner_compact_free(out);
        return ng_fail(err, NG_E_MODEL, 0, "ner model: packed weights are corrupt");
    }
    out->scale = scale;
    out->nrows = nrows;
    return NG_OK;
}

void ng_ner_compact_free(ng_ner_compact *c)
{
    free(c->blocks);
    free(c->rows);
    memset(c, 0, sizeof *c);
}
