/* tokenize.c - the tokenizer for news English.
 *
 * ng_scan_next() reads one token at a time straight from the text (ASCII on
 * a fast path, everything else through utf8proc) and ng_tokenize() appends
 * each one to an arena vector, so nothing is allocated per token.  The
 * sentence splitter shares the scanner (scan.h) so both agree on what an
 * abbreviation, a number or a URL is.
 *
 * Choices worth knowing:
 *  - Contractions and possessives split the Penn Treebank way: "don't" ->
 *    "do" "n't", "can't" -> "ca" "n't", "we've" -> "we" "'ve", "China's" ->
 *    "China" "'s"; a plural possessive "states'" -> "states" "'" (a quote).
 *  - A currency sign glued to a number stays on it: "$5.1" is one NUMBER
 *    token and "billion" the next; "10%" is one NUMBER token too.
 *  - Hyphens and periods inside words stay: "well-known", "U.S.-China",
 *    "U.S-China", "20-year-old" (WORD|NUMBER, as is "5th").
 *  - A period joins the word before it for initials and known
 *    abbreviations ("W.", "U.S.", "Mr.", "a.m."); the splitter decides
 *    later whether such a period also ends a sentence.
 *  - "..." "…" and ". . ." are one token; "--" "—" "–" are punctuation.
 */
#include "text/tokenize.h"

#include <string.h>
#include <utf8proc.h>

#include "text/abbrev.h"
#include "text/scan.h"

/* ------------------------------------------------------ character classes */

enum { CH_SPACE, CH_UPPER, CH_LOWER, CH_LETTER, CH_DIGIT, CH_OTHER };

static inline int ascii_upper(unsigned c) { return c - 'A' < 26u; }
static inline int ascii_lower(unsigned c) { return c - 'a' < 26u; }
static inline int ascii_alpha(unsigned c) { return (c | 32u) - 'a' < 26u; }
static inline int ascii_digit(unsigned c) { return c - '0' < 10u; }
static inline int ascii_alnum(unsigned c) { return ascii_alpha(c) || ascii_digit(c); }
static inline unsigned byte_at(const char *s, size_t i) { return (unsigned char)s[i]; }

/* Decodes the code point at s[i] and stores its length in *n.  The text is
 * valid UTF-8 by contract; should a broken byte come anyway it reads as one
 * U+FFFD so that scanning still moves on. */
static int32_t decode_at(const char *s, size_t len, size_t i, size_t *n)
{
    unsigned c = byte_at(s, i);
    if (c < 0x80) {
        *n = 1;
        return (int32_t)c;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), &cp);
    if (r <= 0) {
        *n = 1;
        return 0xFFFD;
    }
    *n = (size_t)r;
    return cp;
}

/* The class of one code point.  Marks count as letters so that decomposed
 * accents stay inside their word; zero-width spaces count as spaces. */
static int class_of(int32_t cp)
{
    if (cp < 0x80) {
        unsigned c = (unsigned)cp;
        if (ascii_upper(c)) return CH_UPPER;
        if (ascii_lower(c)) return CH_LOWER;
        if (ascii_digit(c)) return CH_DIGIT;
        return c <= 0x20 || c == 0x7f ? CH_SPACE : CH_OTHER;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT: return CH_UPPER;
    case UTF8PROC_CATEGORY_LL: return CH_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return CH_LETTER;
    case UTF8PROC_CATEGORY_ND: return CH_DIGIT;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC: return CH_SPACE;
    case UTF8PROC_CATEGORY_CF:
        if (cp == 0x00AD || cp == 0x200D) return CH_LETTER; /* soft hyphen, ZWJ */
        return cp == 0x200B || cp == 0xFEFF || cp == 0x2060 ? CH_SPACE : CH_OTHER;
    default: return CH_OTHER;
    }
}

static inline int is_word_class(int k) { return k != CH_SPACE && k != CH_OTHER; }

/* The class of the code point at s[i] (CH_SPACE past the end). */
static int class_at(const char *s, size_t len, size_t i)
{
    if (i >= len) return CH_SPACE;
    size_t n;
    return class_of(decode_at(s, len, i, &n));
}

static int word_char_at(const char *s, size_t len, size_t i)
{
    if (i >= len) return 0;
    unsigned c = byte_at(s, i);
    if (c < 0x80) return ascii_alnum(c);
    return is_word_class(class_at(s, len, i));
}

/* True when the character before s[pos] is whitespace, an opening bracket
 * or an opening quote, or pos is the start: what precedes an opening mark. */
static int opens_after(const char *s, size_t pos)
{
    if (pos == 0) return 1;
    unsigned c = byte_at(s, pos - 1);
    if (c < 0x80) return c <= 0x20 || c == '(' || c == '[' || c == '{' || c == '"';
    size_t b = pos - 1;
    while (b > 0 && pos - b < 4 && (byte_at(s, b) & 0xC0) == 0x80) b--;
    size_t n;
    int32_t cp = decode_at(s, pos, b, &n);
    return class_of(cp) == CH_SPACE || cp == 0x201C || cp == 0x2018;
}

/* Length of an apostrophe at s[i]: ' or U+2019; 0 when there is none. */
static size_t apostrophe_at(const char *s, size_t len, size_t i)
{
    if (i >= len) return 0;
    if (s[i] == '\'') return 1;
    if (i + 2 < len && byte_at(s, i) == 0xE2 && byte_at(s, i + 1) == 0x80 &&
        byte_at(s, i + 2) == 0x99)
        return 3;
    return 0;
}

/* Length of a word-joining hyphen at s[i]: - U+2010 U+2011; 0 otherwise. */
static size_t hyphen_at(const char *s, size_t len, size_t i)
{
    if (i >= len) return 0;
    if (s[i] == '-') return 1;
    if (i + 2 < len && byte_at(s, i) == 0xE2 && byte_at(s, i + 1) == 0x80 &&
        (byte_at(s, i + 2) == 0x90 || byte_at(s, i + 2) == 0x91))
        return 3;
    return 0;
}

/* Length of the clitic after an apostrophe at s[i] ("s", "re", "ve", "ll",
 * "d", "m", any case) when it ends the word there; 0 otherwise. */
static size_t clitic_len(const char *s, size_t len, size_t i)
{
    static const char *const clitics[] = {"s", "re", "ve", "ll", "d", "m"};
    for (size_t k = 0; k < sizeof clitics / sizeof clitics[0]; k++) {
        size_t n = strlen(clitics[k]), j = 0;
        if (i + n > len) continue;
        while (j < n && (byte_at(s, i + j) | 32u) == (unsigned char)clitics[k][j]) j++;
        if (j == n && !word_char_at(s, len, i + n)) return n;
    }
    return 0;
}

/* ------------------------------------------------------------------- URLs */

static int has_prefix_ci(const char *s, size_t len, size_t i, const char *p)
{
    size_t n = strlen(p);
    if (i + n > len) return 0;
    for (size_t j = 0; j < n; j++)
        if ((byte_at(s, i + j) | 32u) != (unsigned char)p[j]) return 0;
    return 1;
}

/* Where a URL's body that starts at s[i] ends: at whitespace, a quote or
 * markup, minus the punctuation a sentence puts after a link. */
static size_t url_rest_end(const char *s, size_t len, size_t i)
{
    size_t e = i;
    int parens = 0;
    while (e < len) {
        unsigned c = byte_at(s, e);
        if (c <= 0x20 || c >= 0x80 || c == '"' || c == '<' || c == '>') break;
        if (c == '(') parens++;
        e++;
    }
    while (e > i) {
        unsigned c = byte_at(s, e - 1);
        if (strchr(".,;:!?'", (int)c) || c == ']' || c == '}' || (c == ')' && !parens)) e--;
        else break;
    }
    return e;
}

/* A URL with a scheme or "www." at s[i]: its end, or 0. */
static size_t url_scheme_end(const char *s, size_t len, size_t i)
{
    static const char *const prefixes[] = {"http://", "https://", "ftp://", "www."};
    if (i + 4 > len) return 0;
    unsigned c2 = byte_at(s, i + 1) | 32u; /* most words stop here */
    if (c2 != 't' && c2 != 'w') return 0;
    for (size_t k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++) {
        size_t n = strlen(prefixes[k]);
        if (has_prefix_ci(s, len, i, prefixes[k]) && i + n < len && ascii_alnum(byte_at(s, i + n)))
            return url_rest_end(s, len, i + n);
    }
    return 0;
}

static int host_char(unsigned c) { return ascii_alnum(c) || c == '.' || c == '-'; }
static int local_char(unsigned c) { return host_char(c) || c == '_' || c == '%' || c == '+'; }

/* True when the host s[b..e) has a dot and ends in a plausible top-level
 * domain: any two letters or more after "@", a known one for a bare host,
 * so that "world.Today" is not taken for a link. */
static int host_ok(const char *s, size_t b, size_t e, int after_at)
{
    static const char *const tlds[] = {"com", "org", "net", "gov", "edu", "mil", "int", "info",
                                       "biz", "io", "tv", "uk", "au", "ca", "de", "fr", "cn",
                                       "jp", "ru", "eu"};
    size_t d = e;
    while (d > b && s[d - 1] != '.') d--;
    if (d <= b + 1 || e - d < 2) return 0;
    for (size_t i = d; i < e; i++)
        if (!ascii_alpha(byte_at(s, i))) return 0;
    if (after_at) return 1;
    for (size_t k = 0; k < sizeof tlds / sizeof tlds[0]; k++)
        if (e - d == strlen(tlds[k]) && memcmp(s + d, tlds[k], e - d) == 0) return 1;
    return 0;
}

/* An e-mail address or a bare host name ("cnn.com/world") at s[i]: its
 * end, or 0. */
static size_t email_or_host_end(const char *s, size_t len, size_t i)
{
    size_t q = i;
    while (q < len && local_char(byte_at(s, q))) q++;
    int at = q > i && q < len && s[q] == '@';
    size_t b = at ? q + 1 : i, e = b;
    while (e < len && host_char(byte_at(s, e))) e++;
    while (e > b && (s[e - 1] == '.' || s[e - 1] == '-')) e--;
    if (!host_ok(s, b, e, at)) return 0;
    if (!at && e < len && s[e] == '/') e = url_rest_end(s, len, e);
    return e;
}

/* ------------------------------------------------------------------ words */

/* The state of scanning one word or number. */
typedef struct word_scan {
    const char *s;
    size_t len;
    size_t start;  /* the token's first byte */
    size_t p;      /* the next byte to look at */
    size_t seg;    /* start of the current hyphen-separated part */
    size_t run;    /* start of the current run of letters (after seg or a '.') */
    int seg_digit; /* the current part holds a digit */
    int run_ascii; /* the current run is ASCII letters only */
    int multi;     /* inside a "U.S."-style run of short letter groups */
    int alpha;     /* some letter was seen */
    int clitic;    /* the token is "n't" */
    int url;       /* the token became an e-mail address or host name */
} word_scan;

/* Byte classes for consume_alnum(): an ASCII letter, an ASCII digit, a
 * byte of a multi-byte character (decoded to tell), or the end of the run
 * (0); one load a byte instead of range tests. */
enum { AL_LETTER = 1, AL_DIGIT = 2, AL_UTF8 = 4 };
static const uint8_t alnum_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/* Consumes a run of ASCII letters and digits from p; ORs their classes
 * into *seen.  Returns where the run ends. */
static size_t ascii_alnum_run(const unsigned char *s, size_t len, size_t p, unsigned *seen)
{
    unsigned k, acc = 0;
    while (p < len && (k = alnum_class[s[p]]) & (AL_LETTER | AL_DIGIT)) {
        acc |= k;
        p++;
    }
    *seen |= acc;
    return p;
}

/* Consumes letters, digits and marks; ASCII without decoding, and with
 * the position and what was seen kept in registers until the end. */
static void consume_alnum(word_scan *w)
{
    const unsigned char *s = (const unsigned char *)w->s;
    size_t p = w->p;
    unsigned seen = 0;
    for (;;) {
        p = ascii_alnum_run(s, w->len, p, &seen);
        if (p >= w->len || s[p] < 0x80) break;
        size_t n;
        int k = class_of(decode_at(w->s, w->len, p, &n));
        if (k == CH_DIGIT) seen |= AL_DIGIT;
        else if (is_word_class(k)) seen |= AL_LETTER, w->run_ascii = 0;
        else break;
        p += n;
    }
    w->p = p;
    if (seen & AL_LETTER) w->alpha = 1;
    if (seen & AL_DIGIT) w->seg_digit = 1;
}

static int between_digits(const word_scan *w)
{
    return w->p > w->start && ascii_digit(byte_at(w->s, w->p - 1)) && w->p + 1 < w->len &&
           ascii_digit(byte_at(w->s, w->p + 1));
}

/* Starts a new part of the word at w->p (after a hyphen or apostrophe). */
static void new_part(word_scan *w, int hyphen)
{
    w->run = w->p;
    w->run_ascii = 1;
    w->multi = 0;
    if (hyphen) w->seg = w->p, w->seg_digit = 0;
}

/* An apostrophe inside a word: splits off "n't" and the clitics, keeps it
 * inside names such as O'Brien.  Returns 1 to go on scanning. */
static int step_apostrophe(word_scan *w, size_t al)
{
    const char *s = w->s;
    size_t a = w->p, after = a + al;
    if ((byte_at(s, a - 1) | 32u) == 'n' && after < w->len && (byte_at(s, after) | 32u) == 't' &&
        !word_char_at(s, w->len, after + 1)) {
        if (a - 1 == w->start) w->p = after + 1, w->clitic = 1; /* this token is "n't" */
        else w->p = a - 1;                                       /* "do" before "n't" */
        return 0;
    }
    if (clitic_len(s, w->len, after)) return 0; /* "'s" is the next token */
    if (!word_char_at(s, w->len, after)) return 0;
    w->p = after;
    new_part(w, 0);
    return 1;
}

/* A hyphen inside a word joins it ("well-known") when a letter or digit
 * follows; otherwise the word ends before it. */
static int step_hyphen(word_scan *w, size_t hl)
{
    if (!word_char_at(w->s, w->len, w->p + hl)) return 0;
    w->p += hl;
    new_part(w, 1);
    return 1;
}

static int ascii_upper_span(const char *s, size_t b, size_t e)
{
    for (size_t i = b; i < e; i++)
        if (!ascii_upper(byte_at(s, i))) return 0;
    return 1;
}

/* "U.S", "a.m", "Ph.D": the 1-2 letter run before the period at w->p is
 * followed by another group of 1-2 letters that ends in a period (or, all
 * capitals, in a hyphen: "U.S-China").  Consumes the group; returns 1. */
static int step_letter_group(word_scan *w)
{
    const char *s = w->s;
    size_t p = w->p, rl = p - w->run;
    if (rl < 1 || rl > 2 || !(w->multi || w->run == w->seg)) return 0;
    size_t q = p + 1, k = 0;
    while (q + k < w->len && k < 3 && ascii_alpha(byte_at(s, q + k))) k++;
    if (k < 1 || k > 2 || q + k >= w->len) return 0;
    unsigned next = byte_at(s, q + k);
    int ok = next == '.' ||
             (next == '-' && ascii_upper_span(s, w->run, p) && ascii_upper_span(s, q, q + k));
    if (!ok) return 0;
    w->p = q + k;
    w->run = q;
    w->multi = 1;
    return 1;
}

/* True when the current part, followed by a period, is an abbreviation that
 * keeps it: an initial ("W.") or a listed one ("Mr.", "Inc."). */
static int keeps_period(const word_scan *w)
{
    size_t n = w->p - w->seg;
    if (n == 1 && ascii_upper(byte_at(w->s, w->seg))) return 1;
    return ng_abbrev_lookup(w->s + w->seg, n) != NG_AB_NONE;
}

/* Tries the text from the token start as an e-mail address or host name. */
static int step_url(word_scan *w)
{
    size_t e = email_or_host_end(w->s, w->len, w->start);
    if (e > w->p) w->p = e, w->url = 1;
    return 0;
}

/* A period inside or after a word: decimal point, abbreviation, host name
 * or the end of the word. */
static int step_period(word_scan *w)
{
    const char *s = w->s;
    size_t p = w->p;
    if (between_digits(w)) {
        w->p++;
        return 1;
    }
    if (p + 1 < w->len && s[p + 1] == '.') return 0; /* an ellipsis follows */
    if (!w->seg_digit && w->run_ascii) {
        if (step_letter_group(w)) return 1;
        if (w->multi || keeps_period(w)) {
            w->p++;
            size_t hl = hyphen_at(s, w->len, w->p);
            return hl && word_char_at(s, w->len, w->p + hl); /* "U.S.-China" */
        }
    }
    if (p + 1 < w->len && ascii_alnum(byte_at(s, p + 1))) return step_url(w);
    return 0;
}

/* Looks at the non-alphanumeric byte at w->p inside a word; returns 1 when
 * the word goes on past it. */
static int step_inner(word_scan *w)
{
    unsigned c = byte_at(w->s, w->p);
    size_t al = apostrophe_at(w->s, w->len, w->p);
    if (al) return step_apostrophe(w, al);
    size_t hl = hyphen_at(w->s, w->len, w->p);
    if (hl) return step_hyphen(w, hl);
    if (c == '.') return step_period(w);
    if ((c == ',' || c == ':' || c == '/') && between_digits(w)) {
        w->p++;
        return 1;
    }
    if (c == '%' && ascii_digit(byte_at(w->s, w->p - 1))) {
        w->p++;
        return 0;
    }
    if (c == '@' || c == '_' || c == '+') return step_url(w);
    return 0;
}

/* The bytes step_inner() can look past: apostrophe, hyphen, period, the
 * digit separators, %, the e-mail characters and any non-ASCII byte (U+2019,
 * U+2010, U+2011).  Most words end at a space or a comma, and this lets them
 * end without step_inner()'s string of tests. */
static int may_join(unsigned c)
{
    static const uint8_t joins[128] = {
        ['\''] = 1, ['-'] = 1, ['.'] = 1, [','] = 1, [':'] = 1, ['/'] = 1,
        ['%'] = 1, ['@'] = 1, ['_'] = 1, ['+'] = 1,
    };
    return c >= 0x80 || joins[c];
}

/* The class of the token's first character; ASCII without decoding. */
static int first_class(const word_scan *w)
{
    unsigned c = byte_at(w->s, w->start);
    if (c >= 0x80) return class_at(w->s, w->len, w->start);
    return ascii_upper(c) ? CH_UPPER : ascii_lower(c) ? CH_LOWER : CH_OTHER;
}

/* Sets kind and flags of a finished word or number token. */
static void finish_word(const word_scan *w, int numeric, ng_scan_tok *t)
{
    const char *s = w->s;
    t->end = w->p;
    if (w->url) {
        t->kind = NG_TK_URL;
        t->flags = NG_TOKEN_URL;
        return;
    }
    if (w->clitic) {
        t->kind = NG_TK_WORD;
        t->flags = NG_TOKEN_WORD | NG_TOKEN_STOP;
        if (ascii_lower(byte_at(s, w->start))) t->flags |= NG_SCAN_LOWER;
        return;
    }
    if (numeric) {
        t->kind = NG_TK_NUMBER;
        t->flags = NG_TOKEN_NUMBER | (w->alpha ? NG_TOKEN_WORD : 0);
        return;
    }
    size_t n = w->p - w->start;
    int k = first_class(w);
    t->kind = s[w->p - 1] == '.' ? NG_TK_ABBREV : NG_TK_WORD;
    t->flags = NG_TOKEN_WORD;
    if (k == CH_UPPER) t->flags |= NG_TOKEN_CAPITAL;
    else if (k == CH_LOWER) t->flags |= NG_SCAN_LOWER;
    if (t->kind == NG_TK_WORD && n <= NG_STOPWORD_MAX) t->flags |= NG_SCAN_STOP_LAZY;
}

/* Scans a word or number that starts at start; its letters or digits
 * begin at p (after a currency sign or a leading decimal point). */
static void scan_word(const char *s, size_t len, size_t start, size_t p, int numeric,
                      ng_scan_tok *t)
{
    word_scan w = {s, len, start, p, p, p, 0, 1, 0, 0, 0, 0};
    for (;;) {
        consume_alnum(&w);
        if (w.p >= len || !may_join(byte_at(s, w.p)) || !step_inner(&w)) break;
    }
    finish_word(&w, numeric, t);
}

/* ------------------------------------------------------------ punctuation */

static void set_tok(ng_scan_tok *t, size_t end, ng_tok_kind kind, uint32_t flags)
{
    t->end = end;
    t->kind = kind;
    t->flags = flags;
}

/* A period, a run of dots, or dots spaced out as ". . ." (only when the
 * first one stands free: "word. . . ." is a period and then an ellipsis). */
static void scan_dots(const char *s, size_t len, size_t pos, ng_scan_tok *t)
{
    size_t e = pos;
    while (e < len && s[e] == '.') e++;
    size_t n = e - pos;
    if (n == 1 && opens_after(s, pos)) {
        size_t q = pos, k = 1;
        while (q + 2 < len && s[q + 1] == ' ' && s[q + 2] == '.') q += 2, k++;
        if (k >= 3) e = q + 1, n = k;
    }
    ng_tok_kind kind = n == 1 ? NG_TK_PERIOD : n >= 4 ? NG_TK_ELLIPSIS4 : NG_TK_ELLIPSIS;
    set_tok(t, e, kind, NG_TOKEN_PUNCT);
}

/* An apostrophe that starts a token: a clitic ("'s" after "Jr."), the
 * closing '' of Penn Treebank text, or a single quotation mark. */
static void scan_apostrophe(const char *s, size_t len, size_t pos, size_t al, ng_scan_tok *t)
{
    size_t after = pos + al;
    size_t cl = clitic_len(s, len, after);
    if (cl) {
        uint32_t lower = ascii_lower(byte_at(s, after)) ? NG_SCAN_LOWER : 0;
        set_tok(t, after + cl, NG_TK_WORD, NG_TOKEN_WORD | NG_TOKEN_STOP | lower);
        return;
    }
    if (al == 1 && after < len && s[after] == '\'') {
        set_tok(t, after + 1, NG_TK_QCLOSE, NG_TOKEN_QUOTE | NG_TOKEN_PUNCT);
        return;
    }
    ng_tok_kind kind = opens_after(s, pos) ? NG_TK_QOPEN : NG_TK_QCLOSE;
    set_tok(t, after, kind, NG_TOKEN_QUOTE | NG_TOKEN_PUNCT);
}

/* A straight double quote: opening after a space, closing before one, and
 * left for the splitter to decide (by counting) when glued on both sides. */
static void scan_dquote(const char *s, size_t len, size_t pos, ng_scan_tok *t)
{
    ng_tok_kind kind;
    if (opens_after(s, pos)) kind = NG_TK_QOPEN;
    else if (!word_char_at(s, len, pos + 1)) kind = NG_TK_QCLOSE;
    else kind = NG_TK_QAMBIG;
    set_tok(t, pos + 1, kind, NG_TOKEN_QUOTE | NG_TOKEN_PUNCT | NG_SCAN_DQUOTE);
}

/* Length of the run of bytes from pos that are in set. */
static size_t run_of(const char *s, size_t len, size_t pos, const char *set)
{
    size_t e = pos;
    while (e < len && s[e] && strchr(set, s[e])) e++;
    return e - pos;
}

static void scan_ascii_punct(const char *s, size_t len, size_t pos, ng_scan_tok *t)
{
    unsigned c = byte_at(s, pos);
    switch (c) {
    case '.': scan_dots(s, len, pos, t); return;
    case '!':
    case '?': set_tok(t, pos + run_of(s, len, pos, "!?"), NG_TK_TERM, NG_TOKEN_PUNCT); return;
    case '\'': scan_apostrophe(s, len, pos, 1, t); return;
    case '"': scan_dquote(s, len, pos, t); return;
    case '`':
        set_tok(t, pos + run_of(s, len, pos, "`"), NG_TK_QOPEN, NG_TOKEN_QUOTE | NG_TOKEN_PUNCT);
        return;
    case '-': set_tok(t, pos + run_of(s, len, pos, "-"), NG_TK_DASH, NG_TOKEN_PUNCT); return;
    case '(':
    case '[':
    case '{': set_tok(t, pos + 1, NG_TK_OPEN, NG_TOKEN_PUNCT); return;
    case ')':
    case ']':
    case '}': set_tok(t, pos + 1, NG_TK_CLOSE, NG_TOKEN_PUNCT); return;
    default: set_tok(t, pos + 1, NG_TK_PUNCT, NG_TOKEN_PUNCT); return;
    }
}

static void scan_ascii(const char *s, size_t len, size_t pos, ng_scan_tok *t)
{
    unsigned c = byte_at(s, pos);
    if (ascii_alpha(c)) {
        size_t e = (c | 32u) == 'h' || (c | 32u) == 'w' || (c | 32u) == 'f'
                       ? url_scheme_end(s, len, pos) : 0;
        if (e) set_tok(t, e, NG_TK_URL, NG_TOKEN_URL);
        else scan_word(s, len, pos, pos, 0, t);
        return;
    }
    if (ascii_digit(c)) {
        scan_word(s, len, pos, pos, 1, t);
        return;
    }
    int digit_next = pos + 1 < len && ascii_digit(byte_at(s, pos + 1));
    if (c == '.' && digit_next && (pos == 0 || !ascii_alnum(byte_at(s, pos - 1)))) {
        scan_word(s, len, pos, pos + 1, 1, t); /* ".50" */
        return;
    }
    int point_digit = pos + 2 < len && s[pos + 1] == '.' && ascii_digit(byte_at(s, pos + 2));
    if (c == '$' && (digit_next || point_digit)) {
        scan_word(s, len, pos, digit_next ? pos + 1 : pos + 2, 1, t); /* "$5.1", "$.50" */
        return;
    }
    scan_ascii_punct(s, len, pos, t);
}

/* The kind of a non-ASCII punctuation code point. */
static ng_tok_kind unicode_punct_kind(int32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x201A: case 0x201B: case 0x201C: case 0x201E: case 0x201F:
    case 0x00AB: case 0x2039: return NG_TK_QOPEN;
    case 0x201D: case 0x00BB: case 0x203A: return NG_TK_QCLOSE;
    case 0x2026: return NG_TK_ELLIPSIS;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2E3A: case 0x2E3B: return NG_TK_DASH;
    case 0xFF0E: case 0x3002: case 0xFF61: return NG_TK_PERIOD;
    case 0xFF01: case 0xFF1F: case 0x203C: case 0x2047: case 0x2048: case 0x2049: return NG_TK_TERM;
    case 0xFF08: return NG_TK_OPEN;
    case 0xFF09: return NG_TK_CLOSE;
    default: return NG_TK_PUNCT;
    }
}

static void scan_unicode(const char *s, size_t len, size_t pos, int32_t cp, size_t n,
                         ng_scan_tok *t)
{
    int k = class_of(cp);
    if (is_word_class(k)) {
        scan_word(s, len, pos, pos, k == CH_DIGIT, t);
        return;
    }
    if (cp == 0x2019) {
        scan_apostrophe(s, len, pos, n, t);
        return;
    }
    int digit_next = pos + n < len && ascii_digit(byte_at(s, pos + n));
    if (utf8proc_category(cp) == UTF8PROC_CATEGORY_SC && digit_next) {
        scan_word(s, len, pos, pos + n, 1, t); /* "€5", "£1,200" */
        return;
    }
    ng_tok_kind kind = unicode_punct_kind(cp);
    uint32_t flags = NG_TOKEN_PUNCT;
    if (kind == NG_TK_QOPEN || kind == NG_TK_QCLOSE) flags |= NG_TOKEN_QUOTE;
    set_tok(t, pos + n, kind, flags);
}

int ng_scan_next_lazy(const char *text, size_t len, size_t pos, ng_scan_tok *t)
{
    int32_t cp = 0;
    size_t n = 1;
    while (pos < len) {
        unsigned c = byte_at(text, pos);
        if (c < 0x80) {
            if (c > 0x20 && c != 0x7f) break;
            pos++;
            continue;
        }
        cp = decode_at(text, len, pos, &n);
        if (class_of(cp) != CH_SPACE) break;
        pos += n;
    }
    if (pos >= len) return 0;
    t->start = pos;
    if (byte_at(text, pos) < 0x80) scan_ascii(text, len, pos, t);
    else scan_unicode(text, len, pos, cp, n, t);
    if (t->end <= t->start) t->end = t->start + n; /* never stall */
    return 1;
}

int ng_scan_is_stop(const char *text, const ng_scan_tok *t)
{
    if (t->flags & NG_TOKEN_STOP) return 1;
    if (!(t->flags & NG_SCAN_STOP_LAZY)) return 0;
    return ng_is_stopword(text + t->start, t->end - t->start);
}

int ng_scan_next(const char *text, size_t len, size_t pos, ng_scan_tok *t)
{
    if (!ng_scan_next_lazy(text, len, pos, t)) return 0;
    if (ng_scan_is_stop(text, t)) t->flags |= NG_TOKEN_STOP;
    t->flags &= ~(uint32_t)NG_SCAN_STOP_LAZY;
    return 1;
}

/* ------------------------------------------------------------- public API */

ng_status ng_scan_tokens(ng_arena *a, const char *text, size_t len, size_t base,
                         ng_token_vec *out)
{
    if (!text) return NG_OK;
    ng_scan_tok t;
    size_t pos = 0;
    while (ng_scan_next_lazy(text, len, pos, &t)) {
        size_t n = t.end - t.start;
        if (n > UINT32_MAX) n = UINT32_MAX; /* only a 4 GiB token could */
        ng_token tok = {base + t.start, (uint32_t)n, (uint32_t)t.kind, t.flags};
        if (ng_vec_push(a, out, tok)) return NG_E_NOMEM;
        pos = t.start + n;
    }
    return NG_OK;
}

ng_status ng_tokenize(ng_arena *a, const char *text, size_t len, size_t base, ng_token_vec *out)
{
    if (!text) return NG_OK;
    ng_scan_tok t;
    size_t pos = 0;
    while (ng_scan_next(text, len, pos, &t)) {
        size_t n = t.end - t.start;
        if (n > UINT32_MAX) n = UINT32_MAX; /* only a 4 GiB token could */
        ng_token tok = {base + t.start, (uint32_t)n, 0, t.flags & NG_SCAN_PUBLIC_MASK};
        if (ng_vec_push(a, out, tok)) return NG_E_NOMEM;
        pos = t.start + n;
    }
    return NG_OK;
}
