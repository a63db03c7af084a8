/* ner.h - the named-entity tagger (internal API): CoNLL-2003 reading and
 * entity-level scoring (conll.c), word clusters learned from raw text
 * (ner_clusters.c: the table and its file; ner_cluster_learn.c: learning
 * them), hashed features with a gazetteer built from training entities
 * and a lexicon of names from outside them (ner_features.c, which also
 * sums them per word for tagging; ner_lexicon.c builds the lexicon from
 * word lists), weights
 * packed for tagging (ner_compact.c), document-level features for a
 * second pass
 * (ner_doc.c), an averaged structured perceptron over BIO tags with
 * Viterbi decoding and its versioned, checksummed model file
 * (ner_model.c), and training (ner_train.c). */
#ifndef NG_NER_H
#define NG_NER_H

#include <stddef.h>
#include <stdint.h>

#include "core/bytes.h"
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
/* The type named s[0..len) ("PER", ...), or -1. */
int ng_ner_type_parse(const char *s, size_t len);
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

/* --------------------------------------------------------- clusters */

/* Word clusters: for each known word (lower-cased, digits as 0) one cluster
 * id per granularity ("level"), e.g. 128, 512 and 2048 clusters. */
#define NG_NER_CLUSTER_LEVELS 3
#define NG_NER_CLUSTER_MAX_WORDS ((size_t)1 << 20)
#define NG_NER_CLUSTER_NONE 0xffffu /* an unknown word's id */

typedef struct ng_ner_clusters {
    uint32_t levels;                   /* 0 (no clusters) to NG_NER_CLUSTER_LEVELS */
    uint32_t k[NG_NER_CLUSTER_LEVELS]; /* clusters per level, 2..65535 */
    uint64_t *key;                     /* open addressing; 0: empty */
    uint16_t *id;                      /* [slot * NG_NER_CLUSTER_LEVELS + level] */
    size_t cap, count;
} ng_ner_clusters;

/* The key of a word: its bytes with ASCII letters lower-cased and digits
 * made 0 (never 0 itself). */
uint64_t ng_ner_cluster_key(const char *word, size_t n);
/* Adds or replaces a word's ids (levels of them).  NG_E_NOMEM on failure. */
ng_status ng_ner_clusters_put(ng_ner_clusters *c, uint64_t key, const uint16_t *ids);
/* The ids of a word (c->levels of them), or NULL when it is not known. */
const uint16_t *ng_ner_clusters_get(const ng_ner_clusters *c, uint64_t key);
void ng_ner_clusters_free(ng_ner_clusters *c);

/* The cluster section of model and cluster files: u32 levels, u32 k per
 * level, u32 words, u32 compressed size, then deflated per word u64 key and
 * u16 id per level.  Writing appends to w (w->bad on failure).  Reading
 * checks every count, length, key and id and returns NG_E_MODEL (or
 * NG_E_NOMEM) on failure, leaving c empty. */
void ng_ner_clusters_write(const ng_ner_clusters *c, ng_wbuf *w);
ng_status ng_ner_clusters_read(ng_rbuf *r, ng_ner_clusters *c, ng_error *err);
/* A standalone cluster file ("NGNERCL1", CRC-32 checked), written by
 * `nutgraf ner-clusters` and read by `nutgraf train-ner --clusters`. */
ng_status ng_ner_clusters_save_file(const ng_ner_clusters *c, const char *path, ng_error *err);
ng_status ng_ner_clusters_load_file(const char *path, ng_ner_clusters *c, ng_error *err);
ng_status ng_ner_clusters_load(const unsigned char *p, size_t len, ng_ner_clusters *c, ng_error *err);

/* Learning clusters: feed text, then cluster.  Words are whitespace
 * separated (PTB-tokenized text; -lrb- etc. become brackets) or, for raw
 * text, punctuation is split off the words first.  Each word is mapped as
 * ng_ner_cluster_key maps it.  Words (lower-cased) that occur at least
 * min_count times, at most max_words of the most frequent, are clustered:
 * positive PMI with the contexts words at offsets -2, -1, +1, +2 (the most
 * frequent `contexts` words), reduced to dim dimensions by a randomized
 * SVD, then spherical k-means (k-means++ seeding) at each level. */
typedef struct ng_ner_cluster_learner ng_ner_cluster_learner;

typedef struct ng_ner_cluster_options {
    uint32_t levels;                   /* default 3 */
    uint32_t k[NG_NER_CLUSTER_LEVELS]; /* default 128, 512, 2048 */
    uint32_t min_count;                /* default 3 */
    uint32_t max_words;                /* default 150000 */
    uint32_t contexts;                 /* default 5000 */
    uint32_t dim;                      /* default 100 */
    uint32_t iters;                    /* k-means iterations, default 12 */
    uint32_t seed;                     /* default 42 */
    /* Called at each stage (may be NULL). */
    void (*on_stage)(void *ctx, const char *what);
    void *ctx;
} ng_ner_cluster_options;

/* New learner in *out (free with ng_ner_cluster_learner_free). */
ng_status ng_ner_cluster_learner_new(ng_ner_cluster_learner **out, ng_error *err);
/* Adds one document's text (ptb: already tokenized).  NG_E_NOMEM, or
 * NG_E_TOO_BIG past 2^30 tokens. */
ng_status ng_ner_cluster_learner_add(ng_ner_cluster_learner *l, const char *text, size_t len, int ptb,
                                     ng_error *err);
/* Tokens and distinct words added so far. */
void ng_ner_cluster_learner_stats(const ng_ner_cluster_learner *l, size_t *tokens, size_t *words);
/* Clusters what was added into *out (options NULL: defaults).  NG_E_EMPTY
 * with too few words, NG_E_ARG for bad options, NG_E_NOMEM. */
ng_status ng_ner_cluster_learn(ng_ner_cluster_learner *l, const ng_ner_cluster_options *opts,
                               ng_ner_clusters *out, ng_error *err);
void ng_ner_cluster_learner_free(ng_ner_cluster_learner *l);

/* --------------------------------------------------------- features */

#define NG_NER_FEATS 42        /* features per token, always this many */
#define NG_NER_FEATURE_VERSION 3u
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

/* The lexicon: names from outside the training data (word lists such as
 * WordNet's proper nouns and ISO country names), kept in an ng_ner_gaz
 * keyed by lower-cased words and phrases.  Reads "TYPE<TAB>phrase" lines
 * (TYPE PER, ORG, LOC or MISC; the phrase's words separated by spaces; at
 * most NG_NER_GAZ_MAXLEN of them, longer ones skipped; empty lines and
 * lines starting with '#' ignored) into lex.  NG_E_FORMAT with the line
 * number on a malformed line, NG_E_NOMEM on failure. */
ng_status ng_ner_lex_parse(const char *bytes, size_t len, ng_ner_gaz *lex, ng_error *err);

/* Building a lexicon (ner_lexicon.c): names gathered from word lists, then
 * written as sorted, distinct lines for ng_ner_lex_parse().  Zero-initialise;
 * free with ng_ner_names_free().  Every function returns NG_E_NOMEM when
 * out of memory and skips what it cannot use. */
typedef struct ng_ner_names {
    char *text;  /* NUL-terminated "TYPE<TAB>words" lines */
    size_t len, cap;
    size_t *off; /* where each line starts in text */
    size_t n, ocap;
} ng_ner_names;
void ng_ner_names_free(ng_ner_names *b);
/* Adds a name of type (NG_NER_PER...; NG_E_ARG for another): skipped
 * unless it starts with a capital letter (or a non-ASCII one) and has no
 * comma or bracket; split into words at spaces and underscores and around
 * characters other than letters, digits and . ' & -; skipped when over
 * NG_NER_GAZ_MAXLEN words. */
ng_status ng_ner_names_add(ng_ner_names *b, int type, const char *name, size_t n);
/* WordNet 3.0's data.noun (adjectives 0) or data.adj (adjectives 1): a
 * noun instance by its lexicographer file (noun.person PER and its last
 * word too, noun.group ORG, noun.location and noun.object LOC, noun.act,
 * noun.communication and noun.event MISC); a capitalised word of another
 * noun.person synset MISC ("American"), of noun.group ORG; a capitalised
 * adjective MISC. */
ng_status ng_ner_names_add_wordnet(ng_ner_names *b, const char *bytes, size_t len, int adjectives);
/* tzdata's zone1970.tab: each zone's city (its TZ after the last '/') as
 * LOC. */
ng_status ng_ner_names_add_zones(ng_ner_names *b, const char *bytes, size_t len);
/* One name a line, each of type. */
ng_status ng_ner_names_add_list(ng_ner_names *b, const char *bytes, size_t len, int type);
/* The lines sorted, each once, '\n'-terminated, into *out (malloc'd, NUL-
 * terminated; the caller frees it) of *len bytes. */
ng_status ng_ner_names_tsv(const ng_ner_names *b, char **out, size_t *len);

/* Fills out[i * NG_NER_FEATS + k] with the bucket (0..mask) of feature k of
 * token i of a sentence of n words.  cl may be NULL or empty (no clusters),
 * lex empty (no lexicon).  scratch holds 2 * n bytes, cid n *
 * NG_NER_CLUSTER_LEVELS. */
void ng_ner_features(const ng_ner_gaz *g, const ng_ner_gaz *lex, const ng_ner_clusters *cl,
                     const char *const *words, size_t n, uint32_t mask, uint8_t *scratch, uint16_t *cid,
                     uint32_t *out);

/* ------------------------------------------------- document features */

/* The second pass sees each token's NG_NER_FEATS features and these. */
#define NG_NER_DOC_FEATS 8
#define NG_NER_FEATS2 (NG_NER_FEATS + NG_NER_DOC_FEATS)

struct ng_ner_work;

/* Fills out[j * NG_NER_DOC_FEATS + k] with the buckets (0..mask) of the
 * document-level features of the j-th token of the document (its sentences
 * in order), from the first pass's tags tags1 (indexed like words).  Uses
 * wk's hash table (grown as needed).  NG_E_NOMEM on failure. */
ng_status ng_ner_doc_features(const char *const *words, const ng_ner_sentence *sents, size_t nsent,
                              const uint8_t *tags1, uint32_t mask, struct ng_ner_work *wk, uint32_t *out);

/* ------------------------------------------------------------ model */

#define NG_NER_MODEL_FORMAT 4u /* written; 2 (dense weights) and 3 (no lexicon) are still read */
#define NG_NER_MODEL_MAX_BYTES ((size_t)256 * 1024 * 1024)
#define NG_NER_DEFAULT_BITS 20

/* The weights packed for decoding (ner_compact.c): per 64 buckets a bit
 * each for "has a non-zero row" and the count of such rows before them
 * (side by side: one memory access), and those rows back to back as
 * 16-bit multiples of scale. */
typedef struct ng_ner_compact {
    uint64_t *blocks; /* [2 * (b / 64)]: bits; [2 * (b / 64) + 1]: rows before */
    int16_t *rows;
    float scale;
    size_t nrows;
} ng_ner_compact;

/* Packs the non-zero rows of w (2^bits rows).  NG_E_NOMEM on failure (out
 * is then empty). */
ng_status ng_ner_compact_build(const float *w, uint32_t bits, ng_ner_compact *out);
void ng_ner_compact_free(ng_ner_compact *c);
/* The dense weights of c (2^bits rows) into w: every row times scale. */
void ng_ner_compact_unpack(const ng_ner_compact *c, uint32_t bits, float *w);
/* The packed section of a model file: f32 scale, u32 rows, u32 deflated
 * size, then deflated the bitmap (u64 per 64 buckets) and the rows (i16).
 * Writing appends to w (w->bad on failure); reading checks the sizes, the
 * scale and that the bitmap counts the rows: NG_E_MODEL (or NG_E_NOMEM),
 * out left empty, on failure. */
void ng_ner_compact_write(const ng_ner_compact *c, uint32_t bits, ng_wbuf *w);
ng_status ng_ner_compact_read(ng_rbuf *r, uint32_t bits, ng_ner_compact *out, ng_error *err);

/* Bits set in x, without a library call where the target lacks an
 * instruction for it (generic x86-64 builds do). */
static inline uint32_t ng_ner_popcount(uint64_t x)
{
    x -= (x >> 1) & 0x5555555555555555ull;
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (uint32_t)((x * 0x0101010101010101ull) >> 56);
}

/* The weights of bucket b (times scale), or NULL when they are all zero. */
static inline const int16_t *ng_ner_compact_row(const ng_ner_compact *c, uint32_t b)
{
    const uint64_t *blk = c->blocks + 2 * (size_t)(b >> 6);
    uint64_t word = blk[0], bit = 1ull << (b & 63);
    if (!(word & bit)) return NULL;
    return c->rows + (size_t)(blk[1] + ng_ner_popcount(word & (bit - 1))) * NG_NER_TAGS;
}

typedef struct ng_ner_model {
    uint32_t bits;  /* 2^bits feature buckets */
    float *w;       /* [bucket * NG_NER_TAGS + tag] */
    float trans[NG_NER_TAGS + 1][NG_NER_TAGS]; /* [prev][tag]; prev NG_NER_TAGS: start */
    /* The second pass (NULL w2: none): weights over NG_NER_FEATS2 features
     * and its transitions. */
    float *w2;
    float trans2[NG_NER_TAGS + 1][NG_NER_TAGS];
    ng_ner_gaz gaz;
    ng_ner_gaz lex; /* the lexicon (empty: none) */
    ng_ner_clusters cl;
    /* w and w2 packed, built by ng_ner_model_load(); tagging uses them
     * when present (packed[1] only with a second pass) */
    ng_ner_compact packed[2];
    uint32_t checksum; /* the file's CRC-32, set by ng_ner_model_load() */
} ng_ner_model;

/* Each distinct word's summed feature weights by role and pass, for
 * tagging (ner_features.c); a bounded hash table keyed by the word. */
typedef struct ng_ner_wsum ng_ner_wsum;
/* What else tagging needs of a word: its clusters, gazetteer types and
 * letters (ner_features.c). */
typedef struct ng_ner_winfo {
    uint16_t cid[NG_NER_CLUSTER_LEVELS];
    uint8_t gazword, letters, lexword;
} ng_ner_winfo;
#define NG_NER_WCACHE_SLOTS 32768 /* the most it grows to */
typedef struct ng_ner_wcache {
    uint64_t *key; /* 0: empty */
    ng_ner_wsum *sums;
    ng_ner_winfo *info;
    uint32_t *stamp; /* when each word was last used */
    size_t cap, used;
    uint32_t now, since; /* reservations so far; at the last eviction */
    const void *model; /* the model the sums come from */
    int passes;        /* and for how many of its passes */
    ng_ner_wsum *edge; /* the two sentence boundaries as neighbours */
} ng_ner_wcache;
void ng_ner_wcache_free(ng_ner_wcache *c);

/* Scratch space for tagging, grown as needed; zero-initialise it. */
typedef struct ng_ner_work {
    int passes; /* set by the caller: 0 every pass the model has, 1 the first only */
    uint32_t *feats; /* a sentence: cap * NG_NER_FEATS2 */
    float *score;
    uint8_t *back, *scratch;
    uint16_t *cid;
    size_t cap;
    /* a document, for two passes: dcap tokens' features and doc features */
    uint32_t *dfeats, *ddoc;
    size_t dcap;
    uint64_t *hkey; /* ner_doc.c's table */
    uint16_t *hcnt;
    size_t hcap;
    uint32_t *tslot; /* ner_doc.c: each token's two slots, tscap tokens */
    size_t tscap;
    /* the packed path: a sentence's words' sums (cap of them); a
     * document's second-pass emissions without its document features
     * (bcap tokens' NG_NER_TAGS) */
    const ng_ner_wsum **sums;
    ng_ner_winfo *tinfo;  /* cap */
    const int16_t **rowp; /* cap * 2 * NG_NER_PAIR_FEATS */
    int32_t *base2;
    size_t bcap;
    ng_ner_wcache cache; /* kept across sentences and documents */
} ng_ner_work;

/* Features of a token that are not one word's: pairs of neighbours, the
 * gazetteer phrase. */
#define NG_NER_PAIR_FEATS 8

/* Makes room in the cache for n new words of model m, summed for its
 * first passes (1 or 2) passes: when it would pass
 * 3/4 full, only the words used lately stay (and it grows when n alone
 * would fill it).  Sums
 * handed out before stay valid until the next call.  NG_E_NOMEM on failure
 * (the cache is then empty). */
ng_status ng_ner_wcache_reserve(ng_ner_wcache *c, const struct ng_ner_model *m, int passes, size_t n);

/* The first pass's emissions em[i * NG_NER_TAGS + t] of a sentence, equal
 * to summing the m->packed[0] rows of ng_ner_features(): one sum per
 * distinct word and role from the cache plus the token's pair and phrase
 * features.  With base2 (n * NG_NER_TAGS, NULL without a second pass), the
 * same for m->packed[1] in its 16-bit units, for ng_ner_emissions2().  wk
 * must hold n (ng_ner_work_reserve) and its cache n new words
 * (ng_ner_wcache_reserve). */
void ng_ner_emissions(const ng_ner_model *m, ng_ner_work *wk, const char *const *words, size_t n, float *em,
                      int32_t *base2);
/* The same as ng_ner_emissions() computed feature by feature from
 * ng_ner_features() (wk must hold n), without the cache: for sentences
 * longer than NG_NER_LONG_SENTENCE, which the cache would have to grow
 * past its bound to hold. */
#define NG_NER_LONG_SENTENCE (NG_NER_WCACHE_SLOTS / 2)
void ng_ner_emissions_direct(const struct ng_ner_model *m, ng_ner_work *wk, const char *const *words, size_t n,
                             float *em, int32_t *base2);
/* The second pass's emissions of a sentence: base2 from ng_ner_emissions()
 * and the rows of its document features doc (n * NG_NER_DOC_FEATS). */
void ng_ner_emissions2(const ng_ner_model *m, size_t n, const int32_t *base2, const uint32_t *doc, float *em);

ng_status ng_ner_model_init(ng_ner_model *m, uint32_t bits, ng_error *err);
void ng_ner_model_free(ng_ner_model *m);
void ng_ner_work_free(ng_ner_work *wk);
ng_status ng_ner_work_reserve(ng_ner_work *wk, size_t n);

/* Best tag sequence (Viterbi over tag bigrams, IOB2-valid) for features
 * already computed into feats (n * nf), weights w and transitions trans.
 * wk must hold n. */
void ng_ner_viterbi(const float *w, const float (*trans)[NG_NER_TAGS], const uint32_t *feats, size_t nf, size_t n,
                    ng_ner_work *wk, uint8_t *tags);
/* The first pass's: ng_ner_viterbi with m->w, m->trans, NG_NER_FEATS. */
void ng_ner_decode(const ng_ner_model *m, const uint32_t *feats, size_t n, ng_ner_work *wk,
                   uint8_t *tags);
/* Features and decoding (the first pass only) for one sentence of words. */
ng_status ng_ner_tag(const ng_ner_model *m, ng_ner_work *wk, const char *const *words, size_t n,
                     uint8_t *tags, ng_error *err);

/* Tags a whole document: sentences sents[0..nsent) give token ranges into
 * words (sents[i].first, .n; .doc is ignored), tags[first..first+n) get each
 * sentence's tags.  With a second pass, the first pass tags every sentence
 * and the second retags them with document-level features (what the same
 * words and phrases were tagged as elsewhere), so callers tag a story with
 * one call.  NG_E_NOMEM on failure. */
ng_status ng_ner_tag_document(const ng_ner_model *m, ng_ner_work *wk, const char *const *words,
                              const ng_ner_sentence *sents, size_t nsent, uint8_t *tags,
                              ng_error *err);

/* Serialises to malloc'd *out (caller frees); loads from bytes.  A corrupt,
 * truncated or mismatched file gives NG_E_MODEL. */
ng_status ng_ner_model_write(const ng_ner_model *m, unsigned char **out, size_t *len, ng_error *err);
ng_status ng_ner_model_load(const unsigned char *p, size_t len, ng_ner_model *m, ng_error *err);
ng_status ng_ner_model_save_file(const ng_ner_model *m, const char *path, ng_error *err);
ng_status ng_ner_model_load_file(const char *path, ng_ner_model *m, ng_error *err);

/* Tags every sentence of c into pred (c->ntok), a document at a time,
 * with every pass of the model (passes 0) or the first only (1), and
 * scores it. */
ng_status ng_ner_evaluate(const ng_ner_model *m, const ng_ner_corpus *c, int passes, uint8_t *pred,
                          ng_ner_score *score, ng_error *err);

/* --------------------------------------------------------- training */

typedef struct ng_ner_train_options {
    int epochs;    /* default 10 */
    uint32_t seed; /* shuffle seed, default 42 */
    uint32_t bits; /* default NG_NER_DEFAULT_BITS */
    /* Word clusters to copy into the model (NULL: none). */
    const ng_ner_clusters *clusters;
    /* A lexicon (ng_ner_lex_parse) to copy into the model (NULL: none). */
    const ng_ner_gaz *lexicon;
    /* 1, or 2 (default) for a second pass with document-level features:
     * its training sentences get first-pass tags from models trained on
     * the other half of the documents (jackknifing). */
    int passes;
    /* Each pass (and each jackknife model) is the average of this many
     * perceptrons trained with different shuffles (seed, seed + 1, ...),
     * each keeping its best dev epoch; default 1. */
    int members;
    /* The second pass's training tags come from first-pass models each
     * trained without one of this many folds of the documents; default 2. */
    int folds;
    /* Called after each epoch of each pass with the dev F1 (or -1 without
     * dev); pass 0 is a jackknife model's. */
    void (*on_epoch)(void *ctx, int pass, int epoch, double dev_f1, const ng_ner_score *dev);
    void *ctx;
} ng_ner_train_options;

/* Trains on train; with dev, keeps the epoch with the best dev F1 (else the
 * last), for each pass.  *best_epoch (may be NULL) gets the last pass's
 * (1-based). */
ng_status ng_ner_train(const ng_ner_corpus *train, const ng_ner_corpus *dev,
                       const ng_ner_train_options *opts, ng_ner_model *out, int *best_epoch,
                       ng_error *err);

#endif
