/* shingles.c - word shingles of a text, their exact Jaccard similarity, and
 * MinHash signatures with LSH band keys, for finding near-duplicate stories
 * without comparing every pair. */
#include <stdlib.h>
#include <string.h>

#include "archive/archive_int.h"
#include "core/hash.h"

void ng_arch_words(const char *text, size_t len, ng_word_fn fn, void *ctx)
{
    char w[64];
    size_t n = 0;
    for (size_t i = 0; i <= len; i++) {
        unsigned char c = i < len ? (unsigned char)text[i] : ' ';
        int word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 ||
                   (c >= 'A' && c <= 'Z');
        if (word) {
            if (n < sizeof w) w[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        } else if (n) {
            fn(ctx, w, n);
            n = 0;
        }
    }
}

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

typedef struct shingle_ctx {
    uint64_t ring[NG_SHINGLE_WORDS];
    size_t words;
    uint64_t *v;
    size_t count, cap;
    int failed;
} shingle_ctx;

static void push_hash(shingle_ctx *c, uint64_t h)
{
    if (c->failed) return;
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        uint64_t *p = realloc(c->v, cap * sizeof *p);
        if (!p) { c->failed = 1; return; }
        c->v = p;
        c->cap = cap;
    }
    c->v[c->count++] = h;
}

static uint64_t window_hash(const shingle_ctx *c, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (size_t k = 0; k < n; k++)
        h = mix64(h ^ c->ring[(c->words - n + k) % NG_SHINGLE_WORDS]);
    return h;
}

static void on_word(void *ctx, const char *w, size_t len)
{
    shingle_ctx *c = ctx;
    c->ring[c->words % NG_SHINGLE_WORDS] = ng_hash_bytes(w, len) | ((uint64_t)len << 32);
    c->words++;
    if (c->words >= NG_SHINGLE_WORDS) push_hash(c, window_hash(c, NG_SHINGLE_WORDS));
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

ng_status ng_shingles_of(const char *text, size_t len, ng_shingles *out, ng_error *err)
{
    shingle_ctx c;
    memset(&c, 0, sizeof c);
    ng_arch_words(text, len, on_word, &c);
    if (c.words && c.words < NG_SHINGLE_WORDS) push_hash(&c, window_hash(&c, c.words));
    if (c.failed) {
        free(c.v);
        return ng_arch_fail(err, NG_E_NOMEM, "out of memory making shingles");
    }
    if (c.count) qsort(c.v, c.count, sizeof *c.v, cmp_u64);
    size_t u = 0;
    for (size_t i = 0; i < c.count; i++)
        if (!u || c.v[u - 1] != c.v[i]) c.v[u++] = c.v[i];
    out->v = c.v;
    out->count = u;
    return NG_OK;
}

void ng_shingles_free(ng_shingles *s)
{
    free(s->v);
    s->v = NULL;
    s->count = 0;
}

double ng_shingles_jaccard(const ng_shingles *a, const ng_shingles *b)
{
    size_t i = 0, j = 0, both = 0;
    while (i < a->count && j < b->count) {
        if (a->v[i] == b->v[j]) { both++; i++; j++; }
        else if (a->v[i] < b->v[j]) i++;
        else j++;
    }
    size_t either = a->count + b->count - both;
    return either ? (double)both / (double)either : 1.0;
}

void ng_minhash(const ng_shingles *s, uint32_t sig[NG_MH_HASHES])
{
    for (size_t k = 0; k < NG_MH_HASHES; k++) sig[k] = UINT32_MAX;
    for (size_t i = 0; i < s->count; i++) {
        uint64_t h = s->v[i];
        for (size_t k = 0; k < NG_MH_HASHES; k++) {
            uint32_t m = (uint32_t)mix64(h + 0x9e3779b97f4a7c15ull * (k + 1));
            if (m < sig[k]) sig[k] = m;
        }
    }
}

void ng_minhash_bands(const uint32_t sig[NG_MH_HASHES], int64_t keys[NG_MH_BANDS])
{
    for (size_t b = 0; b < NG_MH_BANDS; b++) {
        uint64_t h = b + 1;
        for (size_t r = 0; r < NG_MH_ROWS; r++) h = mix64(h ^ sig[b * NG_MH_ROWS + r]);
        /* the band number in the top bits keeps bands apart */
        keys[b] = (int64_t)(((uint64_t)b << 56) | (h & 0x00ffffffffffffffull));
    }
}

double ng_minhash_estimate(const uint32_t *a, const uint32_t *b)
{
    size_t same = 0;
    for (size_t k = 0; k < NG_MH_HASHES; k++) same += a[k] == b[k];
    return (double)same / NG_MH_HASHES;
}
