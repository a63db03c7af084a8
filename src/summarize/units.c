/* units.c - the tests of units.h, on the sentence's text and tokens. */
#include "summarize/units.h"

#include <stdint.h>
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

size_t ng_sentence_pronoun_token(const ng_doc *doc, size_t i, int caseless)
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
    if (t >= end) return SIZE_MAX;
    for (const char *const *p = pron; *p; p++)
        if (word_is(doc, t, *p, caseless || after_conj)) return (size_t)(t - doc->tokens.items);
    return SIZE_MAX;
}

int ng_sentence_opens_on_pronoun(const ng_doc *doc, size_t i, int caseless)
{
    return ng_sentence_pronoun_token(doc, i, caseless) != SIZE_MAX;
}

/* The gender of a pronoun mention: 1 he/him/his, 2 she/her, 0 other. */
static int mention_gender(const ng_doc *doc, const ng_mention *m)
{
    static const char *const male[] = {"he", "him", "his", "himself", NULL}, *const female[] = {"she", "her", "hers", "herself", NULL};
    size_t n = m->end - m->start;
    const char *w = doc->body + m->start;
    for (const char *const *p = male; *p; p++)
        if (strlen(*p) == n && !strncasecmp(w, *p, n)) return 1;
    for (const char *const *p = female; *p; p++)
        if (strlen(*p) == n && !strncasecmp(w, *p, n)) return 2;
    return 0;
}

uint32_t *ng_pronoun_genders(ng_doc *doc)
{
    size_t n = doc->entities.count;
    uint32_t *g = ng_arena_alloc(&doc->arena, (2 * n + 1) * sizeof *g);
    if (!g) return NULL;
    memset(g, 0, (2 * n + 1) * sizeof *g);
    for (size_t m = 0; m < doc->mentions.count; m++) {
        const ng_mention *mn = &doc->mentions.items[m];
        int mg = mn->pronoun && mn->entity < n ? mention_gender(doc, mn) : 0;
        if (mg && g[2 * mn->entity + (size_t)(mg - 1)] < UINT32_MAX) g[2 * mn->entity + (size_t)(mg - 1)]++;
    }
    return g;
}

/* The person's gender is known apart from the pronoun mention m itself:
 * another pronoun linked to entity e has m's gender and none has the
 * other one (the linker gives a person of unknown gender any pronoun, so
 * one pronoun alone is no evidence: "Maria Otero ... He said" must not
 * become her). */
static int gender_agrees(const ng_doc *doc, const uint32_t *genders, size_t e, const ng_mention *m)
{
    int g = mention_gender(doc, m);
    if (!g) return 0;
    uint32_t same = genders[2 * e + (size_t)(g - 1)], other = genders[2 * e + (size_t)(2 - g)];
    return same >= 2 && other == 0;
}

size_t ng_sentence_pronoun_referent(const ng_doc *doc, size_t i, int caseless, const uint32_t *genders, size_t *tok)
{
    static const char *const singular[] = {"he", "she", "his", "her", "him", NULL};
    size_t t = ng_sentence_pronoun_token(doc, i, caseless);
    if (tok) *tok = t;
    if (t == SIZE_MAX || !genders || !doc->entities_analyzed || !doc->mentions.count) return SIZE_MAX;
    const ng_token *tk = &doc->tokens.items[t];
    int one = 0;
    for (const char *const *p = singular; *p && !one; p++) one = word_is(doc, tk, *p, 1);
    if (!one) return SIZE_MAX; /* "They", "Their", "Them": no plural referents */
    size_t lo = 0, hi = doc->mentions.count; /* mentions are in body order */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->mentions.items[mid].start < tk->start) lo = mid + 1;
        else hi = mid;
    }
    for (size_t m = lo; m < doc->mentions.count && doc->mentions.items[m].start == tk->start; m++) {
        const ng_mention *mn = &doc->mentions.items[m];
        if (!mn->pronoun || mn->entity >= doc->entities.count) continue;
        const ng_entity *e = &doc->entities.items[mn->entity];
        if (e->type == NG_ENTITY_PERSON && e->name.len && gender_agrees(doc, genders, mn->entity, mn)) return mn->entity;
    }
    return SIZE_MAX;
}
