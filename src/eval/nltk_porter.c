/* nltk_porter.c - NLTK 3.8's PorterStemmer in its default NLTK_EXTENSIONS
 * mode, the stemmer Google's rouge-score 0.1.2 applies with use_stemmer:
 * ported rule by rule from nltk/stem/porter.py (irregular-form pool,
 * step 1a-5b with NLTK's departures from the 1980 paper). */
#include <string.h>

#include "eval/rouge.h"

static int is_cons(const char *w, size_t i)
{
    char ch = w[i];
    if (ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u') return 0;
    if (ch == 'y') return i == 0 ? 1 : !is_cons(w, i - 1);
    return 1;
}

/* The number of "vc" in the word's consonant/vowel pattern. */
static int measure(const char *w, size_t n)
{
    int m = 0;
    for (size_t i = 0; i + 1 < n; i++)
        if (!is_cons(w, i) && is_cons(w, i + 1)) m++;
    return m;
}

static int contains_vowel(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_cons(w, i)) return 1;
    return 0;
}

static int ends_double_cons(const char *w, size_t n)
{
    return n >= 2 && w[n - 1] == w[n - 2] && is_cons(w, n - 1);
}

static int ends_cvc(const char *w, size_t n)
{
    if (n >= 3 && is_cons(w, n - 3) && !is_cons(w, n - 2) && is_cons(w, n - 1) &&
        w[n - 1] != 'w' && w[n - 1] != 'x' && w[n - 1] != 'y')
        return 1;
    return n == 2 && !is_cons(w, 0) && is_cons(w, 1);
}

static int ends(const char *w, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && !memcmp(w + n - k, suf, k);
}

/* Replaces the last k bytes with rep; returns the new length. */
static size_t put(char *w, size_t n, size_t k, const char *rep)
{
    size_t r = strlen(rep);
    memcpy(w + n - k, rep, r);
    return n - k + r;
}

enum { C_NONE, C_POS, C_GT1, C_ION, C_LOGI };

typedef struct rule {
    const char *suffix, *rep;
    int cond;
} rule;

static int cond_ok(int cond, const char *w, size_t stem_len, size_t word_len)
{
    switch (cond) {
    case C_NONE: return 1;
    case C_POS: return measure(w, stem_len) > 0;
    case C_GT1: return measure(w, stem_len) > 1;
    case C_ION: return measure(w, stem_len) > 1 && stem_len > 0 &&
                       (w[stem_len - 1] == 's' || w[stem_len - 1] == 't');
    case C_LOGI: return measure(w, word_len - 3) > 0;
    default: return 0;
    }
}

/* _apply_rule_list for plain suffix rules: the first rule whose suffix ends
 * the word decides (applied or not). */
static size_t apply(char *w, size_t n, const rule *rules, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (!ends(w, n, rules[i].suffix)) continue;
        size_t stem = n - strlen(rules[i].suffix);
        if (cond_ok(rules[i].cond, w, stem, n)) return put(w, n, n - stem, rules[i].rep);
        return n;
    }
    return n;
}

static size_t step1a(char *w, size_t n)
{
    if (ends(w, n, "ies") && n == 4) return put(w, n, 3, "ie");
    static const rule r[] = {{"sses", "ss", C_NONE}, {"ies", "i", C_NONE}, {"ss", "ss", C_NONE},
                             {"s", "", C_NONE}};
    return apply(w, n, r, 4);
}

static size_t step1b(char *w, size_t n)
{
    if (ends(w, n, "ied")) return put(w, n, 3, n == 4 ? "ie" : "i");
    if (ends(w, n, "eed")) {
        if (measure(w, n - 3) > 0) return put(w, n, 3, "ee");
        return n;
    }
    size_t stem = 0;
    int ok = 0;
    if (ends(w, n, "ed") && contains_vowel(w, n - 2)) {
        stem = n - 2;
        ok = 1;
    } else if (ends(w, n, "ing") && contains_vowel(w, n - 3)) {
        stem = n - 3;
        ok = 1;
    }
    if (!ok) return n;
    n = stem;
    if (ends(w, n, "at")) return put(w, n, 2, "ate");
    if (ends(w, n, "bl")) return put(w, n, 2, "ble");
    if (ends(w, n, "iz")) return put(w, n, 2, "ize");
    if (ends_double_cons(w, n)) {
        char last = w[n - 1];
        if (last != 'l' && last != 's' && last != 'z') return n - 1;
        return n;
    }
    if (measure(w, n) == 1 && ends_cvc(w, n)) {
        w[n] = 'e';
        return n + 1;
    }
    return n;
}

static size_t step1c(char *w, size_t n)
{
    if (ends(w, n, "y")) {
        size_t stem = n - 1;
        if (stem > 1 && is_cons(w, stem - 1)) w[n - 1] = 'i';
    }
    return n;
}

static size_t step2(char *w, size_t n)
{
    if (ends(w, n, "alli") && measure(w, n - 4) > 0) return step2(w, put(w, n, 4, "al"));
    static const rule r[] = {
        {"ational", "ate", C_POS}, {"tional", "tion", C_POS}, {"enci", "ence", C_POS},
        {"anci", "ance", C_POS},   {"izer", "ize", C_POS},    {"bli", "ble", C_POS},
        {"alli", "al", C_POS},     {"entli", "ent", C_POS},   {"eli", "e", C_POS},
        {"ousli", "ous", C_POS},   {"ization", "ize", C_POS}, {"ation", "ate", C_POS},
        {"ator", "ate", C_POS},    {"alism", "al", C_POS},    {"iveness", "ive", C_POS},
        {"fulness", "ful", C_POS}, {"ousness", "ous", C_POS}, {"aliti", "al", C_POS},
        {"iviti", "ive", C_POS},   {"biliti", "ble", C_POS},  {"fulli", "ful", C_POS},
        {"logi", "log", C_LOGI},
    };
    return apply(w, n, r, sizeof r / sizeof r[0]);
}

static size_t step3(char *w, size_t n)
{
    static const rule r[] = {
        {"icate", "ic", C_POS}, {"ative", "", C_POS}, {"alize", "al", C_POS},
        {"iciti", "ic", C_POS}, {"ical", "ic", C_POS}, {"ful", "", C_POS},
        {"ness", "", C_POS},
    };
    return apply(w, n, r, sizeof r / sizeof r[0]);
}

static size_t step4(char *w, size_t n)
{
    static const rule r[] = {
        {"al", "", C_GT1},   {"ance", "", C_GT1}, {"ence", "", C_GT1}, {"er", "", C_GT1},
        {"ic", "", C_GT1},   {"able", "", C_GT1}, {"ible", "", C_GT1}, {"ant", "", C_GT1},
        {"ement", "", C_GT1}, {"ment", "", C_GT1}, {"ent", "", C_GT1}, {"ion", "", C_ION},
        {"ou", "", C_GT1},   {"ism", "", C_GT1},  {"ate", "", C_GT1},  {"iti", "", C_GT1},
        {"ous", "", C_GT1},  {"ive", "", C_GT1},  {"ize", "", C_GT1},
    };
    return apply(w, n, r, sizeof r / sizeof r[0]);
}

static size_t step5(char *w, size_t n)
{
    if (ends(w, n, "e")) {
        size_t stem = n - 1;
        int m = measure(w, stem);
        if (m > 1) n = stem;
        else if (m == 1 && !ends_cvc(w, stem)) n = stem;
    }
    if (ends(w, n, "ll") && measure(w, n - 1) > 1) n -= 1;
    return n;
}

static const struct {
    const char *form, *stem;
} pool[] = {
    {"sky", "sky"},         {"skies", "sky"},       {"dying", "die"},
    {"lying", "lie"},       {"tying", "tie"},       {"news", "news"},
    {"innings", "inning"},  {"inning", "inning"},   {"outings", "outing"},
    {"outing", "outing"},   {"cannings", "canning"}, {"canning", "canning"},
    {"howe", "howe"},       {"proceed", "proceed"}, {"exceed", "exceed"},
    {"succeed", "succeed"},
};

size_t ng_nltk_porter(const char *word, size_t len, char *w)
{
    for (size_t i = 0; i < sizeof pool / sizeof pool[0]; i++) {
        if (strlen(pool[i].form) == len && !memcmp(pool[i].form, word, len)) {
            size_t k = strlen(pool[i].stem);
            memcpy(w, pool[i].stem, k + 1);
            return k;
        }
    }
    memcpy(w, word, len);
    w[len] = 0;
    if (len <= 2) return len;
    size_t n = len;
    n = step1a(w, n);
    n = step1b(w, n);
    n = step1c(w, n);
    n = step2(w, n);
    n = step3(w, n);
    n = step4(w, n);
    n = step5(w, n);
    w[n] = 0;
    return n;
}
