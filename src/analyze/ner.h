/* ner.h - the named-entity tagger (internal API): CoNLL-2003 reading and
 * entity-level scoring (conll.c), hashed features with a gazetteer built
 * from training entities (ner_features.c), an averaged structured
 * perceptron over BIO tags with Viterbi decoding and its versioned,
 * checksummed model file (ner_model.c), and training (ner_train.c). */
#ifndef NG_NER_H
#define NG_NER_H

#include <stddef.h>
#include <stdint.h>

#include "nutgraf.h"

/* Entity types and BIO (IOB2) tags: 0 is O, 1+2t is B-t, 2+2t is I-t. */
enum { NG_NER_PER = 0, NG_NER_ORG, NG_NER_LOC, NG_NER_MISC, NG_NER_TYPES };
#define NG_NER_TAGS (1 + 2 * NG_NER_TYPES)
#define NG_NER_B(t) ((uint8_t)(1 + 2 * (t)))
#define NG_NER_I(t) ((uint8_t)(2 + 2 * (t)))
#define NG_NER_TYPE(tag) (((tag) - 1) / 2) /* for tag > 0 */
#define NG_NER_IS_B(tag) ((tag) > 0 && ((tag) & 1))

/* The short name of a type ("PER", ...) and of a tag ("B-PER", "O"). */
const char *ng_ner_type_name(int type);
const char *ng_ner_tag_name(uint8_t tag);

/* ------------------------------------------------------------- corpus */

typedef struct ng_ner_sentence {
    size_t first, n; /* tokens [first, first + n) */
    size_t doc;      /* 0-based document index (-DOCSTART- separated) */
} ng_ner_sentence;

/* A tagged corpus: words (NUL-terminated, pointing into text) and gold
 * tags in IOB2 (IOB1 input is converted). */
typedef struct ng_ner_corpus {
    char *text;          /* the words, each NUL-terminated */
    const char **word;   /* per token */
    uint8_t *gold;       /* per token, IOB2 */
    size_t ntok;
    ng_ner_sentence *sent;
    size_t nsent, ndocs;
} ng_ner_corpus;

/* Parses CoNLL-2003 columns (`word POS chunk NER`, the tag last; blank
 * lines end sentences; -DOCSTART- lines start documents).  Tags may be IOB1
 * or IOB2.  On error returns NG_E_FORMAT (or NG_E_NOMEM) with the line. */
ng_status ng_conll_parse(const char *bytes, size_t len, ng_ner_corpus *c, ng_error *err);
void ng_conll_free(ng_ner_corpus *c);

/* Rewrites tags[0..n) from IOB1 (or any sequence) to valid IOB2: an I-X
 * that does not continue an X entity becomes B-X. */
void ng_ner_to_iob2(uint8_t *tags, size_t n);

typedef struct ng_ner_span {
    size_t start, end; /* tokens [start, end) */
    int type;
} ng_ner_span;

/* Entities of an IOB1/IOB2 tag sequence, conlleval's way.  Writes at most
 * max spans; returns how many there are. */
size_t ng_ner_spans(const uint8_t *tags, size_t n, ng_ner_span *out, size_t max);

/* Entity-level counts, per type and (index NG_NER_TYPES) overall. */
typedef struct ng_ner_score {
    size_t correct[NG_NER_TYPES + 1], pred[NG_NER_TYPES + 1], gold[NG_NER_TYPES + 1];
    size_t tokens, tokens_correct;
} ng_ner_score;

/* Adds one sentence's gold and predicted tags to the counts. */
void ng_ner_score_add(ng_ner_score *s, const uint8_t *gold, const uint8_t *pred, size_t n);
/* Precision, recall and F1 (percent) for a type or NG_NER_TYPES. */
void ng_ner_score_prf(const ng_ner_score *s, int type, double *p, double *r, double *f1);

/* --------------------------------------------------------- features */

#define NG_NER_FEATS 28        /* features per token, always this many */
#define NG_NER_FEATURE_VERSION 1u
#define NG_NER_GAZ_MAXLEN 6    /* longest entity phrase in the gazetteer */

/* Phrase and word membership of training entities: 64-bit key hashes to a
 * mask of types (open addressing). */
typedef struct ng_ner_gaz {
    uint64_t *key;  /* 0: empty */
    uint8_t *mask;
    size_t cap, count;
} ng_ner_gaz;

/* Adds the entities of the corpus' sentences whose document index has
 * parity != skip_parity (-1: all).  Returns NG_E_NOMEM on failure. */
ng_status ng_ner_gaz_add_corpus(ng_ner_gaz *g, const ng_ner_corpus *c, int skip_parity);
ng_status ng_ner_gaz_put(ng_ner_gaz *g, uint64_t key, uint8_t mask);
uint8_t ng_ner_gaz_get(const ng_ner_gaz *g, uint64_t key);
void ng_ner_gaz_free(ng_ner_gaz *g);

/* Fills out[i * NG_NER_FEATS + k] with the bucket (0..mask) of feature k of
 * token i of a sentence of n words.  scratch holds n bytes. */
void ng_ner_features(const ng_ner_gaz *g, const char *const *words, size_t n, uint32_t mask,
                     uint8_t *scratch, uint32_t *out);

/* ------------------------------------------------------------ model */

#define NG_NER_MODEL_FORMAT 1u
#define NG_NER_MODEL_MAX_BYTES ((size_t)256 * 1024 * 1024)
#define NG_NER_DEFAULT_BITS 20

/* The weights packed for decoding (ner_compact.c): a bit per bucket for
 * "has a non-zero row", the count of such rows before each 64 buckets,
 * and those rows back to back as 16-bit multiples of scale. */
typedef struct ng_ner_compact {
    uint64_t *present;
    uint32_t *rank;
    int16_t *rows;
    float scale;
    size_t nrows;
} ng_ner_compact;

/* Packs the non-zero rows of w (2^bits rows).  NG_E_NOMEM on failure (out
 * is then empty). */
ng_status ng_ner_compact_build(const float *w, uint32_t bits, ng_ner_compact *out);
void ng_ner_compact_free(ng_ner_compact *c);

/* The weights of bucket b (times scale), or NULL when they are all zero. */
static inline const int16_t *ng_ner_compact_row(const ng_ner_compact *c, uint32_t b)
{
    uint64_t word = c->present[b >> 6], bit = 1ull << (b & 63);
    if (!(word & bit)) return NULL;
    return c->rows + (size_t)(c->rank[b >> 6] + (uint32_t)__builtin_popcountll(word & (bit - 1))) * NG_NER_TAGS;
}

typedef struct ng_ner_model {
    uint32_t bits;  /* 2^bits feature buckets */
    float *w;       /* [bucket * NG_NER_TAGS + tag] */
    float trans[NG_NER_TAGS + 1][NG_NER_TAGS]; /* [prev][tag]; prev NG_NER_TAGS: start */
    ng_ner_gaz gaz;
    ng_ner_compact packed; /* built by ng_ner_model_load(); decoding uses it when present */
} ng_ner_model;

/* Scratch space for tagging, grown as needed; zero-initialise it. */
/* Each distinct word's summed feature weights by role, for tagging
 * (ner_features.c); a bounded hash table keyed by the word. */
typedef struct ng_ner_wsum ng_ner_wsum;
#define NG_NER_WCACHE_SLOTS 16384
typedef struct ng_ner_wcache {
    uint64_t *key; /* 0: empty */
    ng_ner_wsum *sums;
    size_t cap, used;
    const void *model; /* the model the sums come from */
} ng_ner_wcache;
void ng_ner_wcache_free(ng_ner_wcache *c);

typedef struct ng_ner_work {
    uint32_t *feats;
    float *score;
    uint8_t *back, *scratch;
    const ng_ner_wsum **sums; /* per token, for ng_ner_emissions() */
    size_t cap;
    ng_ner_wcache cache; /* kept across sentences and documents */
} ng_ner_work;

/* The emission scores em[i * NG_NER_TAGS + t] of a sentence, equal to
 * what ng_ner_decode() sums from ng_ner_features(), computed from cached
 * per-word sums (the model must have packed weights).  gaztag holds n
 * bytes and sums n pointers.  NG_E_NOMEM on failure. */
ng_status ng_ner_emissions(const ng_ner_model *m, ng_ner_wcache *c, const char *const *words, size_t n,
                           uint8_t *gaztag, const ng_ner_wsum **sums, float *em);

ng_status ng_ner_model_init(ng_ner_model *m, uint32_t bits, ng_error *err);
void ng_ner_model_free(ng_ner_model *m);
void ng_ner_work_free(ng_ner_work *wk);
ng_status ng_ner_work_reserve(ng_ner_work *wk, size_t n);

/* Best tag sequence (Viterbi over tag bigrams, IOB2-valid) for features
 * already computed into feats (n * NG_NER_FEATS).  wk must hold n. */
void ng_ner_decode(const ng_ner_model *m, const uint32_t *feats, size_t n, ng_ner_work *wk,
                   uint8_t *tags);
/* Features and decoding for one sentence of words. */
ng_status ng_ner_tag(const ng_ner_model *m, ng_ner_work *wk, const char *const *words, size_t n,
                     uint8_t *tags, ng_error *err);

/* Tags a whole document: sentences sents[0..nsent) give token ranges into
 * words (sents[i].first, .n; .doc is ignored), tags[first..first+n) get each
 * sentence's tags.  The tagger may use what it saw elsewhere in the
 * document, so callers tag a story with one call.  NG_E_NOMEM on failure. */
ng_status ng_ner_tag_document(const ng_ner_model *m, ng_ner_work *wk, const char *const *words,
                              const ng_ner_sentence *sents, size_t nsent, uint8_t *tags,
                              ng_error *err);

/* Serialises to malloc'd *out (caller frees); loads from bytes.  A corrupt,
 * truncated or mismatched file gives NG_E_MODEL. */
ng_status ng_ner_model_write(const ng_ner_model *m, unsigned char **out, size_t *len, ng_error *err);
ng_status ng_ner_model_load(const unsigned char *p, size_t len, ng_ner_model *m, ng_error *err);
ng_status ng_ner_model_save_file(const ng_ner_model *m, const char *path, ng_error *err);
ng_status ng_ner_model_load_file(const char *path, ng_ner_model *m, ng_error *err);

/* Tags every sentence of c into pred (c->ntok) and scores it. */
ng_status ng_ner_evaluate(const ng_ner_model *m, const ng_ner_corpus *c, uint8_t *pred,
                          ng_ner_score *score, ng_error *err);

/* --------------------------------------------------------- training */

typedef struct ng_ner_train_options {
    int epochs;    /* default 10 */
    uint32_t seed; /* shuffle seed, default 42 */
    uint32_t bits; /* default NG_NER_DEFAULT_BITS */
    /* Called after each epoch with the dev F1 (or -1 without dev). */
    void (*on_epoch)(void *ctx, int epoch, double dev_f1, const ng_ner_score *dev);
    void *ctx;
} ng_ner_train_options;

/* Trains on train; with dev, keeps the epoch with the best dev F1 (else the
 * last).  *best_epoch (may be NULL) gets it (1-based). */
ng_status ng_ner_train(const ng_ner_corpus *train, const ng_ner_corpus *dev,
                       const ng_ner_train_options *opts, ng_ner_model *out, int *best_epoch,
                       ng_error *err);

#endif
