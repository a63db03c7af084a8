/* fold.c - case folding and normalisation for matching, without allocating
 * (utf8proc's decompose/reencode on a fixed buffer). */
#include "text/fold.h"

#include <string.h>
#include <utf8proc.h>

#define FOLD_CODEPOINTS (NG_FOLD_MAX / 2)

/* Plain replacement for typographic punctuation, or NULL. */
static const char *plain_punct(utf8proc_int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB: return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: return "-";
    case 0x2026: return "...";
    case 0x00A0: return " ";
    default: return NULL;
    }
}

static size_t fold_ascii(const char *s, size_t len, char *out)
{
    if (len > NG_FOLD_MAX) len = NG_FOLD_MAX;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return len;
}

size_t ng_fold(const char *s, size_t len, char *out)
{
    size_t i;
    for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++) {}
    if (i == len) return fold_ascii(s, len, out);

    utf8proc_int32_t buf[FOLD_CODEPOINTS];
    utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                            buf, FOLD_CODEPOINTS,
                                            UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STABLE);
    if (n < 0 || n > FOLD_CODEPOINTS) return fold_ascii(s, len, out);
    n = utf8proc_reencode(buf, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (n < 0) return fold_ascii(s, len, out);
    /* buf now holds n UTF-8 bytes; rewrite typographic punctuation. */
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)buf;
    size_t o = 0;
    for (utf8proc_ssize_t k = 0; k < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate(u + k, n - k, &cp);
        if (step <= 0) break;
        const char *rep = plain_punct(cp);
        const char *src = rep ? rep : (const char *)u + k;
        size_t sl = rep ? strlen(rep) : (size_t)step;
        if (o + sl > NG_FOLD_MAX) break;
        memcpy(out + o, src, sl);
        o += sl;
        k += step;
    }
    return o;
}
