/* ascii.h - ASCII case-insensitive tests on bytes that need no UTF-8
 * decoding (prefixes and needles are ASCII), shared by the readers and the
 * structure stage. */
#ifndef NG_ASCII_H
#define NG_ASCII_H

#include <stddef.h>

/* Case-insensitive prefix test: 1 when s[0..len) starts with prefix. */
int ng_has_prefix_ci(const char *s, size_t len, const char *prefix);

/* Case-insensitive substring test: 1 when needle occurs in s[0..len). */
int ng_contains_ci(const char *s, size_t len, const char *needle);

#endif
