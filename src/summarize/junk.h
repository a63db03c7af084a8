/* junk.h - whether a highlight bullet can be published as it stands: the
 * kinds of broken bullet issue 13 counts (bench/junk, tests). */
#ifndef NG_SUMMARIZE_JUNK_H
#define NG_SUMMARIZE_JUNK_H

#include <stddef.h>

/* The kinds, as bits: a bullet may be broken in several ways at once. */
enum {
    NG_JUNK_SHORT = 1u << 0,   /* fewer than 4 words */
    NG_JUNK_QUOTES = 1u << 1,  /* an odd number of double quotation marks */
    NG_JUNK_PROMO = 1u << 2,   /* promo, navigation or transcript line */
    NG_JUNK_OPENING = 1u << 3, /* opens on a lower-case letter or punctuation
                                  other than a quotation mark */
    NG_JUNK_PRONOUN = 1u << 4, /* first bullet opening on He/She/They/... */
    NG_JUNK_KINDS = 5
};

/* The NG_JUNK_* bits of one bullet (0: publishable).  first: it is the
 * summary's first bullet.  caseless: the text has no case (ptb_lower), so
 * the opening is not judged by case and the pronouns match in any case. */
unsigned ng_junk_kinds(const char *text, size_t len, int first, int caseless);

/* "short", "quotes", "promo", "opening", "pronoun" for one bit; NULL else. */
const char *ng_junk_kind_name(unsigned kind);

#endif
