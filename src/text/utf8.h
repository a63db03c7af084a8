/* utf8.h - checking and repairing raw input bytes before any stage reads
 * them: invalid UTF-8 becomes U+FFFD, line ends become '\n', and binary
 * data is recognised. */
#ifndef NG_UTF8_H
#define NG_UTF8_H

#include <stddef.h>

#include "core/arena.h"

typedef struct ng_utf8_report {
    size_t invalid;     /* bytes replaced by U+FFFD */
    size_t first_bad;   /* offset of the first invalid byte in the input */
    size_t nul_bytes;   /* NUL bytes seen (removed) */
    size_t control;     /* other C0 control bytes (not tab, newline, CR, FF) */
} ng_utf8_report;

/* Copies in[0..len) into the arena as valid UTF-8 (NUL-terminated), with
 * "\r\n" and lone "\r" turned into "\n", NUL bytes dropped and each byte of
 * an invalid sequence replaced by U+FFFD.  Returns the copy and its length
 * in *out_len, or NULL when out of memory.  report may be NULL. */
char *ng_utf8_repair(ng_arena *a, const char *in, size_t len, size_t *out_len,
                     ng_utf8_report *report);

/* How many bytes at the start of the input ng_looks_binary() reads. */
#define NG_BINARY_WINDOW 8192

/* ng_utf8_repair() of in[skip..len) (skip: a byte-order mark the copy
 * leaves out) that also sets *binary to ng_looks_binary(in, len), from the
 * same pass over the bytes; the report's offsets count from in + skip. */
char *ng_utf8_repair_checked(ng_arena *a, const char *in, size_t len, size_t skip,
                             size_t *out_len, ng_utf8_report *report, int *binary);

/* True when the bytes look like binary data rather than text: NUL bytes or
 * many control bytes in the first 8 KiB. */
int ng_looks_binary(const char *in, size_t len);

/* Length of the valid UTF-8 sequence at s[0..len), 0 when invalid. */
size_t ng_utf8_seq_len(const unsigned char *s, size_t len);

#endif
