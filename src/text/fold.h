/* fold.h - the matching form of a word: NFC, case-folded, with curly quotes,
 * dashes and ellipses made plain.  Output keeps the text as written; only
 * comparisons use this form. */
#ifndef NG_FOLD_H
#define NG_FOLD_H

#include <stddef.h>

#define NG_FOLD_MAX 256 /* folded forms are cut at this many bytes */

/* Writes the folded form of s[0..len) (valid UTF-8) into out (at least
 * NG_FOLD_MAX bytes) and returns its length.  Never allocates. */
size_t ng_fold(const char *s, size_t len, char *out);

#endif
