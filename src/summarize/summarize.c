/* summarize.c - ng_summarize: scores sentences with the chosen method, then
 * selects the best within k sentences and the word budget, skipping
 * sentences too similar to ones already chosen, and keeps them in article
 * order. */
#include <stdlib.h>
#include <string.h>

#include "summarize/methods.h"

#define NG_REDUNDANCY_MAX 0.5 /* cosine above which a candidate is a repeat */

size_t ng_sentence_words(const ng_doc *doc, size_t i)
{
    ng_sentence s = doc->sentences.items[i];
    size_t words = 0;
    for (size_t t = s.first_token; t < s.first_token + s.token_count; t++)
        if (doc->tokens.items[t].flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)) words++;
    return words;
}

typedef struct ranked {
    size_t index;
    double score;
} ranked;

static int by_score_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->score != y->score) return x->score < y->score ? 1 : -1;
    return (x->index > y->index) - (x->index < y->index); /* earlier first on ties */
}

static int by_index(const void *a, const void *b)
{
    size_t x = ((const ng_highlight *)a)->sentence, y = ((const ng_highlight *)b)->sentence;
    return (x > y) - (x < y);
}

static int is_redundant(const ng_doc *doc, const ng_tfidf *t, size_t cand)
{
    if (!t->terms) return 0;
    for (size_t h = 0; h < doc->highlights.count; h++)
        if (ng_tfidf_cosine(t, cand, doc->highlights.items[h].sentence) > NG_REDUNDANCY_MAX) return 1;
    return 0;
}

static ng_status select_sentences(ng_doc *doc, const double *scores, const ng_tfidf *t, int k,
                                  int max_words)
{
    size_t n = doc->sentences.count;
    ranked *order = ng_arena_alloc(&doc->arena, n * sizeof *order);
    if (!order) return NG_E_NOMEM;
    for (size_t i = 0; i < n; i++) order[i] = (ranked){i, scores[i]};
    qsort(order, n, sizeof *order, by_score_desc);
    size_t words = 0;
    for (size_t r = 0; r < n && doc->highlights.count < (size_t)k; r++) {
        size_t i = order[r].index;
        size_t w = ng_sentence_words(doc, i);
        if (max_words > 0 && words + w > (size_t)max_words && doc->highlights.count) continue;
        if (is_redundant(doc, t, i)) continue;
        ng_highlight h = {i, order[r].score};
        if (ng_vec_push(&doc->arena, &doc->highlights, h)) return NG_E_NOMEM;
        words += w;
    }
    qsort(doc->highlights.items, doc->highlights.count, sizeof(ng_highlight), by_index);
    return NG_OK;
}

ng_status ng_summarize(ng_doc *doc, const ng_summary_options *opts, ng_error *err)
{
    if (!doc) return ng_fail(err, NG_E_ARG, 0, "no document");
    ng_summary_options o = opts ? *opts : (ng_summary_options){NG_METHOD_LEAD, 3, 0};
    if (o.k == 0) o.k = 3;
    if (o.k < 0 || o.max_words < 0) return ng_fail(err, NG_E_ARG, 0, "k and the word budget must be positive");
    doc->highlights.count = 0;
    size_t n = doc->sentences.count;
    if (n == 0) return ng_fail(err, NG_E_EMPTY, 0, "the article has no sentences");
    double *scores = ng_arena_alloc(&doc->arena, n * sizeof *scores);
    if (!scores) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    ng_tfidf tfidf;
    memset(&tfidf, 0, sizeof tfidf);
    ng_status st;
    switch (o.method) {
    case NG_METHOD_LEAD: st = ng_score_lead(doc, scores); break;
    case NG_METHOD_TEXTRANK: st = ng_score_textrank(doc, scores, &tfidf); break;
    default: return ng_fail(err, NG_E_ARG, 0, "unknown method %d", (int)o.method);
    }
    if (st == NG_OK) st = select_sentences(doc, scores, &tfidf, o.k, o.max_words);
    if (st != NG_OK) return ng_fail(err, st, 0, "out of memory summarizing");
    return NG_OK;
}
