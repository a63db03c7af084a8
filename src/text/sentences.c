/* sentences.c - the sentence splitter for news English.
 *
 * It walks the tokens of the shared scanner (scan.h), so abbreviations,
 * decimals, URLs and ellipses are already whole when it looks at them.  It
 * reads them from an array (ng_split_tokens()), so the segmenter scans each
 * paragraph once for both its sentences and its tokens.  A
 * sentence can end after a stop (. ! ? and runs of them), an ellipsis or an
 * abbreviation; closing quotes and brackets glued to the stop stay with the
 * sentence.  Whether it does end depends on what comes next:
 *  - a lower-case word, a comma and the like continue the sentence
 *    ("'This is great.' she said", "Yahoo! in");
 *  - after a plain stop, a capital or a new quotation starts a sentence;
 *  - after an abbreviation it depends on its class (abbrev.h): names and
 *    initials ("Mr.", "George W.") need an unmistakable sentence opener
 *    after them ("The", "He"), while "Inc.", "U.S." and "a.m." end the
 *    sentence before any capital that is not part of a name ("U.S. Army");
 *  - after an ellipsis only a function word that opens sentences counts
 *    ("slowly... And"), and never "I" ("the thing is . . . I didn't");
 *  - inside a quotation of short pieces that a lower-case word or a comma
 *    follows, a stop ends nothing ('the book "Eat. Pray. Love." has').
 * A newline also ends a sentence that lacks a stop (headlines, bullets),
 * unless the next line starts in lower case (wrapped text) or the line
 * ends in a comma, a connective or an opening mark.  Glued text is split
 * only where it must be ("said."The", "ended.The").
 */
#include "text/sentences.h"

#include <string.h>

#include "text/abbrev.h"
#include "text/scan.h"

typedef struct splitter {
    const char *s;
    size_t len;
    size_t base;
    ng_arena *a;
    ng_span_vec *out;
    const ng_token *toks; /* the text's tokens, offsets from base */
    size_t count;       /* how many */
    size_t i;           /* the next token to read */
    int open;           /* a sentence is under way */
    size_t start;       /* its first byte */
    size_t ntok;        /* its tokens so far */
    int in_dq;          /* inside a straight "double" quotation */
    int pull;           /* the sentence opened with a double quote still open */
    int dq_open;        /* a double quotation opened in this sentence is still open */
    size_t dq_at;       /* the sentence's token count at its opening mark */
    int paren;          /* 1: sentence so far is "(..." 2: is a closed "(...)", 0: other */
    size_t depth;       /* bracket depth while paren == 1 */
    ng_scan_tok first;  /* the sentence's first token */
    ng_scan_tok last;   /* its last token */
    ng_scan_tok before; /* the one before that */
} splitter;

/* A token that may end a sentence, with what the decision needs. */
typedef struct candidate {
    ng_scan_tok t;      /* the stop, ellipsis or abbreviation */
    ng_scan_tok before; /* the token before it */
    size_t index;       /* its 0-based position in the sentence */
    int closed;         /* closing quotes or brackets were glued after it */
} candidate;

static size_t tok_len(const ng_scan_tok *t) { return t->end - t->start; }

/* Token i in the scanner's view; 0 past the last one. */
static int tok_at(const splitter *sp, size_t i, ng_scan_tok *t)
{
    if (i >= sp->count) return 0;
    ng_scan_view(&sp->toks[i], sp->base, t);
    return 1;
}

static int tok_is(const splitter *sp, const ng_scan_tok *t, const char *word)
{
    size_t n = strlen(word);
    return tok_len(t) == n && memcmp(sp->s + t->start, word, n) == 0;
}

static int is_lower(const ng_scan_tok *t) { return (t->flags & NG_SCAN_LOWER) != 0; }
static int is_capital(const ng_scan_tok *t) { return (t->flags & NG_TOKEN_CAPITAL) != 0; }

/* A capitalised word that is a safe sign of a new sentence ("The", "He",
 * "However"), not a name that may follow an abbreviation. */
static int is_starter(const splitter *sp, const ng_scan_tok *t)
{
    if (t->kind != NG_TK_WORD || !is_capital(t)) return 0;
    return ng_scan_is_stop(sp->s, t) || ng_is_starter_extra(sp->s + t->start, tok_len(t));
}

/* Most gaps between tokens are a space or two, too short to be worth a
 * call to memchr(). */
static inline int has_newline(const splitter *sp, size_t from, size_t to)
{
    if (to <= from) return 0;
    if (to - from > 8) return memchr(sp->s + from, '\n', to - from) != NULL;
    for (size_t i = from; i < to; i++)
        if (sp->s[i] == '\n') return 1;
    return 0;
}

/* The class of an abbreviation token: the list's, else an initial when it
 * is capitals and periods only ("W.", "J.C."), else terminal ("i.v."). */
static ng_abbrev_class abbrev_class(const splitter *sp, const ng_scan_tok *t)
{
    size_t b = t->start, e = t->end - 1; /* drop the final period */
    for (size_t i = e; i > b; i--)
        if (sp->s[i - 1] == '-') {
            b = i; /* the part after the last hyphen: "ex-Gen." */
            break;
        }
    ng_abbrev_class cls = ng_abbrev_lookup(sp->s + b, e - b);
    if (cls != NG_AB_NONE) return cls;
    for (size_t i = b; i < e; i++) {
        char c = sp->s[i];
        if (!(c == '.' || (c >= 'A' && c <= 'Z'))) return NG_AB_TERMINAL;
    }
    return NG_AB_INITIAL;
}

static int is_candidate(ng_tok_kind k)
{
    return k == NG_TK_PERIOD || k == NG_TK_TERM || k == NG_TK_ELLIPSIS ||
           k == NG_TK_ELLIPSIS4 || k == NG_TK_ABBREV;
}

/* ----------------------------------------------------------- bookkeeping */

static int emit(splitter *sp, size_t end)
{
    ng_span span = {sp->base + sp->start, sp->base + end};
    sp->open = 0;
    return ng_vec_push(sp->a, sp->out, span);
}

/* Tracks a "(CNN)" group at the start of a sentence, which must not stand
 * alone as a sentence when a line break follows it. */
static void track_paren(splitter *sp, const ng_scan_tok *t)
{
    if (sp->paren == 1) {
        if (t->kind == NG_TK_OPEN) sp->depth++;
        else if (t->kind == NG_TK_CLOSE && --sp->depth == 0) sp->paren = 2;
    } else if (sp->paren == 2) {
        sp->paren = 0;
    }
}

/* True for the double quotation marks: " and the curly ones. */
static int is_double_quote(const splitter *sp, const ng_scan_tok *t)
{
    const unsigned char *u = (const unsigned char *)sp->s + t->start;
    return (t->flags & NG_SCAN_DQUOTE) ||
           (tok_len(t) == 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x9C || u[2] == 0x9D));
}

/* Follows double quotations: whether a straight one is open (to tell an
 * opening " from a closing one when both sides are glued), and whether the
 * sentence opened with a quotation that is still open (for pull_quote()). */
static void track_quotes(splitter *sp, const ng_scan_tok *t)
{
    if (!(t->flags & NG_TOKEN_QUOTE) || !is_double_quote(sp, t)) return;
    int opens = t->kind == NG_TK_QOPEN || (t->kind == NG_TK_QAMBIG && !sp->in_dq);
    if (t->flags & NG_SCAN_DQUOTE) sp->in_dq = opens;
    sp->pull = opens && sp->ntok == 0;
    sp->dq_open = opens;
    if (opens) sp->dq_at = sp->ntok;
}

/* Adds a token to the current sentence (starting one if needed). */
static void note_token(splitter *sp, const ng_scan_tok *t)
{
    if (!sp->open) {
        sp->open = 1;
        sp->start = t->start;
        sp->ntok = 0;
        sp->dq_open = 0;
        sp->first = *t;
        sp->paren = t->kind == NG_TK_OPEN && sp->s[t->start] == '(';
        sp->depth = (size_t)sp->paren;
    } else {
        track_paren(sp, t);
    }
    track_quotes(sp, t);
    sp->ntok++;
    sp->before = sp->last;
    sp->last = *t;
}

/* ------------------------------------------------------------- line ends */

/* Lower-case words after which a line cannot end a headline or sentence. */
static int is_connective(const splitter *sp, const ng_scan_tok *t)
{
    static const char *const words[] = {"a", "an", "and", "as", "at", "but", "by", "for",
                                        "from", "in", "into", "nor", "of", "on", "or", "than",
                                        "that", "the", "to", "with"};
    if (t->kind != NG_TK_WORD || !is_lower(t)) return 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (tok_is(sp, t, words[i])) return 1;
    return 0;
}

/* Whether a line break before next ends the sentence under way. */
static int newline_ends(const splitter *sp, const ng_scan_tok *next)
{
    const ng_scan_tok *p = &sp->last;
    if (is_lower(next) || sp->paren == 2) return 0;
    switch (p->kind) {
    case NG_TK_OPEN:
    case NG_TK_QOPEN:
    case NG_TK_DASH: return 0;
    case NG_TK_PUNCT: return sp->s[p->start] != ',' && sp->s[p->start] != ';';
    case NG_TK_ABBREV: return abbrev_class(sp, p) == NG_AB_TERMINAL;
    default: return !is_connective(sp, p);
    }
}

/* ------------------------------------------------------- after a stop */

/* Whether a token right after a stop marks a continuation: a comma,
 * semicolon, colon, percent sign, closing bracket or another stop. */
static int continues(const splitter *sp, const ng_scan_tok *n)
{
    switch (n->kind) {
    case NG_TK_CLOSE:
    case NG_TK_PERIOD:
    case NG_TK_TERM:
    case NG_TK_QCLOSE: return 1;
    case NG_TK_PUNCT: return strchr(",;:%", sp->s[n->start]) != NULL;
    default: return is_lower(n);
    }
}

/* A stop glued to the next word: split only after a closing quote
 * ("said."The"), before a new quotation, or between a lower-case word and
 * an unmistakable opener ("ended.The"). */
static int glued_breaks(const splitter *sp, const candidate *c, const ng_scan_tok *n,
                        const ng_scan_tok *w)
{
    if (c->t.kind != NG_TK_PERIOD) return 0;
    if (c->closed) return n->kind == NG_TK_WORD && is_capital(n);
    if (n->kind == NG_TK_QOPEN || n->kind == NG_TK_QAMBIG)
        return w->kind == NG_TK_WORD && is_capital(w);
    return c->before.kind == NG_TK_WORD && is_lower(&c->before) && tok_len(&c->before) >= 2 &&
           is_starter(sp, n);
}

/* "1." "2.)" "a." "• 9." opening a line: the mark of a list item, not a
 * sentence of its own. */
static int is_list_mark(const splitter *sp, const candidate *c)
{
    const ng_scan_tok *b = &c->before;
    int mark = (b->kind == NG_TK_NUMBER && tok_len(b) <= 3 && !(b->flags & NG_TOKEN_WORD)) ||
               (b->kind == NG_TK_WORD && tok_len(b) == 1);
    if (!mark) return 0;
    return c->index == 1 || (c->index == 2 && (sp->first.kind == NG_TK_PUNCT ||
                                               sp->first.kind == NG_TK_DASH ||
                                               sp->first.kind == NG_TK_OPEN));
}

/* After . ! ? or four dots. */
static int stop_breaks(const splitter *sp, const candidate *c, const ng_scan_tok *n,
                       const ng_scan_tok *w, int glued)
{
    if (glued) return glued_breaks(sp, c, n, w);
    if (c->t.kind == NG_TK_PERIOD && is_list_mark(sp, c)) return 0;
    if (continues(sp, n) || is_lower(w)) return 0;
    /* "N°. 1026" - a number after a symbol's period continues. */
    if (w->kind == NG_TK_NUMBER)
        return c->before.kind == NG_TK_WORD || c->before.kind == NG_TK_NUMBER;
    return 1;
}

/* "a.m." or "p.m." (any case): a clock time. */
static int is_clock(const splitter *sp, const ng_scan_tok *t)
{
    return tok_len(t) == 4 && strchr("apAP", sp->s[t->start]) &&
           sp->s[t->start + 1] == '.' && (sp->s[t->start + 2] | 0x20) == 'm' && sp->s[t->start + 3] == '.';
}

/* What a clock time carries after it in news copy: a time zone or a day
 * ("at 9 a.m. ET Friday", "at 7 p.m. Saturday"), which goes on the
 * sentence rather than opening one. */
static int follows_clock(const splitter *sp, const ng_scan_tok *w)
{
    static const char *const words[] = {"ET",      "EST",      "EDT",      "CT",      "CST",    "CDT",
                                        "MT",      "MST",      "MDT",      "PT",      "PST",    "PDT",
                                        "GMT",     "BST",      "UTC",      "CET",     "CEST",   "AEST",
                                        "AEDT",    "JST",      "HKT",      "Monday",  "Tuesday", "Wednesday",
                                        "Thursday", "Friday",  "Saturday", "Sunday"};
    if (w->kind != NG_TK_WORD) return 0;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (tok_is(sp, w, words[i])) return 1;
    return 0;
}

/* After an abbreviation that kept its period. */
static int abbrev_breaks(const splitter *sp, const candidate *c, const ng_scan_tok *n,
                         const ng_scan_tok *w, int glued)
{
    /* "At 5 a.m. Mr. Smith": three tokens are too few for a sentence. */
    if (glued || c->index < 3) return 0;
    if (continues(sp, n) || n->kind == NG_TK_NUMBER || is_lower(w)) return 0;
    if (is_clock(sp, &c->t) && follows_clock(sp, w)) return 0;
    ng_abbrev_class cls = abbrev_class(sp, &c->t);
    if (w->kind == NG_TK_ABBREV) /* "6 P.M. Mr. Smith" but "U.S. Rep. Dicks" */
        return cls == NG_AB_TERMINAL && abbrev_class(sp, w) == NG_AB_TITLE;
    if (w->kind != NG_TK_WORD || !is_capital(w)) return 0;
    if (is_starter(sp, w)) return 1;
    return cls == NG_AB_TERMINAL && !ng_is_continuation(sp->s + w->start, tok_len(w));
}

/* After an ellipsis: only an opener other than "I" starts a sentence,
 * but after an editor's "[...]" any capital does ("[...] Ozone is"). */
static int ellipsis_breaks(const splitter *sp, const ng_scan_tok *w, int glued)
{
    if (glued) return 0;
    if (sp->s[sp->last.start] == ']') return w->kind == NG_TK_WORD && is_capital(w);
    return is_starter(sp, w) && !tok_is(sp, w, "I");
}

/* Whether the rest of the line from token i (n) is a short stop-less
 * attribution that belongs to the sentence before it: '..." - Matthew
 * Ingram' or a pull quote's '... she was suppressive. Valeska Paris'. */
static int is_attribution(const splitter *sp, size_t i, const ng_scan_tok *n)
{
    ng_scan_tok t = *n;
    size_t count = 0, pos = n->start;
    int dash = n->kind == NG_TK_DASH;
    for (; tok_at(sp, i, &t) && !has_newline(sp, pos, t.start); i++) {
        if (++count > 4) return 0;
        int name = t.kind == NG_TK_WORD && is_capital(&t) && !ng_scan_is_stop(sp->s, &t);
        if (!name && !(dash && count == 1)) return 0;
        pos = t.end;
    }
    return count >= 1u + (size_t)dash;
}

/* Whether the line from token i (n) on is a short tail with no stop in it. */
static int stopless_tail(const splitter *sp, size_t i, const ng_scan_tok *n)
{
    ng_scan_tok t;
    size_t count = 0, pos = n->start;
    for (; tok_at(sp, i, &t) && !has_newline(sp, pos, t.start); pos = t.end, i++)
        if (++count > 12 || is_candidate(t.kind)) return 0;
    return count > 0;
}

/* '..." Anonymous blogger, "Anon declares war"': a quotation closed at a
 * stop, then the rest of the line (token i, n) naming its source without a
 * stop. */
static int credit_tail(const splitter *sp, const ng_scan_tok *closer, size_t i,
                       const ng_scan_tok *n)
{
    if (!is_double_quote(sp, closer)) return 0;
    return (n->kind == NG_TK_DASH || (n->kind == NG_TK_WORD && is_capital(n))) &&
           stopless_tail(sp, i, n);
}

/* A pull quote: the sentence opened with a quotation that closes later on
 * the line and is followed by its source ('"So far, it's the Internet: 1,
 * Scientology: 0. But it's a long game." - Matthew Ingram'); the quote and
 * its credit stay one unit. */
static int pull_quote(const splitter *sp)
{
    if (!sp->pull) return 0;
    ng_scan_tok t, n;
    size_t pos = sp->last.end, limit = 80; /* tokens: a pull quote is short */
    for (size_t i = sp->i; limit-- && tok_at(sp, i, &t); pos = t.end, i++) {
        if (has_newline(sp, pos, t.start)) return 0;
        if (t.kind == NG_TK_QCLOSE && is_double_quote(sp, &t))
            return tok_at(sp, i + 1, &n) && !has_newline(sp, t.end, n.start) &&
                   (is_attribution(sp, i + 1, &n) || credit_tail(sp, &t, i + 1, &n));
    }
    return 0;
}

/* A title of short sentences in quotation marks inside a sentence:
 * 'the book "Eat. Pray. Love." has ...'.  At a stop inside a quotation
 * opened in this sentence, every piece of the quotation (between its
 * marks and stops) has at most three words, it closes within 12 tokens,
 * and a lower-case word or a comma follows it. */
static int quoted_title(const splitter *sp)
{
    if (!sp->dq_open || sp->ntok - sp->dq_at > 12 || sp->i < 2) return 0;
    ng_scan_tok t, n;
    size_t back = 0, j = sp->i - 1; /* sp->i - 1: the stop; before it, the piece it ends */
    while (j-- > 0) {
        if (!tok_at(sp, j, &t)) return 0;
        if (t.kind == NG_TK_PERIOD || t.kind == NG_TK_TERM || is_double_quote(sp, &t)) break;
        if (t.kind != NG_TK_WORD || ++back > 3) return 0;
    }
    if (back == 0) return 0;
    size_t words = 0, pos = sp->last.end;
    for (size_t i = sp->i; i < sp->i + 12 && tok_at(sp, i, &t); pos = t.end, i++) {
        if (has_newline(sp, pos, t.start)) return 0;
        if (t.kind == NG_TK_WORD) {
            if (++words > 3) return 0;
        } else if (t.kind == NG_TK_PERIOD || t.kind == NG_TK_TERM) {
            words = 0;
        } else if ((t.kind == NG_TK_QCLOSE || t.kind == NG_TK_QAMBIG) && is_double_quote(sp, &t)) {
            if (!tok_at(sp, i + 1, &n) || has_newline(sp, t.end, n.start)) return 0;
            return (n.kind == NG_TK_WORD && is_lower(&n)) || (tok_len(&n) == 1 && sp->s[n.start] == ',');
        } else {
            return 0;
        }
    }
    return 0;
}

/* Whether the sentence ends before n (the next token, sp->i), given the
 * candidate c. */
static int breaks_before(splitter *sp, const candidate *c, const ng_scan_tok *n)
{
    if (has_newline(sp, sp->last.end, n->start)) return 0; /* newline_ends() decides */
    if (is_attribution(sp, sp->i, n) || (c->closed && credit_tail(sp, &sp->last, sp->i, n)) ||
        pull_quote(sp) || quoted_title(sp))
        return 0;
    int glued = n->start == sp->last.end;
    ng_scan_tok w = *n, x;
    /* Look through an opening quote, bracket or dash to the word after it. */
    int opener = n->kind == NG_TK_QOPEN || n->kind == NG_TK_QAMBIG || n->kind == NG_TK_OPEN ||
                 n->kind == NG_TK_DASH || n->kind == NG_TK_ELLIPSIS;
    if (opener && tok_at(sp, sp->i + 1, &x)) w = x;
    switch (c->t.kind) {
    case NG_TK_ABBREV: return abbrev_breaks(sp, c, n, &w, glued);
    case NG_TK_ELLIPSIS: return ellipsis_breaks(sp, &w, glued);
    default:
        /* "compounds. . . . The": the period ends it, the ellipsis opens the next. */
        if (c->t.kind == NG_TK_PERIOD && n->kind == NG_TK_ELLIPSIS)
            return w.kind == NG_TK_WORD && is_capital(&w);
        return stop_breaks(sp, c, n, &w, glued);
    }
}

/* ---------------------------------------------------- lost line breaks */

static int is_any(const splitter *sp, const ng_scan_tok *t, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (tok_is(sp, t, words[i])) return 1;
    return 0;
}

/* Where copy lost its line breaks before t (the token before sp->i) and no stop marks the end: a caption and
 * its credit ("Playstation VR demo Image: Nick Moreau."), a dateline date
 * ("Thursday, May 7, 2015 On Tuesday, ..."), a caption run into the text
 * ("Ann Chiang of DAB In the Kowloon West ...").  Each pattern is narrow:
 * a capitalised "In the" after a content word, or a credit label glued to
 * its colon, practically never occurs inside a news sentence. */
static int silent_break(const splitter *sp, const ng_scan_tok *t)
{
    static const char *const credits[] = {"Credit", "Image", "Photo", "Picture", "Video"};
    static const char *const days[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday"};
    const ng_scan_tok *p = &sp->last;
    if (t->kind != NG_TK_WORD || !is_capital(t)) return 0;
    if (p->kind == NG_TK_NUMBER)
        return tok_len(p) == 4 && sp->ntok <= 6 && is_any(sp, &sp->first, days, 7);
    if (p->kind != NG_TK_WORD) return 0;
    /* The tests on t first: they rule out most words without the
     * function-word lookup on p. */
    if (t->end < sp->len && sp->s[t->end] == ':')
        return is_any(sp, t, credits, 5) && !ng_scan_is_stop(sp->s, p);
    ng_scan_tok x;
    return tok_is(sp, t, "In") && tok_at(sp, sp->i, &x) && tok_is(sp, &x, "the") &&
           !ng_scan_is_stop(sp->s, p);
}


/* Closing marks glued after a stop belong to its sentence; so does an
 * opening quote glued there with a space after it, a typo for a closing
 * one ("decision.“ However"). */
static int is_closer(const splitter *sp, const ng_scan_tok *n)
{
    if (n->kind == NG_TK_QOPEN)
        return (n->flags & NG_TOKEN_QUOTE) && (n->end >= sp->len || sp->s[n->end] == ' ');
    return n->kind == NG_TK_QCLOSE || n->kind == NG_TK_CLOSE ||
           (n->kind == NG_TK_QAMBIG && sp->in_dq);
}

/* Handles a candidate just noted: takes in glued closers, then ends the
 * sentence when the next token says so.  Returns -1 when out of memory. */
static int after_candidate(splitter *sp)
{
    candidate c = {sp->last, sp->before, sp->ntok - 1, 0};
    ng_scan_tok n;
    int has = tok_at(sp, sp->i, &n);
    while (has && n.start == sp->last.end && is_closer(sp, &n)) {
        note_token(sp, &n);
        sp->i++;
        c.closed = 1;
        has = tok_at(sp, sp->i, &n);
    }
    if (!has || c.index == 0) return 0; /* the end of text closes it anyway */
    return breaks_before(sp, &c, &n) ? emit(sp, sp->last.end) : 0;
}

ng_status ng_split_tokens(ng_arena *a, const char *text, size_t len, size_t base,
                          const ng_token *toks, size_t count, ng_span_vec *out)
{
    if (!text) return NG_OK;
    splitter sp;
    memset(&sp, 0, sizeof sp);
    sp.s = text;
    sp.len = len;
    sp.base = base;
    sp.a = a;
    sp.out = out;
    sp.toks = toks;
    sp.count = count;
    ng_scan_tok t;
    while (tok_at(&sp, sp.i, &t)) {
        sp.i++;
        int ends = sp.open && (has_newline(&sp, sp.last.end, t.start) ? newline_ends(&sp, &t)
                                                                      : silent_break(&sp, &t));
        if (ends && emit(&sp, sp.last.end)) return NG_E_NOMEM;
        note_token(&sp, &t);
        if (is_candidate(t.kind) && after_candidate(&sp)) return NG_E_NOMEM;
    }
    if (sp.open && emit(&sp, sp.last.end)) return NG_E_NOMEM;
    return NG_OK;
}

/* Scans the text into a vector of its own, for callers that have no
 * tokens yet. */
ng_status ng_split_sentences(ng_arena *a, const char *text, size_t len, size_t base,
                             ng_span_vec *out)
{
    if (!text) return NG_OK;
    ng_token_vec toks = {NULL, 0, 0};
    if (ng_scan_tokens(a, text, len, base, &toks)) return NG_E_NOMEM;
    return ng_split_tokens(a, text, len, base, toks.items, toks.count, out);
}
