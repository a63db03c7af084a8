/* arena.h - a bump allocator that owns all memory of one document.
 *
 * Memory is handed out from large blocks and released all at once by
 * ng_arena_free().  A byte limit bounds what one arena may hold, so a hostile
 * input cannot take the whole machine.
 */
#ifndef NG_ARENA_H
#define NG_ARENA_H

#include <stddef.h>

typedef struct ng_arena_block ng_arena_block;

typedef struct ng_arena {
    ng_arena_block *head; /* newest block first */
    size_t used_total;    /* bytes handed out plus block overhead */
    size_t limit;         /* 0: no limit */
} ng_arena;

/* Starts an empty arena that will hold at most limit bytes (0: unbounded). */
void ng_arena_init(ng_arena *a, size_t limit);

/* Returns size bytes aligned for any type, or NULL when out of memory or
 * over the limit.  The memory is owned by the arena. */
void *ng_arena_alloc(ng_arena *a, size_t size);

/* Like ng_arena_alloc but zeroed. */
void *ng_arena_calloc(ng_arena *a, size_t n, size_t size);

/* Copies len bytes and appends a NUL.  NULL on failure. */
char *ng_arena_strndup(ng_arena *a, const char *s, size_t len);

/* Releases every block; the arena may be initialised again. */
void ng_arena_free(ng_arena *a);

#endif
