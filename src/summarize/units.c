/* units.c - the tests of units.h, on the sentence's text and tokens. */
#include "summarize/units.h"

#include <string.h>
#include <strings.h>

#include "summarize/junk.h"
#include "summarize/methods.h"

#define CASE_PROBE 4096 /* bytes of the body looked at for a capital letter */

int ng_doc_caseless(const ng_doc *doc)
{
    size_t n = doc->body_len < CASE_PROBE ? doc->body_len : CASE_PROBE;
    for (size_t i = 0; i < n; i++)
        if (doc->body[i] >= 'A' && doc->body[i] <= 'Z') return 0;
    return 1;
}

int ng_sentence_stands_alone(const ng_doc *doc, size_t i, int caseless)
{
    if (ng_sentence_words(doc, i) < 4) return 0;
    ng_sentence s = doc->sentences.items[i];
    unsigned k = ng_junk_kinds(doc->body + s.start, s.end - s.start, 0, caseless);
    return !(k & (NG_JUNK_SHORT | NG_JUNK_PROMO | NG_JUNK_OPENING));
}

static int word_is(const ng_doc *doc, const ng_token *t, const char *w, int caseless)
{
    size_t n = strlen(w);
    if (t->len != n) return 0;
    return caseless ? !strncasecmp(doc->body + t->start, w, n) : !memcmp(doc->body + t->start, w, n);
}

int ng_sentence_opens_on_pronoun(const ng_doc *doc, size_t i, int caseless)
{
    static const char *const pron[] = {"He", "She", "They", "His", "Her", "Their", "Him", "Them", NULL};
    static const char *const conj[] = {"But", "And", "So", "Yet", "However", "Meanwhile", "Still", "Also",
                                       "Instead", "Now", NULL};
    ng_sentence s = doc->sentences.items[i];
    const ng_token *t = doc->tokens.items + s.first_token, *end = t + s.token_count;
    int after_conj = 0;
    for (const char *const *c = conj; t < end && *c; c++)
        if (word_is(doc, t, *c, caseless)) {
            t++;
            if (t < end && word_is(doc, t, ",", 0)) t++;
            after_conj = 1; /* "But he": the pronoun in lower case */
            break;
        }
    if (t >= end) return 0;
    for (const char *const *p = pron; *p; p++)
        if (word_is(doc, t, *p, caseless || after_conj)) return 1;
    return 0;
}
