/* vec.h - growable arrays whose storage lives in an arena.
 *
 * Growth doubles the capacity and copies into new arena memory; the old
 * storage is reclaimed with the arena, so at most half of a vector's memory
 * is ever dead.  No per-element allocation.
 */
#ifndef NG_VEC_H
#define NG_VEC_H

#include <stddef.h>

#include "core/arena.h"

#define NG_VEC(T) struct { T *items; size_t count, cap; }

/* Makes room for at least need elements of elem bytes.  Returns 0, or -1
 * when the arena is out of memory (the vector is unchanged then). */
int ng_vec_reserve_(ng_arena *a, void **items, size_t *cap, size_t count,
                    size_t elem, size_t need);

#define ng_vec_reserve(a, v, need) \
    ng_vec_reserve_((a), (void **)&(v)->items, &(v)->cap, (v)->count, sizeof(*(v)->items), (need))

/* Appends x; evaluates to 0, or -1 when out of memory. */
#define ng_vec_push(a, v, x)                                            \
    (((v)->count < (v)->cap || ng_vec_reserve((a), (v), (v)->count + 1) == 0) \
         ? ((v)->items[(v)->count++] = (x), 0)                          \
         : -1)

#endif
