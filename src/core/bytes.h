/* bytes.h - little-endian binary writing and bounds-checked reading, for
 * the model files (summarizer trees, NER weights). */
#ifndef NG_BYTES_H
#define NG_BYTES_H

#include <stddef.h>
#include <stdint.h>

/* A growable output buffer; after a failed allocation bad is set and later
 * writes do nothing.  p is malloc'd: the caller frees it. */
typedef struct ng_wbuf {
    unsigned char *p;
    size_t len, cap;
    int bad;
} ng_wbuf;

void ng_wbuf_put(ng_wbuf *w, const void *src, size_t n);
void ng_wbuf_u32(ng_wbuf *w, uint32_t v);
void ng_wbuf_f32(ng_wbuf *w, float f);

/* Reading p[pos..len); a read past the end returns 0 and sets bad. */
typedef struct ng_rbuf {
    const unsigned char *p;
    size_t len, pos;
    int bad;
} ng_rbuf;

uint32_t ng_rbuf_u32(ng_rbuf *r);
float ng_rbuf_f32(ng_rbuf *r);

#endif
