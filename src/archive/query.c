/* query.c - the search query language, turned into an FTS5 expression and
 * a day range: words (any may match), "phrases" and +word (must match),
 * -word (must not), entity:, tag:, headline:, byline:, body: (must match),
 * date:FROM..TO.  Every word reaches FTS5 as a quoted string, so no user
 * input is ever read as FTS5 syntax. */
#include <stdlib.h>
#include <string.h>

#include "archive/archive_int.h"
#include "output/jbuf.h"
#include "text/abbrev.h"

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int digits(const char *s, size_t len, size_t at, size_t n, int *out)
{
    if (at + n > len) return 0;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[at + i] < '0' || s[at + i] > '9') return 0;
        v = v * 10 + (s[at + i] - '0');
    }
    *out = v;
    return 1;
}

int64_t ng_arch_parse_day(const char *s, size_t len, int end)
{
    static const unsigned mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m = 0, d = 0;
    if (!digits(s, len, 0, 4, &y)) return NG_DAY_NONE;
    int has_m = len > 4 && s[4] == '-' && digits(s, len, 5, 2, &m);
    int has_d = has_m && len > 7 && s[7] == '-' && digits(s, len, 8, 2, &d);
    size_t used = has_d ? 10 : has_m ? 7 : 4;
    if (len > used && ((s[used] >= '0' && s[used] <= '9') || s[used] == '-')) return NG_DAY_NONE;
    if (has_m && (m < 1 || m > 12)) return NG_DAY_NONE;
    if (!has_m) m = end ? 12 : 1;
    unsigned last = mdays[m - 1] + (m == 2 && is_leap(y));
    if (has_d && (d < 1 || (unsigned)d > last)) return NG_DAY_NONE;
    if (!has_d) d = end ? (int)last : 1;
    return days_from_civil(y, (unsigned)m, (unsigned)d);
}

void ng_arch_fts_string(ng_jbuf *b, const char *s, size_t len)
{
    ng_jbuf_put(b, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"') ng_jbuf_put(b, "\"", 1);
        ng_jbuf_put(b, s + i, 1);
    }
    ng_jbuf_put(b, "\"", 1);
}

/* True when s[0..len) holds a letter or digit (FTS5 would find a token). */
static int has_token(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((unsigned)((c | 32) - 'a') < 26u || (unsigned)(c - '0') < 10u || c >= 0x80) return 1;
    }
    return 0;
}

typedef struct parts {
    ng_jbuf req, opt, excl;
    size_t nreq, nopt, nexcl, nstop;
    ng_jbuf stop; /* function words, used only when nothing else is left */
    const char *first_req;
    size_t first_req_len;
} parts;

static const struct {
    const char *name, *column;
} fields[] = {{"entity", "entities"}, {"tag", "tags"}, {"headline", "headline"},
              {"byline", "byline"},   {"body", "body"}, {"entities", "entities"},
              {"tags", "tags"}};

static void add(ng_jbuf *b, size_t *n, const char *sep, const char *column, const char *s,
                size_t len)
{
    if ((*n)++) ng_jbuf_puts(b, sep);
    if (column) {
        ng_jbuf_puts(b, column);
        ng_jbuf_puts(b, " : ");
    }
    ng_arch_fts_string(b, s, len);
}

static ng_status date_range(const char *s, size_t len, int64_t *from, int64_t *to, ng_error *err)
{
    const char *dots = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (s[i] == '.' && s[i + 1] == '.') { dots = s + i; break; }
    size_t a_len = dots ? (size_t)(dots - s) : len;
    const char *b = dots ? dots + 2 : s;
    size_t b_len = dots ? len - a_len - 2 : len;
    if (a_len) {
        *from = ng_arch_parse_day(s, a_len, 0);
        if (*from == NG_DAY_NONE || a_len > 10) goto bad;
    }
    if (b_len) {
        *to = ng_arch_parse_day(b, b_len, 1);
        if (*to == NG_DAY_NONE || b_len > 10) goto bad;
    }
    if (!a_len && !b_len) goto bad;
    return NG_OK;
bad:
    return ng_arch_fail(err, NG_E_ARG, "bad date range '%.*s' (use date:YYYY[-MM[-DD]]..YYYY[-MM[-DD]])",
                        (int)(len > 60 ? 60 : len), s);
}

/* One query item s[0..len) (quotes already removed when quoted). */
static ng_status item(parts *p, const char *s, size_t len, int quoted, ng_error *err,
                      int64_t *from, int64_t *to)
{
    int sign = 0;
    if (!quoted && len > 1 && (s[0] == '+' || s[0] == '-')) {
        sign = s[0] == '+' ? 1 : -1;
        s++, len--;
    }
    const char *column = NULL;
    const char *colon = quoted ? NULL : memchr(s, ':', len);
    if (colon) {
        size_t flen = (size_t)(colon - s);
        if (flen == 4 && !strncmp(s, "date", 4))
            return date_range(colon + 1, len - 5, from, to, err);
        for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
            if (strlen(fields[i].name) == flen && !strncmp(s, fields[i].name, flen))
                column = fields[i].column;
        if (column) {
            len -= flen + 1;
            s = colon + 1;
            if (len >= 2 && s[0] == '"' && s[len - 1] == '"') s++, len -= 2;
            if (!sign) sign = 1;
        }
    }
    if (!has_token(s, len)) return NG_OK;
    if (quoted && !sign) sign = 1;
    if (sign < 0) add(&p->excl, &p->nexcl, " NOT ", column, s, len);
    else if (sign > 0) {
        if (!p->nreq) p->first_req = s, p->first_req_len = len;
        add(&p->req, &p->nreq, " AND ", column, s, len);
    } else if (ng_is_stopword(s, len)) add(&p->stop, &p->nstop, " OR ", NULL, s, len);
    else add(&p->opt, &p->nopt, " OR ", NULL, s, len);
    return NG_OK;
}

static ng_status split_items(const char *q, parts *p, int64_t *from, int64_t *to, ng_error *err)
{
    size_t len = strlen(q), i = 0;
    while (i < len) {
        while (i < len && (q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r')) i++;
        if (i >= len) break;
        size_t start = i;
        int in_quote = 0;
        /* an item ends at unquoted white space; quotes may open mid-item (tag:"x y") */
        while (i < len && (in_quote || !(q[i] == ' ' || q[i] == '\t' || q[i] == '\n' || q[i] == '\r'))) {
            if (q[i] == '"') in_quote = !in_quote;
            i++;
        }
        const char *s = q + start;
        size_t n = i - start;
        int quoted = n >= 2 && s[0] == '"' && s[n - 1] == '"';
        if (quoted) s++, n -= 2;
        else if (n && s[0] == '"') s++, n--; /* an unclosed quote: the rest as a phrase */
        ng_status st = item(p, s, n, quoted, err, from, to);
        if (st != NG_OK) return st;
    }
    return NG_OK;
}

static void parts_free(parts *p)
{
    ng_jbuf_free(&p->req);
    ng_jbuf_free(&p->opt);
    ng_jbuf_free(&p->excl);
    ng_jbuf_free(&p->stop);
}

ng_status ng_arch_query_parse(const char *query, char **match, int64_t *day_from,
                              int64_t *day_to, ng_error *err)
{
    *match = NULL;
    *day_from = *day_to = NG_DAY_NONE;
    if (!query) return ng_arch_fail(err, NG_E_ARG, "no query");
    if (strlen(query) > NG_QUERY_MAX)
        return ng_arch_fail(err, NG_E_ARG, "query is over %d bytes", NG_QUERY_MAX);
    parts p;
    memset(&p, 0, sizeof p);
    ng_status st = split_items(query, &p, day_from, day_to, err);
    if (st == NG_OK && !p.nopt && p.nstop) { /* only function words: search them after all */
        ng_jbuf tmp = p.opt;
        p.opt = p.stop;
        p.stop = tmp;
        p.nopt = p.nstop;
    }
    int dated = *day_from != NG_DAY_NONE || *day_to != NG_DAY_NONE;
    if (st == NG_OK && !p.nreq && !p.nopt && !dated)
        st = ng_arch_fail(err, NG_E_ARG, "query has nothing to search for");
    ng_jbuf out;
    ng_jbuf_init(&out);
    if (st == NG_OK && (p.nreq || p.nopt)) {
        if (p.nexcl) ng_jbuf_puts(&out, "(");
        if (p.nreq) ng_jbuf_puts(&out, p.req.data);
        if (p.nopt) {
            ng_jbuf_puts(&out, p.nreq ? " AND (" : "(");
            ng_jbuf_puts(&out, p.opt.data);
            if (p.nreq) { /* words rank but are not required */
                ng_jbuf_puts(&out, " OR ");
                ng_arch_fts_string(&out, p.first_req, p.first_req_len);
            }
            ng_jbuf_puts(&out, ")");
        }
        if (p.nexcl) {
            ng_jbuf_puts(&out, ") NOT ");
            ng_jbuf_puts(&out, p.excl.data);
        }
        if (out.failed) st = ng_arch_fail(err, NG_E_NOMEM, "out of memory parsing a query");
        else *match = out.data;
    } else if (st == NG_OK && p.nexcl) {
        st = ng_arch_fail(err, NG_E_ARG, "query only says what must not match");
    }
    if (st != NG_OK || !*match) ng_jbuf_free(&out);
    parts_free(&p);
    return st;
}
