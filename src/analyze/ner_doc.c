/* ner_doc.c - the named-entity tagger's document-level (non-local)
 * features for its second pass: given the first pass's tags of a whole
 * story, what the same word (as written, and lower-cased) was tagged as
 * elsewhere in the story, the first-pass entity phrases found again
 * elsewhere, and the first-pass tags of the token and its neighbours
 * (Ratinov and Roth 2009: context aggregation, two-stage prediction
 * aggregation).  One hash table per document, kept in the work space;
 * nothing is allocated per token. */
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"

#define LABELS 5 /* O, PER, ORG, LOC, MISC */
#define NONE_V 0xfffffu

static int label_of(uint8_t tag)
{
    return tag && tag < NG_NER_TAGS ? 1 + NG_NER_TYPE(tag) : 0;
}

static uint64_t fnv(uint64_t h, const char *s, int lower)
{
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (lower && ch >= 'A' && ch <= 'Z') ch = (unsigned char)(ch + 32);
        h ^= ch;
        h *= 1099511628211ull;
    }
    return h;
}

/* A word's keys as written and lower-cased, in one pass over it. */
static void word_keys(const char *w, uint64_t *exact, uint64_t *lower)
{
    uint64_t he = 14695981039346656037ull ^ 0x72, hl = 14695981039346656037ull ^ 0x71;
    for (; *w; w++) {
        unsigned char ch = (unsigned char)*w;
        he = (he ^ ch) * 1099511628211ull;
        if (ch >= 'A' && ch <= 'Z') ch = (unsigned char)(ch + 32);
        hl = (hl ^ ch) * 1099511628211ull;
    }
    *exact = he ? he : 1;
    *lower = hl ? hl : 1;
}

/* The keys of the phrases of 1..max words starting at w, as phrase_key()
 * makes them: key[len - 1]. */
static void phrase_keys(const char *const *w, size_t max, uint64_t *key)
{
    uint64_t h = 14695981039346656037ull ^ 0x73;
    for (size_t i = 0; i < max; i++) {
        h = fnv(h, w[i], 0);
        h ^= 0x1f;
        h *= 1099511628211ull;
        key[i] = h ? h : 1;
    }
}

static uint16_t *slot(ng_ner_work *wk, uint64_t key, int add)
{
    size_t j = (size_t)(key * 0x9E3779B97F4A7C15ull >> 23) & (wk->hcap - 1);
    while (wk->hkey[j] && wk->hkey[j] != key) j = (j + 1) & (wk->hcap - 1);
    if (!wk->hkey[j]) {
        if (!add) return NULL;
        wk->hkey[j] = key;
        memset(wk->hcnt + j * LABELS, 0, LABELS * sizeof *wk->hcnt);
    }
    return wk->hcnt + j * LABELS;
}

/* The entity type most seen (1..4) with the share of entity labels (0:
 * none, 1: under half, 2: half or more, 3: all), as maj * 4 + share; 0 when
 * the word is seen nowhere else. */
static uint32_t summary(const uint16_t *c)
{
    unsigned ent = 0, tot = c[0];
    int maj = 0;
    for (int t = 1; t < LABELS; t++) {
        ent += c[t];
        tot += c[t];
        if (c[t] > (maj ? c[maj] : 0)) maj = t;
    }
    if (!tot) return 0;
    unsigned share = ent == 0 ? 0 : ent * 2 < tot ? 1 : ent < tot ? 2 : 3;
    return 4 + (uint32_t)maj * 4 + share;
}

static uint32_t mix(uint32_t mask, unsigned kind, uint32_t v)
{
    uint64_t h = (uint64_t)kind << 40 ^ v ^ 0xD1B54A32D192ED03ull;
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
    h ^= h >> 31;
    return (uint32_t)h & mask;
}

/* Sizes wk's table for a document of total tokens and empties it, and
 * makes room for two slots a token.  NG_E_NOMEM on failure. */
static ng_status reserve_table(ng_ner_work *wk, size_t total)
{
    /* two word keys a token, a phrase key a first-pass entity */
    size_t need = 16;
    while (need < total * 3 * 2) need *= 2;
    if (need > wk->hcap) {
        uint64_t *k = malloc(need * sizeof *k);
        uint16_t *c = malloc(need * LABELS * sizeof *c);
        if (!k || !c) {
            free(k);
            free(c);
            return NG_E_NOMEM;
        }
        free(wk->hkey);
        free(wk->hcnt);
        wk->hkey = k;
        wk->hcnt = c;
        wk->hcap = need;
    }
    if (total > wk->tscap) {
        size_t cap = wk->tscap ? wk->tscap : 1024;
        while (cap < total) cap *= 2;
        uint32_t *t = malloc(cap * 2 * sizeof *t);
        if (!t) return NG_E_NOMEM;
        free(wk->tslot);
        wk->tslot = t;
        wk->tscap = cap;
    }
    memset(wk->hkey, 0, wk->hcap * sizeof *wk->hkey);
    return NG_OK;
}

/* Counts of the labels elsewhere: the token's own label taken off. */
static void elsewhere(const uint16_t *c, int lb, uint16_t *out)
{
    memcpy(out, c, LABELS * sizeof *out);
    out[lb]--;
}

/* The type (1..4) the phrases at w[i..] were tagged as elsewhere, longest
 * phrase first, with its length in *len; 0 for none.  Only a word that
 * began an entity somewhere can begin a phrase in the table. */
static int phrase_elsewhere(ng_ner_work *wk, const char *const *w, const uint8_t *t, size_t i, size_t n,
                            size_t *len)
{
    size_t max = n - i < NG_NER_GAZ_MAXLEN ? n - i : NG_NER_GAZ_MAXLEN;
    uint64_t key[NG_NER_GAZ_MAXLEN];
    phrase_keys(w + i, max, key);
    /* the first-pass span at i, not counted as elsewhere */
    size_t own = 0;
    if (NG_NER_IS_B(t[i])) {
        size_t e = i + 1;
        while (e < n && t[e] == t[i] + 1) e++;
        own = e - i;
    }
    for (size_t l = max; l > 0; l--) {
        const uint16_t *pc = slot(wk, key[l - 1], 0);
        if (!pc) continue;
        uint16_t c[LABELS];
        memcpy(c, pc, sizeof c);
        if (own == l) c[label_of(t[i])]--;
        int type = 0;
        for (int k = 1; k < LABELS; k++)
            if (c[k] > (type ? c[type] : 0)) type = k;
        if (type) {
            *len = l;
            return type;
        }
    }
    return 0;
}

ng_status ng_ner_doc_features(const char *const *words, const ng_ner_sentence *sents, size_t nsent,
                              const uint8_t *tags1, uint32_t mask, ng_ner_work *wk, uint32_t *out)
{
    size_t total = 0;
    for (size_t s = 0; s < nsent; s++) total += sents[s].n;
    if (reserve_table(wk, total)) return NG_E_NOMEM;
    size_t j0 = 0;
    for (size_t s = 0; s < nsent; s++) {
        const char *const *w = words + sents[s].first;
        const uint8_t *t = tags1 + sents[s].first;
        for (size_t i = 0; i < sents[s].n; i++) {
            int lb = label_of(t[i]);
            uint64_t ke, kl;
            word_keys(w[i], &ke, &kl);
            uint16_t *c = slot(wk, ke, 1);
            if (c[lb] < 0xffff) c[lb]++;
            wk->tslot[2 * (j0 + i)] = (uint32_t)((size_t)(c - wk->hcnt) / LABELS);
            c = slot(wk, kl, 1);
            if (c[lb] < 0xffff) c[lb]++;
            wk->tslot[2 * (j0 + i) + 1] = (uint32_t)((size_t)(c - wk->hcnt) / LABELS);
            if (NG_NER_IS_B(t[i])) {
                size_t e = i + 1;
                while (e < sents[s].n && t[e] == t[i] + 1) e++;
                if (e - i <= NG_NER_GAZ_MAXLEN) {
                    uint64_t key[NG_NER_GAZ_MAXLEN];
                    phrase_keys(w + i, e - i, key);
                    c = slot(wk, key[e - i - 1], 1);
                    if (c[lb] < 0xffff) c[lb]++;
                }
            }
        }
        j0 += sents[s].n;
    }
    /* raw values: 0 exact-word summary, 1 lower-case summary, 2 phrase
     * match (B/I and type), 3 presence mask of labels elsewhere, 4 own
     * first-pass tag; then 5, 6 the neighbours' exact-word summaries and 7
     * the neighbours' first-pass tags */
    const size_t D = NG_NER_DOC_FEATS;
    j0 = 0;
    for (size_t s = 0; s < nsent; s++) {
        const char *const *w = words + sents[s].first;
        const uint8_t *t = tags1 + sents[s].first;
        size_t n = sents[s].n;
        uint32_t *o = out + j0 * D;
        for (size_t i = 0; i < n; i++) {
            int lb = label_of(t[i]);
            const uint16_t *exact = wk->hcnt + (size_t)wk->tslot[2 * (j0 + i)] * LABELS;
            uint16_t c[LABELS];
            elsewhere(exact, lb, c);
            o[i * D + 0] = summary(c);
            uint32_t present = 0;
            for (int k = 0; k < LABELS; k++)
                if (c[k]) present |= 1u << k;
            o[i * D + 3] = present;
            elsewhere(wk->hcnt + (size_t)wk->tslot[2 * (j0 + i) + 1] * LABELS, lb, c);
            o[i * D + 1] = summary(c);
            o[i * D + 2] = 0;
            o[i * D + 4] = t[i];
        }
        /* phrases tagged elsewhere, longest first, left to right */
        for (size_t i = 0; i < n;) {
            const uint16_t *exact = wk->hcnt + (size_t)wk->tslot[2 * (j0 + i)] * LABELS;
            size_t best = 0;
            int type = exact[1] | exact[2] | exact[3] | exact[4] ? phrase_elsewhere(wk, w, t, i, n, &best) : 0;
            if (!type) {
                i++;
                continue;
            }
            o[i * D + 2] = 1 + (uint32_t)type;
            for (size_t k = 1; k < best; k++) o[(i + k) * D + 2] = 5 + (uint32_t)type;
            i += best;
        }
        for (size_t i = 0; i < n; i++) {
            o[i * D + 5] = i > 0 ? o[(i - 1) * D + 0] : NONE_V;
            o[i * D + 6] = i + 1 < n ? o[(i + 1) * D + 0] : NONE_V;
            o[i * D + 7] = (i > 0 ? t[i - 1] : 15u) << 4 | (i + 1 < n ? t[i + 1] : 15u);
        }
        for (size_t i = 0; i < n * D; i++) o[i] = mix(mask, 300 + (unsigned)(i % D), o[i]);
        j0 += n;
    }
    return NG_OK;
}
