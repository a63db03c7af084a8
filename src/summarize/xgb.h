/* xgb.h - training gradient-boosted trees with XGBoost's C API, loaded with
 * dlopen so that only training needs libxgboost: the trees are converted to
 * nutgraf's own model (model.h) and evaluated without it. */
#ifndef NG_XGB_H
#define NG_XGB_H

#include <stddef.h>

#include "summarize/model.h"

typedef struct ng_xgb_params {
    const char *objective; /* "binary:logistic", "rank:pairwise", ... */
    int rounds;
    int max_depth;
    double eta;
    double subsample;
    double min_child_weight;
    int threads;
    unsigned seed;
} ng_xgb_params;

/* Trains on a dense row-major matrix (nrows x ncols), labels per row and
 * group sizes (rows per document, for ranking objectives; ngroups may be 0).
 * On success *out is a new model (feature version and count set from
 * ncols/feature_version; no parameters) the caller frees with
 * ng_model_free().  Returns NG_E_MODEL with XGBoost's message, or with the
 * reason libxgboost could not be loaded. */
ng_status ng_xgb_train(const float *rows, size_t nrows, size_t ncols, const float *labels,
                       const unsigned *groups, size_t ngroups, const ng_xgb_params *p,
                       unsigned feature_version, ng_model **out, ng_error *err);

/* Converts XGBoost's JSON dump of ntrees trees into a model; exposed for
 * tests.  Returns NG_E_MODEL for a dump it cannot read. */
ng_status ng_xgb_model_from_dump(const char *const *trees, size_t ntrees, size_t ncols,
                                 unsigned feature_version, ng_model **out, ng_error *err);

#endif
