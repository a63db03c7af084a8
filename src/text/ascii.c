/* ascii.c - ASCII case-insensitive tests on bytes (ascii.h).  They live in
 * text/ because the readers (read/) and the structure stage both need them
 * and a stage may only call the stages below it. */
#include "text/ascii.h"

#include <string.h>

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }

int ng_has_prefix_ci(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    if (len < n) return 0;
    for (size_t i = 0; i < n; i++)
        if (lower(s[i]) != lower(prefix[i])) return 0;
    return 1;
}

int ng_contains_ci(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (ng_has_prefix_ci(s + i, len - i, needle)) return 1;
    return 0;
}
