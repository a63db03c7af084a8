/* nutgraf.h - the one public header of libnutgraf.
 *
 * nutgraf reads a news article (text copied from a web page, an HTML page,
 * a CNN/DailyMail .story file or a JSON Lines record), finds its parts
 * (headline, byline, dateline, the page's own highlights, related links,
 * tags), splits the body into sentences and tokens, and chooses highlight
 * sentences.
 *
 * Conventions:
 *  - Every function that can fail returns an ng_status and, when the caller
 *    passes a non-NULL ng_error, fills it with a one-line message.  The
 *    library never prints and never exits.
 *  - An ng_doc owns everything about one story; ng_doc_free() releases it
 *    all.  Strings returned by accessors (ng_str) point into the document and
 *    live exactly as long as it does.
 *  - Byte offsets refer to the document's body text (ng_doc_body()).
 *  - Threads: the library keeps no hidden global state (the built-in models
 *    are parsed once under pthread_once and then only read).  Each section
 *    below ends with a "Threads:" note naming its functions in one of three
 *    kinds: ANY THREAD (pure, or only reads shared read-only data: call it
 *    from any number of threads at once); ONE THREAD PER OBJECT (it changes
 *    the object it is given: calls on different objects may run at once,
 *    calls on the same object must not overlap); ONCE (set-up and tear-down:
 *    no other call may use the object meanwhile).  Nothing blocks on a lock
 *    except the first use of a built-in model.
 *  - Options structs: a NULL options pointer and a zeroed struct both mean
 *    the defaults the nutgraf command uses; the *_options_init() functions
 *    fill a struct with them explicitly.
 */
#ifndef NUTGRAF_H
#define NUTGRAF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NG_VERSION "0.1.0"
#define NG_VERSION_MAJOR 0
#define NG_VERSION_MINOR 1
#define NG_VERSION_PATCH 0

/* Status codes.  The command line maps them to exit statuses (see
 * nutgraf(1)); keep the numbers stable. */
typedef enum ng_status {
    NG_OK = 0,
    NG_E_ARG = 1,      /* a bad argument or option */
    NG_E_IO = 2,       /* a file is missing or unreadable */
    NG_E_EMPTY = 3,    /* the input holds no article text */
    NG_E_BINARY = 4,   /* the input looks like binary data, not text */
    NG_E_TOO_BIG = 5,  /* the input is over the byte limit */
    NG_E_JSON = 6,     /* a JSON record is broken or lacks a field */
    NG_E_FORMAT = 7,   /* the input does not fit the requested format */
    NG_E_NOMEM = 8,    /* out of memory, or an internal bound was hit */
    NG_E_MODEL = 9,    /* a model file is missing, corrupt or mismatched */
    NG_E_MISMATCH = 10, /* inputs that must pair up do not */
    NG_E_NETWORK = 11   /* a URL could not be fetched: DNS, connection,
                           timeout, TLS, redirects or an HTTP status >= 400 */
} ng_status;

#define NG_ERROR_MESSAGE_MAX 256

/* Where and why something failed.  line is 1-based when the input is line
 * oriented (JSON Lines), 0 otherwise. */
typedef struct ng_error {
    ng_status status;
    size_t line;
    char message[NG_ERROR_MESSAGE_MAX];
} ng_error;

/* A read-only view of bytes owned by someone else (usually an ng_doc).
 * Not NUL-terminated in general. */
typedef struct ng_str {
    const char *ptr;
    size_t len;
} ng_str;

/* The short English name of a status ("ok", "io", "json", ...). */
const char *ng_status_name(ng_status status);

/* The library's version, "MAJOR.MINOR.PATCH" (NG_VERSION of the library
 * that is linked, which may differ from the header's). */
const char *ng_version(void);

/* Threads: ng_status_name, ng_version: ANY THREAD. */

/* ---------------------------------------------------------------- reading */

typedef enum ng_format {
    NG_FORMAT_AUTO = 0, /* decide from the content */
    NG_FORMAT_TEXT,     /* text copied from a web page */
    NG_FORMAT_STORY,    /* CNN/DailyMail .story: paragraphs, then @highlight */
    NG_FORMAT_JSON,     /* one JSON object: id, article|text, title, highlights */
    NG_FORMAT_HTML      /* an HTML page */
} ng_format;

/* Parses "auto", "text", "story", "json"/"jsonl", "html".  Returns NG_E_ARG
 * for anything else. */
ng_status ng_format_from_name(const char *name, ng_format *out);
const char *ng_format_name(ng_format format);

#define NG_DEFAULT_MAX_BYTES ((size_t)10 * 1024 * 1024)

typedef struct ng_read_options {
    ng_format format; /* NG_FORMAT_AUTO to detect */
    size_t max_bytes; /* 0 means NG_DEFAULT_MAX_BYTES */
} ng_read_options;

/* Guesses the format of bytes: JSON when it starts with '{', story when it
 * has "@highlight" lines, HTML when it starts with markup, text otherwise. */
ng_format ng_detect_format(const char *bytes, size_t len);

typedef struct ng_doc ng_doc;

/* Reads one article from bytes (which need not be NUL-terminated and are
 * copied).  opts may be NULL for defaults.  On success *out owns a new
 * document that the caller frees with ng_doc_free().  On error *out is NULL,
 * err (if not NULL) says why, and the status is returned.  Invalid UTF-8 is
 * not an error: each bad byte becomes U+FFFD and a warning is recorded. */
ng_status ng_doc_read(const char *bytes, size_t len, const ng_read_options *opts,
                      ng_doc **out, ng_error *err);

/* Fills opts with the defaults (auto-detected format, NG_DEFAULT_MAX_BYTES);
 * the same as a zeroed struct or NULL. */
void ng_read_options_init(ng_read_options *opts);

/* Frees the document and everything it owns.  NULL is allowed. */
void ng_doc_free(ng_doc *doc);

/* Threads: ng_format_from_name, ng_format_name, ng_detect_format,
 * ng_read_options_init, ng_doc_read: ANY THREAD (each read makes its own
 * document).  ng_doc_free: ONCE per document. */

/* --------------------------------------------------------------- fetching */

/* Pages straight from a URL, through libcurl: http:// and https:// only,
 * at most NG_FETCH_MAX_REDIRECTS redirects (to http or https), gzip and
 * deflate accepted, "User-Agent: nutgraf/VERSION".  The body is converted to
 * UTF-8 with iconv when the Content-Type header (or, for HTML, the page's
 * <meta charset> or http-equiv) names another charset, so it is ready for
 * ng_doc_read. */

#define NG_DEFAULT_CONNECT_TIMEOUT_MS 10000L /* 10 s to connect */
#define NG_DEFAULT_FETCH_TIMEOUT_MS 30000L   /* 30 s for the whole transfer */
#define NG_FETCH_MAX_REDIRECTS 5

typedef struct ng_fetch_options {
    size_t max_bytes;        /* the body's limit (after gzip); 0: NG_DEFAULT_MAX_BYTES */
    long connect_timeout_ms; /* 0: NG_DEFAULT_CONNECT_TIMEOUT_MS */
    long timeout_ms;         /* 0: NG_DEFAULT_FETCH_TIMEOUT_MS */
} ng_fetch_options;

/* Fills opts with the defaults; the same as a zeroed struct or NULL. */
void ng_fetch_options_init(ng_fetch_options *opts);

/* What ng_fetch got; every pointer is malloc'd and freed by
 * ng_fetched_free(). */
typedef struct ng_fetched {
    char *bytes;        /* the body, UTF-8 where a charset was declared; NUL-terminated */
    size_t len;         /* its length */
    char *url;          /* the URL after redirects */
    char *content_type; /* the Content-Type header, or NULL */
    char *charset;      /* the charset converted from ("windows-1252"), or NULL */
    long http_status;   /* the final HTTP status (200) */
} ng_fetched;

/* True when s starts with http:// or https:// (any case). */
int ng_is_url(const char *s);

/* Fetches url into *out (zeroed first; free with ng_fetched_free even on
 * error).  opts may be NULL for defaults.  Returns NG_OK;
 * NG_E_NETWORK for a host that does not resolve, a refused or failed
 * connection, a timeout, a TLS failure, more than NG_FETCH_MAX_REDIRECTS
 * redirects or an HTTP status >= 400; NG_E_TOO_BIG when the body is over
 * max_bytes (the transfer stops there); NG_E_FORMAT for a Content-Type that
 * is neither HTML nor text (text/..., application/xhtml+xml); NG_E_ARG for
 * a URL that is not http(s); NG_E_NOMEM.  err says why in one line. */
ng_status ng_fetch(const char *url, const ng_fetch_options *opts, ng_fetched *out, ng_error *err);

/* Frees what ng_fetch stored and zeroes *f.  NULL is allowed. */
void ng_fetched_free(ng_fetched *f);

/* Threads: ng_is_url, ng_fetch_options_init, ng_fetch: ANY THREAD (libcurl
 * is set up once, under pthread_once; each fetch has its own handle).
 * ng_fetched_free: ONCE per result. */

/* ----------------------------------------------------------- the document */

typedef enum ng_field {
    NG_FIELD_ID = 0,   /* a dataset record's id */
    NG_FIELD_HEADLINE, /* title or headline */
    NG_FIELD_BYLINE,   /* "By Jo Ling Kent, CNN" */
    NG_FIELD_DATELINE, /* "Beijing (CNN)" */
    NG_FIELD_DATE,     /* a publication date the markup gives */
    NG_FIELD_FORMAT,   /* the reader that was used: "text", "html", ... */
    NG_FIELD_SITE_NAME,     /* the publisher: og:site_name, JSON-LD publisher */
    NG_FIELD_CANONICAL_URL, /* <link rel=canonical>, og:url */
    NG_FIELD_LANGUAGE       /* <html lang>, og:locale, JSON-LD inLanguage */
} ng_field;

/* A single-valued part of the story; {NULL, 0} when absent. */
ng_str ng_doc_field(const ng_doc *doc, ng_field field);

typedef enum ng_list {
    NG_LIST_PAGE_HIGHLIGHTS = 0, /* the page's own bullets (never summarized) */
    NG_LIST_RELATED,             /* related-story links */
    NG_LIST_TAGS,                /* topic tag lines */
    NG_LIST_DROPPED,             /* navigation, captions: removed lines */
    NG_LIST_CREDITS,             /* "CNN's Jane Doe contributed to this report." */
    NG_LIST_REFERENCES,          /* reference highlights a dataset record carries */
    NG_LIST_WARNINGS,            /* what the reader repaired (invalid UTF-8 ...) */
    NG_LIST_AUTHORS,             /* author names, cleaned of "By", roles, dates */
    NG_LIST_IMAGES,              /* the article's image URLs (src) */
    NG_LIST_IMAGE_CAPTIONS,      /* each image's caption ("" when none), same order */
    NG_LIST_COUNT_
} ng_list;

size_t ng_doc_list_count(const ng_doc *doc, ng_list list);
/* The i-th item of a list; {NULL, 0} when i is out of range. */
ng_str ng_doc_list_item(const ng_doc *doc, ng_list list, size_t i);

/* The body text: paragraphs separated by one '\n', valid UTF-8, as written
 * (quotes and dashes are not rewritten). */
ng_str ng_doc_body(const ng_doc *doc);

typedef struct ng_sentence {
    size_t start, end;        /* byte offsets [start, end) in the body */
    size_t paragraph;         /* 0-based paragraph index */
    size_t first_token;       /* index of its first token */
    size_t token_count;
} ng_sentence;

/* Token flags. */
enum {
    NG_TOKEN_WORD = 1u << 0,    /* letters (possibly with digits, ' or -) */
    NG_TOKEN_NUMBER = 1u << 1,  /* 3.5, 1,200, $5.1, 10% */
    NG_TOKEN_PUNCT = 1u << 2,   /* punctuation */
    NG_TOKEN_CAPITAL = 1u << 3, /* starts with an upper-case letter */
    NG_TOKEN_QUOTE = 1u << 4,   /* a quotation mark */
    NG_TOKEN_URL = 1u << 5,     /* a URL or e-mail address */
    NG_TOKEN_STOP = 1u << 6     /* a common function word */
};

typedef struct ng_token {
    size_t start;      /* byte offset in the body */
    uint32_t len;      /* bytes */
    uint32_t word;     /* interned id of the folded form, unique in the doc */
    uint32_t flags;    /* NG_TOKEN_* */
} ng_token;

size_t ng_doc_paragraph_count(const ng_doc *doc);
size_t ng_doc_sentence_count(const ng_doc *doc);
/* The i-th sentence; all zero when i is out of range. */
ng_sentence ng_doc_sentence(const ng_doc *doc, size_t i);
size_t ng_doc_token_count(const ng_doc *doc);
ng_token ng_doc_token(const ng_doc *doc, size_t i);
/* The folded (NFC, case-folded, quotes and dashes normalised) form of an
 * interned word id, for matching. */
ng_str ng_doc_word(const ng_doc *doc, uint32_t word);

/* Threads: the ng_doc_* accessors above only read the document: ANY THREAD,
 * also at once on the same document, while no call changes it
 * (ng_summarize, ng_analyze, ng_analyze_quotes, ng_eval_add_doc,
 * ng_trainer_add change it: ONE THREAD PER OBJECT). */

/* ------------------------------------------------------------- summarizing */

typedef enum ng_method {
    NG_METHOD_DEFAULT = 0, /* the command's default: learned with the default
                            * trimming rules when a model is built in (trim 0
                            * then means NG_TRIM_DEFAULT; other trim bits are
                            * kept), lead without trimming otherwise */
    NG_METHOD_LEAD = 1, /* the first k body sentences */
    NG_METHOD_TEXTRANK, /* TF-IDF cosine graph, PageRank, redundancy control */
    NG_METHOD_LEARNED   /* gradient-boosted trees over sentence features */
} ng_method;

/* A learned model (trees plus selection settings), read-only once loaded and
 * safe to share between threads. */
typedef struct ng_model ng_model;

/* Loads a model file written by `nutgraf train`.  Returns NG_E_MODEL with a
 * message for a missing, truncated, corrupt (checksum) or mismatched
 * (feature version) file.  Free with ng_model_free(). */
ng_status ng_model_load(const char *path, ng_model **out, ng_error *err);
/* The same from bytes in memory (not kept). */
ng_status ng_model_load_memory(const void *bytes, size_t len, ng_model **out, ng_error *err);
void ng_model_free(ng_model *model);
/* The model built into the library (models/highlights.ngm at build time),
 * loaded on first use; NULL when the library was built without one.  Owned
 * by the library. */
const ng_model *ng_model_default(void);
/* A one-line description: trees, nodes, feature version, checksum. */
const char *ng_model_describe(const ng_model *model, char *buf, size_t len);
/* The CRC-32 the model's file carries (for a model just trained, the one
 * ng_model_save() will write); 0 for NULL.  ng_model_checksum(
 * ng_model_default()) names the built-in model. */
uint32_t ng_model_checksum(const ng_model *model);
/* Writes a model to path (replaced atomically through a temporary file). */
ng_status ng_model_save(const ng_model *model, const char *path, ng_error *err);

/* Training (needs libxgboost at run time; summarizing never does). */
typedef struct ng_train_options {
    int rounds;        /* boosting rounds */
    int max_depth;
    double eta;
    int threads;
    unsigned seed;
    const char *objective; /* "binary:logistic" (default) or "rank:pairwise" */
    uint64_t drop_features; /* bit f: feature f is held constant (ablation) */
} ng_train_options;

/* The sentence features of a named group ("position", "length",
 * "centrality", "content"), as a bit mask for drop_features; 0 for an
 * unknown name. */
uint64_t ng_feature_group_mask(const char *group);

/* Defaults: 60 rounds, depth 4, eta 0.3, 2 threads, seed 42, logistic. */
void ng_train_options_init(ng_train_options *opts);

typedef struct ng_trainer ng_trainer;
ng_status ng_trainer_new(const ng_train_options *opts, ng_trainer **out, ng_error *err);
/* Adds a document that carries reference highlights: its sentences become
 * training rows labelled by the ROUGE oracle (tune == 0), or it joins the
 * set on which the selection plan (how many bullets, when to stop) is chosen
 * after training (tune != 0).  The trainer copies what it needs; the caller
 * keeps the document.  Returns NG_E_EMPTY for a document without
 * references or sentences (skip it). */
ng_status ng_trainer_add(ng_trainer *t, ng_doc *doc, int tune, ng_error *err);
/* Trains the trees, then chooses the plan by mean ROUGE-1/2/L F1 on the
 * tuning documents, and returns the model.  Deterministic for the same
 * documents and options. */
ng_status ng_trainer_fit(ng_trainer *t, ng_model **out, ng_error *err);
/* What fitting did, as text (rows, positives, the plans tried). */
const char *ng_trainer_report(const ng_trainer *t);
void ng_trainer_free(ng_trainer *t);

ng_status ng_method_from_name(const char *name, ng_method *out);
const char *ng_method_name(ng_method method);

/* Trimming rules: each removes what highlights never carry, so that a
 * bullet stays a sentence made of the article's own words in order. */
enum {
    NG_TRIM_DATELINE = 1u << 0,    /* "LONDON (CNN) --" opening a sentence */
    NG_TRIM_CONJUNCTION = 1u << 1, /* a leading "But", "And", "However," */
    NG_TRIM_ATTRIBUTION = 1u << 2, /* a trailing ", a U.S. diplomat said." */
    NG_TRIM_PARENTHESES = 1u << 3, /* asides in parentheses: "(pictured)" */
    NG_TRIM_RELATIVE = 1u << 4,    /* ", who ...," and ", which ...," clauses */
    NG_TRIM_APPOSITIVE = 1u << 5,  /* ", the ... ," after a name */
    NG_TRIM_ALL = (1u << 6) - 1,
    /* What learned uses by default: every rule but relative, which lowered
     * ROUGE on held-out training stories (models/README.md). */
    NG_TRIM_DEFAULT = NG_TRIM_ALL & ~NG_TRIM_RELATIVE
};

/* The name of one trimming rule ("dateline", ...); NULL for an unknown bit. */
const char *ng_trim_rule_name(unsigned rule);
/* Parses "all", "none", "default" or a comma list of rule names into NG_TRIM_* bits.
 * Returns NG_E_ARG for an unknown name. */
ng_status ng_trim_rules_parse(const char *list, unsigned *out);

/* No dangling references: what learned and textrank do with a sentence
 * that opens on a personal pronoun ("He said", "Her book", "But she")
 * when nothing chosen before it names who (lead keeps its sentences as
 * they are). */
typedef enum ng_names {
    /* The default.  When ng_analyze() has run on the document and linked
     * the pronoun ("he", "she", "his", "her", "him") to a PERSON entity, the
     * sentence may be the first bullet and the pronoun becomes the entity's
     * name ("He won" -> "Michael Posner won"; "Her book" -> "Ann Smith's
     * book").  Otherwise (no analysis, "they", no person found) the
     * sentence yields the first place to another. */
    NG_NAMES_ANALYSIS = 0,
    /* As NG_NAMES_ANALYSIS; and when such a sentence is in the running and
     * the document has no analysis, ng_summarize() runs ng_analyze() on it
     * first (built-in tagger, default options), which the document keeps.
     * Only for a body of at most 64 KiB (the analysis of a longer one costs
     * far more than a summary); a longer one yields. */
    NG_NAMES_ANALYZE,
    /* Never rename: such a sentence always yields the first place. */
    NG_NAMES_OFF
} ng_names;

typedef struct ng_summary_options {
    ng_method method;
    int k;         /* sentences; 0 means 3, or the model's choice for learned */
    int max_words; /* word budget; 0 means none */
    const ng_model *model; /* for NG_METHOD_LEARNED; NULL: ng_model_default() */
    unsigned trim;         /* NG_TRIM_* rules applied to the chosen sentences */
    ng_names names;        /* a first bullet opening on a pronoun; 0: NG_NAMES_ANALYSIS */
} ng_summary_options;

typedef struct ng_highlight {
    size_t sentence; /* index into the document's sentences */
    double score;    /* the method's score; higher is better */
    ng_str text;     /* the bullet: the sentence, trimmed when rules are on, with its
                        quotation marks back when it is part of a longer quote,
                        and a leading pronoun named (ng_names) */
} ng_highlight;

/* Chooses highlights and stores them in the document, replacing earlier
 * ones.  They are kept in article order.  opts may be NULL for defaults.
 * Returns NG_E_EMPTY when the body has no sentence, NG_E_ARG for a
 * negative k or budget, an unknown method or names setting. */
ng_status ng_summarize(ng_doc *doc, const ng_summary_options *opts, ng_error *err);

size_t ng_doc_highlight_count(const ng_doc *doc);
ng_highlight ng_doc_highlight(const ng_doc *doc, size_t i);

/* ---------------------------------------------------------------- quotes
 *
 * Direct quotations with their speakers, found by rules in one pass over
 * the body: text in straight or curly double quotes (a quote left open at a
 * paragraph's end continues into the next paragraph's opening mark; each
 * paragraph's part is its own quote with the same speaker), attributed by
 * the nearest pattern of the same sentence ("...," said NAME / NAME said
 * "..." / according to NAME ...).  Titles like "Jasmine" (capitalised words
 * only) and one- or two-word scare quotes without a verb of saying are not
 * quotes. */

typedef struct ng_quote {
    size_t start, end;      /* body offsets of the quoted text, without the marks */
    ng_str speaker_mention; /* as written: "he", "Foreign Ministry spokesman Hong Lei" */
    ng_str cue;             /* "said", "told journalists" */
    ng_str speaker;         /* canonical: "Michael Posner", or {NULL, 0} */
    int partial;            /* a fragment inside the writer's own sentence */
    int reported;           /* reported speech ("X said the talks were frank"):
                             * the content without marks; 0 for a direct quote */
} ng_quote;

/* Fills opts with the defaults: method NG_METHOD_DEFAULT resolved to what
 * it means in this library (learned with NG_TRIM_DEFAULT when a model is built
 * in, lead untrimmed otherwise), k 0, no word budget, the built-in model,
 * NG_NAMES_ANALYSIS.
 * ng_summarize() with NULL options or a zeroed struct does the same. */
void ng_summary_options_init(ng_summary_options *opts);

/* Threads: ng_model_load, ng_model_load_memory, ng_model_default,
 * ng_model_describe, ng_model_checksum, ng_model_save, ng_method_name,
 * ng_method_from_name, ng_trim_rule_name, ng_trim_rules_parse,
 * ng_feature_group_mask, ng_train_options_init, ng_summary_options_init:
 * ANY THREAD (a loaded model is read-only and may be shared).
 * ng_model_free: ONCE.  ng_summarize: ONE THREAD PER OBJECT (the document;
 * the model is shared).  ng_doc_highlight_count, ng_doc_highlight: as the
 * other accessors.  ng_trainer_new: ANY THREAD; ng_trainer_add,
 * ng_trainer_fit, ng_trainer_report: ONE THREAD PER OBJECT (the trainer);
 * ng_trainer_free: ONCE. */

/* Finds the quotes of a segmented document and stores them in it,
 * replacing earlier ones; ng_doc_to_json() then adds a "quotes" array.
 * Returns NG_E_ARG for a NULL document, NG_E_NOMEM when out of memory. */
ng_status ng_analyze_quotes(ng_doc *doc, ng_error *err);
size_t ng_doc_quote_count(const ng_doc *doc);
/* The i-th quote in body order; all zero when i is out of range. */
ng_quote ng_doc_quote(const ng_doc *doc, size_t i);

/* ------------------------------------------------- entities and tags
 *
 * ng_analyze() runs the whole analysis stage on a segmented document in one
 * pass: quotes (as ng_analyze_quotes()), named entities tagged by an
 * averaged-perceptron model (PER, ORG, LOC, MISC), their mentions grouped
 * into one canonical entity each ("Michael Posner" <- "Posner" <- "he";
 * "United States" <- "the United States" <- "U.S."), each direct quote's
 * speaker chosen again by a learned ranker (among the person and
 * organization mentions and pronouns around it and the previous quote's
 * speaker; models/speaker.txt, built in) and resolved to those entities,
 * and up to max_tags ranked topic tags from the salient entities and key
 * phrases. */

typedef enum ng_entity_type {
    NG_ENTITY_PERSON = 0,
    NG_ENTITY_ORG,
    NG_ENTITY_LOC,
    NG_ENTITY_MISC
} ng_entity_type;

/* "PERSON", "ORG", "LOC", "MISC". */
const char *ng_entity_type_name(ng_entity_type type);

typedef struct ng_entity {
    ng_str name;         /* canonical: "Michael Posner", "United States" */
    ng_entity_type type;
    size_t mentions;     /* named mentions plus resolved pronouns */
    size_t first;        /* body offset of the first mention */
    double salience;     /* 0..1, 1 for the story's most salient entity */
} ng_entity;

typedef struct ng_mention {
    size_t start, end; /* body offsets of the mention as written */
    size_t entity;     /* index into the document's entities */
    int pronoun;       /* "he", "she" resolved to the entity */
} ng_mention;

typedef struct ng_tag {
    ng_str text;  /* "China", "human rights" */
    double score; /* 0..1, ranked highest first */
    int entity;   /* index of the entity it names, or -1 for a key phrase */
} ng_tag;

/* The named-entity tagger's model, read-only once loaded and safe to share
 * between threads. */
typedef struct ng_ner_model ng_ner_model;

/* Loads a model file written by `nutgraf train-ner`; NG_E_MODEL for a
 * missing, corrupt or mismatched file.  Free with ng_ner_model_release(). */
ng_status ng_ner_model_open(const char *path, ng_ner_model **out, ng_error *err);
void ng_ner_model_release(ng_ner_model *model);
/* The tagger built into the library (models/ner.ngm at build time), loaded
 * on first use; NULL when the library was built without one.  Owned by the
 * library. */
const ng_ner_model *ng_ner_model_default(void);
/* The CRC-32 the tagger's model file carries; 0 for NULL.
 * ng_ner_model_checksum(ng_ner_model_default()) names the built-in one. */
uint32_t ng_ner_model_checksum(const ng_ner_model *model);

#define NG_DEFAULT_MAX_TAGS 8
#define NG_DEFAULT_NER_PASSES 1

/* Scratch space ng_analyze() can keep between documents: the tagger's
 * buffers and its cache of per-word feature sums (a batch runs about 1.2
 * times faster with one; the cache grows to at most 32768 words, about
 * 20 MB, keeping the words used lately).  Not shared: one per thread.
 * NULL when out of memory; free with ng_analyze_work_free(). */
typedef struct ng_analyze_work ng_analyze_work;
ng_analyze_work *ng_analyze_work_new(void);
void ng_analyze_work_free(ng_analyze_work *work);

typedef struct ng_analyze_options {
    const ng_ner_model *ner; /* NULL: the built-in model (no entities if none) */
    size_t max_tags;         /* 0: NG_DEFAULT_MAX_TAGS */
    ng_analyze_work *work;   /* NULL: scratch space for this call only */
    int ner_passes;          /* 0: NG_DEFAULT_NER_PASSES; 1: the tagger's
                              * first pass only; 2: both passes, the second
                              * retagging the story with document-level
                              * features (about 1 F1 point more accurate,
                              * about 1.5 times slower) */
} ng_analyze_options;

/* Finds quotes, entities and tags and stores them in the document,
 * replacing earlier ones; ng_doc_to_json() then adds "quotes", "entities"
 * and "tags".  opts may be NULL for defaults.  Returns NG_E_ARG for a NULL
 * document or ner_passes outside 0..2, NG_E_NOMEM when out of memory (the arena's bound included). */
ng_status ng_analyze(ng_doc *doc, const ng_analyze_options *opts, ng_error *err);

/* Fills opts with the defaults: the built-in tagger, NG_DEFAULT_MAX_TAGS,
 * no kept scratch space, NG_DEFAULT_NER_PASSES (the same as zeroed). */
void ng_analyze_options_init(ng_analyze_options *opts);

/* Entities, most salient first; mentions in body order; tags ranked.  The
 * i-th item is all zero when i is out of range. */
size_t ng_doc_entity_count(const ng_doc *doc);
ng_entity ng_doc_entity(const ng_doc *doc, size_t i);
size_t ng_doc_mention_count(const ng_doc *doc);
ng_mention ng_doc_mention(const ng_doc *doc, size_t i);
size_t ng_doc_tag_count(const ng_doc *doc);
ng_tag ng_doc_tag(const ng_doc *doc, size_t i);

/* Threads: ng_entity_type_name, ng_ner_model_open, ng_ner_model_default,
 * ng_ner_model_checksum, ng_analyze_work_new, ng_analyze_options_init: ANY
 * THREAD (a loaded tagger is read-only and may be shared).
 * ng_ner_model_release, ng_analyze_work_free: ONCE.  ng_analyze,
 * ng_analyze_quotes: ONE THREAD PER OBJECT, for the document and for the
 * work area in the options (give each thread its own ng_analyze_work).
 * The quote, entity, mention and tag accessors: as the other accessors. */

/* ----------------------------------------------------------------- output */

/* Writes the whole document as one line of JSON (no trailing newline):
 * id, format, structure, sentences with offsets and the highlights with
 * sentence indexes and scores.  On success *out is a NUL-terminated string
 * the caller frees with free(), *len its length. */
ng_status ng_doc_to_json(const ng_doc *doc, char **out, size_t *len, ng_error *err);

/* Writes {"id":..., "error": {"status":..., "message":..., "line":...}} for
 * a record that failed; same ownership as ng_doc_to_json(). */
ng_status ng_error_to_json(const char *id, const ng_error *e, char **out, size_t *len);

/* The longest record id ng_json_record_id() copies, with its NUL. */
#define NG_RECORD_ID_MAX 1024

/* Reads the "id" of one JSON Lines record (len bytes at line, which need not
 * be NUL-terminated), so that an error record can name the record the reader
 * refused.  A string id is copied as it is, a number as its shortest exact
 * text ("%.17g").  Returns 1 and writes a NUL-terminated id into out (cap
 * bytes, cut at a character boundary when longer); returns 0, with out
 * empty, when the line is not a JSON object, has no such id, or out is
 * too small to hold anything. */
int ng_json_record_id(const char *line, size_t len, char *out, size_t cap);

/* Threads: ng_doc_to_json (only reads the document), ng_error_to_json,
 * ng_json_record_id: ANY THREAD. */

/* ------------------------------------------------------------------ ROUGE
 *
 * Scores system summaries against one or more references the way
 * ROUGE-1.5.5.pl does (quirks included: its tokenizer, its Porter variant
 * with the WordNet exception table, five-decimal rounding, the bootstrap
 * average) or the way Google's rouge-score 0.1.2 does.  A summary is a list
 * of sentences.  Add documents one by one, then ask for the averages. */

typedef enum ng_rouge_impl {
    NG_ROUGE_155 = 0, /* ROUGE-1.5.5.pl */
    NG_ROUGE_SCORE    /* rouge-score 0.1.2: rouge1, rouge2, rougeL, rougeLsum */
} ng_rouge_impl;

/* Which skip-bigram scores to compute (ROUGE-1.5.5 -2 with -u / -U). */
typedef enum ng_rouge_skip {
    NG_ROUGE_SKIP_NONE = 0,
    NG_ROUGE_SKIP_S,   /* -2 N: ROUGE-SN */
    NG_ROUGE_SKIP_SU,  /* -2 N -u: ROUGE-SUN only */
    NG_ROUGE_SKIP_BOTH /* -2 N -U: ROUGE-SN, then ROUGE-SUN */
} ng_rouge_skip;

/* How documents get ROUGE-1.5.5 eval ids, which decide the bootstrap. */
typedef enum ng_rouge_ids {
    NG_ROUGE_IDS_LINE = 0,  /* document i (from 1) is eval id i */
    NG_ROUGE_IDS_FILES2ROUGE /* the k-th of s.0, s.1, ... in string order */
} ng_rouge_ids;

typedef struct ng_rouge_options {
    ng_rouge_impl impl;
    int max_n;                /* -n: ROUGE-1 .. ROUGE-max_n (0 none, at most 4) */
    int no_lcs;               /* -x: no ROUGE-L */
    double weight;            /* -w: ROUGE-W weight (> 1 usually); 0 = no ROUGE-W */
    const char *weight_label; /* the -w argument as typed, names ROUGE-W-<label>;
                                 NULL prints the weight with %g */
    ng_rouge_skip skip_mode;  /* -2 with -u / -U */
    int skip_distance;        /* -2 N: up to N words between; negative = any */
    int stem;                 /* -m (rouge-score: use_stemmer) */
    int stopwords;            /* -s */
    long word_limit;          /* -l: keep the first N words; 0 none */
    long byte_limit;          /* -b: keep the first N bytes; 0 none */
    int best;                 /* -f B: the best reference, not all pooled */
    double alpha;             /* -p: F = PR / ((1-alpha)P + alpha R); 0.5 */
    double confidence;        /* -c: confidence level in percent; 95 */
    int resamples;            /* -r: bootstrap samples; 1000 */
    ng_rouge_ids ids;         /* eval id assignment */
} ng_rouge_options;

/* Fills in ROUGE-1.5.5's defaults: no ROUGE-N, ROUGE-L only, -c 95 -r 1000
 * -p 0.5, no stemming, no stopwords. */
void ng_rouge_options_init(ng_rouge_options *opts);

typedef struct ng_rouge ng_rouge;

typedef struct ng_rouge_summary {
    const ng_str *sentences; /* UTF-8 text; need not be NUL-terminated */
    size_t count;
} ng_rouge_summary;

typedef struct ng_rouge_prf {
    double r, p, f;
} ng_rouge_prf;

typedef struct ng_rouge_average {
    ng_rouge_prf average;   /* what ROUGE-1.5.5 prints as Average_X (the bootstrap
                               mean); rouge-score: the plain mean */
    ng_rouge_prf low, high; /* confidence bounds (rouge-score: equal to average) */
    ng_rouge_prf mean;      /* the plain mean of the per-document scores */
} ng_rouge_average;

/* Checks the options (NG_E_ARG with a message for a bad one) and makes a
 * scorer.  Free it with ng_rouge_free(). */
ng_status ng_rouge_new(const ng_rouge_options *opts, ng_rouge **out, ng_error *err);
void ng_rouge_free(ng_rouge *rouge);

/* The metrics, in ROUGE-1.5.5's order: "ROUGE-1".."ROUGE-4", "ROUGE-L",
 * "ROUGE-W-1.2", "ROUGE-S4", "ROUGE-SU4" (or "rouge1", "rouge2", "rougeL",
 * "rougeLsum"). */
size_t ng_rouge_metric_count(const ng_rouge *rouge);
const char *ng_rouge_metric_name(const ng_rouge *rouge, size_t metric);

/* Scores one system summary against nrefs >= 1 references and writes one
 * value per metric to out (ROUGE-1.5.5: each rounded to five decimals as the
 * script keeps them).  Stores nothing.  Returns NG_E_FORMAT for invalid
 * UTF-8.  When a reference has no words and ROUGE-W is on (ROUGE-1.5.5 dies
 * there with "Illegal division by zero"), ROUGE-W is scored 0 and
 * ng_rouge_warning() says so; the call still succeeds. */
ng_status ng_rouge_score(ng_rouge *rouge, const ng_rouge_summary *sys,
                         const ng_rouge_summary *refs, size_t nrefs, ng_rouge_prf *out,
                         ng_error *err);
/* The warning of the last ng_rouge_score()/ng_rouge_add(), or NULL. */
const char *ng_rouge_warning(const ng_rouge *rouge);

/* Scores like ng_rouge_score() and keeps the scores as the next document. */
ng_status ng_rouge_add(ng_rouge *rouge, const ng_rouge_summary *sys,
                       const ng_rouge_summary *refs, size_t nrefs, ng_error *err);
size_t ng_rouge_doc_count(const ng_rouge *rouge);
/* A stored document's score; all zero when out of range. */
ng_rouge_prf ng_rouge_doc(const ng_rouge *rouge, size_t doc, size_t metric);
/* A stored document's ROUGE-1.5.5 eval id (1-based). */
size_t ng_rouge_doc_eval_id(const ng_rouge *rouge, size_t doc);
/* Averages over the stored documents (ROUGE-1.5.5: the script's bootstrap). */
ng_status ng_rouge_average_of(ng_rouge *rouge, size_t metric, ng_rouge_average *out,
                              ng_error *err);
/* Forgets the stored documents (the token table is kept). */
void ng_rouge_clear(ng_rouge *rouge);

/* Threads: ng_rouge_options_init, ng_rouge_new: ANY THREAD.  Every other
 * ng_rouge_* function, ng_rouge_score included (it grows the scorer's token
 * table): ONE THREAD PER OBJECT; use one scorer per thread.  ng_rouge_free:
 * ONCE. */

/* ------------------------------------------------------------- evaluation
 *
 * Runs summarizer methods over articles and scores each against the
 * article's reference highlights (NG_LIST_REFERENCES, one sentence an item)
 * with ROUGE-1.5.5 options -c 95 -m -r 1000 -n 2 -a.  System 0 is always
 * Lead-3 (method lead, k = 3, no word budget); the requested methods follow
 * (lead with k = 3 and no budget is Lead-3 itself and is not repeated).
 * Metrics: 0 ROUGE-1, 1 ROUGE-2, 2 ROUGE-L; scores are F1 in [0, 1]. */

#define NG_EVAL_METRICS 3

typedef struct ng_eval ng_eval;

typedef struct ng_eval_options {
    int k;                 /* sentences for the requested methods; 0 means 3 */
    int max_words;         /* word budget for the requested methods; 0 none */
    const ng_model *model; /* for NG_METHOD_LEARNED; NULL: the default */
    int resamples;         /* paired bootstrap resamples; 0 means 1000 */
    uint64_t seed;         /* paired bootstrap seed; 0 means a fixed default */
} ng_eval_options;

typedef struct ng_eval_result {
    size_t docs;
    double f[NG_EVAL_METRICS];          /* ROUGE-1.5.5's Average_F */
    double low[NG_EVAL_METRICS], high[NG_EVAL_METRICS]; /* its 95% interval */
    double diff[NG_EVAL_METRICS];       /* mean per-doc F minus Lead-3's */
    double diff_low[NG_EVAL_METRICS], diff_high[NG_EVAL_METRICS]; /* 95% */
    double p[NG_EVAL_METRICS];          /* one-sided paired bootstrap p-value:
                                           share of resamples where the mean
                                           difference from Lead-3 is <= 0
                                           (1 for Lead-3 itself) */
    double mean_words;                  /* summary length, whitespace words */
    double summarize_seconds, score_seconds; /* time spent in this system */
} ng_eval_result;

/* methods may be NULL when nmethods is 0 (Lead-3 only); opts may be NULL. */
ng_status ng_eval_new(const ng_method *methods, size_t nmethods, const ng_eval_options *opts,
                      ng_eval **out, ng_error *err);
/* Adds a system with its own summary options (method, k, budget, trimming;
 * a NULL model means the evaluator's) under name (at most 31 bytes), before
 * any document is added.  NG_E_ARG after documents or past 32 systems. */
ng_status ng_eval_add_system(ng_eval *ev, const char *name, const ng_summary_options *opts,
                             ng_error *err);
void ng_eval_free(ng_eval *ev);
size_t ng_eval_system_count(const ng_eval *ev);
/* "lead3", then the method names ("lead", "textrank", "learned"). */
const char *ng_eval_system_name(const ng_eval *ev, size_t sys);
/* Summarizes doc with every system (replacing its highlights) and scores
 * each summary.  NG_E_FORMAT when the doc has no references, NG_E_EMPTY when
 * its body has no sentence; then nothing is stored for it. */
ng_status ng_eval_add_doc(ng_eval *ev, ng_doc *doc, ng_error *err);
size_t ng_eval_doc_count(const ng_eval *ev);
/* A stored document's F1 for one system and metric; 0 when out of range. */
double ng_eval_doc_f(const ng_eval *ev, size_t sys, size_t doc, size_t metric);
/* A stored document's summary length and body length, in words. */
size_t ng_eval_doc_words(const ng_eval *ev, size_t sys, size_t doc);
size_t ng_eval_doc_article_words(const ng_eval *ev, size_t doc);
/* The sentences of the last added document's summary by one system; they
 * point into that document and live until it is freed or changed. */
size_t ng_eval_last_count(const ng_eval *ev, size_t sys);
ng_str ng_eval_last_sentence(const ng_eval *ev, size_t sys, size_t i);
/* Averages, intervals and the paired bootstrap against Lead-3. */
ng_status ng_eval_result_of(ng_eval *ev, size_t sys, ng_eval_result *out, ng_error *err);

/* The paired bootstrap alone: resamples the n pairs with replacement
 * (splitmix64 seeded with seed), and gives the mean of a - b, its 95%
 * interval and the share of resamples whose mean difference is <= 0. */
ng_status ng_paired_bootstrap(const double *a, const double *b, size_t n, int resamples,
                              uint64_t seed, double *mean_diff, double *low, double *high,
                              double *p, ng_error *err);

/* Threads: ng_eval_new, ng_paired_bootstrap: ANY THREAD.  ng_eval_add_doc,
 * ng_eval_add_system, ng_eval_result_of: ONE THREAD PER OBJECT (the
 * evaluator and the document).  The other ng_eval_* readers: ANY THREAD
 * while no call changes the evaluator.  ng_eval_free: ONCE. */

/* ---------------------------------------------------------------- archive
 *
 * An archive of analysed stories that answers full-text search, related
 * stories and near-duplicate queries.  Back ends: an embedded SQLite file
 * (FTS5 with BM25), or a PostgreSQL database (tsvector with a GIN index)
 * that many processes on many machines write and read at once.  One handle
 * per thread; several processes may open the same archive (writers wait up
 * to five seconds for a lock, then fail with NG_E_IO). */

typedef struct ng_archive ng_archive;

/* Opens the archive at path, creating it when absent: a postgresql:// or
 * postgres:// connection URI (libpq's form) opens a PostgreSQL database,
 * making the archive's tables in an empty one; anything else is an SQLite
 * file.  NG_E_IO with a message (the URI's password hidden) for a file or
 * database that cannot be opened or reached, is locked, is corrupt or is
 * not a nutgraf archive.  Close with ng_archive_close(). */
ng_status ng_archive_open(const char *path, ng_archive **out, ng_error *err);
void ng_archive_close(ng_archive *a);

/* Groups many ng_archive_put() calls in one transaction (much faster);
 * ng_archive_commit() makes them durable. */
ng_status ng_archive_begin(ng_archive *a, ng_error *err);
ng_status ng_archive_commit(ng_archive *a, ng_error *err);

#define NG_ARCHIVE_ID_MAX 128

typedef struct ng_archive_put_info {
    char id[NG_ARCHIVE_ID_MAX + 1]; /* the id the story was stored under */
    int replaced;                   /* a story with that id was replaced */
    char near_copy_of[NG_ARCHIVE_ID_MAX + 1]; /* "" or a stored near-copy */
    double near_copy_similarity;    /* its word-shingle Jaccard */
} ng_archive_put_info;

/* Stores an analysed document (ng_analyze(), and ng_summarize() for its
 * highlights) under id, or when id is NULL or empty its record id, else
 * "h" and a hash of its body.  A story with the same id is replaced.  info
 * may be NULL.  NG_E_ARG for an id over NG_ARCHIVE_ID_MAX bytes, NG_E_EMPTY
 * for a document without body text, NG_E_IO when the database fails. */
ng_status ng_archive_put(ng_archive *a, const ng_doc *doc, const char *id,
                         ng_archive_put_info *info, ng_error *err);

/* The stored story as one JSON object: id, headline, byline, date, body,
 * highlights, entities, tags, quotes.  *out is NULL when no story has that
 * id; otherwise a NUL-terminated string the caller frees with free(). */
ng_status ng_archive_get(ng_archive *a, const char *id, char **out, size_t *len, ng_error *err);

/* The number of stored stories. */
ng_status ng_archive_count(ng_archive *a, size_t *out, ng_error *err);

typedef struct ng_archive_hit {
    const char *id, *headline, *date, *snippet; /* NUL-terminated; "" when absent */
    double score;                               /* higher is better */
} ng_archive_hit;

/* Ranked results, owned by the caller: free with ng_archive_results_free(). */
typedef struct ng_archive_results ng_archive_results;
size_t ng_archive_results_count(const ng_archive_results *r);
/* The i-th result; all NULL/zero when i is out of range.  The strings live
 * as long as the results. */
ng_archive_hit ng_archive_result(const ng_archive_results *r, size_t i);
void ng_archive_results_free(ng_archive_results *r);

/* Full-text search, best n first (over headline, body, highlights,
 * entities, tags and byline: BM25 on SQLite, ts_rank on PostgreSQL, so
 * scores and the order of close results differ between them).  Query language: words (any may match; more
 * and rarer matches rank higher; function words are ignored), "a phrase",
 * +word (must match), -word (must not), entity:NAME, tag:NAME,
 * headline:WORD, byline:WORD (each with a word or a "phrase"; they must
 * match), date:FROM..TO (YYYY, YYYY-MM or YYYY-MM-DD; either end may be
 * left out).  NG_E_ARG with a message for a query that says nothing or is
 * over 4096 bytes. */
ng_status ng_archive_search(ng_archive *a, const char *query, size_t n,
                            ng_archive_results **out, ng_error *err);

/* The n stored stories most related to the stored story id (never itself):
 * BM25 over its most distinctive words, entities and tags (matched in
 * their own fields); when both have dates, closer dates rank higher.
 * *out is NULL when no story has that id. */
ng_status ng_archive_related(ng_archive *a, const char *id, size_t n,
                             ng_archive_results **out, ng_error *err);
/* The same for an analysed document that need not be stored; a stored story
 * with the document's id is left out. */
ng_status ng_archive_related_doc(ng_archive *a, const ng_doc *doc, size_t n,
                                 ng_archive_results **out, ng_error *err);

/* Near-duplicate groups: stories whose word 4-shingle sets have a Jaccard
 * similarity of at least threshold (0 < threshold <= 1) with another of the
 * group, found by MinHash (100 hashes, 20 bands of 5) and checked with the
 * exact Jaccard.  each() gets every group's ids (stored order) and the
 * lowest checked similarity inside it; a non-zero return stops. */
typedef int (*ng_archive_group_fn)(void *ctx, const char *const *ids, size_t count,
                                   double similarity);
ng_status ng_archive_dups(ng_archive *a, double threshold, ng_archive_group_fn each, void *ctx,
                          ng_error *err);

#ifdef __cplusplus
}
#endif

#endif /* NUTGRAF_H */
