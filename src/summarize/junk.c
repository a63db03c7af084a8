/* junk.c - the unpublishable-bullet test of issue 13 (see junk.h): short
 * bullets, unbalanced double quotes, promo and navigation lines, a bad
 * opening, and a first bullet that opens on a personal pronoun. */
#include "summarize/junk.h"

#include <string.h>
#include <strings.h>

static int is_alnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80; }
static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Space-separated tokens holding a letter or digit. */
static size_t count_words(const char *s, size_t len)
{
    size_t words = 0, i = 0;
    while (i < len) {
        while (i < len && is_space(s[i])) i++;
        int alnum = 0;
        while (i < len && !is_space(s[i])) alnum |= is_alnum((unsigned char)s[i++]);
        words += (size_t)alnum;
    }
    return words;
}

/* ASCII '"' and the curly double marks U+201C, U+201D. */
static size_t count_double_quotes(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"') n++;
        else if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D))
            n++;
    }
    return n;
}

/* s opens on word w (any case) followed by a non-letter. */
static int opens_on(const char *s, size_t len, const char *w, int any_case)
{
    size_t n = strlen(w);
    if (len < n || (any_case ? strncasecmp(s, w, n) : strncmp(s, w, n))) return 0;
    return len == n || !is_alnum((unsigned char)s[n]);
}

static int contains_caseless(const char *s, size_t len, const char *w)
{
    size_t n = strlen(w);
    char first = (char)(w[0] | 0x20); /* w is lower case */
    for (size_t i = 0; i + n <= len; i++)
        if ((s[i] | 0x20) == first && !strncasecmp(s + i, w, n)) return 1;
    return 0;
}

static int is_promo(const char *s, size_t len)
{
    static const char *const words[] = {"READ", "WATCH", "CLICK", "TRANSCRIPT", "ROLL CALL", NULL};
    static const char *const labels[] = {"Related:", "Video:", "Photos:", NULL};
    if (len && strchr("RWCTrwct", s[0]))
        for (const char *const *w = words; *w; w++)
            if (opens_on(s, len, *w, 1)) return 1;
    for (const char *const *w = labels; *w; w++)
        if (len >= strlen(*w) && !strncasecmp(s, *w, strlen(*w))) return 1;
    return (len && s[len - 1] == ':') || contains_caseless(s, len, "click here");
}

static int opens_badly(const char *s, size_t len, int caseless)
{
    unsigned char c = (unsigned char)s[0];
    if (c == '"' || c == '\'' || (len >= 3 && c == 0xE2 && (unsigned char)s[1] == 0x80 &&
                                  (unsigned char)s[2] >= 0x98 && (unsigned char)s[2] <= 0x9F))
        return 0; /* a quotation mark, straight or curly */
    if (c >= 'a' && c <= 'z') return !caseless;
    return !is_alnum(c);
}

static int opens_on_pronoun(const char *s, size_t len, int caseless)
{
    static const char *const pron[] = {"He", "She", "They", "His", "Her", "Their", "Him", "Them", NULL};
    for (const char *const *w = pron; *w; w++)
        if (opens_on(s, len, *w, caseless)) return 1;
    return 0;
}

unsigned ng_junk_kinds(const char *text, size_t len, int first, int caseless)
{
    while (len && is_space(*text)) { text++; len--; }
    while (len && is_space(text[len - 1])) len--;
    if (!len) return NG_JUNK_SHORT;
    unsigned k = 0;
    if (count_words(text, len) < 4) k |= NG_JUNK_SHORT;
    if (count_double_quotes(text, len) % 2) k |= NG_JUNK_QUOTES;
    if (is_promo(text, len)) k |= NG_JUNK_PROMO;
    if (opens_badly(text, len, caseless)) k |= NG_JUNK_OPENING;
    if (first && opens_on_pronoun(text, len, caseless)) k |= NG_JUNK_PRONOUN;
    return k;
}

const char *ng_junk_kind_name(unsigned kind)
{
    switch (kind) {
    case NG_JUNK_SHORT: return "short";
    case NG_JUNK_QUOTES: return "quotes";
    case NG_JUNK_PROMO: return "promo";
    case NG_JUNK_OPENING: return "opening";
    case NG_JUNK_PRONOUN: return "pronoun";
    default: return NULL;
    }
}
