/* trim.c - the trimming rules (see nutgraf.h NG_TRIM_*).  Each rule marks
 * tokens of the sentence to drop; the bullet is rebuilt from the kept
 * tokens.  Rules are conservative: when the shape is not clear they leave
 * the sentence alone, since a wrong cut makes a bullet ungrammatical. */
#include "summarize/trim.h"

#include <string.h>

#include "structure/structure.h"

#define TRIM_MAX_TOKENS 512 /* longer sentences are left whole */

typedef struct trim_ctx {
    const ng_doc *doc;
    const ng_token *tok; /* the sentence's tokens */
    size_t n;
    unsigned char keep[TRIM_MAX_TOKENS];
} trim_ctx;

const char *ng_trim_rule_name(unsigned rule)
{
    switch (rule) {
    case NG_TRIM_DATELINE: return "dateline";
    case NG_TRIM_CONJUNCTION: return "conjunction";
    case NG_TRIM_ATTRIBUTION: return "attribution";
    case NG_TRIM_PARENTHESES: return "parentheses";
    case NG_TRIM_RELATIVE: return "relative";
    case NG_TRIM_APPOSITIVE: return "appositive";
    default: return NULL;
    }
}

ng_status ng_trim_rules_parse(const char *list, unsigned *out)
{
    if (!list || !out) return NG_E_ARG;
    if (!strcmp(list, "all")) { *out = NG_TRIM_ALL; return NG_OK; }
    if (!strcmp(list, "none")) { *out = 0; return NG_OK; }
    unsigned bits = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        unsigned found = 0;
        for (unsigned r = 1; r <= NG_TRIM_ALL && !found; r <<= 1) {
            const char *name = ng_trim_rule_name(r);
            if (name && strlen(name) == n && !strncmp(name, p, n)) found = r;
        }
        if (!found) return NG_E_ARG;
        bits |= found;
        p += n;
        if (*p == ',') p++;
    }
    *out = bits;
    return NG_OK;
}

static int tok_is(const trim_ctx *c, size_t i, const char *w)
{
    ng_str s = c->doc->words.words.items[c->tok[i].word];
    return s.len == strlen(w) && !memcmp(s.ptr, w, s.len);
}

static int tok_in(const trim_ctx *c, size_t i, const char *const *list)
{
    for (; *list; list++)
        if (tok_is(c, i, *list)) return 1;
    return 0;
}

static int is_punct(const trim_ctx *c, size_t i) { return (c->tok[i].flags & NG_TOKEN_PUNCT) != 0; }
static int is_quote(const trim_ctx *c, size_t i) { return (c->tok[i].flags & NG_TOKEN_QUOTE) != 0; }
static int is_capital(const trim_ctx *c, size_t i) { return (c->tok[i].flags & NG_TOKEN_CAPITAL) != 0; }

static void drop(trim_ctx *c, size_t from, size_t to)
{
    for (size_t i = from; i < to && i < c->n; i++) c->keep[i] = 0;
}

/* The last token that is not closing punctuation (the final stop). */
static size_t body_end(const trim_ctx *c)
{
    size_t e = c->n;
    while (e > 0 && is_punct(c, e - 1) && !is_quote(c, e - 1)) e--;
    return e;
}

static int has_quote(const trim_ctx *c, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (is_quote(c, i)) return 1;
    return 0;
}

static void rule_conjunction(trim_ctx *c)
{
    static const char *const lead[] = {"but", "and", "so", "yet", "however", "meanwhile", "still",
                                       "also", "instead", "now", NULL};
    if (c->n < 6 || !tok_in(c, 0, lead)) return;
    drop(c, 0, 1);
    if (tok_is(c, 1, ",")) drop(c, 1, 2);
}

/* The attribution shapes after the last comma, up to the final stop:
 *   ", a U.S. diplomat said."  - the verb ends the sentence;
 *   ", said Michael Posner."   - the verb opens it, a name or noun follows;
 *   ", according to police."
 * Anything else after the comma ("..., said he was grateful") is a clause
 * the sentence needs, so it stays. */
static int is_attribution(const trim_ctx *c, size_t comma, size_t end)
{
    static const char *const verbs[] = {"said", "says", "told", "added", "reported", "explained", "noted", NULL};
    static const char *const det[] = {"the", "a", "an", NULL};
    if (end - comma > 12 || end - comma < 2 || has_quote(c, comma, end)) return 0;
    if (tok_in(c, end - 1, verbs)) return 1;
    if (tok_in(c, comma + 1, verbs) && comma + 2 < end) return is_capital(c, comma + 2) || tok_in(c, comma + 2, det);
    return tok_is(c, comma + 1, "according") && comma + 2 < end && tok_is(c, comma + 2, "to");
}

static void rule_attribution(trim_ctx *c)
{
    if (c->n < 8 || is_quote(c, 0)) return;
    size_t end = body_end(c);
    for (size_t i = end; i-- > 3;) {
        if (!tok_is(c, i, ",")) continue;
        if (is_attribution(c, i, end)) drop(c, i, end);
        return;
    }
}

/* "(pictured)", "(CNN)" inside a sentence; never the opening token. */
static void rule_parentheses(trim_ctx *c)
{
    for (size_t i = 1; i < c->n; i++) {
        if (!tok_is(c, i, "(")) continue;
        size_t j = i + 1;
        while (j < c->n && j < i + 20 && !tok_is(c, j, ")") && !tok_is(c, j, "(")) j++;
        if (j < c->n && tok_is(c, j, ")")) {
            drop(c, i, j + 1);
            i = j;
        }
    }
}

/* ", which/who ... ," with a closing comma: both commas and the clause go. */
static void rule_relative(trim_ctx *c)
{
    static const char *const rel[] = {"which", "who", "whose", "whom", NULL};
    size_t end = body_end(c);
    for (size_t i = 1; i + 2 < end; i++) {
        if (!tok_is(c, i, ",") || !tok_in(c, i + 1, rel)) continue;
        size_t j = i + 2;
        while (j < end && !tok_is(c, j, ",") && !is_quote(c, j) && !tok_is(c, j, "(")) j++;
        if (j < end && tok_is(c, j, ",") && j - i <= 25) {
            drop(c, i, j + 1);
            i = j;
        }
    }
}

/* "Smith, a lawyer, said" after a capitalised word: ", the|a|an ... ,"
 * of at most 8 tokens, closed by a comma that is not part of a list (no
 * "and"/"or" in the next three tokens). */
static void rule_appositive(trim_ctx *c)
{
    static const char *const det[] = {"the", "a", "an", NULL};
    size_t end = body_end(c);
    for (size_t i = 1; i + 2 < end; i++) {
        if (!tok_is(c, i, ",") || !is_capital(c, i - 1) || !tok_in(c, i + 1, det)) continue;
        size_t j = i + 2;
        while (j < end && !tok_is(c, j, ",") && !is_quote(c, j)) j++;
        if (j >= end || !tok_is(c, j, ",") || j - i > 8 || j + 1 >= end) continue;
        int list = 0;
        for (size_t k = j + 1; k < end && k <= j + 3; k++) list |= tok_is(c, k, "and") || tok_is(c, k, "or");
        if (list) continue;
        drop(c, i, j + 1);
        i = j;
    }
}

static void rule_dateline(trim_ctx *c, const char *text, size_t len)
{
    size_t vlen;
    size_t cut = ng_dateline_len(text, len, &vlen);
    if (!cut) return;
    for (size_t i = 0; i < c->n && c->tok[i].start - c->tok[0].start < cut; i++) c->keep[i] = 0;
}

/* Punctuation that attaches to the word before it. */
static int closes(const trim_ctx *c, size_t i)
{
    static const char *const marks[] = {",", ".", ";", ":", "!", "?", ")", "]", "'s", NULL};
    return tok_in(c, i, marks);
}

/* Rebuilds the bullet from kept tokens; capitalises its first letter when a
 * rule removed the opening words. */
static ng_status rebuild(ng_doc *doc, const trim_ctx *c, ng_str *out)
{
    size_t cap = 0;
    for (size_t i = 0; i < c->n; i++) cap += c->tok[i].len + 1;
    char *buf = ng_arena_alloc(&doc->arena, cap + 1);
    if (!buf) return NG_E_NOMEM;
    size_t o = 0;
    long prev = -1;
    for (size_t i = 0; i < c->n; i++) {
        if (!c->keep[i]) continue;
        if (prev >= 0) {
            /* Next to a kept neighbour: the spacing that stood there.  After
             * a cut: a space, unless closing punctuation follows. */
            const ng_token *a = &c->tok[i - 1], *b = &c->tok[i];
            if ((size_t)prev + 1 == i ? b->start > a->start + a->len : !closes(c, i)) buf[o++] = ' ';
        }
        memcpy(buf + o, doc->body + c->tok[i].start, c->tok[i].len);
        if (prev < 0 && i > 0 && buf[o] >= 'a' && buf[o] <= 'z') buf[o] = (char)(buf[o] - 32);
        o += c->tok[i].len;
        prev = (long)i;
    }
    buf[o] = '\0';
    *out = (ng_str){buf, o};
    return NG_OK;
}

ng_status ng_trim_highlight(ng_doc *doc, ng_highlight *h, unsigned rules)
{
    ng_sentence s = doc->sentences.items[h->sentence];
    h->text = (ng_str){doc->body + s.start, s.end - s.start};
    if (!rules || s.token_count == 0 || s.token_count > TRIM_MAX_TOKENS) return NG_OK;
    trim_ctx c;
    c.doc = doc;
    c.tok = doc->tokens.items + s.first_token;
    c.n = s.token_count;
    memset(c.keep, 1, c.n);
    if (rules & NG_TRIM_DATELINE) rule_dateline(&c, h->text.ptr, h->text.len);
    if (rules & NG_TRIM_CONJUNCTION) rule_conjunction(&c);
    if (rules & NG_TRIM_PARENTHESES) rule_parentheses(&c);
    if (rules & NG_TRIM_RELATIVE) rule_relative(&c);
    if (rules & NG_TRIM_APPOSITIVE) rule_appositive(&c);
    if (rules & NG_TRIM_ATTRIBUTION) rule_attribution(&c);
    size_t kept = 0;
    for (size_t i = 0; i < c.n; i++) kept += c.keep[i];
    if (kept == c.n) return NG_OK;
    if (kept * 3 < c.n) return NG_OK; /* a cut that large is more likely wrong than right */
    return rebuild(doc, &c, &h->text);
}
