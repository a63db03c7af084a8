/* sentences.h - the sentence splitter for news English.
 *
 * Finds sentence boundaries in a paragraph (or any text): abbreviations
 * (U.S., U.N., Mr., Dr., Gen., Sen., Jan., a.m., Inc.), initials (George W.
 * Bush), decimals, ellipses, closing quotes after the full stop, dashes,
 * bullet lines and lines with no final stop.
 */
#ifndef NG_SENTENCES_H
#define NG_SENTENCES_H

#include <stddef.h>

#include "core/arena.h"
#include "core/vec.h"
#include "nutgraf.h"

typedef struct ng_span {
    size_t start, end; /* byte offsets [start, end) */
} ng_span;

typedef NG_VEC(ng_span) ng_span_vec;

/* Appends the sentences of text[0..len) to out as spans base+[start,end),
 * with surrounding whitespace excluded; empty sentences are never emitted.
 * text must be valid UTF-8.  Returns NG_OK or NG_E_NOMEM. */
ng_status ng_split_sentences(ng_arena *a, const char *text, size_t len, size_t base,
                             ng_span_vec *out);

/* As ng_split_sentences(), over the tokens ng_scan_tokens() (scan.h) found
 * in text[0..len) with the same base: toks[0..count), in order.  The spans
 * cover the tokens whole, so a caller can walk both side by side. */
ng_status ng_split_tokens(ng_arena *a, const char *text, size_t len, size_t base,
                          const ng_token *toks, size_t count, ng_span_vec *out);

#endif
