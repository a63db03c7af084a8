/* rouge.h - the internal interface shared by the ROUGE scorer's files:
 * stemmers, the embedded tables, Perl's random number generator and the
 * bootstrap, and the token interning every implementation uses. */
#ifndef NG_EVAL_ROUGE_H
#define NG_EVAL_ROUGE_H

#include <stddef.h>
#include <stdint.h>

#include "nutgraf.h"

/* ------------------------------------------------------------ data tables */

typedef struct ng_rouge_pair {
    const char *key;
    const char *value;
} ng_rouge_pair;

/* rouge_tables.c (generated): the WordNet 2.0 exceptions sorted by key
 * (bytewise), and ROUGE-1.5.5's stopword list. */
extern const ng_rouge_pair ng_rouge_wordnet_exceptions[];
extern const size_t ng_rouge_wordnet_exception_count;
extern const char *const ng_rouge_stopwords[];
extern const size_t ng_rouge_stopword_count;

/* ---------------------------------------------------------------- stemmers */

/* Longest token the stemmers accept; longer tokens are left unstemmed. */
#define NG_ROUGE_STEM_MAX 256

/* rouge_stem.c: the WordNet exception for a lower-case word, or NULL. */
const char *ng_rouge155_exception(const char *word, size_t len);
/* rouge_stem.c: ROUGE-1.5.5's Porter variant (stem(), CYL step 4).  Writes
 * the stem to out (room for len + 2 bytes, NUL-terminated) and returns its
 * length. */
size_t ng_rouge155_porter(const char *word, size_t len, char *out);
/* rouge_stem.c: MorphStem(): the exception if there is one, else Porter.
 * Sets *stem to the result (either out or a table string) and returns its
 * length.  use_exceptions 0 gives the stem without the table. */
size_t ng_rouge155_morph(const char *word, size_t len, int use_exceptions, char *out,
                         const char **stem);
/* rouge_stem.c: whether a lower-case token is on the -s stopword list. */
int ng_rouge155_is_stopword(const char *word, size_t len);

/* nltk_porter.c: NLTK 3.8's PorterStemmer (NLTK_EXTENSIONS mode) on a
 * lower-case ASCII word; out has room for len + 3 bytes.  Returns the
 * length. */
size_t ng_nltk_porter(const char *word, size_t len, char *out);

/* ------------------------------------------------- Perl's rand, bootstrap */

/* rouge_boot.c: Perl >= 5.20's srand()/rand(), i.e. drand48. */
typedef struct ng_perl_rng {
    uint64_t x;
} ng_perl_rng;
void ng_perl_srand(ng_perl_rng *rng, uint32_t seed);
double ng_perl_rand(ng_perl_rng *rng); /* [0, 1) */

/* rouge_boot.c: ROUGE-1.5.5's computeAverages() on n per-document (R, P, F)
 * triples given in the script's instance order (string-sorted test ids).
 * avg/low/high get the printed Average_X and the confidence bounds, each
 * already rounded to five decimals.  Returns NG_E_NOMEM on allocation
 * failure. */
ng_status ng_rouge_bootstrap(const double (*scores)[3], size_t n, int resamples,
                             double confidence, double avg[3], double low[3],
                             double high[3]);

/* rouge155.c: printf("%7.5f") then strtod, i.e. the value the script keeps. */
double ng_rouge_round5(double x);

/* -------------------------------------------------------------- interning */

/* rouge_intern.c: an append-only table from byte strings to dense ids. */
typedef struct ng_rouge_intern {
    uint32_t *slots; /* id + 1, 0 = empty */
    size_t cap;      /* power of two */
    size_t count;
    uint32_t *hashes; /* per id */
    size_t *offsets;  /* per id, into bytes; offsets[count] = used */
    char *bytes;
    size_t bytes_cap;
    size_t ids_cap;
    int32_t *value; /* per id: a caller's value (e.g. the final token id) */
} ng_rouge_intern;

void ng_rouge_intern_init(ng_rouge_intern *t);
void ng_rouge_intern_free(ng_rouge_intern *t);
/* The id of the string, or -1 when it is absent. */
int32_t ng_rouge_intern_find(const ng_rouge_intern *t, const char *s, size_t len);
/* The id of the string, adding it (with value -2) if absent; -1 when out of
 * memory. */
int32_t ng_rouge_intern_add(ng_rouge_intern *t, const char *s, size_t len);
static inline const char *ng_rouge_intern_str(const ng_rouge_intern *t, int32_t id, size_t *len)
{
    *len = t->offsets[id + 1] - t->offsets[id];
    return t->bytes + t->offsets[id];
}


/* ------------------------------------------------------------ the scorer */

enum { NG_RM_N = 1, NG_RM_L, NG_RM_W, NG_RM_S, NG_RM_SU, NG_RM_LSUM };

#define NG_ROUGE_MAX_METRICS 12

typedef struct ng_rouge_metric {
    int kind; /* NG_RM_* */
    int n;    /* for NG_RM_N */
    char name[48];
} ng_rouge_metric;

/* One summary after tokenizing: local token ids, the whole text (ROUGE-1.5.5's
 * readText) and the sentences (readText_LCS; the same tokens unless -b). */
typedef struct ng_rouge_toks {
    int32_t *flat;
    size_t nflat, flat_cap;
    int32_t *sent;  /* sentence tokens, back to back */
    size_t nsent_tok, sent_cap;
    size_t *sent_end; /* end offset of each sentence in sent */
    size_t nsent, sent_end_cap;
} ng_rouge_toks;

typedef struct ng_rouge_entry {
    uint64_t a, b;
    uint32_t stamp, count, used, gen;
} ng_rouge_entry;

struct ng_rouge {
    ng_rouge_options opt;
    char weight_label[32];
    size_t nmetrics;
    ng_rouge_metric metric[NG_ROUGE_MAX_METRICS];
    ng_rouge_intern words;  /* raw tokens; value: final id, -1 dropped, -2 unknown */
    ng_rouge_intern finals; /* the tokens that are compared (stems); ids are final ids */

    /* stored documents */
    ng_rouge_prf *docs;
    size_t ndocs, docs_cap;
    char warning[NG_ERROR_MESSAGE_MAX];
    int has_warning;

    /* workspace */
    ng_rouge_toks *toks; /* [0] system, [1..] references */
    size_t ntoks;
    int32_t *local; /* final id -> local id */
    uint32_t *local_stamp;
    size_t local_cap;
    uint32_t stamp;
    int32_t nlocal;
    ng_rouge_entry *table;
    size_t table_cap;
    uint32_t table_stamp, table_gen;
    uint64_t *keys;
    size_t keys_cap;
    unsigned char *dir;
    size_t dir_cap;
    double *row; /* DP rows */
    int32_t *irow;
    size_t row_cap, irow_cap;
    unsigned char *mask;
    size_t mask_cap;
    int32_t *cnt; /* 3 x nlocal unigram counts */
    size_t cnt_cap;
    double *pw; /* pw[k] = pow(k, weight) */
    size_t pw_len;
    char *buf; /* token bytes */
    size_t buf_cap;
};

/* rouge155.c / rouge_score.c: score one pair into out[nmetrics]. */
ng_status ng_rouge155_pair(ng_rouge *r, const ng_rouge_summary *sys,
                           const ng_rouge_summary *refs, size_t nrefs, ng_rouge_prf *out,
                           ng_error *err);
ng_status ng_rouge_score_pair(ng_rouge *r, const ng_rouge_summary *sys,
                              const ng_rouge_summary *refs, size_t nrefs, ng_rouge_prf *out,
                              ng_error *err);

/* rouge_work.c: workspace helpers shared by both implementations. */
int ng_rouge_reserve(void **p, size_t *cap, size_t need, size_t elem);
int ng_rouge_toks_push_flat(ng_rouge_toks *t, int32_t id);
int ng_rouge_toks_push_sent(ng_rouge_toks *t, int32_t id);
int ng_rouge_toks_end_sent(ng_rouge_toks *t);
/* Local id for a final token id (dense per document); -1 out of memory. */
int32_t ng_rouge_local(ng_rouge *r, int32_t id);
/* Starts a new document's local ids. */
void ng_rouge_local_reset(ng_rouge *r);
/* Makes room for n keys (2 words each). */
int ng_rouge_keys(ng_rouge *r, size_t n);
/* Fills the count table from key pairs; -1 out of memory. */
int ng_rouge_table_fill(ng_rouge *r, const uint64_t *keys, size_t n);
/* Clipped hits of key pairs against the table (each call a fresh clip). */
size_t ng_rouge_table_hits(ng_rouge *r, const uint64_t *keys, size_t n);
/* Checks UTF-8; 0 when valid. */
int ng_rouge_utf8_invalid(const char *s, size_t len, size_t *bad_at);

#endif
