/* units.h - whether a sentence can stand alone as a bullet: not a
 * fragment, a promo line or a bad opening, and, as the first bullet, not
 * opening on a personal pronoun with nothing before it to name. */
#ifndef NG_UNITS_H
#define NG_UNITS_H

#include <stdint.h>

#include "core/doc.h"

/* Whether the document's text has no case (ptb_lower): then openings are
 * not judged by case and pronouns match in any case. */
int ng_doc_caseless(const ng_doc *doc);

/* Sentence i can be a bullet on its own: 4 words or more, no promo or
 * navigation line, opens on a capital, digit or quotation mark. */
int ng_sentence_stands_alone(const ng_doc *doc, size_t i, int caseless);

/* Sentence i opens on He/She/They/His/Her/Their/Him/Them, after a leading
 * conjunction that trimming may take off ("But he said"). */
int ng_sentence_opens_on_pronoun(const ng_doc *doc, size_t i, int caseless);

/* The token of sentence i's opening pronoun (as above), or SIZE_MAX. */
size_t ng_sentence_pronoun_token(const ng_doc *doc, size_t i, int caseless);

/* Per entity e of the analysed document, how many pronoun mentions link
 * to it: [2e] "he"/"him"/"his", [2e + 1] "she"/"her".  In the arena; NULL
 * when out of memory. */
uint32_t *ng_pronoun_genders(ng_doc *doc);

/* The person that sentence i's opening pronoun refers to in the document's
 * analysis (ng_analyze()): the entity of the pronoun's resolved mention
 * when it is a PERSON, the pronoun is "he", "she", "his", "her" or "him",
 * and another pronoun linked to that person agrees in gender (none
 * disagrees; genders from ng_pronoun_genders()); SIZE_MAX when genders is
 * NULL, the document was not analysed, the pronoun is plural or
 * unresolved, the entity is no person or its gender unsure.  *tok (when
 * not NULL) gets the pronoun's token. */
size_t ng_sentence_pronoun_referent(const ng_doc *doc, size_t i, int caseless, const uint32_t *genders, size_t *tok);

#endif
