/* ner_compact.c - the tagger's weights packed for decoding.  A hashed model
 * has 2^bits rows of NG_NER_TAGS weights, most of them all zero (features
 * never seen in training).  Tagging reads a few dozen rows per token at
 * random, so the dense table (tens of MB) makes it wait on memory.  The
 * packed form keeps one bit per row (is it non-zero?) with a running count
 * beside each 64 of them, and the non-zero rows back to back as 16-bit integers times
 * one scale (max |w| / 32767; rounding changes a weight by at most half a
 * step): bitmap and rows fit in the core's cache, and a feature with no
 * weights costs no memory access. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"

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

void ng_ner_compact_free(ng_ner_compact *c)
{
    free(c->blocks);
    free(c->rows);
    memset(c, 0, sizeof *c);
}
