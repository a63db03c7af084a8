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

static uint64_t word_key(const char *w, int lower)
{
    uint64_t h = fnv(14695981039346656037ull ^ (lower ? 0x71 : 0x72), w, lower);
    return h ? h : 1;
}

static uint64_t phrase_key(const char *const *w, size_t n)
{
    uint64_t h = 14695981039346656037ull ^ 0x73;
    for (size_t i = 0; i < n; i++) {
        h = fnv(h, w[i], 0);
        h ^= 0x1f;
        h *= 1099511628211ull;
    }
    return h ? h : 1;
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

ng_status ng_ner_doc_features(const char *const *words, const ng_ner_sentence *sents, size_t nsent,
                              const uint8_t *tags1, uint32_t mask, ng_ner_work *wk, uint32_t *out)
{
    size_t total = 0;
    for (size_t s = 0; s < nsent; s++) total += sents[s].n;
    /* table: two word keys a token, a phrase key a first-pass entity */
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
    memset(wk->hkey, 0, wk->hcap * sizeof *wk->hkey);
    for (size_t s = 0; s < nsent; s++) {
        const char *const *w = words + sents[s].first;
        const uint8_t *t = tags1 + sents[s].first;
        for (size_t i = 0; i < sents[s].n; i++) {
            int lb = label_of(t[i]);
            uint16_t *c = slot(wk, word_key(w[i], 0), 1);
            if (c[lb] < 0xffff) c[lb]++;
            c = slot(wk, word_key(w[i], 1), 1);
            if (c[lb] < 0xffff) c[lb]++;
            if (NG_NER_IS_B(t[i])) {
                size_t e = i + 1;
                while (e < sents[s].n && t[e] == t[i] + 1) e++;
                if (e - i <= NG_NER_GAZ_MAXLEN) {
                    c = slot(wk, phrase_key(w + i, e - i), 1);
                    if (c[lb] < 0xffff) c[lb]++;
                }
            }
        }
    }
    /* raw values: 0 exact-word summary, 1 lower-case summary, 2 phrase
     * match (B/I and type), 3 presence mask of labels elsewhere, 4 own
     * first-pass tag; then 5, 6 the neighbours' exact-word summaries and 7
     * the neighbours' first-pass tags */
    const size_t D = NG_NER_DOC_FEATS;
    size_t j0 = 0;
    for (size_t s = 0; s < nsent; s++) {
        const char *const *w = words + sents[s].first;
        const uint8_t *t = tags1 + sents[s].first;
        size_t n = sents[s].n;
        uint32_t *o = out + j0 * D;
        for (size_t i = 0; i < n; i++) {
            int lb = label_of(t[i]);
            uint16_t c[LABELS];
            memcpy(c, slot(wk, word_key(w[i], 0), 0), sizeof c);
            c[lb]--;
            o[i * D + 0] = summary(c);
            uint32_t present = 0;
            for (int k = 0; k < LABELS; k++)
                if (c[k]) present |= 1u << k;
            o[i * D + 3] = present;
            memcpy(c, slot(wk, word_key(w[i], 1), 0), sizeof c);
            c[lb]--;
            o[i * D + 1] = summary(c);
            o[i * D + 2] = 0;
            o[i * D + 4] = t[i];
        }
        /* phrases tagged elsewhere, longest first, left to right */
        for (size_t i = 0; i < n;) {
            size_t best = 0;
            int type = 0;
            for (size_t len = n - i < NG_NER_GAZ_MAXLEN ? n - i : NG_NER_GAZ_MAXLEN; len > 0 && !best; len--) {
                const uint16_t *pc = slot(wk, phrase_key(w + i, len), 0);
                if (!pc) continue;
                uint16_t c[LABELS];
                memcpy(c, pc, sizeof c);
                /* not this very span of the first pass */
                if (NG_NER_IS_B(t[i])) {
                    size_t e = i + 1;
                    while (e < n && t[e] == t[i] + 1) e++;
                    if (e - i == len) c[label_of(t[i])]--;
                }
                for (int k = 1; k < LABELS; k++)
                    if (c[k] > (type ? c[type] : 0)) type = k;
                if (type) best = len;
            }
            if (!best) {
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
