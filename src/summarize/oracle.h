/* oracle.h - oracle labels for training: the sentences of an article that
 * best match its reference highlights, by ROUGE-1 and ROUGE-2 F1 computed on
 * folded word ids (punctuation dropped). */
#ifndef NG_ORACLE_H
#define NG_ORACLE_H

#include "core/doc.h"

#define NG_ORACLE_MAX 6

typedef struct ng_oracle {
    size_t chosen[NG_ORACLE_MAX]; /* greedy choice, in the order chosen */
    size_t nchosen;
    double score;                 /* (R1 F + R2 F) / 2 of the chosen set */
} ng_oracle;

/* Computes, for the document's NG_LIST_REFERENCES, the greedy oracle (add
 * the sentence that raises (R1 F + R2 F) / 2 most, until none does or
 * NG_ORACLE_MAX are chosen) and, when gain is not NULL, each sentence's own
 * (R1 F + R2 F) / 2 against the references (one double per sentence).
 * Returns NG_OK, NG_E_EMPTY when there are no references, or NG_E_NOMEM. */
ng_status ng_oracle_compute(ng_doc *doc, ng_oracle *out, double *gain);

#endif
