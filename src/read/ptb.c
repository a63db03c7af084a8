/* ptb.c - ptb_lower article text to sentences (see ptb.h). */
#include "read/ptb.h"

#include <string.h>

#include "text/ascii.h"

#define PTB_MAX_SENTENCE 8192 /* a longer run without a stop is cut here */

typedef struct tok {
    const char *p;
    size_t n;
} tok;

/* The next space-separated token at *pos, or n == 0 at the end. */
static tok next_tok(const char *s, size_t len, size_t *pos)
{
    size_t i = *pos;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) i++;
    size_t start = i;
    while (i < len && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) i++;
    *pos = i;
    return (tok){s + start, i - start};
}

static int tok_is(tok t, const char *w) { return t.n == strlen(w) && !memcmp(t.p, w, t.n); }

/* The token as it should be written: brackets and quotes restored. */
static tok mapped(tok t)
{
    static const char *const from[] = {"-lrb-", "-rrb-", "-lsb-", "-rsb-", "-lcb-", "-rcb-", "``", "''"};
    static const char *const to[] = {"(", ")", "[", "]", "{", "}", "\"", "\""};
    for (size_t i = 0; i < sizeof from / sizeof from[0]; i++)
        if (tok_is(t, from[i])) return (tok){to[i], strlen(to[i])};
    return t;
}

static int is_stop(tok t) { return tok_is(t, ".") || tok_is(t, "?") || tok_is(t, "!"); }
static int is_quote(tok t) { t = mapped(t); return tok_is(t, "\"") || tok_is(t, "'"); }

/* Reads tokens from *pos up to and including the next stop; returns the
 * first token of that segment (n == 0 at the end) and its last before the
 * stop in *last. */
static tok next_segment(const char *s, size_t len, size_t *pos, tok *last)
{
    tok first = {NULL, 0};
    last->n = 0;
    for (;;) {
        tok t = next_tok(s, len, pos);
        if (!t.n || *pos > 600) return (tok){NULL, 0};
        if (is_stop(t)) return first.n ? first : t;
        if (!first.n) first = t;
        *last = t;
    }
}

/* Skips "by . NAME . published : . DATE . | . updated : . DATE ." at the
 * start (the Daily Mail header), keeping NAME as the byline; returns the
 * offset where the story starts. */
static size_t skip_header(ng_doc *doc, const char *s, size_t len)
{
    if (!ng_has_prefix_ci(s, len, "by . ")) return 0;
    size_t pos = 5, end = 0;
    tok last;
    tok name = next_segment(s, len, &pos, &last);
    if (!name.n || is_stop(name)) return 0;
    if (!doc->fields[NG_FIELD_BYLINE].len) {
        char buf[160];
        size_t n = (size_t)(last.p + last.n - name.p);
        if (n > 150) n = 150;
        memcpy(buf, "by ", 3);
        memcpy(buf + 3, name.p, n);
        ng_doc_set_field(doc, NG_FIELD_BYLINE, buf, n + 3);
    }
    end = pos;
    int after_label = 0;
    for (;;) {
        size_t at = pos;
        tok first = next_segment(s, len, &pos, &last);
        if (!first.n) break;
        int label = tok_is(first, "published") || tok_is(first, "updated") || tok_is(first, "|") ||
                    tok_is(first, "last") || tok_is(first, "created");
        if (!label && !after_label) {
            pos = at;
            break;
        }
        after_label = label && last.n && tok_is(last, ":");
        end = pos;
    }
    return end;
}

/* Takes "( cnn ) --", "london , england ( cnn ) --" or "-lrb- cnn -rrb- --"
 * off the start; returns the new start offset. */
static size_t skip_dateline(ng_doc *doc, const char *s, size_t len, size_t start)
{
    size_t pos = start;
    for (int words = 0; words < 7; words++) {
        size_t before = pos;
        tok t = mapped(next_tok(s, len, &pos));
        if (!t.n) return start;
        if (!tok_is(t, "(")) continue;
        for (int k = 0; k < 5; k++) {
            tok a = mapped(next_tok(s, len, &pos));
            if (!a.n || is_stop(a)) return start;
            if (tok_is(a, ")")) {
                size_t close = pos, after = pos;
                tok d = next_tok(s, len, &after);
                if (tok_is(d, "--") || tok_is(d, "-") || tok_is(d, ":")) pos = after;
                else if (before != start) return start; /* "place ( x )" without a dash is prose */
                char buf[200];
                size_t o = 0, q = start;
                while (q < close && o < sizeof buf - 8) { /* rebuild "(cnn)" without inner spaces */
                    tok w = mapped(next_tok(s, len, &q));
                    if (!w.n) break;
                    int glue = o && (buf[o - 1] == '(' || tok_is(w, ")") || tok_is(w, ","));
                    if (o && !glue) buf[o++] = ' ';
                    size_t m = w.n < sizeof buf - 8 - o ? w.n : sizeof buf - 8 - o;
                    memcpy(buf + o, w.p, m);
                    o += m;
                }
                if (!doc->fields[NG_FIELD_DATELINE].len) ng_doc_set_field(doc, NG_FIELD_DATELINE, buf, o);
                return pos;
            }
        }
        return start;
    }
    return start;
}

/* Appends token t to the sentence buffer with one space before it. */
static void append_tok(char *buf, size_t *o, tok t)
{
    if (*o + t.n + 1 > PTB_MAX_SENTENCE) return;
    if (*o) buf[(*o)++] = ' ';
    memcpy(buf + *o, t.p, t.n);
    *o += t.n;
}

ng_status ng_read_ptb_article(ng_doc *doc, const char *s, size_t len)
{
    char *buf = ng_arena_alloc(&doc->arena, PTB_MAX_SENTENCE + 1);
    if (!buf) return NG_E_NOMEM;
    size_t pos = skip_dateline(doc, s, len, skip_header(doc, s, len));
    size_t o = 0;
    int quotes = 0;
    doc->presplit = 1;
    for (;;) {
        tok t = next_tok(s, len, &pos);
        int end = !t.n;
        if (!end) {
            t = mapped(t);
            if (is_quote(t)) quotes++;
            append_tok(buf, &o, t);
            if (is_stop(t)) {
                /* A closing quote right after the stop belongs to this sentence. */
                size_t peek = pos;
                tok q = next_tok(s, len, &peek);
                if (q.n && is_quote(q) && quotes % 2 == 1) {
                    append_tok(buf, &o, mapped(q));
                    pos = peek;
                    quotes++;
                }
                end = 1;
            } else if (o + 64 > PTB_MAX_SENTENCE) {
                end = 1;
            }
        }
        if (end && o) {
            if (ng_doc_add_paragraph(doc, buf, o) != NG_OK) return NG_E_NOMEM;
            o = 0;
            quotes = 0;
        }
        if (!t.n) break;
    }
    return NG_OK;
}
