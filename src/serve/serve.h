/* serve.h - the HTTP service of `nutgraf serve`, in two layers:
 *
 *  - the request handler (handlers.c, request.c, batch.c): one request's
 *    method, path, media type and body in, a status and a JSON (or page)
 *    body out.  No sockets, no threads, no printing: the fuzz target and the
 *    unit tests call it directly.
 *  - the server (server.c): libmicrohttpd with a thread pool, body size
 *    limit, timeouts, access log and a graceful stop.  It calls the handler.
 *
 * Everything the handler reads while serving (its configuration, the pages,
 * later the models) is built once before the first request and only read
 * afterwards, so any number of threads may share it. */
#ifndef NG_SERVE_H
#define NG_SERVE_H

#include <stddef.h>
#include <stdio.h>

#include "nutgraf.h"

#define NG_SERVE_DEFAULT_MAX_BODY ((size_t)10 * 1024 * 1024)
#define NG_SERVE_MAX_K 100
#define NG_SERVE_MAX_WORDS 100000
/* ng_summary_options.trim before a request chose: resolved by
 * ng_serve_resolve() the way `nutgraf summarize` does (all rules for the
 * learned method, none otherwise). */
#define NG_SERVE_TRIM_DEFAULT 0xFFFFFFFFu

/* The archive handles of `nutgraf serve --db PATH` (archives.c): any
 * thread takes one for a request and gives it back. */
typedef struct ng_serve_archives ng_serve_archives;
/* Opens the archive once (so that a bad PATH fails at start); NG_E_IO,
 * NG_E_NOMEM with err filled. */
ng_status ng_serve_archives_new(const char *path, ng_serve_archives **out, ng_error *err);
/* A handle for one request: an idle one, or a newly opened one. */
ng_status ng_serve_archive_take(ng_serve_archives *s, ng_archive **out, ng_error *err);
/* Gives a handle back; broken != 0 (its database failed) closes it instead,
 * so that a dropped connection is not handed out again. */
void ng_serve_archive_give(ng_serve_archives *s, ng_archive *a, int broken);
void ng_serve_archives_free(ng_serve_archives *s);

/* What every request is handled with; read-only while serving. */
typedef struct ng_serve_config {
    size_t max_body;           /* bytes; 0 means NG_SERVE_DEFAULT_MAX_BODY */
    ng_summary_options sum;    /* defaults for k, method, word budget, and the
                                  model (loaded once, shared read-only; NULL:
                                  the built-in one) */
    const char *model_source;  /* what /v1/version names the model by; NULL:
                                  "built-in" */
    ng_serve_archives *archive; /* --db: search, related and stored stories;
                                   NULL: those endpoints answer 404 */
} ng_serve_config;

/* Fills in the defaults: 10 MiB bodies, the method and k of `nutgraf
 * summarize` (learned with the built-in model when there is one). */
void ng_serve_config_init(ng_serve_config *cfg);

/* One request.  path may carry a query string ("/v1/summarize?k=5");
 * content_type is the Content-Type header as sent, or NULL. */
typedef struct ng_serve_request {
    const char *method;
    const char *path;
    const char *content_type;
    const char *body;
    size_t len;
} ng_serve_request;

typedef struct ng_serve_batch ng_serve_batch;

/* One response.  Exactly one of body and stream is set.  body is malloc'd
 * and owned by the response unless body_static (then it is one of the
 * built-in pages and must not be freed).  content_type, allow and csp are
 * static strings. */
typedef struct ng_serve_response {
    int status;               /* HTTP status */
    const char *content_type;
    const char *allow;        /* the Allow header for 405, else NULL */
    const char *csp;          /* Content-Security-Policy for the page, else NULL */
    char *body;
    size_t len;
    int body_static;
    ng_serve_batch *stream;   /* POST /v1/batch: the lines, produced on demand */
} ng_serve_response;

/* Routes and handles one request.  Never fails: out of memory becomes a 500
 * response with a static body.  Release with ng_serve_response_free(). */
void ng_serve_route(const ng_serve_config *cfg, const ng_serve_request *req,
                    ng_serve_response *res);
void ng_serve_response_free(ng_serve_response *res);

/* Answers from the method, path and Content-Type alone, before any body is
 * read: returns 1 with a 404, 405 or 415 in *res, or 0 (nothing to free)
 * when the request may go on. */
int ng_serve_early(const ng_serve_request *req, ng_serve_response *res);

/* Handles one request and gives the whole body, batch streams included, in
 * *out (malloc'd, NUL-terminated, the caller frees it) with its length.
 * Returns the HTTP status.  For tests and fuzzing; cfg NULL means defaults. */
int ng_serve_handle(const ng_serve_config *cfg, const char *method, const char *path,
                    const char *content_type, const char *body, size_t len, int *status,
                    char **out, size_t *outlen);

/* ---- the JSON Lines stream of POST /v1/batch (batch.c) */

/* Makes a stream over a copy of body; NULL when out of memory. */
ng_serve_batch *ng_serve_batch_new(const ng_summary_options *sum, size_t max_line,
                                   const char *body, size_t len);
/* The next output line (with its '\n') in *line, owned by the stream and
 * valid until the next call.  Returns 1 for a line, 0 at the end. */
int ng_serve_batch_next(ng_serve_batch *b, const char **line, size_t *len);
void ng_serve_batch_free(ng_serve_batch *b);

/* ---- request parsing (request.c) */

/* Settles what the request left to the defaults (see NG_SERVE_TRIM_DEFAULT). */
void ng_serve_resolve(ng_summary_options *sum);

/* The media type of a Content-Type header, lower-cased and without
 * parameters, in out (size outsize); "" when ct is NULL or unusable. */
void ng_serve_media_type(const char *ct, char *out, size_t outsize);

/* What /v1/analyze may ask of the analysis besides the summary: 0 for the
 * library's defaults. */
typedef struct ng_serve_analysis {
    int ner_passes; /* 1 or 2 */
    int max_tags;   /* 1..NG_SERVE_MAX_TAGS */
} ng_serve_analysis;
#define NG_SERVE_MAX_TAGS 100

/* Applies the query string's k, words, method and trim to *sum, and its
 * ner_passes and max_tags to *an (NULL: they are ignored, as are unknown
 * parameters).  Returns NG_OK or NG_E_ARG with err naming the bad
 * parameter. */
ng_status ng_serve_apply_query(const char *query, ng_summary_options *sum, ng_serve_analysis *an, ng_error *err);

/* The percent-decoded value of key in a query string (malloc'd, the caller
 * frees it), or NULL when the key is absent or out of memory. */
char *ng_serve_query_param(const char *query, const char *key);
/* A percent-decoded copy of s[0..len) (malloc'd), NULL when out of memory. */
char *ng_serve_path_decode(const char *s, size_t len);

/* What a JSON request body asks for.  The strings point into the parsed
 * tree, which ng_serve_json_request_free() releases. */
typedef struct ng_serve_json_request {
    void *tree; /* cJSON */
    const char *article, *title, *id;
    size_t article_len;
    ng_format format;
    ng_summary_options sum;
    ng_serve_analysis an;
} ng_serve_json_request;

/* Parses {"article": ..., "title": ..., "id": ..., "k": ..., "words": ...,
 * "method": ..., "trim": ..., "format": ...} over the defaults in *sum, and
 * with an, "ner_passes" and "max_tags" over *an (an NULL: those fields are
 * ignored and out->an is all zero).  NG_E_JSON for
 * broken JSON or a missing or mistyped field, NG_E_ARG for a bad value,
 * NG_E_NOMEM. */
ng_status ng_serve_parse_json(const char *body, size_t len, const ng_summary_options *sum,
                              const ng_serve_analysis *an, ng_serve_json_request *out, ng_error *err);
void ng_serve_json_request_free(ng_serve_json_request *r);

/* Whether a request to this path (query string allowed) does heavy work
 * (summarize, analyze) that the server hands to its worker pool. */
int ng_serve_is_heavy(const char *path);

/* ---- the worker pool (pool.c) */

typedef struct ng_pool ng_pool;
typedef struct ng_pool_job {
    void (*run)(struct ng_pool_job *job); /* called once, on a pool thread */
    struct ng_pool_job *next;             /* the pool's */
} ng_pool_job;

/* threads workers, at most capacity jobs waiting; NULL when out of memory. */
ng_pool *ng_pool_new(unsigned threads, unsigned capacity);
/* Takes a queue slot: 1, or 0 when the queue is full or stopping. */
int ng_pool_reserve(ng_pool *p);
/* Queues a job into the slot reserved before. */
void ng_pool_push(ng_pool *p, ng_pool_job *j);
/* Jobs waiting (reserved slots) and jobs running. */
void ng_pool_stats(ng_pool *p, unsigned *queued, unsigned *running);
/* Runs what is still queued, joins the threads, frees the pool. */
void ng_pool_free(ng_pool *p);

/* ---- the built-in files (web_data.c, generated from web/) */

extern const char *const ng_web_index_html; /* NUL-terminated */
extern const size_t ng_web_index_html_len;
extern const char *const ng_web_openapi_json;
extern const size_t ng_web_openapi_json_len;

/* ---- the server (server.c) */

typedef struct ng_server ng_server;

typedef struct ng_server_options {
    const char *bind;        /* IPv4 or IPv6 address; NULL means 127.0.0.1 */
    unsigned port;           /* 0 picks a free port (see ng_server_port) */
    unsigned threads;        /* server (HTTP) threads; 0 means the number of cores */
    unsigned timeout_s;      /* seconds a connection may idle; 0 means 30 */
    FILE *log;               /* access log and server errors; NULL for none */
    ng_serve_config handler; /* copied */
    /* Limits against hostile or careless clients; 0 means the default. */
    unsigned max_connections; /* open connections in all (default 10000, at
                                 most what the open-file limit allows) */
    unsigned max_per_ip;      /* open connections from one address (2048) */
    unsigned header_timeout_s; /* a request's headers must arrive whole within
                                  this many seconds of the connection's start
                                  or of its previous response (10) */
    unsigned body_timeout_s;  /* and its body within this many seconds of the
                                 headers (timeout_s) */
    size_t max_inflight;      /* bytes of request bodies held at once (256 MiB) */
    unsigned workers;         /* threads that summarize and analyze (cores) */
    unsigned queue;           /* requests waiting for a worker (64) */
    unsigned max_seconds;     /* a request's work deadline, queue wait included (60) */
} ng_server_options;

#define NG_SERVE_DEFAULT_MAX_CONNECTIONS 10000u
#define NG_SERVE_DEFAULT_MAX_PER_IP 2048u
#define NG_SERVE_DEFAULT_HEADER_TIMEOUT 10u
#define NG_SERVE_DEFAULT_MAX_INFLIGHT ((size_t)256 * 1024 * 1024)
#define NG_SERVE_DEFAULT_QUEUE 64u
#define NG_SERVE_DEFAULT_MAX_SECONDS 60u

/* Starts listening and serving in background threads. */
ng_status ng_server_start(const ng_server_options *opts, ng_server **out, ng_error *err);
/* The port it listens on. */
unsigned ng_server_port(const ng_server *s);
/* Stops taking connections (the listening socket is closed at once), closes
 * idle keep-alive connections and answers the rest with Connection: close,
 * waits up to grace_ms for the requests in flight to finish, answers any
 * work still waiting with 503, then closes everything and frees the server. */
void ng_server_stop(ng_server *s, unsigned grace_ms);

#endif
