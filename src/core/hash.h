/* hash.h - the byte-string hash every word table in nutgraf uses. */
#ifndef NG_HASH_H
#define NG_HASH_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a over s[0..len): fast on short words, good enough spread for
 * open-addressing tables with a power-of-two size. */
static inline uint32_t ng_hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

#endif
