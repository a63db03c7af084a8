/* features.h - the per-sentence features of the learned summarizer.
 *
 * Every feature is cheap (one pass over the tokens plus sparse TF-IDF dot
 * products) and reads folded word ids only, so raw text and the dataset's
 * ptb_lower text give the same values.  Capitalisation is never used: the
 * training data is mostly lower-cased.  The list, in order, is documented in
 * features.c; NG_FEATURE_VERSION changes whenever it does, and a model
 * trained on another version is refused.
 */
#ifndef NG_FEATURES_H
#define NG_FEATURES_H

#include "core/doc.h"

#define NG_FEATURE_VERSION 2u
#define NG_FEATURE_COUNT 22
#define NG_DOC_FEATURE_COUNT 8

/* The name of feature f, for model dumps and ablations. */
const char *ng_feature_name(size_t f);

/* Computes the features of every sentence of doc into out, a row-major
 * matrix of ng_doc_sentence_count(doc) x NG_FEATURE_COUNT floats that the
 * caller provides.  Temporary memory comes from the document's arena.
 * Returns NG_OK or NG_E_NOMEM. */
ng_status ng_features_compute(ng_doc *doc, float *out);

/* Computes the document-level features that predict how long the story's
 * highlights are (see features.c) into out[NG_DOC_FEATURE_COUNT]. */
void ng_doc_features_compute(const ng_doc *doc, float *out);

/* Words (word and number tokens) of the document's reference highlights. */
size_t ng_reference_words(ng_doc *doc);

#endif
