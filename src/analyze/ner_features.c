/* ner_features.c - the named-entity tagger's features: word, lowercase,
 * shape, prefixes and suffixes 1-4, neighbours within two words,
 * capitalisation in context, first-in-sentence and membership of a
 * gazetteer built from training entities.  Every feature is hashed into a
 * fixed number of buckets; nothing is allocated per token. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"

#define WMAX 48 /* bytes of a word the features look at */

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


/* gaztag[i] for a sentence: the gazetteer's longest phrase match from left
 * to right, 0x10 | types at a match's first word, 0x20 | types inside.
 * Every word of a gazetteer phrase is in it as a word too, so phrases are
 * only looked up over runs of such words (marked 0x80 while working). */
static void gazetteer_tags(const ng_ner_gaz *g, const char *const *words, size_t n, uint8_t *gaztag)
{
    for (size_t i = 0; i < n; i++) gaztag[i] = ng_ner_gaz_get(g, word_key(words[i])) ? 0x80 : 0;
    for (size_t i = 0; i < n;) {
        size_t most = 0;
        while (most < NG_NER_GAZ_MAXLEN && i + most < n && gaztag[i + most] & 0x80) most++;
        /* the keys of the phrases starting at i, built word by word the way
         * phrase_key() builds them */
        uint64_t key[NG_NER_GAZ_MAXLEN];
        uint64_t h = fnv_start(200);
        for (size_t len = 0; len < most; len++) {
            h = fnv_sep(fnv_add(h, words[i + len], strlen(words[i + len])));
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

/* The sentence is mostly capitals (a headline). */
static int mostly_capitals(const char *const *words, size_t n)
{
    size_t upper = 0, alpha = 0;
    for (size_t i = 0; i < n; i++) {
        int has_lower = 0, has_alpha = 0;
        for (const char *p = words[i]; *p; p++) {
            if (isalpha((unsigned char)*p)) has_alpha = 1;
            if (islower((unsigned char)*p)) has_lower = 1;
        }
        alpha += has_alpha;
        upper += has_alpha && !has_lower;
    }
    return alpha >= 2 && upper * 2 > alpha;
}

void ng_ner_features(const ng_ner_gaz *g, const char *const *words, size_t n, uint32_t mask,
                     uint8_t *gaztag, uint32_t *out)
{
    gazetteer_tags(g, words, n, gaztag);
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
        tmp[0] = (char)('a' + (gaztag[i] >> 4));
        tmp[1] = (char)('a' + (gaztag[i] & 15));
        o[k++] = feat(mask, 23, tmp, 2, NULL, 0);
        tmp[0] = (char)('a' + ng_ner_gaz_get(g, word_key(word)));
        o[k++] = feat(mask, 24, tmp, 1, NULL, 0);
        o[k++] = feat(mask, 25, win[1].sshape, win[1].slen, w->sshape, w->slen);
        o[k++] = feat(mask, 26, w->sshape, w->slen, win[3].sshape, win[3].slen);
        o[k++] = feat(mask, 27, caps, 1, w->lower, w->len);
    }
}

/* ------------------------------------------------- tagging, word by word
 *
 * Most features depend on one word only: the word's own (word, case,
 * shape, affixes, gazetteer word, and with the sentence's two flags) and
 * the word as a neighbour (its lower case and shape one or two places
 * left or right).  Tagging sums each distinct word's rows once, by role,
 * in 16-bit weight units (so sums are exact in any order), keeps them in
 * the work space's cache, and per token adds the five sums that apply and
 * the rows of the features of two words (pairs, the gazetteer phrase). */

enum {
    ROLE_SELF = 0, ROLE_FIRST, ROLE_NOT_FIRST, ROLE_CAPS, ROLE_NO_CAPS,
    ROLE_PREV, ROLE_NEXT, ROLE_PREV2, ROLE_NEXT2, ROLE_COUNT
};

struct ng_ner_wsum {
    int32_t v[ROLE_COUNT][NG_NER_TAGS];
};

static void add_row(const ng_ner_model *m, uint32_t f, int32_t *acc)
{
    const int16_t *w = ng_ner_compact_row(&m->packed, f);
    if (!w) return;
    for (int t = 0; t < NG_NER_TAGS; t++) acc[t] += w[t];
}

/* The neighbour roles of a word's info (a word or a sentence boundary). */
static void neighbour_sums(const ng_ner_model *m, uint32_t mask, const wordinfo *w, ng_ner_wsum *s)
{
    add_row(m, feat(mask, 13, w->lower, w->len, NULL, 0), s->v[ROLE_PREV]);
    add_row(m, feat(mask, 17, w->sshape, w->slen, NULL, 0), s->v[ROLE_PREV]);
    add_row(m, feat(mask, 14, w->lower, w->len, NULL, 0), s->v[ROLE_NEXT]);
    add_row(m, feat(mask, 18, w->sshape, w->slen, NULL, 0), s->v[ROLE_NEXT]);
    add_row(m, feat(mask, 15, w->lower, w->len, NULL, 0), s->v[ROLE_PREV2]);
    add_row(m, feat(mask, 16, w->lower, w->len, NULL, 0), s->v[ROLE_NEXT2]);
}

/* Every role's sum for one word; the same features as ng_ner_features(). */
static void word_sums(const ng_ner_model *m, uint32_t mask, const char *word, ng_ner_wsum *s)
{
    wordinfo wi;
    word_info(word, &wi);
    size_t wl = strlen(word);
    if (wl > WMAX) wl = WMAX;
    memset(s, 0, sizeof *s);
    int32_t *self = s->v[ROLE_SELF];
    add_row(m, feat(mask, 0, "", 0, NULL, 0), self);
    add_row(m, feat(mask, 1, word, wl, NULL, 0), self);
    add_row(m, feat(mask, 2, wi.lower, wi.len, NULL, 0), self);
    add_row(m, feat(mask, 3, wi.shape, wi.len, NULL, 0), self);
    add_row(m, feat(mask, 4, wi.sshape, wi.slen, NULL, 0), self);
    for (size_t a = 1; a <= 4; a++) {
        size_t l = a < wi.len ? a : wi.len;
        add_row(m, feat(mask, (unsigned)(4 + a), word, l, NULL, 0), self);
        add_row(m, feat(mask, (unsigned)(8 + a), wi.lower + wi.len - l, l, NULL, 0), self);
    }
    char tmp[2] = {(char)('a' + ng_ner_gaz_get(&m->gaz, word_key(word))), 0};
    add_row(m, feat(mask, 24, tmp, 1, NULL, 0), self);
    add_row(m, feat(mask, 21, "F", 1, wi.sshape, wi.slen), s->v[ROLE_FIRST]);
    add_row(m, feat(mask, 21, "f", 1, wi.sshape, wi.slen), s->v[ROLE_NOT_FIRST]);
    add_row(m, feat(mask, 22, "C", 1, wi.sshape, wi.slen), s->v[ROLE_CAPS]);
    add_row(m, feat(mask, 27, "C", 1, wi.lower, wi.len), s->v[ROLE_CAPS]);
    add_row(m, feat(mask, 22, "c", 1, wi.sshape, wi.slen), s->v[ROLE_NO_CAPS]);
    add_row(m, feat(mask, 27, "c", 1, wi.lower, wi.len), s->v[ROLE_NO_CAPS]);
    neighbour_sums(m, mask, &wi, s);
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
    memset(c, 0, sizeof *c);
}

/* The sums of word, from the cache or computed into it; NULL when out of
 * memory.  The cache empties itself when full or when the model changes. */
static const ng_ner_wsum *cached_sums(ng_ner_wcache *c, const ng_ner_model *m, uint32_t mask,
                                      const char *word)
{
    if (!c->key || c->model != m || (c->used + 1) * 4 > c->cap * 3) {
        if (!c->key) {
            c->key = malloc(NG_NER_WCACHE_SLOTS * sizeof *c->key);
            c->sums = malloc(NG_NER_WCACHE_SLOTS * sizeof *c->sums);
            if (!c->key || !c->sums) {
                ng_ner_wcache_free(c);
                return NULL;
            }
            c->cap = NG_NER_WCACHE_SLOTS;
        }
        memset(c->key, 0, c->cap * sizeof *c->key);
        c->used = 0;
        c->model = m;
    }
    uint64_t h = word_hash(word);
    size_t j = (size_t)(h * 0x9E3779B97F4A7C15ull >> 20) & (c->cap - 1);
    while (c->key[j] && c->key[j] != h) j = (j + 1) & (c->cap - 1);
    if (!c->key[j]) {
        c->key[j] = h;
        c->used++;
        word_sums(m, mask, word, &c->sums[j]);
    }
    return &c->sums[j];
}

static void add_sum(int32_t *acc, const int32_t *v)
{
    for (int t = 0; t < NG_NER_TAGS; t++) acc[t] += v[t];
}

ng_status ng_ner_emissions(const ng_ner_model *m, ng_ner_wcache *c, const char *const *words, size_t n,
                           uint8_t *gaztag, const ng_ner_wsum **sums, float *em)
{
    uint32_t mask = ((uint32_t)1 << m->bits) - 1;
    for (size_t i = 0; i < n; i++)
        if (!(sums[i] = cached_sums(c, m, mask, words[i]))) return NG_E_NOMEM;
    ng_ner_wsum edge[2];
    memset(edge, 0, sizeof edge);
    neighbour_sums(m, mask, &boundary[0], &edge[0]);
    neighbour_sums(m, mask, &boundary[1], &edge[1]);
    gazetteer_tags(&m->gaz, words, n, gaztag);
    int caps = mostly_capitals(words, n);
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
        int32_t acc[NG_NER_TAGS];
        memcpy(acc, sums[i]->v[ROLE_SELF], sizeof acc);
        add_sum(acc, sums[i]->v[i == 0 ? ROLE_FIRST : ROLE_NOT_FIRST]);
        add_sum(acc, sums[i]->v[caps ? ROLE_CAPS : ROLE_NO_CAPS]);
        add_sum(acc, i >= 1 ? sums[i - 1]->v[ROLE_PREV] : edge[0].v[ROLE_PREV]);
        add_sum(acc, i >= 2 ? sums[i - 2]->v[ROLE_PREV2] : edge[0].v[ROLE_PREV2]);
        add_sum(acc, i + 1 < n ? sums[i + 1]->v[ROLE_NEXT] : edge[1].v[ROLE_NEXT]);
        add_sum(acc, i + 2 < n ? sums[i + 2]->v[ROLE_NEXT2] : edge[1].v[ROLE_NEXT2]);
        const wordinfo *w = &win[1];
        add_row(m, feat(mask, 19, win[0].lower, win[0].len, w->lower, w->len), acc);
        add_row(m, feat(mask, 20, w->lower, w->len, win[2].lower, win[2].len), acc);
        char tmp[2] = {(char)('a' + (gaztag[i] >> 4)), (char)('a' + (gaztag[i] & 15))};
        add_row(m, feat(mask, 23, tmp, 2, NULL, 0), acc);
        add_row(m, feat(mask, 25, win[0].sshape, win[0].slen, w->sshape, w->slen), acc);
        add_row(m, feat(mask, 26, w->sshape, w->slen, win[2].sshape, win[2].slen), acc);
        for (int t = 0; t < NG_NER_TAGS; t++) em[i * NG_NER_TAGS + t] = (float)acc[t] * m->packed.scale;
    }
    return NG_OK;
}
