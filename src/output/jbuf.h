/* jbuf.h - a growable byte buffer with JSON string escaping, for writing
 * JSON quickly without building a tree. */
#ifndef NG_JBUF_H
#define NG_JBUF_H

#include <stddef.h>

typedef struct ng_jbuf {
    char *data; /* malloc'd, NUL-terminated when ok */
    size_t len, cap;
    int failed; /* an allocation failed; later writes do nothing */
} ng_jbuf;

void ng_jbuf_init(ng_jbuf *b);
void ng_jbuf_free(ng_jbuf *b);
void ng_jbuf_put(ng_jbuf *b, const char *s, size_t len);
void ng_jbuf_puts(ng_jbuf *b, const char *s);
void ng_jbuf_printf(ng_jbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes s[0..len) as a JSON string with quotes; NULL writes null. */
void ng_jbuf_string(ng_jbuf *b, const char *s, size_t len);
/* Writes "key": */
void ng_jbuf_key(ng_jbuf *b, const char *key);

#endif
