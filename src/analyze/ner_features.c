/* ner_features.c - the named-entity tagger's features: word, lowercase,
 * shape, prefixes and suffixes 1-4, neighbours within two words,
 * capitalisation in context, first-in-sentence, membership of a
 * gazetteer built from training entities, and the word clusters of the
 * word and its neighbours (alone, in pairs and with the shape).  Every feature is hashed into a
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
    size_t len;
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
}

static const wordinfo boundary[2] = {{"<s>", "<s>", "<s>", 3}, {"</s>", "</s>", "</s>", 4}};

static uint32_t feat(uint32_t mask, unsigned kind, const char *a, size_t an, const char *b, size_t bn)
{
    uint64_t h = fnv_add(fnv_start(kind), a, an);
    if (b) h = fnv_add(fnv_sep(h), b, bn);
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return (uint32_t)h & mask;
}

#define F1(s) (s), strlen(s), NULL, 0
#define F2(a, b) (a), strlen(a), (b), strlen(b)

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

void ng_ner_features(const ng_ner_gaz *g, const ng_ner_clusters *cl, const char *const *words, size_t n,
                     uint32_t mask, uint8_t *gaztag, uint16_t *cid, uint32_t *out)
{
    /* each word's clusters */
    const size_t L = NG_NER_CLUSTER_LEVELS;
    for (size_t i = 0; i < n; i++) {
        const uint16_t *ids = cl && cl->count ? ng_ner_clusters_get(cl, ng_ner_cluster_key(words[i], strlen(words[i])))
                                              : NULL;
        for (size_t l = 0; l < L; l++) cid[i * L + l] = ids ? ids[l] : (uint16_t)NG_NER_CLUSTER_NONE;
    }
    /* the gazetteer's longest phrase match from left to right */
    memset(gaztag, 0, n);
    for (size_t i = 0; i < n;) {
        size_t best = 0;
        uint8_t bm = 0;
        for (size_t len = n - i < NG_NER_GAZ_MAXLEN ? n - i : NG_NER_GAZ_MAXLEN; len > 0; len--) {
            uint8_t m = ng_ner_gaz_get(g, phrase_key(words + i, len));
            if (m) {
                best = len;
                bm = m;
                break;
            }
        }
        if (!best) {
            i++;
            continue;
        }
        gaztag[i] = (uint8_t)(0x10 | bm);
        for (size_t j = 1; j < best; j++) gaztag[i + j] = (uint8_t)(0x20 | bm);
        i += best;
    }
    /* the sentence is mostly capitals (a headline) */
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
    const char *caps = alpha >= 2 && upper * 2 > alpha ? "C" : "c";
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
        o[k++] = feat(mask, 2, F1(w->lower));
        o[k++] = feat(mask, 3, F1(w->shape));
        o[k++] = feat(mask, 4, F1(w->sshape));
        for (size_t a = 1; a <= 4; a++) {
            size_t l = a < w->len ? a : w->len;
            o[k++] = feat(mask, (unsigned)(4 + a), word, l, NULL, 0);
            o[k++] = feat(mask, (unsigned)(8 + a), w->lower + w->len - l, l, NULL, 0);
        }
        o[k++] = feat(mask, 13, F1(win[1].lower));
        o[k++] = feat(mask, 14, F1(win[3].lower));
        o[k++] = feat(mask, 15, F1(win[0].lower));
        o[k++] = feat(mask, 16, F1(win[4].lower));
        o[k++] = feat(mask, 17, F1(win[1].sshape));
        o[k++] = feat(mask, 18, F1(win[3].sshape));
        o[k++] = feat(mask, 19, F2(win[1].lower, w->lower));
        o[k++] = feat(mask, 20, F2(w->lower, win[3].lower));
        o[k++] = feat(mask, 21, F2(i == 0 ? "F" : "f", w->sshape));
        o[k++] = feat(mask, 22, F2(caps, w->sshape));
        tmp[0] = (char)('a' + (gaztag[i] >> 4));
        tmp[1] = (char)('a' + (gaztag[i] & 15));
        o[k++] = feat(mask, 23, tmp, 2, NULL, 0);
        tmp[0] = (char)('a' + ng_ner_gaz_get(g, word_key(word)));
        o[k++] = feat(mask, 24, tmp, 1, NULL, 0);
        o[k++] = feat(mask, 25, F2(win[1].sshape, w->sshape));
        o[k++] = feat(mask, 26, F2(w->sshape, win[3].sshape));
        o[k++] = feat(mask, 27, F2(caps, w->lower));
        /* clusters: level l of the word at offset d */
#define CID(d, l) ((long)i + (d) >= 0 && (size_t)((long)i + (d)) < n ? cid[((size_t)((long)i + (d))) * L + (l)] : CL_OUT)
        o[k++] = featn(mask, 28, CID(0, 0), 0, 0);
        o[k++] = featn(mask, 29, CID(0, 1), 0, 0);
        o[k++] = featn(mask, 30, CID(0, 2), 0, 0);
        o[k++] = featn(mask, 31, CID(-1, 1), 0, 0);
        o[k++] = featn(mask, 32, CID(1, 1), 0, 0);
        o[k++] = featn(mask, 33, CID(-1, 2), 0, 0);
        o[k++] = featn(mask, 34, CID(1, 2), 0, 0);
        o[k++] = feat(mask, 35 + ((uint32_t)CID(0, 2) << 8), F1(w->sshape));
        o[k++] = featn(mask, 36, CID(-1, 1), CID(0, 1), 0);
        o[k++] = featn(mask, 37, CID(0, 1), CID(1, 1), 0);
        o[k++] = featn(mask, 38, CID(-2, 1), 0, 0);
        o[k++] = featn(mask, 39, CID(2, 1), 0, 0);
#undef CID
    }
}
