/* ner_features.c - the named-entity tagger's features: word, lowercase,
 * shape, prefixes and suffixes 1-4, neighbours within two words,
 * capitalisation in context, first-in-sentence, membership of a gazetteer
 * built from training entities, and word clusters of the word and its
 * neighbours.  Every feature is hashed into a fixed number of buckets;
 * nothing is allocated per token.  Tagging with packed weights sums each
 * distinct word's features once (the second half of the file). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"
#include "core/doc.h"

#define WMAX 48 /* bytes of a word the features look at */

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)0)
#endif

static uint64_t fnv_start(unsigned kind)
{
    uint64_t h = 14695981039346656037ull;
    h ^= kind;
    h *= 1099511628211ull;
    return h;
}

static uint64_t fnv_add(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint64_t fnv_sep(uint64_t h)
{
    h ^= 0x1f;
    return h * 1099511628211ull;
}

/* ------------------------------------------------------------ gazetteer */

static uint64_t fix_key(uint64_t k)
{
    return k ? k : 1;
}

ng_status ng_ner_gaz_put(ng_ner_gaz *g, uint64_t key, uint8_t mask)
{
    key = fix_key(key);
    if ((g->count + 1) * 2 > g->cap) {
        size_t ncap = g->cap ? g->cap * 2 : 1024;
        uint64_t *nk = calloc(ncap, sizeof *nk);
        uint8_t *nm = calloc(ncap, 1);
        if (!nk || !nm) {
            free(nk);
            free(nm);
            return NG_E_NOMEM;
        }
        for (size_t i = 0; i < g->cap; i++) {
            if (!g->key[i]) continue;
            size_t j = (size_t)(g->key[i] * 0x9E3779B97F4A7C15ull >> 17) & (ncap - 1);
            while (nk[j]) j = (j + 1) & (ncap - 1);
            nk[j] = g->key[i];
            nm[j] = g->mask[i];
        }
        free(g->key);
        free(g->mask);
        g->key = nk;
        g->mask = nm;
        g->cap = ncap;
    }
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 17) & (g->cap - 1);
    while (g->key[j] && g->key[j] != key) j = (j + 1) & (g->cap - 1);
    if (!g->key[j]) {
        g->key[j] = key;
        g->count++;
    }
    g->mask[j] |= mask;
    return NG_OK;
}

uint8_t ng_ner_gaz_get(const ng_ner_gaz *g, uint64_t key)
{
    if (!g->cap) return 0;
    key = fix_key(key);
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 17) & (g->cap - 1);
    while (g->key[j]) {
        if (g->key[j] == key) return g->mask[j];
        j = (j + 1) & (g->cap - 1);
    }
    return 0;
}

void ng_ner_gaz_free(ng_ner_gaz *g)
{
    free(g->key);
    free(g->mask);
    memset(g, 0, sizeof *g);
}

/* Phrase keys: the words joined; word keys: one word, another kind. */
static uint64_t phrase_key(const char *const *w, size_t n)
{
    uint64_t h = fnv_start(200);
    for (size_t i = 0; i < n; i++) h = fnv_sep(fnv_add(h, w[i], strlen(w[i])));
    return h;
}

static uint64_t word_key(const char *w)
{
    return fnv_add(fnv_start(201), w, strlen(w));
}

ng_status ng_ner_gaz_add_corpus(ng_ner_gaz *g, const ng_ner_corpus *c, int skip_parity)
{
    for (size_t s = 0; s < c->nsent; s++) {
        const ng_ner_sentence *se = &c->sent[s];
        if (skip_parity >= 0 && (int)(se->doc & 1) == skip_parity) continue;
        ng_ner_span sp[256];
        size_t k = ng_ner_spans(c->gold + se->first, se->n, sp, 256);
        if (k > 256) k = 256;
        for (size_t i = 0; i < k; i++) {
            size_t len = sp[i].end - sp[i].start;
            const char *const *w = c->word + se->first + sp[i].start;
            uint8_t bit = (uint8_t)(1u << sp[i].type);
            if (len <= NG_NER_GAZ_MAXLEN && ng_ner_gaz_put(g, phrase_key(w, len), bit)) return NG_E_NOMEM;
            for (size_t j = 0; j < len; j++)
                if (ng_ner_gaz_put(g, word_key(w[j]), bit)) return NG_E_NOMEM;
        }
    }
    return NG_OK;
}

/* --------------------------------------------------------------- lexicon */

static uint64_t fnv_add_lower(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 'A' && ch <= 'Z') ch = (unsigned char)(ch + 32);
        h ^= ch;
        h *= 1099511628211ull;
    }
    return h;
}

static uint64_t lex_word_key(const char *w, size_t n)
{
    return fnv_add_lower(fnv_start(202), w, n);
}

/* Adds one lexicon phrase (words separated by spaces) of type bit: the
 * phrase and each of its words.  NG_E_NOMEM on failure. */
static ng_status lex_add(ng_ner_gaz *lex, const char *p, size_t n, uint8_t bit)
{
    uint64_t h = fnv_start(203), word[NG_NER_GAZ_MAXLEN];
    size_t words = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && p[j] != ' ') j++;
        if (j > i) {
            if (words == NG_NER_GAZ_MAXLEN) return NG_OK; /* too long: skipped whole */
            word[words++] = lex_word_key(p + i, j - i);
            h = fnv_sep(fnv_add_lower(h, p + i, j - i));
        }
        i = j + 1;
    }
    for (size_t k = 0; k < words; k++)
        if (ng_ner_gaz_put(lex, word[k], bit)) return NG_E_NOMEM;
    return words ? ng_ner_gaz_put(lex, h, bit) : NG_OK;
}

ng_status ng_ner_lex_parse(const char *bytes, size_t len, ng_ner_gaz *lex, ng_error *err)
{
    size_t line = 0;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && bytes[e] != '\n') e++;
        line++;
        size_t n = e - i;
        if (n && bytes[i + n - 1] == '\r') n--;
        if (n && bytes[i] != '#') {
            const char *tab = memchr(bytes + i, '\t', n);
            int type = tab ? ng_ner_type_parse(bytes + i, (size_t)(tab - (bytes + i))) : -1;
            if (type < 0)
                return ng_fail(err, NG_E_FORMAT, line,
                               "lexicon: line %zu: expected TYPE<TAB>phrase (TYPE PER, ORG, LOC or MISC)", line);
            size_t off = (size_t)(tab + 1 - bytes);
            if (lex_add(lex, bytes + off, i + n - off, (uint8_t)(1u << type)))
                return ng_fail(err, NG_E_NOMEM, line, "lexicon: out of memory");
        }
        i = e + 1;
    }
    return NG_OK;
}

/* A word's lexicon value: its types (0..15) | 0x10 when it starts with a
 * capital letter. */
static uint8_t lex_word(const ng_ner_gaz *lex, const char *w)
{
    if (!lex || !lex->count) return 0;
    size_t n = strlen(w);
    return (uint8_t)(ng_ner_gaz_get(lex, lex_word_key(w, n)) | (w[0] >= 'A' && w[0] <= 'Z' ? 0x10 : 0));
}

/* ------------------------------------------------------------- features */

typedef struct wordinfo {
    char lower[WMAX + 1];
    char shape[WMAX + 1];
    char sshape[WMAX + 1];
    size_t len, slen; /* of lower and shape; of sshape */
} wordinfo;

static void word_info(const char *w, wordinfo *wi)
{
    size_t n = strlen(w);
    if (n > WMAX) n = WMAX;
    size_t s = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)w[i];
        wi->lower[i] = (char)tolower(ch);
        char k = isupper(ch) ? 'X' : islower(ch) ? 'x' : isdigit(ch) ? 'd' : ch >= 0x80 ? 'u' : (char)ch;
        wi->shape[i] = k;
        if (!s || wi->sshape[s - 1] != k) wi->sshape[s++] = k;
    }
    wi->lower[n] = wi->shape[n] = '\0';
    wi->sshape[s] = '\0';
    wi->len = n;
    wi->slen = s;
}

static const wordinfo boundary[2] = {{"<s>", "<s>", "<s>", 3, 3}, {"</s>", "</s>", "</s>", 4, 4}};

static uint32_t feat(uint32_t mask, unsigned kind, const char *a, size_t an, const char *b, size_t bn)
{
    uint64_t h = fnv_add(fnv_start(kind), a, an);
    if (b) h = fnv_add(fnv_sep(h), b, bn);
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return (uint32_t)h & mask;
}
/* A feature of kind over up to three small integers. */
static uint32_t featn(uint32_t mask, unsigned kind, uint32_t a, uint32_t b, uint32_t c)
{
    uint64_t h = (uint64_t)kind << 48 ^ (uint64_t)a << 32 ^ (uint64_t)b << 16 ^ c;
    h ^= (uint64_t)c << 56;
    h += 0x9E3779B97F4A7C15ull;
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
    h ^= h >> 31;
    return (uint32_t)h & mask;
}

#define CL_OUT 0xfffeu /* the cluster id of a position outside the sentence */

/* A word's cluster ids, NG_NER_CLUSTER_NONE for an unknown word or a model
 * without clusters. */
/* The feature of a phrase tag (gaztag or lextag: flags and types). */
static uint32_t phrase_feat(uint32_t mask, unsigned kind, uint8_t tag)
{
    char v[2] = {(char)('a' + (tag >> 4)), (char)('a' + (tag & 15))};
    return feat(mask, kind, v, 2, NULL, 0);
}

/* Feature 40: a word's lexicon value (lex_word()). */
static uint32_t lexword_feat(uint32_t mask, uint8_t lexword)
{
    char v[2] = {(char)('a' + (lexword & 15)), lexword & 0x10 ? 'C' : 'c'};
    return feat(mask, 40, v, 2, NULL, 0);
}

static void word_clusters(const ng_ner_clusters *cl, const char *word, uint16_t *ids)
{
    const uint16_t *p = cl && cl->count ? ng_ner_clusters_get(cl, ng_ner_cluster_key(word, strlen(word))) : NULL;
    for (size_t l = 0; l < NG_NER_CLUSTER_LEVELS; l++) ids[l] = p ? p[l] : (uint16_t)NG_NER_CLUSTER_NONE;
}


/* gaztag[i] for a sentence: the gazetteer's longest phrase match from left
 * to right, 0x10 | types at a match's first word, 0x20 | types inside.
 * Every word of a gazetteer phrase is in it as a word too, so phrases are
 * only looked up over runs of such words (marked 0x80 while working). */
static void phrase_tags(const ng_ner_gaz *g, const char *const *words, size_t n, uint8_t *gaztag, int lex)
{
    for (size_t i = 0; i < n;) {
        size_t most = 0;
        while (most < NG_NER_GAZ_MAXLEN && i + most < n && gaztag[i + most] & 0x80) most++;
        /* the keys of the phrases starting at i, built word by word the way
         * phrase_key() builds them */
        uint64_t key[NG_NER_GAZ_MAXLEN];
        uint64_t h = fnv_start(lex ? 203 : 200);
        for (size_t len = 0; len < most; len++) {
            size_t wl = strlen(words[i + len]);
            h = fnv_sep(lex ? fnv_add_lower(h, words[i + len], wl) : fnv_add(h, words[i + len], wl));
            key[len] = h;
        }
        size_t best = 0;
        uint8_t bm = 0;
        for (size_t len = most; len > 0; len--) {
            uint8_t m = ng_ner_gaz_get(g, key[len - 1]);
            if (m) {
                best = len;
                bm = m;
                break;
            }
        }
        if (!best) {
            gaztag[i++] = 0;
            continue;
        }
        gaztag[i] = (uint8_t)(0x10 | bm);
        for (size_t j = 1; j < best; j++) gaztag[i + j] = (uint8_t)(0x20 | bm);
        i += best;
    }
}

static void gazetteer_phrases(const ng_ner_gaz *g, const char *const *words, size_t n, uint8_t *gaztag)
{
    phrase_tags(g, words, n, gaztag, 0);
}

static void gazetteer_tags(const ng_ner_gaz *g, const char *const *words, size_t n, uint8_t *gaztag)
{
    for (size_t i = 0; i < n; i++) gaztag[i] = ng_ner_gaz_get(g, word_key(words[i])) ? 0x80 : 0;
    gazetteer_phrases(g, words, n, gaztag);
}

/* lextag[i]: the lexicon's longest phrase match over words that start with
 * a capital, coded as gaztag is, from lexval[i] of lex_word() (lextag may
 * be lexval). */
static void lexicon_phrases(const ng_ner_gaz *lex, const char *const *words, size_t n, const uint8_t *lexval,
                            uint8_t *lextag)
{
    if (!lex || !lex->count) {
        memset(lextag, 0, n);
        return;
    }
    for (size_t i = 0; i < n; i++) lextag[i] = (lexval[i] & 0x1f) > 0x10 ? 0x80 : 0;
    phrase_tags(lex, words, n, lextag, 1);
}

/* A word's letters: 1 with a letter, 2 with a lower-case one. */
static int letters(const char *w)
{
    int has_alpha = 0, has_lower = 0;
    for (const char *p = w; *p; p++) {
        if (isalpha((unsigned char)*p)) has_alpha = 1;
        if (islower((unsigned char)*p)) has_lower = 1;
    }
    return has_alpha | has_lower << 1;
}

/* The sentence is mostly capitals (a headline): of alpha words with
 * letters, more than half have no lower-case one. */
static int capitals_rule(size_t upper, size_t alpha)
{
    return alpha >= 2 && upper * 2 > alpha;
}

static int mostly_capitals(const char *const *words, size_t n)
{
    size_t upper = 0, alpha = 0;
    for (size_t i = 0; i < n; i++) {
        int l = letters(words[i]);
        alpha += l & 1;
        upper += l == 1;
    }
    return capitals_rule(upper, alpha);
}

void ng_ner_features(const ng_ner_gaz *g, const ng_ner_gaz *lex, const ng_ner_clusters *cl,
                     const char *const *words, size_t n, uint32_t mask, uint8_t *gaztag, uint16_t *cid,
                     uint32_t *out)
{
    const size_t L = NG_NER_CLUSTER_LEVELS;
    for (size_t i = 0; i < n; i++) word_clusters(cl, words[i], cid + i * L);
    gazetteer_tags(g, words, n, gaztag);
    /* the lexicon's: each word's value (feature 40), then the phrase tags
     * in the same bytes */
    uint8_t *lextag = gaztag + n;
    for (size_t i = 0; i < n; i++) {
        lextag[i] = lex_word(lex, words[i]);
        out[i * NG_NER_FEATS + 40] = lexword_feat(mask, lextag[i]);
    }
    lexicon_phrases(lex, words, n, lextag, lextag);
    const char *caps = mostly_capitals(words, n) ? "C" : "c";
    /* a window of five words' info, rolling */
    wordinfo win[5];
    for (int k = 0; k < 5; k++) {
        long j = (long)k - 2;
        if (j < 0) win[k] = boundary[0];
        else if ((size_t)j < n) word_info(words[j], &win[k]);
        else win[k] = boundary[1];
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            memmove(win, win + 1, 4 * sizeof *win);
            if (i + 2 < n) word_info(words[i + 2], &win[4]);
            else win[4] = boundary[1];
        }
        const wordinfo *w = &win[2];
        const char *word = words[i];
        size_t wl = strlen(word);
        if (wl > WMAX) wl = WMAX;
        uint32_t *o = out + i * NG_NER_FEATS;
        int k = 0;
        char tmp[8];
        o[k++] = feat(mask, 0, "", 0, NULL, 0);
        o[k++] = feat(mask, 1, word, wl, NULL, 0);
        o[k++] = feat(mask, 2, w->lower, w->len, NULL, 0);
        o[k++] = feat(mask, 3, w->shape, w->len, NULL, 0);
        o[k++] = feat(mask, 4, w->sshape, w->slen, NULL, 0);
        for (size_t a = 1; a <= 4; a++) {
            size_t l = a < w->len ? a : w->len;
            o[k++] = feat(mask, (unsigned)(4 + a), word, l, NULL, 0);
            o[k++] = feat(mask, (unsigned)(8 + a), w->lower + w->len - l, l, NULL, 0);
        }
        o[k++] = feat(mask, 13, win[1].lower, win[1].len, NULL, 0);
        o[k++] = feat(mask, 14, win[3].lower, win[3].len, NULL, 0);
        o[k++] = feat(mask, 15, win[0].lower, win[0].len, NULL, 0);
        o[k++] = feat(mask, 16, win[4].lower, win[4].len, NULL, 0);
        o[k++] = feat(mask, 17, win[1].sshape, win[1].slen, NULL, 0);
        o[k++] = feat(mask, 18, win[3].sshape, win[3].slen, NULL, 0);
        o[k++] = feat(mask, 19, win[1].lower, win[1].len, w->lower, w->len);
        o[k++] = feat(mask, 20, w->lower, w->len, win[3].lower, win[3].len);
        o[k++] = feat(mask, 21, (i == 0 ? "F" : "f"), 1, w->sshape, w->slen);
        o[k++] = feat(mask, 22, caps, 1, w->sshape, w->slen);
        o[k++] = phrase_feat(mask, 23, gaztag[i]);
        tmp[0] = (char)('a' + ng_ner_gaz_get(g, word_key(word)));
        o[k++] = feat(mask, 24, tmp, 1, NULL, 0);
        o[k++] = feat(mask, 25, win[1].sshape, win[1].slen, w->sshape, w->slen);
        o[k++] = feat(mask, 26, w->sshape, w->slen, win[3].sshape, win[3].slen);
        o[k++] = feat(mask, 27, caps, 1, w->lower, w->len);
        /* clusters: level l of the word at offset d */
#define CID(d, l) ((long)i + (d) >= 0 && (size_t)((long)i + (d)) < n ? cid[((size_t)((long)i + (d))) * L + (l)] : CL_OUT)
        o[k++] = featn(mask, 28, CID(0, 0), 0, 0);
        o[k++] = featn(mask, 29, CID(0, 1), 0, 0);
        o[k++] = featn(mask, 30, CID(0, 2), 0, 0);
        o[k++] = featn(mask, 31, CID(-1, 1), 0, 0);
        o[k++] = featn(mask, 32, CID(1, 1), 0, 0);
        o[k++] = featn(mask, 33, CID(-1, 2), 0, 0);
        o[k++] = featn(mask, 34, CID(1, 2), 0, 0);
        o[k++] = feat(mask, 35 + ((uint32_t)CID(0, 2) << 8), w->sshape, w->slen, NULL, 0);
        o[k++] = featn(mask, 36, CID(-1, 1), CID(0, 1), 0);
        o[k++] = featn(mask, 37, CID(0, 1), CID(1, 1), 0);
        o[k++] = featn(mask, 38, CID(-2, 1), 0, 0);
        o[k++] = featn(mask, 39, CID(2, 1), 0, 0);
#undef CID
        k++; /* 40: the lexicon word, set above */
        o[k++] = phrase_feat(mask, 41, lextag[i]);
    }
}

/* ------------------------------------------------- tagging, word by word
 *
 * Most features depend on one word only: the word's own (word, case,
 * shape, affixes, gazetteer word, clusters, and with the sentence's two
 * flags) and the word as a neighbour (its lower case, shape and clusters
 * one or two places left or right).  Tagging sums each distinct word's
 * rows once, by role and pass, in 16-bit weight units (so sums are exact
 * in any order), keeps them in the work space's cache, and per token adds
 * the sums that apply and the rows of the features of two words (pairs,
 * the gazetteer phrase). */

/* Roles: the word's own features in each of four contexts (first in the
 * sentence or not, in a sentence of capitals or not), then as each
 * neighbour. */
enum {
    ROLE_SELF = 0, /* + 2 * first + caps */
    ROLE_PREV = 4, ROLE_NEXT, ROLE_PREV2, ROLE_NEXT2, ROLE_COUNT,
    ROLE_FIRST = 100, ROLE_NOT_FIRST, ROLE_CAPS, ROLE_NO_CAPS /* while summing only */
};

struct ng_ner_wsum {
    int32_t v[2][ROLE_COUNT][NG_NER_TAGS]; /* by pass */
};

/* A word's feature bucket and the role it plays in. */
typedef struct rolefeat {
    uint32_t f;
    int role;
} rolefeat;

#define WORD_FEATS 48

static void add_row(const ng_ner_compact *p, uint32_t f, int32_t *acc)
{
    const int16_t *w = ng_ner_compact_row(p, f);
    if (!w) return;
    for (int t = 0; t < NG_NER_TAGS; t++) acc[t] += w[t];
}

/* The features of a word (or a sentence boundary) as a neighbour. */
static size_t neighbour_feats(uint32_t mask, const wordinfo *w, const uint16_t *cid, rolefeat *o)
{
    size_t k = 0;
    o[k++] = (rolefeat){feat(mask, 13, w->lower, w->len, NULL, 0), ROLE_PREV};
    o[k++] = (rolefeat){feat(mask, 17, w->sshape, w->slen, NULL, 0), ROLE_PREV};
    o[k++] = (rolefeat){featn(mask, 31, cid[1], 0, 0), ROLE_PREV};
    o[k++] = (rolefeat){featn(mask, 33, cid[2], 0, 0), ROLE_PREV};
    o[k++] = (rolefeat){feat(mask, 14, w->lower, w->len, NULL, 0), ROLE_NEXT};
    o[k++] = (rolefeat){feat(mask, 18, w->sshape, w->slen, NULL, 0), ROLE_NEXT};
    o[k++] = (rolefeat){featn(mask, 32, cid[1], 0, 0), ROLE_NEXT};
    o[k++] = (rolefeat){featn(mask, 34, cid[2], 0, 0), ROLE_NEXT};
    o[k++] = (rolefeat){feat(mask, 15, w->lower, w->len, NULL, 0), ROLE_PREV2};
    o[k++] = (rolefeat){featn(mask, 38, cid[1], 0, 0), ROLE_PREV2};
    o[k++] = (rolefeat){feat(mask, 16, w->lower, w->len, NULL, 0), ROLE_NEXT2};
    o[k++] = (rolefeat){featn(mask, 39, cid[1], 0, 0), ROLE_NEXT2};
    return k;
}

/* Every feature of one word by role; the same as ng_ner_features(). */
static size_t word_feats(uint32_t mask, const char *word, const wordinfo *wi,
                         const uint16_t *cid, int gazword, uint8_t lexword, rolefeat *o)
{
    size_t wl = strlen(word);
    if (wl > WMAX) wl = WMAX;
    size_t k = 0;
    o[k++] = (rolefeat){feat(mask, 0, "", 0, NULL, 0), ROLE_SELF};
    o[k++] = (rolefeat){feat(mask, 1, word, wl, NULL, 0), ROLE_SELF};
    o[k++] = (rolefeat){feat(mask, 2, wi->lower, wi->len, NULL, 0), ROLE_SELF};
    o[k++] = (rolefeat){feat(mask, 3, wi->shape, wi->len, NULL, 0), ROLE_SELF};
    o[k++] = (rolefeat){feat(mask, 4, wi->sshape, wi->slen, NULL, 0), ROLE_SELF};
    for (size_t a = 1; a <= 4; a++) {
        size_t l = a < wi->len ? a : wi->len;
        o[k++] = (rolefeat){feat(mask, (unsigned)(4 + a), word, l, NULL, 0), ROLE_SELF};
        o[k++] = (rolefeat){feat(mask, (unsigned)(8 + a), wi->lower + wi->len - l, l, NULL, 0), ROLE_SELF};
    }
    char tmp[2] = {(char)('a' + gazword), 0};
    o[k++] = (rolefeat){feat(mask, 24, tmp, 1, NULL, 0), ROLE_SELF};
    o[k++] = (rolefeat){featn(mask, 28, cid[0], 0, 0), ROLE_SELF};
    o[k++] = (rolefeat){featn(mask, 29, cid[1], 0, 0), ROLE_SELF};
    o[k++] = (rolefeat){featn(mask, 30, cid[2], 0, 0), ROLE_SELF};
    o[k++] = (rolefeat){feat(mask, 35 + ((uint32_t)cid[2] << 8), wi->sshape, wi->slen, NULL, 0), ROLE_SELF};
    o[k++] = (rolefeat){lexword_feat(mask, lexword), ROLE_SELF};
    o[k++] = (rolefeat){feat(mask, 21, "F", 1, wi->sshape, wi->slen), ROLE_FIRST};
    o[k++] = (rolefeat){feat(mask, 21, "f", 1, wi->sshape, wi->slen), ROLE_NOT_FIRST};
    o[k++] = (rolefeat){feat(mask, 22, "C", 1, wi->sshape, wi->slen), ROLE_CAPS};
    o[k++] = (rolefeat){feat(mask, 27, "C", 1, wi->lower, wi->len), ROLE_CAPS};
    o[k++] = (rolefeat){feat(mask, 22, "c", 1, wi->sshape, wi->slen), ROLE_NO_CAPS};
    o[k++] = (rolefeat){feat(mask, 27, "c", 1, wi->lower, wi->len), ROLE_NO_CAPS};
    return k + neighbour_feats(mask, wi, cid, o + k);
}

/* Sums the rows of features f[0..k) by role into s, for each pass the
 * model has packed: the own features once, then into each of the four
 * contexts with the features of that context. */
static void sum_feats(const ng_ner_model *m, int passes, const rolefeat *f, size_t k, ng_ner_wsum *s)
{
    memset(s->v, 0, sizeof s->v);
    for (int p = 0; p < passes; p++) {
        const ng_ner_compact *pk = &m->packed[p];
        if (!pk->blocks) continue;
        const int16_t *row[WORD_FEATS];
        for (size_t i = 0; i < k; i++) {
            row[i] = ng_ner_compact_row(pk, f[i].f);
            if (row[i]) PREFETCH(row[i]);
        }
        int32_t raw[ROLE_NO_CAPS - ROLE_FIRST + 1][NG_NER_TAGS];
        memset(raw, 0, sizeof raw);
        int32_t(*v)[NG_NER_TAGS] = s->v[p];
        for (size_t i = 0; i < k; i++) {
            if (!row[i]) continue;
            int32_t *acc = f[i].role >= ROLE_FIRST ? raw[f[i].role - ROLE_FIRST] : v[f[i].role];
            for (int t = 0; t < NG_NER_TAGS; t++) acc[t] += row[i][t];
        }
        /* v[ROLE_SELF] holds the own features; the contexts add theirs */
        for (int first = 1; first >= 0; first--)
            for (int caps = 1; caps >= 0; caps--) {
                int32_t *dst = v[ROLE_SELF + 2 * first + caps];
                const int32_t *a = raw[first ? ROLE_FIRST - ROLE_FIRST : ROLE_NOT_FIRST - ROLE_FIRST];
                const int32_t *b = raw[caps ? ROLE_CAPS - ROLE_FIRST : ROLE_NO_CAPS - ROLE_FIRST];
                for (int t = 0; t < NG_NER_TAGS; t++) dst[t] = v[ROLE_SELF][t] + a[t] + b[t];
            }
    }
}

static void word_sums(const ng_ner_model *m, int passes, uint32_t mask, const char *word, ng_ner_wsum *s,
                      ng_ner_winfo *in)
{
    wordinfo wi;
    word_info(word, &wi);
    word_clusters(&m->cl, word, in->cid);
    in->gazword = ng_ner_gaz_get(&m->gaz, word_key(word));
    in->letters = (uint8_t)letters(word);
    in->lexword = lex_word(&m->lex, word);
    rolefeat f[WORD_FEATS];
    sum_feats(m, passes, f, word_feats(mask, word, &wi, in->cid, in->gazword, in->lexword, f), s);
}
static uint64_t word_hash(const char *w)
{
    uint64_t h = fnv_add(fnv_start(202), w, strlen(w));
    return h ? h : 1;
}

void ng_ner_wcache_free(ng_ner_wcache *c)
{
    free(c->key);
    free(c->sums);
    free(c->info);
    free(c->stamp);
    free(c->edge);
    memset(c, 0, sizeof *c);
}

static size_t wcache_slot(const ng_ner_wcache *c, uint64_t h)
{
    size_t j = (size_t)(h * 0x9E3779B97F4A7C15ull >> 20) & (c->cap - 1);
    while (c->key[j] && c->key[j] != h) j = (j + 1) & (c->cap - 1);
    return j;
}

/* The arrays of a cache of cap slots, all keys empty, in *out.
 * NG_E_NOMEM on failure. */
static ng_status wcache_alloc(ng_ner_wcache *out, size_t cap)
{
    memset(out, 0, sizeof *out);
    out->key = calloc(cap, sizeof *out->key);
    out->sums = malloc(cap * sizeof *out->sums);
    out->info = malloc(cap * sizeof *out->info);
    out->stamp = malloc(cap * sizeof *out->stamp);
    out->edge = malloc(2 * sizeof *out->edge);
    if (!out->key || !out->sums || !out->info || !out->stamp || !out->edge) {
        ng_ner_wcache_free(out);
        return NG_E_NOMEM;
    }
    out->cap = cap;
    return NG_OK;
}

/* Sets the cache up empty for model m with room for need words under 3/4
 * full (a small table at first: it grows as it is reused); the boundaries'
 * sums are made again.  NG_E_NOMEM on failure (the cache is then freed). */
static ng_status wcache_reset(ng_ner_wcache *c, const ng_ner_model *m, int passes, size_t need)
{
    size_t cap = c->cap ? c->cap : 1024;
    while (need * 4 > cap * 3) cap *= 2;
    if (cap != c->cap || !c->edge) {
        ng_ner_wcache_free(c);
        if (wcache_alloc(c, cap)) return NG_E_NOMEM;
    }
    memset(c->key, 0, c->cap * sizeof *c->key);
    c->used = 0;
    c->model = m;
    c->passes = passes;
    c->now = c->since = 0;
    uint32_t mask = ((uint32_t)1 << m->bits) - 1;
    const uint16_t out[NG_NER_CLUSTER_LEVELS] = {CL_OUT, CL_OUT, CL_OUT};
    for (int b = 0; b < 2; b++) {
        rolefeat f[WORD_FEATS];
        sum_feats(m, passes, f, neighbour_feats(mask, &boundary[b], out, f), &c->edge[b]);
    }
    return NG_OK;
}

/* A word kept over an eviction. */
typedef struct kept_word {
    uint64_t key;
    uint32_t stamp;
    ng_ner_winfo info;
    ng_ner_wsum sums;
} kept_word;

/* Keeps the words used in the later half of the time since the last
 * eviction (common words stay; a name seen in one story goes), copied
 * aside and put back.  When the copy cannot be made, nothing is kept. */
static void wcache_evict(ng_ner_wcache *c)
{
    uint32_t keep = c->since + (c->now - c->since) / 2 + 1;
    size_t nkeep = 0;
    for (size_t i = 0; i < c->cap; i++) nkeep += c->key[i] && c->stamp[i] >= keep;
    kept_word *kw = nkeep ? malloc(nkeep * sizeof *kw) : NULL;
    size_t k = 0;
    for (size_t i = 0; kw && i < c->cap; i++)
        if (c->key[i] && c->stamp[i] >= keep) kw[k++] = (kept_word){c->key[i], c->stamp[i], c->info[i], c->sums[i]};
    memset(c->key, 0, c->cap * sizeof *c->key);
    c->used = 0;
    for (size_t i = 0; i < k; i++) {
        size_t j = wcache_slot(c, kw[i].key);
        c->key[j] = kw[i].key;
        c->stamp[j] = kw[i].stamp;
        c->info[j] = kw[i].info;
        c->sums[j] = kw[i].sums;
        c->used++;
    }
    free(kw);
    c->since = c->now;
}

/* Doubles the table, keeping every word; NG_E_NOMEM (and the cache
 * unchanged) on failure. */
static ng_status wcache_grow(ng_ner_wcache *c)
{
    ng_ner_wcache g;
    if (wcache_alloc(&g, c->cap * 2)) return NG_E_NOMEM;
    memcpy(g.edge, c->edge, 2 * sizeof *g.edge);
    for (size_t i = 0; i < c->cap; i++) {
        if (!c->key[i]) continue;
        size_t j = wcache_slot(&g, c->key[i]);
        g.key[j] = c->key[i];
        g.sums[j] = c->sums[i];
        g.info[j] = c->info[i];
        g.stamp[j] = c->stamp[i];
    }
    g.used = c->used;
    g.model = c->model;
    g.passes = c->passes;
    g.now = c->now;
    g.since = c->since;
    ng_ner_wcache_free(c);
    *c = g;
    return NG_OK;
}

ng_status ng_ner_wcache_reserve(ng_ner_wcache *c, const ng_ner_model *m, int passes, size_t n)
{
    if (!c->key || c->model != m || c->passes != passes || n * 4 > c->cap * 3 || c->now == UINT32_MAX)
        return wcache_reset(c, m, passes, n);
    c->now++;
    if ((c->used + n) * 4 <= c->cap * 3) return NG_OK;
    while (c->cap < NG_NER_WCACHE_SLOTS && (c->used + n) * 4 > c->cap * 3)
        if (wcache_grow(c)) break;
    if ((c->used + n) * 4 <= c->cap * 3) return NG_OK;
    wcache_evict(c);
    if ((c->used + n) * 4 <= c->cap * 3) return NG_OK;
    return wcache_reset(c, m, passes, n);
}

/* The sums of word, from the cache or computed into it, and its info in
 * *in; the cache has room (ng_ner_wcache_reserve).  The sums are fetched
 * ahead: they are read a few tokens later. */
static const ng_ner_wsum *cached_sums(ng_ner_wcache *c, const ng_ner_model *m, uint32_t mask, const char *word,
                                      ng_ner_winfo *in)
{
    uint64_t h = word_hash(word);
    size_t j = wcache_slot(c, h);
    if (!c->key[j]) {
        c->key[j] = h;
        c->used++;
        word_sums(m, c->passes, mask, word, &c->sums[j], &c->info[j]);
    } else {
        const char *p = (const char *)&c->sums[j];
        for (size_t o = 0; o < sizeof c->sums[j]; o += 64) PREFETCH(p + o);
    }
    c->stamp[j] = c->now;
    *in = c->info[j];
    return &c->sums[j];
}

/* The role sums of pass p that apply to token i of n. */
static void role_sums(const ng_ner_wsum *const *sums, const ng_ner_wsum *edge, size_t i, size_t n, int caps, int p,
                      int32_t *acc)
{
    const int32_t *a = sums[i]->v[p][ROLE_SELF + 2 * (i == 0) + caps];
    const int32_t *b = i >= 1 ? sums[i - 1]->v[p][ROLE_PREV] : edge[0].v[p][ROLE_PREV];
    const int32_t *c = i >= 2 ? sums[i - 2]->v[p][ROLE_PREV2] : edge[0].v[p][ROLE_PREV2];
    const int32_t *d = i + 1 < n ? sums[i + 1]->v[p][ROLE_NEXT] : edge[1].v[p][ROLE_NEXT];
    const int32_t *e = i + 2 < n ? sums[i + 2]->v[p][ROLE_NEXT2] : edge[1].v[p][ROLE_NEXT2];
    int32_t r[NG_NER_TAGS];
    for (int t = 0; t < NG_NER_TAGS; t++) r[t] = a[t] + b[t] + c[t] + d[t] + e[t];
    memcpy(acc, r, sizeof r);
}

/* The buckets of token i's features of two words (pairs, the gazetteer
 * phrase), win holding the words at i - 1, i, i + 1. */
static void pair_feats(uint32_t mask, const wordinfo *win, const ng_ner_winfo *info, size_t i, size_t n,
                       uint8_t gaztag, uint8_t lextag, uint32_t *f)
{
    const wordinfo *w = &win[1];
    uint32_t c0 = i > 0 ? info[i - 1].cid[1] : CL_OUT, c1 = info[i].cid[1],
             c2 = i + 1 < n ? info[i + 1].cid[1] : CL_OUT;
    f[0] = feat(mask, 19, win[0].lower, win[0].len, w->lower, w->len);
    f[1] = feat(mask, 20, w->lower, w->len, win[2].lower, win[2].len);
    f[2] = phrase_feat(mask, 23, gaztag);
    f[3] = feat(mask, 25, win[0].sshape, win[0].slen, w->sshape, w->slen);
    f[4] = feat(mask, 26, w->sshape, w->slen, win[2].sshape, win[2].slen);
    f[5] = featn(mask, 36, c0, c1, 0);
    f[6] = featn(mask, 37, c1, c2, 0);
    f[7] = phrase_feat(mask, 41, lextag);
}

/* Sums the rows r[0..k) that are not NULL into acc. */
static void add_rows(const int16_t *const *r, size_t k, int32_t *acc)
{
    for (size_t j = 0; j < k; j++)
        if (r[j])
            for (int t = 0; t < NG_NER_TAGS; t++) acc[t] += r[j][t];
}

void ng_ner_emissions(const ng_ner_model *m, ng_ner_work *wk, const char *const *words, size_t n, float *em,
                      int32_t *base2)
{
    if (!n) return;
    ng_ner_wcache *c = &wk->cache;
    const ng_ner_wsum **sums = wk->sums;
    uint8_t *gaztag = wk->scratch;
    const int16_t **rows = wk->rowp;
    uint32_t mask = ((uint32_t)1 << m->bits) - 1;
    size_t upper = 0, alpha = 0;
    ng_ner_winfo *info = wk->tinfo;
    for (size_t i = 0; i < n; i++) {
        sums[i] = cached_sums(c, m, mask, words[i], &info[i]);
        gaztag[i] = info[i].gazword ? 0x80 : 0;
        alpha += info[i].letters & 1;
        upper += info[i].letters == 1;
    }
    gazetteer_phrases(&m->gaz, words, n, gaztag);
    uint8_t *lextag = gaztag + n;
    for (size_t i = 0; i < n; i++) lextag[i] = info[i].lexword;
    lexicon_phrases(&m->lex, words, n, lextag, lextag);
    int caps = capitals_rule(upper, alpha);
    int passes = base2 ? 2 : 1;
    /* first every token's rows of two-word features, fetched ahead, then
     * the sums: the rows are scattered over megabytes */
    wordinfo win[3]; /* the words at i - 1, i, i + 1 */
    win[0] = boundary[0];
    word_info(words[0], &win[1]);
    if (n > 1) word_info(words[1], &win[2]);
    else win[2] = boundary[1];
    for (size_t i = 0; i < n; i++) {
        if (i > 0) {
            memmove(win, win + 1, 2 * sizeof *win);
            if (i + 1 < n) word_info(words[i + 1], &win[2]);
            else win[2] = boundary[1];
        }
        uint32_t f[NG_NER_PAIR_FEATS];
        pair_feats(mask, win, info, i, n, gaztag[i], lextag[i], f);
        for (int p = 0; p < passes; p++)
            for (int k = 0; k < NG_NER_PAIR_FEATS; k++) {
                const int16_t *r = ng_ner_compact_row(&m->packed[p], f[k]);
                if (r) PREFETCH(r);
                rows[(i * 2 + (size_t)p) * NG_NER_PAIR_FEATS + (size_t)k] = r;
            }
    }
    for (size_t i = 0; i < n; i++) {
        int32_t acc[NG_NER_TAGS];
        role_sums(sums, c->edge, i, n, caps, 0, acc);
        add_rows(rows + i * 2 * NG_NER_PAIR_FEATS, NG_NER_PAIR_FEATS, acc);
        for (int t = 0; t < NG_NER_TAGS; t++) em[i * NG_NER_TAGS + t] = (float)acc[t] * m->packed[0].scale;
        if (!base2) continue;
        int32_t *b = base2 + i * NG_NER_TAGS;
        role_sums(sums, c->edge, i, n, caps, 1, b);
        add_rows(rows + (i * 2 + 1) * NG_NER_PAIR_FEATS, NG_NER_PAIR_FEATS, b);
    }
}

void ng_ner_emissions2(const ng_ner_model *m, size_t n, const int32_t *base2, const uint32_t *doc, float *em)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < NG_NER_DOC_FEATS; k++) {
            const int16_t *r = ng_ner_compact_row(&m->packed[1], doc[i * NG_NER_DOC_FEATS + k]);
            if (r) PREFETCH(r);
        }
    for (size_t i = 0; i < n; i++) {
        int32_t acc[NG_NER_TAGS];
        memcpy(acc, base2 + i * NG_NER_TAGS, sizeof acc);
        for (size_t k = 0; k < NG_NER_DOC_FEATS; k++) add_row(&m->packed[1], doc[i * NG_NER_DOC_FEATS + k], acc);
        for (int t = 0; t < NG_NER_TAGS; t++) em[i * NG_NER_TAGS + t] = (float)acc[t] * m->packed[1].scale;
    }
}
