/* vec.c - the growth step behind NG_VEC arrays. */
#include "core/vec.h"

#include <stdint.h>
#include <string.h>

int ng_vec_reserve_(ng_arena *a, void **items, size_t *cap, size_t count,
                    size_t elem, size_t need)
{
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) return -1;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem) return -1;
    void *p = ng_arena_alloc(a, ncap * elem);
    if (!p) return -1;
    if (count) memcpy(p, *items, count * elem);
    *items = p;
    *cap = ncap;
    return 0;
}
