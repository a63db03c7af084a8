/* test_serve.c - the service's request handling without sockets: routing
 * (404, 405 with Allow), media types (415), JSON bodies and their errors
 * (400), the size limit (413), query options, the analysis fields, the batch
 * stream in order, the archive endpoints (against a temporary SQLite
 * archive, and 404 without one), and a real server started on a free port
 * and stopped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "serve/serve.h"

static const char article[] = "First sentence here. Second sentence here. Third one. Fourth one.";

/* Handles a request with the defaults; returns the status, body in *out. */
static int call(const char *method, const char *path, const char *type, const char *body, char **out)
{
    int status = 0;
    size_t len = 0;
    int rc = ng_serve_handle(NULL, method, path, type, body, body ? strlen(body) : 0, &status, out, &len);
    assert_int_equal(rc, status);
    assert_non_null(*out);
    assert_int_equal(strlen(*out), len);
    return status;
}

static void expect(const char *method, const char *path, const char *type, const char *body, int want,
                   const char *needle)
{
    char *out = NULL;
    int st = call(method, path, type, body, &out);
    if (st != want || (needle && !strstr(out, needle)))
        fail_msg("%s %s: got %d %s, want %d with %s", method, path, st, out, want, needle ? needle : "");
    free(out);
}

static void test_routes_and_methods(void **state)
{
    (void)state;
    expect("GET", "/healthz", NULL, NULL, 200, "{\"status\":\"ok\"}");
    expect("HEAD", "/healthz", NULL, NULL, 200, "ok");
    expect("GET", "/v1/version", NULL, NULL, 200, "\"version\":\"" NG_VERSION "\"");
    expect("GET", "/v1/openapi.json", NULL, NULL, 200, "\"openapi\": \"3.0.3\"");
    expect("GET", "/", NULL, NULL, 200, "<!doctype html>");
    expect("GET", "/?x=1", NULL, NULL, 200, "<!doctype html>");
    expect("GET", "/nope", NULL, NULL, 404, "\"http\":404");
    expect("GET", "", NULL, NULL, 404, NULL);
    expect("GET", "/v1/summarize", NULL, NULL, 405, "use POST");
    expect("POST", "/healthz", "text/plain", "x", 405, "use GET");
    expect(NULL, "/", NULL, NULL, 405, NULL);

    ng_serve_request req = {"PUT", "/v1/batch", NULL, NULL, 0};
    ng_serve_response res;
    ng_serve_route(NULL, &req, &res);
    assert_int_equal(res.status, 405);
    assert_string_equal(res.allow, "POST");
    ng_serve_response_free(&res);
    req = (ng_serve_request){"POST", "/v1/batch?k=2", "application/x-ndjson", NULL, 0};
    assert_int_equal(ng_serve_early(&req, &res), 0);
    req.content_type = "image/png";
    assert_int_equal(ng_serve_early(&req, &res), 1);
    assert_int_equal(res.status, 415);
    ng_serve_response_free(&res);
    req = (ng_serve_request){"GET", "/", NULL, NULL, 0};
    ng_serve_route(NULL, &req, &res);
    assert_non_null(res.csp);
    assert_int_equal(res.len, ng_web_index_html_len);
    ng_serve_response_free(&res);
}

static void test_summarize_bodies(void **state)
{
    (void)state;
    expect("POST", "/v1/summarize", "text/plain", article, 200, "\"sentence_count\":4");
    expect("POST", "/v1/summarize?k=1&method=lead", "text/plain; charset=utf-8", article, 200,
           "\"highlights\":[{\"sentence\":0,");
    expect("POST", "/v1/summarize", "application/json",
           "{\"article\":\"One here. Two here. Three here.\",\"k\":1,\"title\":\"T\",\"id\":\"i\"}", 200,
           "\"id\":\"i\",\"format\":\"text\",\"headline\":\"T\"");
    expect("POST", "/v1/summarize", "Application/JSON", "{\"text\":\"One here.\"}", 200, "One here.");
    expect("POST", "/v1/summarize", "text/html", "<html><body><p>One here. Two here.</p></body></html>", 200,
           "\"format\":\"html\"");
    expect("POST", "/v1/analyze", "text/plain", article, 200, ",\"quotes\":[],\"entities\":[],\"tags\":[]}");
    /* A text body that looks like JSON is still the article. */
    expect("POST", "/v1/summarize", "text/plain", "{not a record. Just text here.", 200, "\"format\":\"text\"");
}

/* How many tags an answer has (the tags array comes last). */
static int tag_count(const char *method, const char *path, const char *type, const char *body)
{
    char *out = NULL;
    assert_int_equal(call(method, path, type, body, &out), 200);
    const char *t = strstr(out, "\"tags\":[");
    assert_non_null(t);
    int n = 0;
    for (const char *p = t; (p = strstr(p, "\"text\":")) != NULL; p++) n++;
    free(out);
    return n;
}

/* /v1/analyze takes ner_passes and max_tags from the query or the JSON
 * body; /v1/summarize ignores them. */
static void test_analysis_options(void **state)
{
    (void)state;
    const char *story = "\"We disagree on human rights,\" Michael Posner said in Beijing on Thursday. Posner met "
                        "officials of the Foreign Ministry. China and the United States held talks on human rights. "
                        "Posner said China must change.";
    int all = tag_count("POST", "/v1/analyze", "text/plain", story);
    assert_true(all >= 2);
    assert_int_equal(tag_count("POST", "/v1/analyze?max_tags=1", "text/plain", story), 1);
    assert_int_equal(tag_count("POST", "/v1/analyze?max_tags=1&ner_passes=2", "text/plain", story), 1);
    char body[512];
    snprintf(body, sizeof body, "{\"article\":\"%s\",\"max_tags\":1,\"ner_passes\":2}",
             "Michael Posner met officials in Beijing on Thursday. Posner met officials of the Foreign Ministry. "
             "China and the United States held talks on human rights. Posner said China must change.");
    assert_int_equal(tag_count("POST", "/v1/analyze", "application/json", body), 1);
    expect("POST", "/v1/analyze?ner_passes=2", "text/plain", story, 200, "\"name\":\"Michael Posner\"");
    expect("POST", "/v1/analyze?ner_passes=3", "text/plain", story, 400, "ner_passes must be 1 or 2");
    expect("POST", "/v1/analyze?max_tags=0", "text/plain", story, 400, "max_tags must be");
    expect("POST", "/v1/analyze", "application/json", "{\"article\":\"x y.\",\"ner_passes\":0}", 400,
           "ner_passes\\\" must be a whole number from 1 to 2");
    expect("POST", "/v1/analyze", "application/json", "{\"article\":\"x y.\",\"max_tags\":\"3\"}", 400,
           "max_tags");
    expect("POST", "/v1/summarize?ner_passes=3&max_tags=0", "text/plain", story, 200, "\"highlights\"");
    expect("POST", "/v1/summarize", "application/json", "{\"article\":\"x y.\",\"ner_passes\":0}", 200, NULL);
}

/* /v1/analyze analyses before it summarizes: a first highlight opening on
 * "He" gets the person's name; /v1/summarize too, as nutgraf summarize
 * (it analyses such a story itself); a story with no person yields. */
static void test_analyze_names_pronoun(void **state)
{
    (void)state;
    if (!ng_model_default() || !ng_ner_model_default()) skip();
    const char *story =
        "Rights talks end in Beijing\n\n(Michael Posner is the top U.S. diplomat for human rights.) He told "
        "reporters in Beijing on Tuesday that the United States had raised the cases of jailed lawyers and "
        "dissidents during two days of human rights talks with Chinese officials.\n\nThe talks, the first in two "
        "years, covered freedom of religion, labor rights and the rule of law, according to a statement from the "
        "State Department.\n\nPosner said he was encouraged by the frank tone of the meetings.\n\nThe next round "
        "of talks is expected to be held in Washington next year.\n";
    expect("POST", "/v1/analyze?k=1", "text/plain", story, 200, "\"text\":\"Michael Posner told reporters");
    expect("POST", "/v1/summarize?k=1", "text/plain", story, 200, "\"text\":\"Michael Posner told reporters");
    const char *nobody =
        "Rights talks end in Beijing\n\n(The talks were held behind closed doors.) He told "
        "reporters in Beijing on Tuesday that the United States had raised the cases of jailed lawyers and "
        "dissidents during two days of human rights talks with Chinese officials.\n\nThe talks, the first in two "
        "years, covered freedom of religion, labor rights and the rule of law, according to a statement from the "
        "State Department.\n\nOfficials said the meetings were frank.\n\nThe next round "
        "of talks is expected to be held in Washington next year.\n";
    char *out = NULL;
    assert_int_equal(call("POST", "/v1/analyze?k=1", "text/plain", nobody, &out), 200);
    assert_null(strstr(out, "\"highlights\":[{\"sentence\":1,"));
    assert_non_null(strstr(out, "\"highlights\":[{\"sentence\":"));
    free(out);
}

static void test_errors(void **state)
{
    (void)state;
    expect("POST", "/v1/summarize", "application/json", "{\"article\":", 400, "broken JSON");
    expect("POST", "/v1/summarize", "application/json", "", 400, "broken JSON");
    expect("POST", "/v1/summarize", "application/json", "{\"a\":1} {", 400, "text after the object");
    expect("POST", "/v1/summarize", "application/json", "[]", 400, "must be a JSON object");
    expect("POST", "/v1/summarize", "application/json", "{}", 400, "missing field");
    expect("POST", "/v1/summarize", "application/json", "{\"article\":[]}", 400, "must be a string");
    expect("POST", "/v1/summarize", "application/json", "{\"article\":\"x y.\",\"k\":101}", 400, "must be a whole number");
    expect("POST", "/v1/summarize", "application/json", "{\"article\":\"x y.\",\"k\":1e999}", 400, "must be a whole number");
    expect("POST", "/v1/summarize", "application/json", "{\"article\":\"x y.\",\"words\":-1}", 400, "words");
    expect("POST", "/v1/summarize", "application/json", "{\"article\":\"x y.\",\"method\":\"x\"}", 400,
           "learned, lead or textrank");
    expect("POST", "/v1/summarize", "application/json", "{\"article\":\"x y.\",\"id\":{}}", 400, "id");
    expect("POST", "/v1/summarize", "application/json", "{\"article\":\" \"}", 400, "\"status\":\"empty\"");
    expect("POST", "/v1/summarize?k=0", "text/plain", article, 400, "k must be");
    expect("POST", "/v1/summarize?method=%6Cead&k=%32", "text/plain", article, 200, NULL);
    expect("POST", "/v1/summarize", NULL, article, 415, "\"http\":415");
    expect("POST", "/v1/summarize", "application/x-www-form-urlencoded", "a=b", 415, NULL);
    expect("POST", "/v1/batch", "text/html", "x", 415, NULL);

    ng_serve_config cfg;
    ng_serve_config_init(&cfg);
    cfg.max_body = 10;
    int status = 0;
    char *out = NULL;
    ng_serve_handle(&cfg, "POST", "/v1/summarize", "text/plain", article, strlen(article), &status, &out, NULL);
    assert_int_equal(status, 413);
    assert_non_null(strstr(out, "too_big"));
    free(out);
}

static void test_query_and_media_type(void **state)
{
    (void)state;
    char t[16];
    ng_serve_media_type(" Text/Plain ; charset=utf-8", t, sizeof t);
    assert_string_equal(t, "text/plain");
    ng_serve_media_type("application/a-very-long-media-type", t, sizeof t);
    assert_string_equal(t, "");
    ng_serve_media_type(NULL, t, sizeof t);
    assert_string_equal(t, "");
    ng_summary_options sum = {.method = NG_METHOD_LEAD, .k = 3};
    assert_int_equal(ng_serve_apply_query("k=7&words=40&method=textrank&other=%zz&", &sum, NULL, NULL), NG_OK);
    assert_int_equal(sum.k, 7);
    assert_int_equal(sum.max_words, 40);
    assert_int_equal(sum.method, NG_METHOD_TEXTRANK);
    assert_int_equal(ng_serve_apply_query("k=1x", &sum, NULL, NULL), NG_E_ARG);
    assert_int_equal(ng_serve_apply_query("k=%", &sum, NULL, NULL), NG_E_ARG);
    assert_int_equal(sum.k, 7);
    /* the analysis' parameters, only where they are asked for */
    ng_serve_analysis an = {0, 0};
    assert_int_equal(ng_serve_apply_query("ner_passes=2&max_tags=%33", &sum, &an, NULL), NG_OK);
    assert_int_equal(an.ner_passes, 2);
    assert_int_equal(an.max_tags, 3);
    assert_int_equal(ng_serve_apply_query("ner_passes=3", &sum, &an, NULL), NG_E_ARG);
    assert_int_equal(ng_serve_apply_query("max_tags=0", &sum, &an, NULL), NG_E_ARG);
    assert_int_equal(ng_serve_apply_query("max_tags=101", &sum, &an, NULL), NG_E_ARG);
    assert_int_equal(an.ner_passes, 2);
    assert_int_equal(ng_serve_apply_query("ner_passes=3&max_tags=0", &sum, NULL, NULL), NG_OK);
}

static void test_batch_stream(void **state)
{
    (void)state;
    const char in[] = "{\"id\":\"a\",\"article\":\"One here. Two here.\"}\n"
                      "{broken\n"
                      "   \r\n"
                      "{\"id\":\"c\",\"text\":\"Three here.\"}";
    ng_summary_options sum = {.method = NG_METHOD_LEAD, .k = 1};
    ng_serve_batch *b = ng_serve_batch_new(&sum, 1 << 20, in, sizeof in - 1);
    assert_non_null(b);
    const char *line;
    size_t len;
    assert_int_equal(ng_serve_batch_next(b, &line, &len), 1);
    assert_true(!strncmp(line, "{\"id\":\"a\"", 9) && line[len - 1] == '\n');
    assert_int_equal(ng_serve_batch_next(b, &line, &len), 1);
    assert_non_null(strstr(line, "\"line\":2}}\n"));
    assert_int_equal(ng_serve_batch_next(b, &line, &len), 1);
    assert_true(!strncmp(line, "{\"id\":\"c\"", 9));
    assert_int_equal(ng_serve_batch_next(b, &line, &len), 0);
    ng_serve_batch_free(b);
    expect("POST", "/v1/batch", "application/x-ndjson", "", 200, "");
    /* a record the reader refuses keeps its id in the error line */
    expect("POST", "/v1/batch", "application/x-ndjson", "{\"id\":\"r7\",\"title\":\"no article\"}\n", 200,
           "{\"id\":\"r7\",\"error\":");
}

/* A NUL inside a JSON string is refused (400), never a silent cut. */
static void test_nul_in_json(void **state)
{
    (void)state;
    expect("POST", "/v1/summarize", "application/json",
           "{\"article\": \"First one here.\\u0000 Second one here. Third.\"}", 400, "NUL character");
    expect("POST", "/v1/analyze", "application/json",
           "{\"article\": \"One here.\", \"title\": \"a\\u0000b\"}", 400, "\\\\u0000) at byte 37");
    /* an escaped backslash before u0000 is text, not a NUL */
    expect("POST", "/v1/summarize", "application/json",
           "{\"article\": \"First one here \\\\u0000. Second one here.\"}", 200, "\\\\u0000");
    expect("POST", "/v1/batch", "application/x-ndjson",
           "{\"id\":\"n1\",\"article\":\"One.\\u0000 Two.\"}\n", 200,
           "{\"id\":\"n1\",\"error\":{\"status\":\"json\",\"message\":\"the record holds a NUL");
}

typedef struct count_job {
    ng_pool_job base;
    int *counter;
} count_job;

static void count_run(ng_pool_job *j)
{
    __atomic_fetch_add(((count_job *)j)->counter, 1, __ATOMIC_SEQ_CST);
}

/* The pool refuses past its queue's capacity and runs every job it took,
 * those still queued at the end included. */
static void test_pool(void **state)
{
    (void)state;
    int counter = 0;
    count_job jobs[3];
    ng_pool *p = ng_pool_new(1, 3);
    assert_non_null(p);
    int taken = 0;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(ng_pool_reserve(p), 1);
        jobs[i].base.run = count_run;
        jobs[i].counter = &counter;
        taken++;
    }
    assert_int_equal(ng_pool_reserve(p), 0); /* full: three slots reserved */
    unsigned queued, running;
    ng_pool_stats(p, &queued, &running);
    assert_int_equal(queued, 3);
    for (int i = 0; i < taken; i++) ng_pool_push(p, &jobs[i].base);
    ng_pool_free(p);
    assert_int_equal(counter, 3);
}

static void test_server_start_stop(void **state)
{
    (void)state;
    ng_server_options o;
    memset(&o, 0, sizeof o);
    ng_serve_config_init(&o.handler);
    o.threads = 2;
    ng_server *s = NULL;
    assert_int_equal(ng_server_start(&o, &s, NULL), NG_OK);
    assert_true(ng_server_port(s) > 0);
    ng_server_stop(s, 100);
    o.bind = "not-an-address";
    ng_error err;
    assert_int_equal(ng_server_start(&o, &s, &err), NG_E_ARG);
    assert_null(s);
    o.bind = "::1";
    if (ng_server_start(&o, &s, NULL) == NG_OK) ng_server_stop(s, 0); /* where IPv6 exists */
}

/* Handles a request with cfg; returns the status, body in *out. */
static int call_cfg(const ng_serve_config *cfg, const char *method, const char *path, const char *type,
                    const char *body, char **out)
{
    int status = 0;
    ng_serve_handle(cfg, method, path, type, body, body ? strlen(body) : 0, &status, out, NULL);
    assert_non_null(*out);
    return status;
}

static void test_archive_endpoints(void **state)
{
    (void)state;
    /* without --db: 404 naming the option, and the routes' methods */
    expect("GET", "/v1/search?q=x", NULL, NULL, 404, "serve --db PATH");
    expect("GET", "/v1/stories/x", NULL, NULL, 404, "serve --db PATH");
    expect("GET", "/v1/stories/", NULL, NULL, 404, "no such endpoint");
    expect("POST", "/v1/search?q=x", "text/plain", "x", 405, "use GET");
    expect("POST", "/v1/related", "image/png", "x", 415, NULL);
    ng_serve_request req = {"DELETE", "/v1/related", NULL, NULL, 0};
    ng_serve_response res;
    ng_serve_route(NULL, &req, &res);
    assert_int_equal(res.status, 405);
    assert_string_equal(res.allow, "GET, HEAD, POST");
    ng_serve_response_free(&res);
    assert_true(ng_serve_is_heavy("/v1/related?id=x"));
    assert_true(ng_serve_is_heavy("/v1/stories/x"));

    /* with an archive of one story */
    char path[64];
    snprintf(path, sizeof path, "/tmp/ng-test-serve-%d.db", (int)getpid());
    unlink(path);
    ng_archive *a = NULL;
    assert_int_equal(ng_archive_open(path, &a, NULL), NG_OK);
    const char *json = "{\"id\":\"a/b c\",\"title\":\"Rain in Paris\",\"article\":\"It rained in Paris all week.\"}";
    ng_read_options ro = {.format = NG_FORMAT_JSON};
    ng_doc *doc = NULL;
    assert_int_equal(ng_doc_read(json, strlen(json), &ro, &doc, NULL), NG_OK);
    assert_int_equal(ng_analyze(doc, NULL, NULL), NG_OK);
    assert_int_equal(ng_archive_put(a, doc, NULL, NULL, NULL), NG_OK);
    ng_doc_free(doc);
    ng_archive_close(a);
    ng_serve_config cfg;
    ng_serve_config_init(&cfg);
    assert_int_equal(ng_serve_archives_new(path, &cfg.archive, NULL), NG_OK);
    char *out = NULL;
    assert_int_equal(call_cfg(&cfg, "GET", "/v1/search?q=rained+Paris", NULL, NULL, &out), 200);
    assert_non_null(strstr(out, "{\"query\":\"rained Paris\",\"results\":[{\"id\":\"a/b c\""));
    free(out);
    assert_int_equal(call_cfg(&cfg, "GET", "/v1/stories/a%2Fb%20c", NULL, NULL, &out), 200);
    assert_non_null(strstr(out, "\"headline\":\"Rain in Paris\""));
    free(out);
    assert_int_equal(call_cfg(&cfg, "GET", "/v1/stories/zz", NULL, NULL, &out), 404);
    free(out);
    assert_int_equal(call_cfg(&cfg, "GET", "/v1/search?q=date:2015-13", NULL, NULL, &out), 400);
    assert_non_null(strstr(out, "bad date range"));
    free(out);
    assert_int_equal(call_cfg(&cfg, "POST", "/v1/related", "application/json", "{\"article\": 3}", &out), 400);
    free(out);
    assert_int_equal(call_cfg(&cfg, "POST", "/v1/related", "text/plain", "Rain fell in Paris.", &out), 200);
    assert_non_null(strstr(out, "{\"id\":null,\"results\":[{\"id\":\"a/b c\""));
    free(out);
    ng_serve_archives_free(cfg.archive);
    unlink(path);
    char wal[80];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_routes_and_methods), cmocka_unit_test(test_summarize_bodies),
        cmocka_unit_test(test_errors), cmocka_unit_test(test_analysis_options),
        cmocka_unit_test(test_analyze_names_pronoun),
        cmocka_unit_test(test_query_and_media_type),
        cmocka_unit_test(test_batch_stream),       cmocka_unit_test(test_server_start_stop),
        cmocka_unit_test(test_nul_in_json),        cmocka_unit_test(test_pool),
        cmocka_unit_test(test_archive_endpoints),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
