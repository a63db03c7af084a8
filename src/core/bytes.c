/* bytes.c - little-endian binary writing and reading (see bytes.h). */
#include "core/bytes.h"

#include <stdlib.h>
#include <string.h>

void ng_wbuf_put(ng_wbuf *w, const void *src, size_t n)
{
    if (w->bad) return;
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : 4096;
        while (cap < w->len + n) cap *= 2;
        unsigned char *q = realloc(w->p, cap);
        if (!q) {
            w->bad = 1;
            return;
        }
        w->p = q;
        w->cap = cap;
    }
    memcpy(w->p + w->len, src, n);
    w->len += n;
}

void ng_wbuf_u32(ng_wbuf *w, uint32_t v)
{
    unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    ng_wbuf_put(w, b, 4);
}

void ng_wbuf_f32(ng_wbuf *w, float f)
{
    uint32_t v;
    memcpy(&v, &f, 4);
    ng_wbuf_u32(w, v);
}

uint32_t ng_rbuf_u32(ng_rbuf *r)
{
    if (r->bad || r->len - r->pos < 4) {
        r->bad = 1;
        return 0;
    }
    const unsigned char *b = r->p + r->pos;
    r->pos += 4;
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

float ng_rbuf_f32(ng_rbuf *r)
{
    uint32_t v = ng_rbuf_u32(r);
    float f;
    memcpy(&f, &v, 4);
    return f;
}
