/* cues.c - the verbs of saying the quote finder knows: models/cues.txt
 * (written by `nutgraf quote-cues` from WordNet and PolNeAR's training
 * split), embedded in the library at build time as sorted lines after a
 * '#' header, plus the few cues outside WordNet 3.0's verbs.  On first use
 * a hash table over the embedded lines is built once (pthread_once, then
 * only read); ng_quote_cue_lookup() searches any such list by bisection. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "analyze/quotes.h"
#include "core/hash.h"
#include "text/abbrev.h"

extern const unsigned char ng_quote_cues_bytes[];
extern const size_t ng_quote_cues_bytes_len;

/* Cues that are not WordNet 3.0 verbs ("according to"; "tweet" is newer). */
static const char *const extra_cues[] = {"according", "tweeted", "tweets", "tweeting", NULL};

/* Verbs of thinking and of evidence that PolNeAR marks as cues of reported
 * speech ("Trump thinks ...", "polls show ...") but that min-ratio left out
 * of the list (they are common inside quotes): cognition cues. */
static const char *const extra_cognition[] = {
    "think", "thinks", "thought", "believe", "believes", "believed", "show", "shows", "showed",
    "know", "knows", "knew", "hope", "hopes", "hoped", "fear", "fears", "feared", "expects", "expected",
    "finds", "found", NULL};

/* The start of the line holding offset i of s (lines end in '\n'). */
static size_t line_start(const char *s, size_t lo, size_t i)
{
    while (i > lo && s[i - 1] != '\n') i--;
    return i;
}

static int field_end(const char *s, size_t i, size_t end)
{
    return i >= end || s[i] == '\n' || s[i] == '\t';
}

/* strcmp of the line's first field [a, '\t' or '\n') against w[0, len). */
static int cmp_line(const char *s, size_t a, size_t end, const char *w, size_t len)
{
    size_t i = 0;
    while (!field_end(s, a + i, end) && i < len) {
        unsigned char x = (unsigned char)s[a + i], y = (unsigned char)w[i];
        if (x != y) return x < y ? -1 : 1;
        i++;
    }
    int line_done = field_end(s, a + i, end);
    if (line_done && i == len) return 0;
    return line_done ? -1 : 1;
}

/* 2 when the line at a has a second field ("cognition"), else 1. */
static int line_kind(const char *s, size_t a, size_t end)
{
    while (a < end && s[a] != '\n' && s[a] != '\t') a++;
    return a < end && s[a] == '\t' ? NG_CUE_COGNITION : NG_CUE_SAYING;
}

int ng_quote_cue_lookup(const char *list, size_t n, const char *w, size_t len)
{
    size_t lo = 0;
    while (lo < n && list[lo] == '#') { /* the header lines */
        const char *nl = memchr(list + lo, '\n', n - lo);
        lo = nl ? (size_t)(nl - list) + 1 : n;
    }
    size_t hi = n; /* candidates are the lines starting in [lo, hi) */
    while (lo < hi) {
        size_t a = line_start(list, lo, lo + (hi - lo) / 2);
        int c = cmp_line(list, a, n, w, len);
        if (c == 0) return line_kind(list, a, n);
        if (c > 0) {
            hi = a;
        } else {
            const char *nl = memchr(list + a, '\n', n - a);
            lo = nl ? (size_t)(nl - list) + 1 : n;
        }
    }
    return 0;
}

/* The built-in list's lines in an open-addressing table: slot = 1 + the
 * line's offset in the embedded bytes, 0 empty.  Lists of more lines than
 * half the slots are searched by bisection instead. */
enum { CUE_SLOTS = 1 << 14 };
static uint32_t cue_slots[CUE_SLOTS]; /* written once under pthread_once, then only read */
static int cue_table_ok;
static pthread_once_t cue_once = PTHREAD_ONCE_INIT;

static size_t first_field_len(const char *s, size_t a, size_t n)
{
    size_t e = a;
    while (!field_end(s, e, n)) e++;
    return e - a;
}

static void build_cue_table(void)
{
    const char *s = (const char *)ng_quote_cues_bytes;
    size_t n = ng_quote_cues_bytes_len, lines = 0;
    if (n >= UINT32_MAX) return;
    for (size_t a = 0; a < n;) {
        const char *nl = memchr(s + a, '\n', n - a);
        size_t next = nl ? (size_t)(nl - s) + 1 : n, len = first_field_len(s, a, n);
        if (s[a] != '#' && len) {
            if (++lines > CUE_SLOTS / 2) return; /* too many: bisection */
            size_t i = ng_hash_bytes(s + a, len) & (CUE_SLOTS - 1);
            while (cue_slots[i]) i = (i + 1) & (CUE_SLOTS - 1);
            cue_slots[i] = (uint32_t)a + 1;
        }
        a = next;
    }
    cue_table_ok = 1;
}

static int table_kind(const char *w, size_t len)
{
    const char *s = (const char *)ng_quote_cues_bytes;
    size_t n = ng_quote_cues_bytes_len;
    for (size_t i = ng_hash_bytes(w, len) & (CUE_SLOTS - 1); cue_slots[i]; i = (i + 1) & (CUE_SLOTS - 1)) {
        size_t a = cue_slots[i] - 1;
        if (first_field_len(s, a, n) == len && !memcmp(s + a, w, len)) return line_kind(s, a, n);
    }
    return 0;
}

int ng_quote_cue_kind(const char *folded, size_t len)
{
    if (!folded || !len) return 0;
    if (ng_word_in_list(folded, len, extra_cues)) return NG_CUE_SAYING;
    if (ng_word_in_list(folded, len, extra_cognition)) return NG_CUE_COGNITION;
    pthread_once(&cue_once, build_cue_table);
    if (cue_table_ok) return table_kind(folded, len);
    return ng_quote_cue_lookup((const char *)ng_quote_cues_bytes, ng_quote_cues_bytes_len, folded, len);
}

int ng_quote_is_cue_word(const char *folded, size_t len)
{
    return ng_quote_cue_kind(folded, len) != 0;
}
