/* utf8.c - validation and repair of input bytes (see utf8.h). */
#include "text/utf8.h"

#include <stdint.h>
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

/* What ng_looks_binary() weighs, counted over the sequences that start in
 * the first window bytes of the input. */
typedef struct binary_count {
    size_t window, control, bad, nul;
} binary_count;

static int weighs_binary(const binary_count *b, size_t n)
{
    return b->nul || (n && (b->control * 20 > n || b->bad * 4 > n));
}

/* Whether the 8 bytes at s are all printable ASCII (0x20..0x7F): no byte
 * has its top bit set, and none borrows when 0x20 is taken from it. */
static int printable8(const unsigned char *s)
{
    uint64_t x;
    memcpy(&x, s, 8);
    return (((x - 0x2020202020202020u) | x) & 0x8080808080808080u) == 0;
}

static int run_byte(unsigned char c) { return (c >= 0x20 && c < 0x80) || c == '\n' || c == '\t'; }

/* The end of the run of printable ASCII, tab and newline from s[i]; eight
 * bytes a step while they are all printable, which is most text. */
static size_t run_end(const unsigned char *s, size_t len, size_t i)
{
    for (;;) {
        while (i + 8 <= len && printable8(s + i)) i += 8;
        size_t stop = i + 8 < len ? i + 8 : len;
        while (i < stop && run_byte(s[i])) i++;
        if (i < stop || i == len) return i;
    }
}

/* Copies the ASCII control byte s[i] (not in a run), counting it;
 * returns how many input bytes it took. */
static size_t repair_control(const unsigned char *s, size_t len, size_t i, char *out, size_t *o,
                             ng_utf8_report *r, binary_count *b)
{
    unsigned char c = s[i];
    if (c == '\r') {
        out[(*o)++] = '\n';
        return (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
    }
    if (c == 0) {
        r->nul_bytes++;
        if (i < b->window) b->nul++;
        return 1;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\f') {
        r->control++;
        if (i < b->window) b->control++;
    }
    out[(*o)++] = (char)c;
    return 1;
}

/* Copies the UTF-8 sequence at s[i], or U+FFFD for an invalid byte;
 * returns how many input bytes it took. */
static size_t repair_multibyte(const unsigned char *s, size_t len, size_t i, char *out, size_t *o,
                               ng_utf8_report *r, binary_count *b)
{
    size_t n = ng_utf8_seq_len(s + i, len - i);
    if (n == 0) {
        if (r->invalid == 0) r->first_bad = i;
        r->invalid++;
        if (i < b->window) b->bad++;
        memcpy(out + *o, "\xEF\xBF\xBD", 3);
        *o += 3;
        return 1;
    }
    memcpy(out + *o, s + i, n);
    *o += n;
    return n;
}

/* The repair from s[from] on, with offsets in the report and the window
 * counted from s[0]. */
static char *repair(ng_arena *a, const unsigned char *s, size_t len, size_t from, size_t *out_len,
                    ng_utf8_report *report, binary_count *b)
{
    ng_utf8_report r = {0, 0, 0, 0};
    /* Each bad byte grows to 3 bytes at most. */
    if (len > ((size_t)-1 - 1) / 3) return NULL;
    char *out = ng_arena_alloc(a, (len - from) * 3 + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = from; i < len;) {
        size_t run = run_end(s, len, i);
        if (run > i) {
            memcpy(out + o, s + i, run - i);
            o += run - i;
            i = run;
        } else if (s[i] < 0x80) {
            i += repair_control(s, len, i, out, &o, &r, b);
        } else {
            i += repair_multibyte(s, len, i, out, &o, &r, b);
        }
    }
    out[o] = '\0';
    *out_len = o;
    r.first_bad -= r.invalid ? from : 0;
    if (report) *report = r;
    return out;
}

char *ng_utf8_repair(ng_arena *a, const char *in, size_t len, size_t *out_len,
                     ng_utf8_report *report)
{
    binary_count b = {0, 0, 0, 0};
    return repair(a, (const unsigned char *)in, len, 0, out_len, report, &b);
}

char *ng_utf8_repair_checked(ng_arena *a, const char *in, size_t len, size_t skip,
                             size_t *out_len, ng_utf8_report *report, int *binary)
{
    size_t n = len < NG_BINARY_WINDOW ? len : NG_BINARY_WINDOW;
    binary_count b = {n, 0, 0, 0};
    char *out = repair(a, (const unsigned char *)in, len, skip, out_len, report, &b);
    *binary = weighs_binary(&b, n);
    return out;
}

int ng_looks_binary(const char *in, size_t len)
{
    size_t n = len < NG_BINARY_WINDOW ? len : NG_BINARY_WINDOW;
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
