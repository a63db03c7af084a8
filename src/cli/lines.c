/* lines.c - bounded line reading for JSON Lines input (see lines.h). */
#include "cli/lines.h"

#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>
#include <string.h>

void ng_line_reader_init(ng_line_reader *r, FILE *f, size_t max)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->max = max;
}

static int append(ng_line_reader *r, const char *s, size_t n)
{
    if (r->too_long) return 0;
    if (r->len + n > r->max) {
        r->too_long = 1;
        r->len = 0;
        return 0;
    }
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 65536;
        while (cap < r->len + n + 1) cap *= 2;
        char *p = realloc(r->buf, cap);
        if (!p) return -1;
        r->buf = p;
        r->cap = cap;
    }
    memcpy(r->buf + r->len, s, n);
    r->len += n;
    r->buf[r->len] = '\0';
    return 0;
}

/* Refills the read-ahead buffer; returns bytes available (0 at the end). */
static size_t refill(ng_line_reader *r)
{
    if (r->pos < r->avail) return r->avail - r->pos;
    r->pos = 0;
    if (r->gz) {
        int n = gzread((gzFile)r->gz, r->ahead, (unsigned)sizeof r->ahead);
        r->avail = n > 0 ? (size_t)n : 0;
        if (n < 0) r->gz_error = 1;
    } else {
        r->avail = fread(r->ahead, 1, sizeof r->ahead, r->f);
    }
    return r->avail;
}

int ng_line_reader_next(ng_line_reader *r)
{
    r->len = 0;
    r->too_long = 0;
    if (r->buf) r->buf[0] = '\0';
    int got_any = 0;
    for (;;) {
        size_t n = refill(r);
        if (n == 0) break;
        got_any = 1;
        const char *p = r->ahead + r->pos;
        const char *nl = memchr(p, '\n', n);
        size_t take = nl ? (size_t)(nl - p) : n;
        if (append(r, p, take)) return -1;
        r->pos += take + (nl ? 1 : 0);
        if (nl) break;
    }
    if (r->gz ? r->gz_error : ferror(r->f)) return -1;
    if (!got_any) return 0;
    r->line_no++;
    if (!r->buf) {
        r->buf = malloc(1);
        if (!r->buf) return -1;
        r->buf[0] = '\0';
    }
    return 1;
}

int ng_line_reader_open(ng_line_reader *r, const char *path, size_t max)
{
    ng_line_reader_init(r, NULL, max);
    gzFile gz = strcmp(path, "-") ? gzopen(path, "rb") : gzdopen(dup(STDIN_FILENO), "rb");
    if (!gz) return -1;
    gzbuffer(gz, 1 << 17);
    r->gz = gz;
    return 0;
}

void ng_line_reader_free(ng_line_reader *r)
{
    if (r->gz) gzclose((gzFile)r->gz);
    free(r->buf);
    memset(r, 0, sizeof *r);
}
