/* textrank.c - TextRank: PageRank over the graph of TF-IDF cosine
 * similarities between sentences (Mihalcea and Tarau, 2004). */
#include <math.h>
#include <string.h>

#include "summarize/methods.h"

#define TR_DAMPING 0.85
#define TR_MAX_ITER 50
#define TR_EPSILON 1e-6
#define TR_MAX_SENTENCES 2000 /* bound on the O(n^2) graph */

/* Fills the row-stochastic weight matrix w (n x n) and returns it, or NULL
 * when out of memory. */
static double *build_graph(ng_doc *doc, const ng_tfidf *t, size_t n)
{
    double *w = ng_arena_calloc(&doc->arena, n * n, sizeof *w);
    if (!w) return NULL;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double c = ng_tfidf_cosine(t, i, j);
            w[i * n + j] = c;
            w[j * n + i] = c;
        }
    for (size_t i = 0; i < n; i++) {
        double sum = 0;
        for (size_t j = 0; j < n; j++) sum += w[i * n + j];
        if (sum > 0)
            for (size_t j = 0; j < n; j++) w[i * n + j] /= sum;
    }
    return w;
}

static void pagerank(const double *w, size_t n, double *rank, double *next)
{
    for (size_t i = 0; i < n; i++) rank[i] = 1.0 / (double)n;
    for (int it = 0; it < TR_MAX_ITER; it++) {
        double delta = 0;
        for (size_t j = 0; j < n; j++) next[j] = (1.0 - TR_DAMPING) / (double)n;
        for (size_t i = 0; i < n; i++) {
            double out = 0;
            for (size_t j = 0; j < n; j++) out += w[i * n + j];
            if (out == 0) { /* a dangling sentence spreads evenly */
                for (size_t j = 0; j < n; j++) next[j] += TR_DAMPING * rank[i] / (double)n;
                continue;
            }
            for (size_t j = 0; j < n; j++) next[j] += TR_DAMPING * rank[i] * w[i * n + j];
        }
        for (size_t j = 0; j < n; j++) {
            delta += fabs(next[j] - rank[j]);
            rank[j] = next[j];
        }
        if (delta < TR_EPSILON) break;
    }
}

ng_status ng_score_textrank(ng_doc *doc, double *scores, ng_tfidf *tfidf)
{
    size_t n = doc->sentences.count;
    if (ng_tfidf_build(doc, tfidf) != NG_OK) return NG_E_NOMEM;
    size_t g = n < TR_MAX_SENTENCES ? n : TR_MAX_SENTENCES;
    double *w = build_graph(doc, tfidf, g);
    double *next = ng_arena_alloc(&doc->arena, (g ? g : 1) * sizeof *next);
    if (!w || !next) return NG_E_NOMEM;
    pagerank(w, g, scores, next);
    for (size_t i = g; i < n; i++) scores[i] = 0; /* beyond the bound: unranked */
    return NG_OK;
}
