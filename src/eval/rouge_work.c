/* rouge_work.c - the ROUGE scorers' reusable workspace: growable buffers,
 * per-document local token ids, and the open-addressing n-gram count table
 * that clips hits without allocating per token. */
#include <stdlib.h>
#include <string.h>

#include "eval/rouge.h"

int ng_rouge_reserve(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap : 16;
    while (c < need) c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}

int ng_rouge_toks_push_flat(ng_rouge_toks *t, int32_t id)
{
    if (ng_rouge_reserve((void **)&t->flat, &t->flat_cap, t->nflat + 1, sizeof *t->flat))
        return -1;
    t->flat[t->nflat++] = id;
    return 0;
}

int ng_rouge_toks_push_sent(ng_rouge_toks *t, int32_t id)
{
    if (ng_rouge_reserve((void **)&t->sent, &t->sent_cap, t->nsent_tok + 1, sizeof *t->sent))
        return -1;
    t->sent[t->nsent_tok++] = id;
    return 0;
}

int ng_rouge_toks_end_sent(ng_rouge_toks *t)
{
    if (ng_rouge_reserve((void **)&t->sent_end, &t->sent_end_cap, t->nsent + 1,
                         sizeof *t->sent_end))
        return -1;
    t->sent_end[t->nsent++] = t->nsent_tok;
    return 0;
}

void ng_rouge_local_reset(ng_rouge *r)
{
    r->stamp++;
    if (r->stamp == 0) {
        if (r->local_stamp) memset(r->local_stamp, 0, r->local_cap * sizeof *r->local_stamp);
        r->stamp = 1;
    }
    r->nlocal = 0;
}

int32_t ng_rouge_local(ng_rouge *r, int32_t id)
{
    if ((size_t)id >= r->local_cap) {
        size_t old = r->local_cap, cap = old ? old : 1024;
        while (cap <= (size_t)id) cap *= 2;
        int32_t *l = realloc(r->local, cap * sizeof *l);
        if (!l) return -1;
        r->local = l;
        uint32_t *s = realloc(r->local_stamp, cap * sizeof *s);
        if (!s) return -1;
        memset(s + old, 0, (cap - old) * sizeof *s);
        r->local_stamp = s;
        r->local_cap = cap;
    }
    if (r->local_stamp[id] != r->stamp) {
        r->local_stamp[id] = r->stamp;
        r->local[id] = r->nlocal++;
    }
    return r->local[id];
}

int ng_rouge_keys(ng_rouge *r, size_t n)
{
    return ng_rouge_reserve((void **)&r->keys, &r->keys_cap, 2 * n + 2, sizeof *r->keys);
}

static inline uint64_t mix(uint64_t a, uint64_t b)
{
    uint64_t x = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL + (a << 6) + (a >> 2));
    x ^= x >> 31;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 29;
    return x;
}

int ng_rouge_table_fill(ng_rouge *r, const uint64_t *keys, size_t n)
{
    size_t need = 64;
    while (need < 2 * n) need *= 2;
    if (need > r->table_cap) {
        ng_rouge_entry *t = calloc(need, sizeof *t);
        if (!t) return -1;
        free(r->table);
        r->table = t;
        r->table_cap = need;
        r->table_stamp = 0;
    }
    r->table_stamp++;
    if (r->table_stamp == 0) {
        memset(r->table, 0, r->table_cap * sizeof *r->table);
        r->table_stamp = 1;
    }
    size_t mask = r->table_cap - 1;
    uint32_t st = r->table_stamp;
    for (size_t k = 0; k < n; k++) {
        uint64_t a = keys[2 * k], b = keys[2 * k + 1];
        size_t i = mix(a, b) & mask;
        for (;; i = (i + 1) & mask) {
            ng_rouge_entry *e = &r->table[i];
            if (e->stamp != st) {
                e->stamp = st;
                e->a = a;
                e->b = b;
                e->count = 1;
                e->used = 0;
                e->gen = 0;
                break;
            }
            if (e->a == a && e->b == b) {
                e->count++;
                break;
            }
        }
    }
    return 0;
}

size_t ng_rouge_table_hits(ng_rouge *r, const uint64_t *keys, size_t n)
{
    size_t mask = r->table_cap - 1, hit = 0;
    uint32_t st = r->table_stamp;
    /* A fresh clip per call: entries from an older generation start unused. */
    if (++r->table_gen == 0) {
        for (size_t i = 0; i < r->table_cap; i++) r->table[i].gen = 0;
        r->table_gen = 1;
    }
    uint32_t gen = r->table_gen;
    for (size_t k = 0; k < n; k++) {
        uint64_t a = keys[2 * k], b = keys[2 * k + 1];
        for (size_t i = mix(a, b) & mask;; i = (i + 1) & mask) {
            ng_rouge_entry *e = &r->table[i];
            if (e->stamp != st) break;
            if (e->a == a && e->b == b) {
                if (e->gen != gen) {
                    e->gen = gen;
                    e->used = 0;
                }
                if (e->used < e->count) {
                    e->used++;
                    hit++;
                }
                break;
            }
        }
    }
    return hit;
}

int ng_rouge_utf8_invalid(const char *s, size_t len, size_t *bad_at)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1, cp = c & 0x1Fu, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2, cp = c & 0x0Fu, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3, cp = c & 0x07u, min = 0x10000;
        } else {
            *bad_at = i;
            return 1;
        }
        if (n >= len - i) {
            *bad_at = i;
            return 1;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((p[i + k] & 0xC0) != 0x80) {
                *bad_at = i;
                return 1;
            }
            cp = (cp << 6) | (p[i + k] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            *bad_at = i;
            return 1;
        }
        i += n + 1;
    }
    return 0;
}
