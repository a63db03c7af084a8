/* archive_int.h - what the archive's files share: the story as a back end
 * stores it, the back-end interface (SQLite today; each back end is one
 * file), the stored-record codec, the query parser, word shingles with
 * MinHash, and the related-story profile. */
#ifndef NG_ARCHIVE_INT_H
#define NG_ARCHIVE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "nutgraf.h"

#define NG_MH_HASHES 100   /* MinHash signature length */
#define NG_MH_BANDS 20     /* LSH bands of NG_MH_ROWS hashes each */
#define NG_MH_ROWS 5
#define NG_SHINGLE_WORDS 4 /* words per shingle */
#define NG_NEAR_COPY 0.8   /* Jaccard at which `index` flags a near-copy */
#define NG_DAY_NONE INT64_MIN
#define NG_QUERY_MAX 4096  /* longest search query, bytes */
#define NG_RECORD_MAX ((size_t)64 << 20) /* largest decoded record */

/* One story as put() hands it to a back end.  Text fields are
 * NUL-terminated; multi-valued ones are joined by '\n'. */
typedef struct ng_arch_story {
    const char *id;
    const char *headline, *byline, *date; /* date: YYYY-MM-DD or as given */
    int64_t day;                          /* days since 1970-01-01 or NG_DAY_NONE */
    const char *body, *highlights, *entities, *tags;
    const unsigned char *record; /* the encoded stored record */
    size_t record_len;
    uint32_t minhash[NG_MH_HASHES];
    int64_t bands[NG_MH_BANDS];
} ng_arch_story;

/* A candidate a back end returns for search and related: malloc'd strings
 * (freed by ng_arch_cand_free), bm25 as the back end computes it (lower is
 * better, as FTS5 gives it). */
typedef struct ng_arch_cand {
    char *id, *headline, *date, *snippet, *entities, *tags;
    int64_t day;
    double bm25;
} ng_arch_cand;

typedef struct ng_arch_cands {
    ng_arch_cand *v;
    size_t count, cap;
} ng_arch_cands;

void ng_arch_cands_free(ng_arch_cands *c);
/* Appends a zeroed candidate; NULL when out of memory. */
ng_arch_cand *ng_arch_cands_push(ng_arch_cands *c);

/* A full-text query for a back end: a match expression in the grammar
 * described in pgquery.c, which FTS5 reads as it is (NULL: none), a day
 * range (NG_DAY_NONE: open), per-column BM25 weights for headline, body,
 * highlights, entities, tags, byline, and an id to leave out. */
typedef struct ng_arch_fts {
    const char *match;
    int64_t day_from, day_to;
    double weights[6];
    const char *exclude_id;
    size_t limit;
    int snippets;
} ng_arch_fts;

/* Called for each candidate pair of stories (back-end row numbers). */
typedef int (*ng_arch_pair_fn)(void *ctx, int64_t a, int64_t b);
/* Called for each stored story a band key points to. */
typedef int (*ng_arch_row_fn)(void *ctx, int64_t row);

/* The back-end interface.  Every function returns NG_OK or fills err
 * (NG_E_IO for a database failure) and returns its status. */
typedef struct ng_arch_backend {
    const char *name;
    void (*close)(void *be);
    ng_status (*begin)(void *be, ng_error *err);
    ng_status (*commit)(void *be, ng_error *err);
    /* Stores s, replacing a story with its id (*replaced = 1 then). */
    ng_status (*put)(void *be, const ng_arch_story *s, int *replaced, ng_error *err);
    /* The stored record of id in *rec (malloc'd), NULL when absent. */
    ng_status (*get)(void *be, const char *id, unsigned char **rec, size_t *len, ng_error *err);
    ng_status (*count)(void *be, int64_t *out, ng_error *err);
    ng_status (*search)(void *be, const ng_arch_fts *q, ng_arch_cands *out, ng_error *err);
    /* Documents holding word; stem is word stemmed as FTS5's porter
     * tokenizer stems it (each back end uses the one its index matches). */
    ng_status (*doc_freq)(void *be, const char *word, const char *stem, int64_t *out,
                          ng_error *err);
    /* The rows sharing one of the band keys (each row once or more). */
    ng_status (*band_rows)(void *be, const int64_t *keys, size_t n, ng_arch_row_fn fn, void *ctx,
                           ng_error *err);
    /* Every pair of rows sharing a band key (a < b; a pair may repeat). */
    ng_status (*band_pairs)(void *be, ng_arch_pair_fn fn, void *ctx, ng_error *err);
    /* A row's id, body and MinHash signature; *id NULL when absent. */
    ng_status (*row)(void *be, int64_t row, char **id, char **body, uint32_t *minhash,
                     ng_error *err);
} ng_arch_backend;

ng_status ng_arch_sqlite_open(const char *path, const ng_arch_backend **vt, void **be,
                              ng_error *err);
/* path: a postgresql:// or postgres:// connection URI. */
ng_status ng_arch_postgres_open(const char *path, const ng_arch_backend **vt, void **be,
                                ng_error *err);
/* True when path names a PostgreSQL archive rather than an SQLite file. */
int ng_arch_is_postgres(const char *path);

/* Sets err and returns st (message printf-style). */
ng_status ng_arch_fail(ng_error *err, ng_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ------------------------------------------------------- stored record */

/* Encodes the stored record of s (JSON, deflated behind a small header).
 * *out is malloc'd; NG_E_NOMEM on failure. */
ng_status ng_arch_record_encode(const char *json, size_t len, unsigned char **out,
                                size_t *out_len, ng_error *err);
/* Decodes a stored record into its JSON text (malloc'd, NUL-terminated),
 * checking the header, the size bound and that the JSON is an object.
 * NG_E_FORMAT for anything damaged. */
ng_status ng_arch_record_decode(const unsigned char *rec, size_t len, char **json,
                                size_t *json_len, ng_error *err);

/* What related() needs of a stored record, read from its JSON. */
typedef struct ng_arch_fields {
    char *id, *headline, *body, *date, *entities, *tags; /* malloc'd; '\n'-joined */
} ng_arch_fields;
ng_status ng_arch_record_fields(const char *json, size_t len, ng_arch_fields *out, ng_error *err);
void ng_arch_fields_free(ng_arch_fields *f);

/* ------------------------------------------------------------- queries */

/* Turns a user query into an FTS5 expression (malloc'd; NULL when the
 * query only has a date range) and a day range.  NG_E_ARG with a message
 * for an empty or over-long query or a bad date. */
ng_status ng_arch_query_parse(const char *query, char **match, int64_t *day_from,
                              int64_t *day_to, ng_error *err);
/* Days since 1970-01-01 of "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a prefix of
 * s, which may go on with a time); end != 0 gives the last day of a year
 * or month.  NG_DAY_NONE when s does not start with such a date. */
int64_t ng_arch_parse_day(const char *s, size_t len, int end);
/* A match expression (the grammar in pgquery.c) as PostgreSQL SQL over
 * parameters $first... (strings[i] is parameter first + i): tsq, a tsquery
 * expression matching a superset, and exact, a condition on the row `s`
 * that checks named columns too (NULL when none is named).  All malloc'd,
 * freed by ng_arch_pgq_free (also on error). */
typedef struct ng_arch_pgq {
    char *tsq, *exact;
    char **strings;
    size_t n;
} ng_arch_pgq;
/* NG_E_FORMAT for a text outside the grammar, NG_E_NOMEM. */
ng_status ng_arch_pg_match(const char *match, size_t first_param, ng_arch_pgq *out,
                           ng_error *err);
void ng_arch_pgq_free(ng_arch_pgq *q);

/* Appends word as an FTS5 string ("..." with '"' doubled) to a jbuf. */
struct ng_jbuf;
void ng_arch_fts_string(struct ng_jbuf *b, const char *s, size_t len);

/* ------------------------------------------------------------- shingles */

typedef struct ng_shingles {
    uint64_t *v; /* sorted, unique hashes */
    size_t count;
} ng_shingles;

/* The word NG_SHINGLE_WORDS-shingles of text (words: runs of letters and
 * digits, ASCII folded to lower case).  A text shorter than a shingle gives
 * one shingle of its words.  NG_E_NOMEM on failure. */
ng_status ng_shingles_of(const char *text, size_t len, ng_shingles *out, ng_error *err);
void ng_shingles_free(ng_shingles *s);
double ng_shingles_jaccard(const ng_shingles *a, const ng_shingles *b);
void ng_minhash(const ng_shingles *s, uint32_t sig[NG_MH_HASHES]);
void ng_minhash_bands(const uint32_t sig[NG_MH_HASHES], int64_t keys[NG_MH_BANDS]);
double ng_minhash_estimate(const uint32_t *a, const uint32_t *b);

/* Calls fn for each word of text: lower-cased ASCII letters and digits,
 * other bytes >= 0x80 kept as they are. */
typedef void (*ng_word_fn)(void *ctx, const char *w, size_t len);
void ng_arch_words(const char *text, size_t len, ng_word_fn fn, void *ctx);

/* ------------------------------------------------------------- related */

/* The weights of related()'s re-ranking (tuned on training stories). */
typedef struct ng_related_weights {
    double entity, tag, recency; /* added to the normalized BM25 score */
    double recency_days;         /* decay scale */
    size_t terms;                /* distinctive words in the query */
    size_t repeat;               /* a word's query copies: min(tf, repeat) */
    size_t candidates;           /* BM25 candidates re-ranked */
    double fts[6];               /* BM25 column weights */
} ng_related_weights;

void ng_related_weights_default(ng_related_weights *w);
/* For benchmarks: replaces the archive's weights (NULL: defaults). */
void ng_archive_set_related_weights(ng_archive *a, const ng_related_weights *w);
/* For benchmarks: replaces the search BM25 column weights. */
void ng_archive_set_search_weights(ng_archive *a, const double w[6]);

#endif
