/* analyze.h - the analysis stage inside the library: named entities grouped
 * into canonical entities (entities.c), topic tags (tags.c) and the NER
 * input drawn from a segmented document (ner_input.c).  ng_analyze()
 * (analyze.c, public in nutgraf.h) runs them in order. */
#ifndef NG_ANALYZE_H
#define NG_ANALYZE_H

#include "analyze/ner.h"
#include "core/doc.h"

/* The body's tokens as the tagger wants them: NUL-terminated words with
 * curly quotes and apostrophes made straight, one sentence per range.
 * Everything lives in the document's arena. */
typedef struct ng_ner_input {
    const char **words;     /* per body token */
    ng_ner_sentence *sents; /* per body sentence (doc index 0) */
    size_t nsent;
    uint8_t *tags;          /* per body token, filled by the tagger */
} ng_ner_input;

/* Builds the input and tags it with m, using wk's buffers and cache.
 * Returns NG_E_NOMEM when the arena or memory is exhausted. */
ng_status ng_ner_tag_doc(ng_doc *doc, const ng_ner_model *m, ng_ner_work *wk, ng_ner_input *in,
                         ng_error *err);

/* Groups the tagged spans into entities with mentions and salience (most
 * salient first), links "he"/"she" to the latest person, and rewrites each
 * quote's speaker as its entity's canonical name.  NG_E_NOMEM on failure. */
ng_status ng_group_entities(ng_doc *doc, const ng_ner_input *in, ng_error *err);

/* ng_analyze() with the quotes' speakers left to the quote finder's rules
 * when rule_speakers is 1 (for benchmarks comparing them with the learned
 * ranker, speaker_rank.c, which ng_analyze() runs). */
ng_status ng_analyze_speakers(ng_doc *doc, const ng_analyze_options *opts, int rule_speakers, ng_error *err);

/* Ranks up to max tags from the salient entities and the key phrases of
 * the body (repeated runs of lower-case content words).  NG_E_NOMEM on
 * failure. */
ng_status ng_find_tags(ng_doc *doc, size_t max, ng_error *err);

/* 1 when tags.c's word table is sorted as its binary search needs (for
 * the tests), else 0. */
int ng_tag_words_sorted(void);

#endif
