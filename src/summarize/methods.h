/* methods.h - the scoring methods behind ng_summarize and the selection
 * step they share. */
#ifndef NG_METHODS_H
#define NG_METHODS_H

#include "core/doc.h"

/* A sentence's content words as (word id, weight) pairs sorted by id, with
 * a unit norm: the TF-IDF vector of the sentence. */
typedef struct ng_term {
    uint32_t word;
    float weight;
} ng_term;

typedef struct ng_tfidf {
    ng_term **terms;  /* per sentence */
    size_t *nterms;   /* per sentence */
    size_t nsent;
} ng_tfidf;

/* Builds TF-IDF vectors of every sentence (content words only, IDF over the
 * document's sentences), in the document's arena.  Returns NG_OK or
 * NG_E_NOMEM. */
ng_status ng_tfidf_build(ng_doc *doc, ng_tfidf *out);

/* Cosine similarity of sentences a and b (vectors have unit norm). */
double ng_tfidf_cosine(const ng_tfidf *t, size_t a, size_t b);

/* Scores: higher is better, one per sentence. */
ng_status ng_score_lead(ng_doc *doc, double *scores);
ng_status ng_score_textrank(ng_doc *doc, double *scores, ng_tfidf *tfidf);

/* Words (word and number tokens) in sentence i. */
size_t ng_sentence_words(const ng_doc *doc, size_t i);

#endif
