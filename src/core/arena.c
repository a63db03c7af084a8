/* arena.c - bump allocation in chained blocks for one document's lifetime. */
#include "core/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NG_ARENA_BLOCK_MIN ((size_t)64 * 1024)
#define NG_ARENA_ALIGN ((size_t)16)

struct ng_arena_block {
    ng_arena_block *next;
    size_t size; /* usable bytes after the header */
    size_t used;
    _Alignas(16) unsigned char data[];
};

void ng_arena_init(ng_arena *a, size_t limit)
{
    a->head = NULL;
    a->used_total = 0;
    a->limit = limit;
}

static ng_arena_block *arena_new_block(ng_arena *a, size_t need)
{
    size_t size = need > NG_ARENA_BLOCK_MIN ? need : NG_ARENA_BLOCK_MIN;
    if (a->head && a->head->size * 2 > size && a->head->size * 2 <= 8 * NG_ARENA_BLOCK_MIN * 16)
        size = a->head->size * 2; /* grow geometrically up to 8 MiB blocks */
    if (size < need) size = need;
    if (size > SIZE_MAX - sizeof(ng_arena_block)) return NULL;
    if (a->limit && a->used_total + size + sizeof(ng_arena_block) > a->limit) {
        /* Retry with exactly what is needed before giving up. */
        size = need;
        if (a->used_total + size + sizeof(ng_arena_block) > a->limit) return NULL;
    }
    ng_arena_block *b = malloc(sizeof(ng_arena_block) + size);
    if (!b) return NULL;
    b->next = a->head;
    b->size = size;
    b->used = 0;
    a->head = b;
    a->used_total += size + sizeof(ng_arena_block);
    return b;
}

void *ng_arena_alloc(ng_arena *a, size_t size)
{
    if (size == 0) size = 1;
    if (size > SIZE_MAX - NG_ARENA_ALIGN) return NULL;
    size = (size + NG_ARENA_ALIGN - 1) & ~(NG_ARENA_ALIGN - 1);
    ng_arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        b = arena_new_block(a, size);
        if (!b) return NULL;
    }
    void *p = b->data + b->used;
    b->used += size;
    return p;
}

void *ng_arena_calloc(ng_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    void *p = ng_arena_alloc(a, n * size);
    if (p) memset(p, 0, n * size);
    return p;
}

char *ng_arena_strndup(ng_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX) return NULL;
    char *p = ng_arena_alloc(a, len + 1);
    if (!p) return NULL;
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void ng_arena_free(ng_arena *a)
{
    ng_arena_block *b = a->head;
    while (b) {
        ng_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used_total = 0;
}
