/* tfidf.c - TF-IDF sentence vectors over content words, for similarity. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "summarize/methods.h"

static int is_content(const ng_token *t)
{
    return (t->flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)) && !(t->flags & NG_TOKEN_STOP);
}

static int cmp_term(const void *a, const void *b)
{
    uint32_t x = ((const ng_term *)a)->word, y = ((const ng_term *)b)->word;
    return (x > y) - (x < y);
}

/* Insertion sort by word id: a sentence has a few dozen terms at most, where
 * this beats qsort's calls through a comparison function. */
static void sort_terms(ng_term *t, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        ng_term x = t[i];
        size_t j = i;
        while (j > 0 && t[j - 1].word > x.word) {
            t[j] = t[j - 1];
            j--;
        }
        t[j] = x;
    }
}

/* Collects a sentence's content words with their counts, sorted by id. */
static size_t collect_terms(const ng_doc *doc, size_t s, ng_term *out)
{
    ng_sentence sent = doc->sentences.items[s];
    size_t n = 0;
    for (size_t t = sent.first_token; t < sent.first_token + sent.token_count; t++) {
        const ng_token *tok = &doc->tokens.items[t];
        if (!is_content(tok)) continue;
        out[n].word = tok->word;
        out[n].weight = 1.0f;
        n++;
    }
    if (n > 64) qsort(out, n, sizeof *out, cmp_term); /* a rare long sentence: stay n log n */
    else sort_terms(out, n);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (o && out[o - 1].word == out[i].word) out[o - 1].weight += 1.0f;
        else out[o++] = out[i];
    }
    return o;
}

static void weigh_and_normalise(ng_term *terms, size_t n, const float *idf_of)
{
    double norm = 0;
    for (size_t i = 0; i < n; i++) {
        double idf = idf_of[terms[i].word];
        terms[i].weight = (float)(terms[i].weight * idf);
        norm += (double)terms[i].weight * terms[i].weight;
    }
    norm = sqrt(norm);
    for (size_t i = 0; norm > 0 && i < n; i++) terms[i].weight = (float)(terms[i].weight / norm);
}

ng_status ng_tfidf_build(ng_doc *doc, ng_tfidf *out)
{
    size_t ns = doc->sentences.count, nw = doc->words.words.count;
    out->nsent = ns;
    out->terms = ng_arena_calloc(&doc->arena, ns ? ns : 1, sizeof *out->terms);
    out->nterms = ng_arena_calloc(&doc->arena, ns ? ns : 1, sizeof *out->nterms);
    uint32_t *df = ng_arena_calloc(&doc->arena, nw ? nw : 1, sizeof *df);
    if (!out->terms || !out->nterms || !df) return NG_E_NOMEM;
    for (size_t s = 0; s < ns; s++) {
        size_t cap = doc->sentences.items[s].token_count;
        out->terms[s] = ng_arena_alloc(&doc->arena, (cap ? cap : 1) * sizeof(ng_term));
        if (!out->terms[s]) return NG_E_NOMEM;
        out->nterms[s] = collect_terms(doc, s, out->terms[s]);
        for (size_t i = 0; i < out->nterms[s]; i++) df[out->terms[s][i].word]++;
    }
    /* IDF once per distinct word, not once per occurrence. */
    float *idf = ng_arena_alloc(&doc->arena, (nw ? nw : 1) * sizeof *idf);
    if (!idf) return NG_E_NOMEM;
    for (size_t w = 0; w < nw; w++)
        idf[w] = df[w] ? (float)(log((double)(ns + 1) / (double)(df[w] + 1)) + 1.0) : 0.0f;
    for (size_t s = 0; s < ns; s++) weigh_and_normalise(out->terms[s], out->nterms[s], idf);
    return NG_OK;
}

double ng_tfidf_cosine(const ng_tfidf *t, size_t a, size_t b)
{
    const ng_term *x = t->terms[a], *y = t->terms[b];
    size_t i = 0, j = 0, nx = t->nterms[a], ny = t->nterms[b];
    double dot = 0;
    while (i < nx && j < ny) {
        if (x[i].word < y[j].word) i++;
        else if (x[i].word > y[j].word) j++;
        else dot += (double)x[i++].weight * y[j++].weight;
    }
    return dot;
}
