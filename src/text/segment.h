/* segment.h - the segmentation stage: joins the body paragraphs into the
 * body text, splits each paragraph into sentences and each sentence into
 * tokens, and interns every token's folded form. */
#ifndef NG_SEGMENT_H
#define NG_SEGMENT_H

#include "core/doc.h"

/* Fills doc->body, para_starts, sentences and tokens from doc->paragraphs.
 * Returns NG_OK, or NG_E_NOMEM with err filled. */
ng_status ng_segment(ng_doc *doc, ng_error *err);

/* Settles a token of ng_scan_tokens() (scan.h) in doc->body: resolves its
 * function-word bit, drops the scanner's private bits and sets word to the
 * interned id of its folded form, with one pass over its bytes.  Returns 0,
 * or -1 when out of memory. */
int ng_doc_intern_token(ng_doc *doc, ng_token *tok);

#endif
