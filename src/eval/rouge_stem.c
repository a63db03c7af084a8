/* rouge_stem.c - what ROUGE-1.5.5's -m and -s do to a token: MorphStem()
 * (the WordNet 2.0 exception table, else the script's own Porter "Release 1"
 * stemmer with Chin-Yew Lin's step-4 change, ported rule by rule from its
 * Perl regular expressions) and the stopword test. */
#include <string.h>

#include "eval/rouge.h"

/* ------------------------------------------------------ Perl's patterns
 * $c = [^aeiou], $v = [aeiouy], $C = c[^aeiouy]*, $V = v[aeiou]*.  A tiny
 * backtracking matcher over element strings: 'C', 'V', 'v' (one [aeiouy]),
 * 'X' (one [^aeiouwxy]); '?' makes the next element optional.  All patterns
 * are anchored at the start; `end` anchors them at the end too. */

static int vowel5(char ch) { return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u'; }
static int vowel6(char ch) { return vowel5(ch) || ch == 'y'; }

static int pmatch(const char *s, size_t n, const char *p, size_t i, int end)
{
    if (!*p) return end ? i == n : 1;
    int opt = 0;
    if (*p == '?') {
        opt = 1;
        p++;
    }
    if (opt && pmatch(s, n, p + 1, i, end)) return 1;
    switch (*p) {
    case 'C':
        if (i < n && !vowel5(s[i])) {
            size_t j = i + 1;
            for (;;) {
                if (pmatch(s, n, p + 1, j, end)) return 1;
                if (j < n && !vowel6(s[j])) j++;
                else break;
            }
        }
        return 0;
    case 'V':
        if (i < n && vowel6(s[i])) {
            size_t j = i + 1;
            for (;;) {
                if (pmatch(s, n, p + 1, j, end)) return 1;
                if (j < n && vowel5(s[j])) j++;
                else break;
            }
        }
        return 0;
    case 'v':
        return i < n && vowel6(s[i]) && pmatch(s, n, p + 1, i + 1, end);
    case 'X':
        return i < n && !vowel5(s[i]) && s[i] != 'w' && s[i] != 'x' && s[i] != 'y' &&
               pmatch(s, n, p + 1, i + 1, end);
    default:
        return 0;
    }
}

static int mgr0(const char *s, size_t n) { return pmatch(s, n, "?CVC", 0, 0); }
static int meq1(const char *s, size_t n) { return pmatch(s, n, "?CVC?V", 0, 1); }
static int mgr1(const char *s, size_t n) { return pmatch(s, n, "?CVCVC", 0, 0); }
static int has_v(const char *s, size_t n) { return pmatch(s, n, "?Cv", 0, 0); }
static int cvx(const char *s, size_t n) { return pmatch(s, n, "CvX", 0, 1); }

static int ends(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && !memcmp(w + n - k, suf, k);
}

typedef struct rule {
    const char *suffix;
    const char *replacement;
} rule;

static const rule step2_rules[] = {
    {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"},
    {"izer", "ize"},    {"bli", "ble"},     {"alli", "al"},   {"entli", "ent"},
    {"eli", "e"},       {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
    {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"}, {"fulness", "ful"},
    {"ousness", "ous"}, {"aliti", "al"},    {"iviti", "ive"}, {"biliti", "ble"},
    {"logi", "log"},
};
static const rule step3_rules[] = {
    {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
    {"ical", "ic"},  {"ful", ""},   {"ness", ""},
};
static const char *const step4_suffixes[] = {
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ou", "ism", "ate",
    "iti", "ous", "ive", "ize",
};

/* The longest listed suffix that ends w (what a leftmost Perl match of the
 * alternation picks), or -1. */
static int longest(const char *w, size_t n, const char *const *suffixes, size_t count,
                   size_t stride)
{
    int best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < count; i++) {
        const char *s = *(const char *const *)((const char *)suffixes + i * stride);
        size_t k = strlen(s);
        if (k > best_len && ends(w, n, s)) {
            best = (int)i;
            best_len = k;
        }
    }
    return best;
}

size_t ng_rouge155_porter(const char *word, size_t len, char *w)
{
    size_t n = len;
    memcpy(w, word, n);
    w[n] = 0;
    if (n < 3) return n;
    int firsty = w[0] == 'y';
    if (firsty) w[0] = 'Y';

    /* Step 1a */
    if (ends(w, n, "sses")) n -= 2;
    else if (ends(w, n, "ies")) n -= 2;
    else if (n >= 2 && w[n - 1] == 's' && w[n - 2] != 's') n -= 1;

    /* Step 1b */
    if (ends(w, n, "eed")) {
        if (mgr0(w, n - 3)) n -= 1;
    } else if (ends(w, n, "ed") || ends(w, n, "ing")) {
        size_t k = ends(w, n, "ed") ? 2 : 3;
        if (has_v(w, n - k)) {
            n -= k;
            if (ends(w, n, "at") || ends(w, n, "bl") || ends(w, n, "iz")) {
                w[n++] = 'e';
            } else if (n >= 2 && w[n - 1] == w[n - 2] && !strchr("aeiouylsz", w[n - 1])) {
                n -= 1;
            } else if (cvx(w, n)) {
                w[n++] = 'e';
            }
        }
    }

    /* Step 1c */
    if (n >= 1 && w[n - 1] == 'y' && has_v(w, n - 1)) w[n - 1] = 'i';

    /* Step 2 */
    int r = longest(w, n, &step2_rules[0].suffix, sizeof step2_rules / sizeof step2_rules[0],
                    sizeof(rule));
    if (r >= 0) {
        size_t stem = n - strlen(step2_rules[r].suffix);
        if (mgr0(w, stem)) {
            size_t k = strlen(step2_rules[r].replacement);
            memcpy(w + stem, step2_rules[r].replacement, k);
            n = stem + k;
        }
    }

    /* Step 3 */
    r = longest(w, n, &step3_rules[0].suffix, sizeof step3_rules / sizeof step3_rules[0],
                sizeof(rule));
    if (r >= 0) {
        size_t stem = n - strlen(step3_rules[r].suffix);
        if (mgr0(w, stem)) {
            size_t k = strlen(step3_rules[r].replacement);
            memcpy(w + stem, step3_rules[r].replacement, k);
            n = stem + k;
        }
    }

    /* Step 4, CYL-modified: three independent tests in sequence. */
    r = longest(w, n, step4_suffixes, sizeof step4_suffixes / sizeof step4_suffixes[0],
                sizeof(const char *));
    if (r >= 0) {
        size_t stem = n - strlen(step4_suffixes[r]);
        if (mgr1(w, stem)) n = stem;
    }
    if (ends(w, n, "ment") && mgr1(w, n - 4)) n -= 4;
    if (ends(w, n, "ent")) {
        if (mgr1(w, n - 3)) n -= 3;
    } else if (ends(w, n, "sion") || ends(w, n, "tion")) {
        if (mgr1(w, n - 3)) n -= 3;
    }

    /* Step 5 */
    if (n >= 1 && w[n - 1] == 'e') {
        size_t stem = n - 1;
        if (mgr1(w, stem) || (meq1(w, stem) && !cvx(w, stem))) n = stem;
    }
    if (ends(w, n, "ll") && mgr1(w, n)) n -= 1;

    if (firsty) w[0] = 'y';
    w[n] = 0;
    return n;
}

static int cmp_key(const char *key, const char *s, size_t len)
{
    size_t i = 0;
    for (; i < len && key[i]; i++) {
        unsigned char a = (unsigned char)key[i], b = (unsigned char)s[i];
        if (a != b) return a < b ? -1 : 1;
    }
    if (i < len) return -1; /* key is a prefix of s */
    return key[i] ? 1 : 0;
}

const char *ng_rouge155_exception(const char *word, size_t len)
{
    size_t lo = 0, hi = ng_rouge_wordnet_exception_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_key(ng_rouge_wordnet_exceptions[mid].key, word, len);
        if (c == 0) return ng_rouge_wordnet_exceptions[mid].value;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

size_t ng_rouge155_morph(const char *word, size_t len, int use_exceptions, char *out,
                         const char **stem)
{
    if (use_exceptions) {
        const char *e = ng_rouge155_exception(word, len);
        if (e) {
            *stem = e;
            return strlen(e);
        }
    }
    *stem = out;
    return ng_rouge155_porter(word, len, out);
}

int ng_rouge155_is_stopword(const char *word, size_t len)
{
    size_t lo = 0, hi = ng_rouge_stopword_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_key(ng_rouge_stopwords[mid], word, len);
        if (c == 0) return 1;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}
