/* handlers.c - the endpoints of the service, without sockets: routing by
 * method and path, media types, and for each endpoint the JSON it answers
 * with.  POST /v1/summarize answers with the document JSON of `nutgraf
 * summarize --json`; POST /v1/analyze adds the analysis arrays.  With an
 * archive (--db): GET /v1/search, GET and POST /v1/related (the JSON of
 * `nutgraf search/related --json`) and GET /v1/stories/ID (the stored
 * story).  Errors are {"error": {"http": N, "status": NAME, "message":
 * TEXT}}. */
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "output/jbuf.h"
#include "serve/serve.h"

#define JSON_TYPE "application/json"
#define NDJSON_TYPE "application/x-ndjson"

/* The page loads nothing from elsewhere: its script and style are inline. */
#define PAGE_CSP "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; " \
                 "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; " \
                 "frame-ancestors 'none'"

static const char nomem_body[] =
    "{\"error\":{\"http\":500,\"status\":\"nomem\",\"message\":\"out of memory\"}}";

void ng_serve_config_init(ng_serve_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->max_body = NG_SERVE_DEFAULT_MAX_BODY;
    /* The same defaults as `nutgraf summarize`; loading the built-in model
     * here also means no request thread ever loads it. */
    cfg->sum.method = ng_model_default() ? NG_METHOD_LEARNED : NG_METHOD_LEAD;
    cfg->sum.k = 0;
    cfg->sum.trim = NG_SERVE_TRIM_DEFAULT;
    cfg->sum.names = NG_NAMES_ANALYZE; /* a first highlight's leading pronoun named */
}

/* The model the learned method would use, or NULL. */
static const ng_model *model_of(const ng_serve_config *cfg)
{
    return cfg->sum.model ? cfg->sum.model : ng_model_default();
}

void ng_serve_response_free(ng_serve_response *res)
{
    if (!res->body_static) free(res->body);
    ng_serve_batch_free(res->stream);
    memset(res, 0, sizeof *res);
}

static void set_static(ng_serve_response *res, int status, const char *type, const char *body,
                       size_t len)
{
    res->status = status;
    res->content_type = type;
    res->body = (char *)body;
    res->len = len;
    res->body_static = 1;
}

static void set_nomem(ng_serve_response *res)
{
    if (!res->body_static) free(res->body);
    set_static(res, 500, JSON_TYPE, nomem_body, sizeof nomem_body - 1);
}

/* Takes a finished jbuf as the body, or answers 500 when it failed. */
static void set_jbuf(ng_serve_response *res, int status, ng_jbuf *b)
{
    if (b->failed) {
        ng_jbuf_free(b);
        set_nomem(res);
        return;
    }
    res->status = status;
    res->content_type = JSON_TYPE;
    res->body = b->data;
    res->len = b->len;
    res->body_static = 0;
}

static void set_error(ng_serve_response *res, int http, ng_status st, const char *message)
{
    ng_jbuf b;
    ng_jbuf_init(&b);
    const char *name = ng_status_name(st);
    ng_jbuf_printf(&b, "{\"error\":{\"http\":%d,\"status\":", http);
    ng_jbuf_string(&b, name, strlen(name));
    ng_jbuf_puts(&b, ",\"message\":");
    ng_jbuf_string(&b, message, strlen(message));
    ng_jbuf_puts(&b, "}}");
    set_jbuf(res, http, &b);
}

/* The HTTP status for a library status about the request's content. */
static int http_for(ng_status st)
{
    switch (st) {
    case NG_E_TOO_BIG: return 413;
    case NG_E_NOMEM:
    case NG_E_MODEL:
    case NG_E_IO: return 500;
    default: return 400;
    }
}

static void set_failure(ng_serve_response *res, const ng_error *err)
{
    set_error(res, http_for(err->status), err->status, err->message);
}

/* ---------------------------------------------------------- documents */

typedef struct doc_request {
    const char *bytes;
    size_t len;
    ng_format format;
    const char *title, *id;
    ng_summary_options sum;
    int analyze;
    ng_serve_analysis an;
} doc_request;

static ng_status set_given_fields(ng_doc *doc, const doc_request *r, ng_error *err)
{
    ng_status st = NG_OK;
    if (r->title && *r->title) st = ng_doc_set_field(doc, NG_FIELD_HEADLINE, r->title, strlen(r->title));
    if (st == NG_OK && r->id) st = ng_doc_set_field(doc, NG_FIELD_ID, r->id, strlen(r->id));
    return st == NG_OK ? NG_OK : ng_fail(err, st, 0, "out of memory");
}

static void run_document(const ng_serve_config *cfg, doc_request *r, ng_serve_response *res)
{
    ng_serve_resolve(&r->sum);
    ng_error err = {NG_OK, 0, ""};
    ng_read_options ro = {r->format, cfg->max_body};
    if (ro.format == NG_FORMAT_AUTO && ng_detect_format(r->bytes, r->len) == NG_FORMAT_JSON)
        ro.format = NG_FORMAT_TEXT; /* the body is the article itself, never a record */
    ng_doc *doc = NULL;
    char *json = NULL;
    size_t len = 0;
    ng_status st = NG_OK;
    if (r->sum.method == NG_METHOD_LEARNED && !model_of(cfg))
        st = ng_fail(&err, NG_E_ARG, 0, "no model is loaded for the learned method");
    if (st == NG_OK) st = ng_doc_read(r->bytes, r->len, &ro, &doc, &err);
    if (st == NG_OK) st = set_given_fields(doc, r, &err);
    if (st == NG_OK && r->analyze) { /* first, so that the highlights name whom a pronoun means */
        ng_analyze_options ao = {NULL, (size_t)r->an.max_tags, NULL, r->an.ner_passes};
        st = ng_analyze(doc, &ao, &err);
    }
    if (st == NG_OK) st = ng_summarize(doc, &r->sum, &err);
    if (st == NG_OK) st = ng_doc_to_json(doc, &json, &len, &err);
    ng_doc_free(doc);
    if (st != NG_OK) {
        free(json);
        set_failure(res, &err);
        return;
    }
    res->status = 200;
    res->content_type = JSON_TYPE;
    res->body = json;
    res->len = len;
}

static void handle_document(const ng_serve_config *cfg, const ng_serve_request *req,
                            const char *query, int analyze, ng_serve_response *res)
{
    char type[64];
    ng_serve_media_type(req->content_type, type, sizeof type);
    doc_request r = {req->body, req->len, NG_FORMAT_AUTO, NULL, NULL, cfg->sum, analyze, {0, 0}};
    ng_error err = {NG_OK, 0, ""};
    if (ng_serve_apply_query(query, &r.sum, analyze ? &r.an : NULL, &err) != NG_OK) {
        set_failure(res, &err);
        return;
    }
    if (!strcmp(type, "application/json")) {
        ng_serve_json_request jr;
        if (ng_serve_parse_json(req->body, req->len, &r.sum, analyze ? &r.an : NULL, &jr, &err) != NG_OK) {
            set_failure(res, &err);
            return;
        }
        r.bytes = jr.article;
        r.len = jr.article_len;
        r.format = jr.format;
        r.title = jr.title;
        r.id = jr.id;
        r.sum = jr.sum;
        r.an = jr.an;
        run_document(cfg, &r, res);
        ng_serve_json_request_free(&jr);
    } else if (!strcmp(type, "text/plain")) {
        run_document(cfg, &r, res);
    } else if (!strcmp(type, "text/html") || !strcmp(type, "application/xhtml+xml")) {
        r.format = NG_FORMAT_HTML;
        run_document(cfg, &r, res);
    } else {
        set_error(res, 415, NG_E_FORMAT,
                  "send application/json ({\"article\": ...}), text/plain or text/html");
    }
}

static int is_jsonl_type(const char *type)
{
    static const char *const types[] = {"application/x-ndjson", "application/jsonl",
                                        "application/x-jsonlines", "application/jsonlines",
                                        "application/json", "text/plain"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (!strcmp(type, types[i])) return 1;
    return 0;
}

static void handle_batch(const ng_serve_config *cfg, const ng_serve_request *req,
                         const char *query, ng_serve_response *res)
{
    ng_summary_options sum = cfg->sum; /* the media type was checked by check_head */
    ng_error err = {NG_OK, 0, ""};
    if (ng_serve_apply_query(query, &sum, NULL, &err) != NG_OK) {
        set_failure(res, &err);
        return;
    }
    res->stream = ng_serve_batch_new(&sum, cfg->max_body, req->body, req->len);
    if (!res->stream) {
        set_nomem(res);
        return;
    }
    res->status = 200;
    res->content_type = NDJSON_TYPE;
}

/* --------------------------------------------------------- small pages */

/* The program, the API, the methods on offer and the model in use. */
static void handle_version(const ng_serve_config *cfg, ng_serve_response *res)
{
    const ng_model *m = model_of(cfg);
    ng_jbuf b;
    ng_jbuf_init(&b);
    ng_jbuf_puts(&b, "{\"name\":\"nutgraf\",\"version\":\"" NG_VERSION "\",\"api\":\"v1\",\"default_method\":");
    const char *def = ng_method_name(cfg->sum.method);
    ng_jbuf_string(&b, def, strlen(def));
    ng_jbuf_puts(&b, m ? ",\"methods\":[\"learned\",\"lead\",\"textrank\"],\"models\":["
                       : ",\"methods\":[\"lead\",\"textrank\"],\"models\":[");
    if (m) {
        char desc[128];
        const char *src = cfg->model_source ? cfg->model_source : "built-in";
        ng_model_describe(m, desc, sizeof desc);
        ng_jbuf_puts(&b, "{\"method\":\"learned\",\"source\":");
        ng_jbuf_string(&b, src, strlen(src));
        ng_jbuf_puts(&b, ",\"description\":");
        ng_jbuf_string(&b, desc, strlen(desc));
        ng_jbuf_puts(&b, "}");
    }
    ng_jbuf_puts(&b, cfg->archive ? "],\"archive\":true}" : "],\"archive\":false}");
    set_jbuf(res, 200, &b);
}

static void handle_health(ng_serve_response *res)
{
    static const char body[] = "{\"status\":\"ok\"}";
    set_static(res, 200, JSON_TYPE, body, sizeof body - 1);
}

static void handle_page(ng_serve_response *res)
{
    set_static(res, 200, "text/html; charset=utf-8", ng_web_index_html, ng_web_index_html_len);
    res->csp = PAGE_CSP;
}

static void handle_openapi(ng_serve_response *res)
{
    set_static(res, 200, JSON_TYPE, ng_web_openapi_json, ng_web_openapi_json_len);
}

/* ------------------------------------------------------------ archive */

#define DEFAULT_RESULTS 10
#define MAX_RESULTS 100

static void put_key_string(ng_jbuf *b, const char *key, const char *v)
{
    ng_jbuf_key(b, key);
    ng_jbuf_string(b, v, v ? strlen(v) : 0);
}

/* {"query": q or "id": id, "results": [{"id", "score", "headline", "date",
 * "snippet"}]}, as `nutgraf search --json` and `related --json` write it. */
static void set_results(ng_serve_response *res, const char *key, const char *value,
                        const ng_archive_results *r)
{
    ng_jbuf b;
    ng_jbuf_init(&b);
    ng_jbuf_puts(&b, "{");
    put_key_string(&b, key, value);
    ng_jbuf_puts(&b, ",\"results\":[");
    for (size_t i = 0; i < ng_archive_results_count(r); i++) {
        ng_archive_hit h = ng_archive_result(r, i);
        ng_jbuf_puts(&b, i ? ",{" : "{");
        put_key_string(&b, "id", h.id);
        ng_jbuf_printf(&b, ",\"score\":%.6g,", h.score);
        put_key_string(&b, "headline", h.headline);
        ng_jbuf_puts(&b, ",");
        put_key_string(&b, "date", h.date);
        ng_jbuf_puts(&b, ",");
        put_key_string(&b, "snippet", h.snippet);
        ng_jbuf_puts(&b, "}");
    }
    ng_jbuf_puts(&b, "]}");
    set_jbuf(res, 200, &b);
}

/* A handle for this request, or 0 with res filled in (404 without --db). */
static int archive_take(const ng_serve_config *cfg, ng_archive **a, ng_serve_response *res)
{
    *a = NULL;
    if (!cfg->archive) {
        set_error(res, 404, NG_E_ARG, "no archive: start the service with nutgraf serve --db PATH");
        return 0;
    }
    ng_error err = {NG_OK, 0, ""};
    if (ng_serve_archive_take(cfg->archive, a, &err) != NG_OK) {
        set_error(res, 503, err.status, err.message);
        return 0;
    }
    return 1;
}

/* The n= of a query string (default 10), or 0 with a 400 in res. */
static size_t result_count(const char *query, ng_serve_response *res)
{
    char *n = ng_serve_query_param(query, "n");
    char *end = NULL;
    long v = n ? strtol(n, &end, 10) : DEFAULT_RESULTS;
    int ok = !n || (*n >= '0' && *n <= '9' && !*end && v >= 1 && v <= MAX_RESULTS);
    free(n);
    if (!ok) set_error(res, 400, NG_E_ARG, "n must be a whole number from 1 to 100");
    return ok ? (size_t)v : 0;
}

/* Gives the handle back (closed when its database failed) and answers an
 * archive failure: 400 for a bad query, 500 for the database. */
static void archive_done(const ng_serve_config *cfg, ng_archive *a, ng_status st, const ng_error *err,
                         ng_serve_response *res)
{
    ng_serve_archive_give(cfg->archive, a, st == NG_E_IO);
    if (st != NG_OK) set_failure(res, err);
}

/* GET /v1/search?q=QUERY&n=N */
static void handle_search(const ng_serve_config *cfg, const char *query, ng_serve_response *res)
{
    size_t n = result_count(query, res);
    if (!n) return;
    char *q = ng_serve_query_param(query, "q");
    ng_archive *a;
    if (!q || !*q) set_error(res, 400, NG_E_ARG, "give the query as q=");
    if (!q || !*q || !archive_take(cfg, &a, res)) {
        free(q);
        return;
    }
    ng_error err = {NG_OK, 0, ""};
    ng_archive_results *r = NULL;
    ng_status st = ng_archive_search(a, q, n, &r, &err);
    if (st == NG_OK) set_results(res, "query", q, r);
    archive_done(cfg, a, st, &err, res);
    ng_archive_results_free(r);
    free(q);
}

/* GET /v1/related?id=ID&n=N: the stored story's related stories. */
static void related_by_id(const ng_serve_config *cfg, const char *query, ng_serve_response *res)
{
    size_t n = result_count(query, res);
    if (!n) return;
    char *id = ng_serve_query_param(query, "id");
    ng_archive *a;
    if (!id || !*id) set_error(res, 400, NG_E_ARG, "give the stored story's id as id=");
    if (!id || !*id || !archive_take(cfg, &a, res)) {
        free(id);
        return;
    }
    ng_error err = {NG_OK, 0, ""};
    ng_archive_results *r = NULL;
    ng_status st = ng_archive_related(a, id, n, &r, &err);
    if (st == NG_OK && !r) set_error(res, 404, NG_E_ARG, "no stored story has that id");
    else if (st == NG_OK) set_results(res, "id", id, r);
    archive_done(cfg, a, st, &err, res);
    ng_archive_results_free(r);
    free(id);
}

/* POST /v1/related: an article (as /v1/analyze takes it), analysed, and
 * the stored stories most related to it. */
static void related_by_article(const ng_serve_config *cfg, const ng_serve_request *req,
                               const char *query, ng_serve_response *res)
{
    size_t n = result_count(query, res);
    if (!n) return;
    char type[64];
    ng_serve_media_type(req->content_type, type, sizeof type);
    ng_serve_json_request jr;
    memset(&jr, 0, sizeof jr);
    ng_error err = {NG_OK, 0, ""};
    ng_read_options ro = {NG_FORMAT_TEXT, cfg->max_body};
    const char *bytes = req->body, *id = NULL;
    size_t len = req->len;
    if (!strcmp(type, "application/json")) {
        if (ng_serve_parse_json(req->body, req->len, &cfg->sum, NULL, &jr, &err) != NG_OK) {
            set_failure(res, &err);
            return;
        }
        bytes = jr.article, len = jr.article_len, id = jr.id;
        ro.format = jr.format == NG_FORMAT_AUTO ? NG_FORMAT_TEXT : jr.format;
    } else if (strcmp(type, "text/plain")) {
        ro.format = NG_FORMAT_HTML;
    }
    ng_doc *doc = NULL;
    ng_status st = ng_doc_read(bytes, len, &ro, &doc, &err);
    if (st == NG_OK && jr.title && *jr.title)
        st = ng_doc_set_field(doc, NG_FIELD_HEADLINE, jr.title, strlen(jr.title));
    if (st == NG_OK && id) st = ng_doc_set_field(doc, NG_FIELD_ID, id, strlen(id));
    if (st == NG_OK) st = ng_analyze(doc, NULL, &err);
    ng_archive *a;
    if (st != NG_OK) set_failure(res, &err);
    else if (archive_take(cfg, &a, res)) {
        ng_archive_results *r = NULL;
        st = ng_archive_related_doc(a, doc, n, &r, &err);
        if (st == NG_OK) set_results(res, "id", id, r);
        archive_done(cfg, a, st, &err, res);
        ng_archive_results_free(r);
    }
    ng_doc_free(doc);
    ng_serve_json_request_free(&jr);
}

/* GET /v1/stories/ID: the stored story as `ng_archive_get` gives it. */
static void handle_story(const ng_serve_config *cfg, const char *path, ng_serve_response *res)
{
    size_t plen = strcspn(path, "?") - strlen("/v1/stories/");
    char *id = ng_serve_path_decode(path + strlen("/v1/stories/"), plen);
    ng_archive *a;
    if (!id) set_nomem(res);
    if (!id || !archive_take(cfg, &a, res)) {
        free(id);
        return;
    }
    ng_error err = {NG_OK, 0, ""};
    char *json = NULL;
    size_t len = 0;
    ng_status st = *id ? ng_archive_get(a, id, &json, &len, &err) : NG_OK;
    if (st == NG_OK && !json) set_error(res, 404, NG_E_ARG, "no stored story has that id");
    else if (st == NG_OK) {
        res->status = 200;
        res->content_type = JSON_TYPE;
        res->body = json;
        res->len = len;
    }
    archive_done(cfg, a, st, &err, res);
    free(id);
}

/* -------------------------------------------------------------- routing */

enum route {
    R_PAGE, R_HEALTH, R_VERSION, R_OPENAPI, R_SUMMARIZE, R_ANALYZE, R_BATCH, R_SEARCH, R_RELATED,
    R_STORY
};

#define STORY_PREFIX "/v1/stories/"

static const struct {
    const char *path;
    enum route route;
    int post; /* 1: POST only; 2: POST, GET and HEAD; 0: GET and HEAD */
} routes[] = {
    {"/", R_PAGE, 0},
    {"/index.html", R_PAGE, 0},
    {"/healthz", R_HEALTH, 0},
    {"/v1/version", R_VERSION, 0},
    {"/v1/openapi.json", R_OPENAPI, 0},
    {"/v1/summarize", R_SUMMARIZE, 1},
    {"/v1/analyze", R_ANALYZE, 1},
    {"/v1/batch", R_BATCH, 1},
    {"/v1/search", R_SEARCH, 0},
    {"/v1/related", R_RELATED, 2},
    {STORY_PREFIX, R_STORY, 0}, /* a prefix: /v1/stories/ID */
};

static int find_route(const char *path, size_t len)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        size_t n = strlen(routes[i].path);
        if (routes[i].route == R_STORY ? len > n && !memcmp(routes[i].path, path, n)
                                       : n == len && !memcmp(routes[i].path, path, len))
            return (int)i;
    }
    return -1;
}

static int method_fits(const char *method, int post)
{
    if (post == 1) return !strcmp(method, "POST");
    return !strcmp(method, "GET") || !strcmp(method, "HEAD") || (post == 2 && !strcmp(method, "POST"));
}

static void dispatch(const ng_serve_config *cfg, const ng_serve_request *req, enum route route,
                     const char *query, ng_serve_response *res)
{
    switch (route) {
    case R_PAGE: handle_page(res); break;
    case R_HEALTH: handle_health(res); break;
    case R_VERSION: handle_version(cfg, res); break;
    case R_OPENAPI: handle_openapi(res); break;
    case R_SUMMARIZE: handle_document(cfg, req, query, 0, res); break;
    case R_ANALYZE: handle_document(cfg, req, query, 1, res); break;
    case R_BATCH: handle_batch(cfg, req, query, res); break;
    case R_SEARCH: handle_search(cfg, query, res); break;
    case R_RELATED:
        if (!strcmp(req->method, "POST")) related_by_article(cfg, req, query, res);
        else related_by_id(cfg, query, res);
        break;
    case R_STORY: handle_story(cfg, req->path, res); break;
    }
}

static int is_document_type(const char *type)
{
    return !strcmp(type, "application/json") || !strcmp(type, "text/plain") ||
           !strcmp(type, "text/html") || !strcmp(type, "application/xhtml+xml");
}

/* What the request line and headers decide alone: 404, 405 and 415.
 * Returns the route's index, or -1 with res filled in. */
static int check_head(const ng_serve_request *req, ng_serve_response *res, const char **query)
{
    const char *path = req->path ? req->path : "";
    const char *q = strchr(path, '?');
    size_t plen = q ? (size_t)(q - path) : strlen(path);
    *query = q ? q + 1 : NULL;
    int i = find_route(path, plen);
    if (i < 0) {
        set_error(res, 404, NG_E_ARG, "no such endpoint (see /v1/openapi.json)");
        return -1;
    }
    if (!req->method || !method_fits(req->method, routes[i].post)) {
        set_error(res, 405, NG_E_ARG, routes[i].post == 1 ? "use POST" : routes[i].post ? "use GET or POST" : "use GET");
        res->allow = routes[i].post == 1 ? "POST" : routes[i].post ? "GET, HEAD, POST" : "GET, HEAD";
        return -1;
    }
    char type[64];
    ng_serve_media_type(req->content_type, type, sizeof type);
    int takes_article = routes[i].route == R_SUMMARIZE || routes[i].route == R_ANALYZE ||
                        (routes[i].route == R_RELATED && !strcmp(req->method, "POST"));
    if (takes_article && !is_document_type(type)) {
        set_error(res, 415, NG_E_FORMAT, "send application/json ({\"article\": ...}), text/plain or text/html");
        return -1;
    }
    if (routes[i].route == R_BATCH && !is_jsonl_type(type)) {
        set_error(res, 415, NG_E_FORMAT, "send JSON Lines (application/x-ndjson), one record a line");
        return -1;
    }
    return i;
}

int ng_serve_is_heavy(const char *path)
{
    int i = find_route(path, strcspn(path, "?"));
    return i >= 0 && (routes[i].route == R_SUMMARIZE || routes[i].route == R_ANALYZE ||
                      routes[i].route == R_SEARCH || routes[i].route == R_RELATED ||
                      routes[i].route == R_STORY); /* analysis or database work */
}

int ng_serve_early(const ng_serve_request *req, ng_serve_response *res)
{
    const char *query;
    memset(res, 0, sizeof *res);
    return check_head(req, res, &query) < 0;
}

void ng_serve_route(const ng_serve_config *cfg, const ng_serve_request *req, ng_serve_response *res)
{
    ng_serve_config defaults;
    if (!cfg) {
        ng_serve_config_init(&defaults);
        cfg = &defaults;
    }
    memset(res, 0, sizeof *res);
    const char *query;
    int i = check_head(req, res, &query);
    if (i < 0) return;
    if (req->len > cfg->max_body) {
        set_error(res, 413, NG_E_TOO_BIG, "the body is over the size limit");
        return;
    }
    if (!req->body && req->len) {
        set_error(res, 400, NG_E_ARG, "no body");
        return;
    }
    dispatch(cfg, req, routes[i].route, query, res);
}

/* Collects a stream into one malloc'd body. */
static void drain_stream(ng_serve_response *res)
{
    ng_jbuf b;
    ng_jbuf_init(&b);
    ng_jbuf_put(&b, "", 0);
    const char *line;
    size_t len;
    while (ng_serve_batch_next(res->stream, &line, &len)) ng_jbuf_put(&b, line, len);
    ng_serve_batch_free(res->stream);
    res->stream = NULL;
    set_jbuf(res, res->status, &b);
    if (res->status == 200) res->content_type = NDJSON_TYPE;
}

int ng_serve_handle(const ng_serve_config *cfg, const char *method, const char *path,
                    const char *content_type, const char *body, size_t len, int *status,
                    char **out, size_t *outlen)
{
    ng_serve_request req = {method, path, content_type, body, len};
    ng_serve_response res;
    ng_serve_route(cfg, &req, &res);
    if (res.stream) drain_stream(&res);
    char *copy = malloc(res.len + 1);
    int st = copy ? res.status : 500;
    if (copy) {
        if (res.len) memcpy(copy, res.body, res.len);
        copy[res.len] = '\0';
    }
    if (outlen) *outlen = copy ? res.len : 0;
    ng_serve_response_free(&res);
    if (status) *status = st;
    if (out) *out = copy;
    else free(copy);
    return st;
}
