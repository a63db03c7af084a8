/* rouge_intern.c - the ROUGE scorers' token table: an append-only hash table
 * from byte strings to dense int ids, so that n-grams and LCS compare ints and
 * no token is allocated on its own. */
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "eval/rouge.h"


void ng_rouge_intern_init(ng_rouge_intern *t)
{
    memset(t, 0, sizeof *t);
}

void ng_rouge_intern_free(ng_rouge_intern *t)
{
    free(t->slots);
    free(t->hashes);
    free(t->offsets);
    free(t->bytes);
    free(t->value);
    memset(t, 0, sizeof *t);
}

int32_t ng_rouge_intern_find(const ng_rouge_intern *t, const char *s, size_t len)
{
    if (!t->cap) return -1;
    uint32_t h = ng_hash_bytes(s, len);
    size_t mask = t->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t slot = t->slots[i];
        if (!slot) return -1;
        int32_t id = (int32_t)(slot - 1);
        if (t->hashes[id] == h && t->offsets[id + 1] - t->offsets[id] == len &&
            !memcmp(t->bytes + t->offsets[id], s, len))
            return id;
    }
}

static int grow_slots(ng_rouge_intern *t)
{
    size_t cap = t->cap ? t->cap * 2 : 1024;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t id = 0; id < t->count; id++) {
        size_t i = t->hashes[id] & (cap - 1);
        while (slots[i]) i = (i + 1) & (cap - 1);
        slots[i] = (uint32_t)id + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->cap = cap;
    return 0;
}

int32_t ng_rouge_intern_add(ng_rouge_intern *t, const char *s, size_t len)
{
    int32_t found = ng_rouge_intern_find(t, s, len);
    if (found >= 0) return found;
    if (t->count >= INT32_MAX - 1) return -1;
    if ((t->count + 1) * 2 > t->cap && grow_slots(t)) return -1;
    if (t->count + 2 > t->ids_cap) {
        size_t cap = t->ids_cap ? t->ids_cap * 2 : 1024;
        uint32_t *hashes = realloc(t->hashes, cap * sizeof *hashes);
        if (!hashes) return -1;
        t->hashes = hashes;
        size_t *offsets = realloc(t->offsets, cap * sizeof *offsets);
        if (!offsets) return -1;
        if (!t->ids_cap) offsets[0] = 0;
        t->offsets = offsets;
        int32_t *value = realloc(t->value, cap * sizeof *value);
        if (!value) return -1;
        t->value = value;
        t->ids_cap = cap;
    }
    size_t used = t->offsets[t->count];
    if (used + len > t->bytes_cap) {
        size_t cap = t->bytes_cap ? t->bytes_cap : 4096;
        while (cap < used + len) cap *= 2;
        char *bytes = realloc(t->bytes, cap);
        if (!bytes) return -1;
        t->bytes = bytes;
        t->bytes_cap = cap;
    }
    if (len) memcpy(t->bytes + used, s, len);
    int32_t id = (int32_t)t->count;
    uint32_t h = ng_hash_bytes(s, len);
    t->hashes[id] = h;
    t->offsets[id + 1] = used + len;
    t->value[id] = -2;
    t->count++;
    size_t mask = t->cap - 1, i = h & mask;
    while (t->slots[i]) i = (i + 1) & mask;
    t->slots[i] = (uint32_t)id + 1;
    return id;
}
