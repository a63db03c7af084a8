/* reported.h - learned reported-speech detection: quotes.c proposes
 * candidates in each sentence (every rule frame, and every verb of saying
 * with its subject and what follows it), each described by hashed
 * features; a linear classifier (an averaged perceptron trained by
 * bench/train_reported.c on PolNeAR's training split, models/reported.txt,
 * embedded at build time) scores them, and the best non-overlapping ones
 * scoring above the model's threshold become reported quotes. */
#ifndef NG_REPORTED_H
#define NG_REPORTED_H

#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"

#define NG_REP_BITS 15                 /* hashed feature space: 2^15 weights */
#define NG_REP_SIZE (1u << NG_REP_BITS)
#define NG_REP_MAX_FEATS 48 /* features of one candidate */
#define NG_REP_MAX_CANDS 64 /* candidates kept per sentence */
#define NG_REP_MAX_CHOSEN 4 /* reported quotes kept per sentence */
#define NG_REP_CUE_SLOTS 4096 /* learned cue words: at most half as many */

typedef struct ng_rep_model {
    float w[NG_REP_SIZE];
    float threshold; /* a candidate scoring above it is reported speech */
    /* words outside the verbs of saying that the training articles often
     * use as cues ("seemed", "worried"): hashes of their folded forms in
     * an open-addressing table, 0 empty; they propose candidates too */
    uint32_t cue[NG_REP_CUE_SLOTS];
    size_t ncues;
} ng_rep_model;

/* One candidate: tokens of the mention [m0, m1) (m1 == m0: none), of the
 * cue [c0, c1) and of the content [k0, k1); its feature indices. */
typedef struct ng_rep_cand {
    size_t m0, m1, c0, c1, k0, k1;
    unsigned rules; /* bit r-1 set for each rule frame r that proposed it */
    int subject;    /* how the subject was found (quotes.c, cue_subject); 0 for rule frames */
    size_t nfeat;
    uint32_t feat[NG_REP_MAX_FEATS];
} ng_rep_cand;

/* Parses a model file (s, n bytes, outside input): "# nutgraf reported
 * model 1" first, then "threshold T", "cue WORD" (at most
 * NG_REP_CUE_SLOTS / 2 of them) and "INDEX WEIGHT" lines (INDEX below
 * NG_REP_SIZE, finite weights); '#' lines are comments.  Returns 0 and
 * fills m, or -1 on any malformed line. */
int ng_rep_model_parse(const char *s, size_t n, ng_rep_model *m);
/* The built-in model (models/reported.txt), parsed once; NULL when the
 * embedded file is missing or malformed. */
const ng_rep_model *ng_rep_model_default(void);
/* Adds cue word w[0, len) (folded) to m; -1 when the table is full. */
int ng_rep_model_add_cue(ng_rep_model *m, const char *w, size_t len);
/* Whether folded word w[0, len) is one of m's learned cue words. */
int ng_rep_model_has_cue(const ng_rep_model *m, const char *w, size_t len);
/* The model's score of a candidate. */
double ng_rep_score(const ng_rep_model *m, const ng_rep_cand *c);

/* Fills out (at most NG_REP_MAX_CANDS) with the candidates of sentence si
 * and their features; returns how many.  m's learned cue words propose
 * candidates too (m may be NULL).  Content overlapping a direct quote of
 * doc->quotes (one not reported) across its edges, or more than half
 * direct quotes, is not proposed. */
size_t ng_rep_candidates(const ng_doc *doc, size_t si, const ng_rep_model *m, ng_rep_cand *out);
/* Picks among c[0, n) with scores score[]: the best scoring above thr,
 * then the next best whose content overlaps none chosen, up to
 * NG_REP_MAX_CHOSEN; their indices into chosen, in body order; how many. */
size_t ng_rep_choose(const ng_rep_cand *c, size_t n, const double *score, double thr, size_t *chosen);

#endif
