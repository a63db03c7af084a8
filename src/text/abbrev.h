/* abbrev.h - the word lists behind the tokenizer and the sentence splitter:
 * abbreviations that keep their period (with how each one behaves before a
 * capitalised word), English function words (the STOP flag), words that
 * usually open a sentence, and capitalised words that usually continue a
 * name after an abbreviation ("U.S. Army").
 */
#ifndef NG_ABBREV_H
#define NG_ABBREV_H

/* The longest function word ("themselves", "yourselves"): the tokenizer
 * looks up nothing longer. */
#define NG_STOPWORD_MAX 10

#include <stddef.h>
#include <stdint.h>

/* How an abbreviation relates to the word after it.  The splitter ends a
 * sentence after an abbreviation only when the next word looks like the
 * start of one, and how sure it must be depends on the class. */
typedef enum ng_abbrev_class {
    NG_AB_NONE = 0,  /* not a known abbreviation */
    NG_AB_TITLE,     /* Mr. Mrs. Ms. Dr. Prof.: precede a name, also open sentences */
    NG_AB_PREFIX,    /* Gen. Sen. St. Mt.: precede a name, never end a sentence */
    NG_AB_MID,       /* e.g. vs. No. Jan. Calif.: rarely end a sentence */
    NG_AB_TERMINAL,  /* Inc. Co. Jr. etc. U.S. a.m.: often end a sentence */
    NG_AB_INITIAL    /* W. J.C.: a person's initials */
} ng_abbrev_class;

/* The class of the abbreviation s[0..len) written without its final period
 * ("u.s", "Mr"); ASCII case is ignored.  NG_AB_NONE when unknown. */
ng_abbrev_class ng_abbrev_lookup(const char *s, size_t len);

/* True when s[0..len) is one of the words of list (NULL-terminated),
 * byte for byte. */
int ng_word_in_list(const char *s, size_t len, const char *const *list);

/* True when s[0..len) is an English function word ("the", "of", "n't");
 * ASCII case is ignored, so "The" matches. */
int ng_is_stopword(const char *s, size_t len);

/* As ng_is_stopword() for a word already lower-cased, with its FNV-1a hash
 * (what the interner computes anyway), so the word is not read twice. */
int ng_is_stopword_lower(const char *lower, size_t len, uint32_t hash);

/* True when the capitalised word s[0..len) commonly opens a sentence but is
 * not a function word ("However", "Meanwhile").  Case-sensitive. */
int ng_is_starter_extra(const char *s, size_t len);

/* True when the capitalised word s[0..len) commonly continues a name after
 * an abbreviation such as U.S. ("Army", "President").  Case-sensitive. */
int ng_is_continuation(const char *s, size_t len);

/* True when every list is in the order the lookups rely on (for tests). */
int ng_abbrev_lists_sorted(void);

#endif
