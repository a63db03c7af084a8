/* learned.h - the learned method: features -> trees -> scores, and the
 * selection plan the model carries (how many bullets, when to stop). */
#ifndef NG_LEARNED_H
#define NG_LEARNED_H

#include "core/doc.h"

/* How selection proceeds, whatever the method. */
typedef struct ng_plan {
    int min_k, max_k;   /* at least / at most this many sentences */
    int use_threshold;  /* past min_k, stop at a score under threshold */
    double threshold;
    int max_words;      /* word budget, 0 none */
    int trigram_block;  /* skip a sentence sharing a word trigram with a chosen one */
    double budget_alpha; /* > 0: max_words = alpha x the model's predicted highlight words */
    int units;          /* only sentences that stand alone (units.h), and no
                           first bullet opening on a personal pronoun */
    int names;          /* under units: a sentence opening on "He"/"She"/"His"/
                           "Her"/"Him" resolved to a person in the document's
                           analysis may lead; its pronoun becomes the name */
} ng_plan;

/* Chooses highlights by score under the plan, skipping repeats (trigrams
 * per the plan; TF-IDF cosine over 0.5 when t has vectors), and keeps them
 * in article order.  Returns NG_OK or NG_E_NOMEM. */
struct ng_tfidf;
ng_status ng_select(ng_doc *doc, const double *scores, const struct ng_tfidf *t, const ng_plan *plan);

/* Scores every sentence with the model.  Returns NG_OK or NG_E_NOMEM. */
ng_status ng_score_learned(ng_doc *doc, const ng_model *m, double *scores);

/* The model's plan (parameters min_k, max_k, threshold, max_words), with the
 * caller's k and word budget taking precedence when set. */
void ng_plan_from_model(const ng_model *m, const ng_summary_options *o, const ng_doc *doc, ng_plan *plan);

#endif
