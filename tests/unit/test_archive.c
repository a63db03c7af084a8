/* test_archive.c - the archive on a temporary SQLite file, or, when
 * NG_TEST_PG_URI names a PostgreSQL database (tests/cli/archive_pg.sh
 * starts a throwaway server), the same cases on PostgreSQL: storing and
 * replacing stories, reading them back, search (words, phrases, entity:,
 * tag:, date ranges), related stories (never the story itself), near-copy
 * groups, the query parser and its PostgreSQL rendering, the record decoder
 * on damaged bytes, and clear errors for corrupt, foreign and locked
 * databases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive_int.h"
#include "nutgraf.h"

static const char *const stories[][3] = {
    {"kidney", "Six patients get kidneys in a chain of donations",
     "Zully Broussard gave one of her kidneys to a stranger. Her generosity paired up with big data. "
     "Six patients received transplants at California Pacific Medical Center in San Francisco. "
     "Surgeons say the kidney chain swaps donors and recipients."},
    {"posner", "U.S. warns China on human rights",
     "Michael Posner, the U.S. assistant secretary of state, said the talks with China on human rights "
     "were tough. China's Foreign Ministry spokesman Hong Lei said the United States should respect "
     "China's sovereignty. Posner said the dialogue in Beijing covered detained lawyers."},
    {"clinton", "Clinton: Human rights won't top agenda with China",
     "Hillary Clinton said human rights would not top the agenda in talks with China. Clinton said "
     "the United States and China face economic and security crises. Activists in Beijing said "
     "they were disappointed by the remarks on human rights."},
    {"football", "Barcelona beat Madrid in the league",
     "Lionel Messi scored twice as Barcelona beat Real Madrid at the Camp Nou on Sunday. The win "
     "puts Barcelona four points clear at the top of the Spanish league with ten games left."},
};

static char db_path[64];

/* The PostgreSQL database under test, or NULL for SQLite files. */
static const char *pg_uri(void)
{
    const char *u = getenv("NG_TEST_PG_URI");
    return u && *u ? u : NULL;
}

/* Runs sql on a connection of the test's own (NULL: a new one, returned). */
static PGconn *pg_exec(PGconn *c, const char *sql)
{
    if (!c) c = PQconnectdb(pg_uri());
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        fail_msg("%s: %s", sql, PQerrorMessage(c));
    PQclear(r);
    return c;
}

static ng_doc *doc_of(const char *id, const char *title, const char *body)
{
    char json[4096];
    snprintf(json, sizeof json, "{\"id\":\"%s\",\"title\":\"%s\",\"article\":\"%s\"}", id, title, body);
    ng_read_options ro = {.format = NG_FORMAT_JSON};
    ng_doc *doc = NULL;
    assert_int_equal(ng_doc_read(json, strlen(json), &ro, &doc, NULL), NG_OK);
    assert_int_equal(ng_analyze(doc, NULL, NULL), NG_OK);
    assert_int_equal(ng_summarize(doc, NULL, NULL), NG_OK);
    return doc;
}

static void put(ng_archive *a, const char *id, const char *title, const char *body,
                ng_archive_put_info *info)
{
    ng_doc *doc = doc_of(id, title, body);
    ng_error err;
    assert_int_equal(ng_archive_put(a, doc, NULL, info, &err), NG_OK);
    ng_doc_free(doc);
}

static ng_archive *fresh(void)
{
    snprintf(db_path, sizeof db_path, "/tmp/ng-test-archive-%d.db", (int)getpid());
    unlink(db_path);
    if (pg_uri()) /* an empty database: the archive makes its schema again */
        PQfinish(pg_exec(NULL, "DROP TABLE IF EXISTS band, story, vocab, nutgraf_meta CASCADE"));
    ng_archive *a = NULL;
    ng_error err;
    ng_status st = ng_archive_open(pg_uri() ? pg_uri() : db_path, &a, &err);
    if (st != NG_OK) fail_msg("%s", err.message);
    for (size_t i = 0; i < sizeof stories / sizeof stories[0]; i++)
        put(a, stories[i][0], stories[i][1], stories[i][2], NULL);
    return a;
}

static void finish(ng_archive *a)
{
    ng_archive_close(a);
    char p[80];
    unlink(db_path);
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
}

static void test_put_get_replace(void **state)
{
    (void)state;
    ng_archive *a = fresh();
    size_t n = 0;
    assert_int_equal(ng_archive_count(a, &n, NULL), NG_OK);
    assert_int_equal(n, 4);
    char *json = NULL;
    size_t len = 0;
    assert_int_equal(ng_archive_get(a, "posner", &json, &len, NULL), NG_OK);
    assert_non_null(json);
    assert_int_equal(strlen(json), len);
    assert_non_null(strstr(json, "\"headline\":\"U.S. warns China on human rights\""));
    assert_non_null(strstr(json, "\"entities\":[{\"name\":"));
    assert_non_null(strstr(json, "Michael Posner"));
    free(json);
    assert_int_equal(ng_archive_get(a, "nosuch", &json, &len, NULL), NG_OK);
    assert_null(json);
    /* the same id again replaces the story */
    ng_archive_put_info info;
    put(a, "posner", "Talks end", "The talks ended in Geneva without a statement on trade tariffs.", &info);
    assert_true(info.replaced);
    assert_string_equal(info.id, "posner");
    assert_int_equal(ng_archive_count(a, &n, NULL), NG_OK);
    assert_int_equal(n, 4);
    assert_int_equal(ng_archive_get(a, "posner", &json, &len, NULL), NG_OK);
    assert_non_null(strstr(json, "Geneva"));
    assert_null(strstr(json, "Hong Lei"));
    free(json);
    /* the old text is no longer found, the new one is */
    ng_archive_results *r = NULL;
    assert_int_equal(ng_archive_search(a, "\"Hong Lei\"", 10, &r, NULL), NG_OK);
    assert_int_equal(ng_archive_results_count(r), 0);
    ng_archive_results_free(r);
    assert_int_equal(ng_archive_search(a, "Geneva", 10, &r, NULL), NG_OK);
    assert_int_equal(ng_archive_results_count(r), 1);
    ng_archive_results_free(r);
    /* no record id: a hash of the body */
    ng_read_options ro = {.format = NG_FORMAT_TEXT};
    ng_doc *doc = NULL;
    const char *text = "A short story about rain in Paris. It rained all week.";
    assert_int_equal(ng_doc_read(text, strlen(text), &ro, &doc, NULL), NG_OK);
    assert_int_equal(ng_archive_put(a, doc, NULL, &info, NULL), NG_OK);
    assert_int_equal(info.id[0], 'h');
    assert_int_equal(strlen(info.id), 17);
    assert_int_equal(ng_archive_put(a, doc, "custom-id", &info, NULL), NG_OK);
    assert_string_equal(info.id, "custom-id");
    ng_doc_free(doc);
    finish(a);
}

static const char *top_id(ng_archive *a, const char *query, ng_archive_results **r)
{
    ng_error err;
    assert_int_equal(ng_archive_search(a, query, 10, r, &err), NG_OK);
    return ng_archive_results_count(*r) ? ng_archive_result(*r, 0).id : "";
}

static void test_search(void **state)
{
    (void)state;
    ng_archive *a = fresh();
    ng_archive_results *r = NULL;
    assert_string_equal(top_id(a, "kidney transplants", &r), "kidney"); /* stems: kidneys */
    assert_non_null(strchr(ng_archive_result(r, 0).snippet, '['));
    ng_archive_results_free(r);
    assert_string_equal(top_id(a, "Barcelona Messi", &r), "football");
    assert_int_equal(ng_archive_results_count(r), 1);
    ng_archive_results_free(r);
    /* a phrase must match in order */
    top_id(a, "\"human rights\"", &r);
    assert_int_equal(ng_archive_results_count(r), 2);
    ng_archive_results_free(r);
    top_id(a, "\"rights human\"", &r);
    assert_int_equal(ng_archive_results_count(r), 0);
    ng_archive_results_free(r);
    /* field queries */
    assert_string_equal(top_id(a, "entity:\"Michael Posner\"", &r), "posner");
    assert_int_equal(ng_archive_results_count(r), 1);
    ng_archive_results_free(r);
    assert_string_equal(top_id(a, "headline:Clinton", &r), "clinton");
    ng_archive_results_free(r);
    /* must not */
    top_id(a, "China -Clinton", &r);
    assert_int_equal(ng_archive_results_count(r), 1);
    assert_string_equal(ng_archive_result(r, 0).id, "posner");
    ng_archive_results_free(r);
    /* -n limits the results */
    ng_error err;
    assert_int_equal(ng_archive_search(a, "China said", 1, &r, &err), NG_OK);
    assert_int_equal(ng_archive_results_count(r), 1);
    ng_archive_results_free(r);
    /* bad queries are errors with a message, not crashes */
    assert_int_equal(ng_archive_search(a, "   ", 10, &r, &err), NG_E_ARG);
    assert_null(r);
    assert_int_equal(ng_archive_search(a, "-china", 10, &r, &err), NG_E_ARG);
    assert_int_equal(ng_archive_search(a, "date:2015-13..", 10, &r, &err), NG_E_ARG);
    assert_non_null(strstr(err.message, "date"));
    /* FTS5 syntax in user input is only words */
    assert_int_equal(ng_archive_search(a, "NEAR( OR AND * ^ \" : {", 10, &r, &err), NG_OK);
    ng_archive_results_free(r);
    finish(a);
}

static void test_dates(void **state)
{
    (void)state;
    ng_archive *a = fresh();
    const char *pages[] = {
        "<html><head><title>Rain in Paris</title><meta property=\"article:published_time\" "
        "content=\"2015-03-02T10:00:00Z\"></head><body><article><p>It rained in Paris all week, and "
        "the river rose to its highest level in years.</p></article></body></html>",
        "<html><head><title>Rain in Lyon</title><meta property=\"article:published_time\" "
        "content=\"2016-07-20\"></head><body><article><p>It rained in Lyon all week, and the river "
        "rose to its highest level since the floods.</p></article></body></html>"};
    for (int i = 0; i < 2; i++) {
        ng_read_options ro = {.format = NG_FORMAT_HTML};
        ng_doc *doc = NULL;
        assert_int_equal(ng_doc_read(pages[i], strlen(pages[i]), &ro, &doc, NULL), NG_OK);
        assert_int_equal(ng_analyze(doc, NULL, NULL), NG_OK);
        assert_int_equal(ng_archive_put(a, doc, i ? "lyon" : "paris", NULL, NULL), NG_OK);
        ng_doc_free(doc);
    }
    ng_archive_results *r = NULL;
    assert_string_equal(top_id(a, "rained date:2015", &r), "paris");
    assert_int_equal(ng_archive_results_count(r), 1);
    assert_string_equal(ng_archive_result(r, 0).date, "2015-03-02T10:00:00Z");
    ng_archive_results_free(r);
    assert_string_equal(top_id(a, "rained date:2016-07-01..", &r), "lyon");
    assert_int_equal(ng_archive_results_count(r), 1);
    ng_archive_results_free(r);
    top_id(a, "date:..2015-03-01", &r);
    assert_int_equal(ng_archive_results_count(r), 0);
    ng_archive_results_free(r);
    top_id(a, "date:2015-03-02..2016-07-20", &r); /* a date range alone, newest first */
    assert_int_equal(ng_archive_results_count(r), 2);
    assert_string_equal(ng_archive_result(r, 0).id, "lyon");
    ng_archive_results_free(r);
    finish(a);
}

static void test_related(void **state)
{
    (void)state;
    ng_archive *a = fresh();
    ng_archive_results *r = NULL;
    ng_error err;
    assert_int_equal(ng_archive_related(a, "posner", 10, &r, &err), NG_OK);
    assert_non_null(r);
    assert_true(ng_archive_results_count(r) >= 1);
    assert_string_equal(ng_archive_result(r, 0).id, "clinton");
    for (size_t i = 0; i < ng_archive_results_count(r); i++)
        assert_string_not_equal(ng_archive_result(r, i).id, "posner");
    ng_archive_results_free(r);
    assert_int_equal(ng_archive_related(a, "nosuch", 10, &r, &err), NG_OK);
    assert_null(r);
    /* a new article that is not stored */
    ng_doc *doc = doc_of("new", "Messi double sinks Madrid",
                         "Barcelona forward Lionel Messi scored two goals against Real Madrid.");
    assert_int_equal(ng_archive_related_doc(a, doc, 2, &r, &err), NG_OK);
    assert_true(ng_archive_results_count(r) >= 1);
    assert_true(ng_archive_results_count(r) <= 2);
    assert_string_equal(ng_archive_result(r, 0).id, "football");
    ng_archive_results_free(r);
    ng_doc_free(doc);
    /* a stored story given as an article leaves itself out */
    doc = doc_of(stories[0][0], stories[0][1], stories[0][2]);
    assert_int_equal(ng_archive_related_doc(a, doc, 10, &r, &err), NG_OK);
    for (size_t i = 0; i < ng_archive_results_count(r); i++)
        assert_string_not_equal(ng_archive_result(r, i).id, "kidney");
    ng_archive_results_free(r);
    ng_doc_free(doc);
    finish(a);
}

typedef struct groups {
    int count;
    char first[2][32];
    double sim;
} groups;

static int on_group(void *ctx, const char *const *ids, size_t n, double sim)
{
    groups *g = ctx;
    g->count++;
    assert_int_equal(n, 2);
    snprintf(g->first[0], sizeof g->first[0], "%s", ids[0]);
    snprintf(g->first[1], sizeof g->first[1], "%s", ids[1]);
    g->sim = sim;
    return 0;
}

static void test_dups(void **state)
{
    (void)state;
    ng_archive *a = fresh();
    /* a near-copy of the Clinton story: two words changed */
    char body[2048];
    snprintf(body, sizeof body, "%s", stories[2][2]);
    char *p = strstr(body, "disappointed");
    memcpy(p, "disheartened", 12);
    ng_archive_put_info info;
    put(a, "clinton-copy", stories[2][1], body, &info);
    assert_string_equal(info.near_copy_of, "clinton");
    assert_true(info.near_copy_similarity >= 0.8 && info.near_copy_similarity < 1.0);
    groups g;
    memset(&g, 0, sizeof g);
    ng_error err;
    assert_int_equal(ng_archive_dups(a, 0.8, on_group, &g, &err), NG_OK);
    assert_int_equal(g.count, 1);
    assert_string_equal(g.first[0], "clinton");
    assert_string_equal(g.first[1], "clinton-copy");
    ng_shingles x, y;
    assert_int_equal(ng_shingles_of(stories[2][2], strlen(stories[2][2]), &x, NULL), NG_OK);
    assert_int_equal(ng_shingles_of(body, strlen(body), &y, NULL), NG_OK);
    assert_true(g.sim == ng_shingles_jaccard(&x, &y));
    ng_shingles_free(&x);
    ng_shingles_free(&y);
    /* above the pair's similarity: no group */
    memset(&g, 0, sizeof g);
    assert_int_equal(ng_archive_dups(a, 0.99, on_group, &g, &err), NG_OK);
    assert_int_equal(g.count, 0);
    assert_int_equal(ng_archive_dups(a, 1.5, on_group, &g, &err), NG_E_ARG);
    finish(a);
}

static void test_shingles(void **state)
{
    (void)state;
    ng_shingles a, b;
    assert_int_equal(ng_shingles_of("one two three four five", 23, &a, NULL), NG_OK);
    assert_int_equal(a.count, 2);
    assert_int_equal(ng_shingles_of("ONE two, three four five six", 28, &b, NULL), NG_OK);
    assert_int_equal(b.count, 3);
    assert_true(ng_shingles_jaccard(&a, &b) > 0.66 && ng_shingles_jaccard(&a, &b) < 0.67);
    uint32_t sa[NG_MH_HASHES], sb[NG_MH_HASHES];
    ng_minhash(&a, sa);
    ng_minhash(&a, sb);
    assert_true(ng_minhash_estimate(sa, sb) == 1.0);
    ng_shingles_free(&a);
    ng_shingles_free(&b);
    assert_int_equal(ng_shingles_of("two words", 9, &a, NULL), NG_OK);
    assert_int_equal(a.count, 1);
    ng_shingles_free(&a);
}

static void parses_to(const char *q, const char *want)
{
    char *m = NULL;
    int64_t from, to;
    ng_error err;
    assert_int_equal(ng_arch_query_parse(q, &m, &from, &to, &err), NG_OK);
    assert_non_null(m);
    assert_string_equal(m, want);
    free(m);
}

static void test_query_parser(void **state)
{
    (void)state;
    parses_to("kidney the donors", "(\"kidney\" OR \"donors\")");
    parses_to("\"human rights\" China", "\"human rights\" AND (\"China\" OR \"human rights\")");
    parses_to("entity:\"Hong Lei\" tag:china", "entities : \"Hong Lei\" AND tags : \"china\"");
    parses_to("-x word", "((\"word\")) NOT \"x\"");
    parses_to("+must \"say \"\"hi\"", "\"must\" AND \"say \"\"\"\"hi\"");
    parses_to("the of", "(\"the\" OR \"of\")");
    char *m = NULL;
    int64_t from, to;
    ng_error err;
    assert_int_equal(ng_arch_query_parse("date:2015-03..2015", &m, &from, &to, &err), NG_OK);
    assert_null(m);
    assert_int_equal(from, ng_arch_parse_day("2015-03-01", 10, 0));
    assert_int_equal(to, ng_arch_parse_day("2015-12-31", 10, 0));
    assert_int_equal(ng_arch_parse_day("1970-01-01", 10, 0), 0);
    assert_int_equal(ng_arch_parse_day("2016-02", 7, 1), ng_arch_parse_day("2016-02-29", 10, 0));
    assert_int_equal(ng_arch_parse_day("2015-02-29", 10, 0), NG_DAY_NONE);
    assert_int_equal(ng_arch_parse_day("March 3", 7, 0), NG_DAY_NONE);
    char big[NG_QUERY_MAX + 10];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(ng_arch_query_parse(big, &m, &from, &to, &err), NG_E_ARG);
    assert_int_equal(ng_arch_query_parse("date:x", &m, &from, &to, &err), NG_E_ARG);
    /* the PostgreSQL rendering: every string a parameter, columns checked
     * only in the exact condition, a column's NOT left out of the tsquery */
    ng_arch_pgq q;
    assert_int_equal(ng_arch_query_parse("\"human rights\" -x entity:\"Hong Lei\"", &m, &from, &to, &err), NG_OK);
    assert_int_equal(ng_arch_pg_match(m, 3, &q, &err), NG_OK);
    free(m);
    assert_int_equal(q.n, 3);
    assert_string_equal(q.strings[0], "human rights");
    assert_string_equal(q.strings[1], "Hong Lei");
    assert_string_equal(q.strings[2], "x");
    assert_non_null(strstr(q.tsq, "&& !!phraseto_tsquery('nutgraf', $5)"));
    assert_null(strstr(q.tsq, "entities"));
    assert_non_null(strstr(q.exact, "to_tsvector('nutgraf', s.entities) @@ phraseto_tsquery('nutgraf', $4)"));
    assert_null(strstr(q.tsq, "Hong"));
    ng_arch_pgq_free(&q);
    assert_int_equal(ng_arch_pg_match("\"say \"\"hi\"", 1, &q, &err), NG_OK);
    assert_string_equal(q.strings[0], "say \"hi");
    assert_null(q.exact);
    ng_arch_pgq_free(&q);
    /* a word repeated in an OR chain is matched once (ts_rank counts it once) */
    assert_int_equal(ng_arch_pg_match("\"a\" OR \"a\" OR entities : \"a\" OR \"b\"", 1, &q, &err), NG_OK);
    assert_null(strstr(q.tsq, "$2)"));
    assert_non_null(strstr(q.exact, "s.entities) @@ phraseto_tsquery('nutgraf', $3)"));
    assert_non_null(strstr(q.tsq, "$4)"));
    ng_arch_pgq_free(&q);
    assert_int_equal(ng_arch_pg_match("(\"a\" OR", 1, &q, &err), NG_E_FORMAT);
    assert_int_equal(ng_arch_pg_match("entities : \"-x AND -1); DROP TABLE story; --\"", 1, &q, &err), NG_OK);
    assert_null(strstr(q.tsq, "DROP"));
    assert_null(strstr(q.exact, "DROP"));
    ng_arch_pgq_free(&q);
}

static void test_record_decoder(void **state)
{
    (void)state;
    const char *json = "{\"id\":\"x\",\"body\":\"text\",\"entities\":[{\"name\":\"A\"},{\"name\":\"B\"}],\"tags\":[\"t\"]}";
    unsigned char *enc = NULL;
    size_t n = 0, len = 0;
    assert_int_equal(ng_arch_record_encode(json, strlen(json), &enc, &n, NULL), NG_OK);
    char *out = NULL;
    assert_int_equal(ng_arch_record_decode(enc, n, &out, &len, NULL), NG_OK);
    assert_string_equal(out, json);
    ng_arch_fields f;
    assert_int_equal(ng_arch_record_fields(out, len, &f, NULL), NG_OK);
    assert_string_equal(f.entities, "A\nB");
    assert_string_equal(f.tags, "t");
    assert_string_equal(f.body, "text");
    ng_arch_fields_free(&f);
    free(out);
    ng_error err;
    assert_int_equal(ng_arch_record_decode(enc, 5, &out, &len, &err), NG_E_FORMAT);
    enc[n - 3] ^= 0x55; /* damaged deflate stream */
    assert_int_equal(ng_arch_record_decode(enc, n, &out, &len, &err), NG_E_FORMAT);
    assert_null(out);
    enc[4] = 0xff, enc[5] = 0xff, enc[6] = 0xff, enc[7] = 0x7f; /* a huge claimed size */
    assert_int_equal(ng_arch_record_decode(enc, n, &out, &len, &err), NG_E_FORMAT);
    free(enc);
}

static void test_bad_files(void **state)
{
    (void)state;
    char path[64];
    snprintf(path, sizeof path, "/tmp/ng-test-archive-bad-%d.db", (int)getpid());
    FILE *f = fopen(path, "wb");
    for (int i = 0; i < 4096; i++) fputc(i * 7 % 251, f);
    fclose(f);
    ng_archive *a = NULL;
    ng_error err;
    assert_int_equal(ng_archive_open(path, &a, &err), NG_E_IO);
    assert_null(a);
    assert_non_null(strstr(err.message, path));
    unlink(path);
    /* an SQLite file of someone else's */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(ng_archive_open(path, &a, &err), NG_E_IO);
    assert_non_null(strstr(err.message, "not a nutgraf archive"));
    unlink(path);
    assert_int_equal(ng_archive_open("/nonexistent-dir/x.db", &a, &err), NG_E_IO);
    /* locked by another writer: put fails with a clear error, nothing lost */
    ng_archive *b = fresh();
    PGconn *c = NULL;
    if (pg_uri()) {
        c = pg_exec(NULL, "BEGIN; LOCK TABLE story IN EXCLUSIVE MODE");
    } else {
        assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
    }
    ng_doc *doc = doc_of("late", "Late story", "A story that arrives while the archive is locked.");
    assert_int_equal(ng_archive_put(b, doc, NULL, NULL, &err), NG_E_IO);
    assert_non_null(strstr(err.message, "locked"));
    if (c) {
        PQfinish(pg_exec(c, "COMMIT"));
    } else {
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        sqlite3_close(db);
    }
    ng_status again = ng_archive_put(b, doc, NULL, NULL, &err);
    if (again != NG_OK) fprintf(stderr, "%s\n", err.message);
    assert_int_equal(again, NG_OK);
    size_t n = 0;
    assert_int_equal(ng_archive_count(b, &n, NULL), NG_OK);
    assert_int_equal(n, 5);
    ng_doc_free(doc);
    finish(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_get_replace), cmocka_unit_test(test_search),
        cmocka_unit_test(test_dates),           cmocka_unit_test(test_related),
        cmocka_unit_test(test_dups),            cmocka_unit_test(test_shingles),
        cmocka_unit_test(test_query_parser),    cmocka_unit_test(test_record_decoder),
        cmocka_unit_test(test_bad_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
