/* tokenize.h - the tokenizer for news English.
 *
 * Splits text into word, number, punctuation, quote and URL tokens, keeping
 * contractions and possessives ("don't" -> "do" "n't", "China's" -> "China"
 * "'s"), hyphenated words ("U.S.-China" stays one token), numbers such as
 * 3.5, 1,200, $5.1 and 10%, abbreviations with their period (U.S., Mr.) and
 * URLs/e-mail addresses whole.  Whitespace is never a token.
 */
#ifndef NG_TOKENIZE_H
#define NG_TOKENIZE_H

#include <stddef.h>

#include "core/arena.h"
#include "core/doc.h" /* ng_token_vec */
#include "nutgraf.h"

/* Appends the tokens of text[0..len) to out.  Token offsets are
 * base + the offset in text; word is left 0 and flags are set (NG_TOKEN_STOP
 * included).  text must be valid UTF-8.  Returns NG_OK or NG_E_NOMEM. */
ng_status ng_tokenize(ng_arena *a, const char *text, size_t len, size_t base,
                      ng_token_vec *out);

#endif
