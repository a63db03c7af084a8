/* utf8.c - validation and repair of input bytes (see utf8.h). */
#include "text/utf8.h"

#include <string.h>

size_t ng_utf8_seq_len(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 0;
    if (len < n) return 0;
    if (s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF) return 0;
    return n;
}

char *ng_utf8_repair(ng_arena *a, const char *in, size_t len, size_t *out_len,
                     ng_utf8_report *report)
{
    ng_utf8_report r = {0, 0, 0, 0};
    const unsigned char *s = (const unsigned char *)in;
    /* Each bad byte grows to 3 bytes at most. */
    if (len > ((size_t)-1 - 1) / 3) return NULL;
    char *out = ng_arena_alloc(a, len * 3 + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        /* Fast path: a run of printable ASCII, tab or newline is copied whole. */
        size_t run = i;
        while (run < len && ((s[run] >= 0x20 && s[run] < 0x80) || s[run] == '\n' || s[run] == '\t')) run++;
        if (run > i) {
            memcpy(out + o, s + i, run - i);
            o += run - i;
            i = run;
            continue;
        }
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == '\r') {
                out[o++] = '\n';
                i += (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
                continue;
            }
            if (c == 0) {
                r.nul_bytes++;
                i++;
                continue;
            }
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\f') r.control++;
            out[o++] = (char)c;
            i++;
            continue;
        }
        size_t n = ng_utf8_seq_len(s + i, len - i);
        if (n == 0) {
            if (r.invalid == 0) r.first_bad = i;
            r.invalid++;
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
            continue;
        }
        memcpy(out + o, s + i, n);
        o += n;
        i += n;
    }
    out[o] = '\0';
    *out_len = o;
    if (report) *report = r;
    return out;
}

int ng_looks_binary(const char *in, size_t len)
{
    size_t n = len < 8192 ? len : 8192;
    size_t control = 0, bad = 0;
    const unsigned char *s = (const unsigned char *)in;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x80) { /* the common case first */
            i++;
            continue;
        }
        if (c == 0) return 1;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') control++;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k = ng_utf8_seq_len(s + i, len - i);
        if (k == 0) {
            bad++;
            k = 1;
        }
        i += k;
    }
    /* Text in a legacy 8-bit encoding has some invalid bytes; binary data
     * has control bytes and a large share of invalid ones. */
    return n && (control * 20 > n || bad * 4 > n);
}
