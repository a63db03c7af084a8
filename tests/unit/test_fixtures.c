/* test_fixtures.c - the structure stage against hand-made pages: every
 * tests/fixtures/pages/NAME.{txt,html} with its NAME.expected.json (and the
 * shared example page when $NG_SHARED has its expectations) is read through
 * the public API with format detection, and every expected key is compared:
 * headline, byline, dateline, page_highlights, page_related, page_tags,
 * dropped_lines, body_first_sentence, body_last_sentence,
 * body_sentence_count.  Each mismatch prints the fixture, the key, what was
 * expected and what came out; one cmocka test per fixture.
 *
 * Environment: NG_ROOT (repository root, default ".") and NG_SHARED (the
 * shared folder, default "../shared"), as tests/run.sh sets them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nutgraf.h"

#define PATH_MAX_ 4096
#define MAX_FIXTURES 256

typedef struct fixture {
    char name[256];
    char page[PATH_MAX_];     /* the page file */
    char expected[PATH_MAX_]; /* its NAME.expected.json */
} fixture;

/* ------------------------------------------------------------- files */

static const char *env_or(const char *name, const char *fallback)
{
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

static int file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f) fclose(f);
    return f != NULL;
}

/* The whole file in a malloc'd buffer the caller frees; NULL on error. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
        } else {
            buf = bigger;
            cap *= 2;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* ----------------------------------------------------------- comparing */

typedef struct check {
    const char *fixture;
    int failures;
} check;

static void mismatch(check *c, const char *key, const char *want, size_t want_len, const char *got,
                     size_t got_len)
{
    if (!want) want = "null", want_len = 4;
    if (!got) got = "null", got_len = 4;
    printf("MISMATCH %s %s\n  expected: %.*s\n  got:      %.*s\n", c->fixture, key,
           (int)want_len, want, (int)got_len, got);
    fflush(stdout);
    c->failures++;
}

static int same(ng_str got, const char *want)
{
    return got.len == strlen(want) && (got.len == 0 || !memcmp(got.ptr, want, got.len));
}

/* want: a JSON string or null; got: {NULL,0} for absent. */
static void check_text(check *c, const char *key, const json_t *want, ng_str got)
{
    if (json_is_null(want) || !want) {
        if (got.len) mismatch(c, key, "null", 4, got.ptr, got.len);
        return;
    }
    const char *w = json_string_value(want);
    if (!w) {
        mismatch(c, key, "(not a string in the JSON)", 26, got.ptr, got.len);
        return;
    }
    if (!got.len) mismatch(c, key, w, strlen(w), "null", 4);
    else if (!same(got, w)) mismatch(c, key, w, strlen(w), got.ptr, got.len);
}

/* Prints both lists in full when they differ anywhere. */
static void check_list(check *c, const char *key, const json_t *want, const ng_doc *doc, ng_list list)
{
    size_t n = ng_doc_list_count(doc, list), wn = json_array_size(want);
    int ok = n == wn && json_is_array(want);
    for (size_t i = 0; ok && i < n; i++) {
        const char *w = json_string_value(json_array_get(want, i));
        ok = w && same(ng_doc_list_item(doc, list, i), w);
    }
    if (ok) return;
    char *w = json_dumps(want, JSON_COMPACT | JSON_ENCODE_ANY);
    json_t *got = json_array();
    for (size_t i = 0; i < n; i++) {
        ng_str s = ng_doc_list_item(doc, list, i);
        json_array_append_new(got, json_stringn(s.ptr, s.len));
    }
    char *g = json_dumps(got, JSON_COMPACT);
    mismatch(c, key, w, w ? strlen(w) : 0, g, g ? strlen(g) : 0);
    free(w);
    free(g);
    json_decref(got);
}

static ng_str sentence_text(const ng_doc *doc, size_t i)
{
    ng_str body = ng_doc_body(doc);
    ng_sentence s = ng_doc_sentence(doc, i);
    if (s.end > body.len || s.start > s.end) return (ng_str){NULL, 0};
    return (ng_str){body.ptr + s.start, s.end - s.start};
}

static void check_sentences(check *c, const json_t *exp, const ng_doc *doc)
{
    size_t n = ng_doc_sentence_count(doc);
    json_t *count = json_object_get(exp, "body_sentence_count");
    if (!json_is_integer(count) || (size_t)json_integer_value(count) != n) {
        char w[32], g[32];
        snprintf(w, sizeof w, "%lld", json_is_integer(count) ? (long long)json_integer_value(count) : -1LL);
        snprintf(g, sizeof g, "%zu", n);
        mismatch(c, "body_sentence_count", w, strlen(w), g, strlen(g));
    }
    check_text(c, "body_first_sentence", json_object_get(exp, "body_first_sentence"),
               n ? sentence_text(doc, 0) : (ng_str){NULL, 0});
    check_text(c, "body_last_sentence", json_object_get(exp, "body_last_sentence"),
               n ? sentence_text(doc, n - 1) : (ng_str){NULL, 0});
}

static void check_doc(check *c, const json_t *exp, const ng_doc *doc)
{
    check_text(c, "headline", json_object_get(exp, "headline"), ng_doc_field(doc, NG_FIELD_HEADLINE));
    check_text(c, "byline", json_object_get(exp, "byline"), ng_doc_field(doc, NG_FIELD_BYLINE));
    check_text(c, "dateline", json_object_get(exp, "dateline"), ng_doc_field(doc, NG_FIELD_DATELINE));
    check_list(c, "page_highlights", json_object_get(exp, "page_highlights"), doc, NG_LIST_PAGE_HIGHLIGHTS);
    check_list(c, "page_related", json_object_get(exp, "page_related"), doc, NG_LIST_RELATED);
    check_list(c, "page_tags", json_object_get(exp, "page_tags"), doc, NG_LIST_TAGS);
    check_list(c, "dropped_lines", json_object_get(exp, "dropped_lines"), doc, NG_LIST_DROPPED);
    check_sentences(c, exp, doc);
}

/* ------------------------------------------------------------ the test */

static void test_fixture(void **state)
{
    const fixture *fx = *state;
    json_error_t jerr;
    json_t *exp = json_load_file(fx->expected, 0, &jerr);
    if (!exp) printf("FAIL %s: %s: line %d: %s\n", fx->name, fx->expected, jerr.line, jerr.text);
    assert_non_null(exp);
    size_t len = 0;
    char *bytes = slurp(fx->page, &len);
    if (!bytes) {
        printf("FAIL %s: cannot read %s\n", fx->name, fx->page);
        json_decref(exp);
    }
    assert_non_null(bytes);

    ng_doc *doc = NULL;
    ng_error err = {0};
    ng_status st = ng_doc_read(bytes, len, &(ng_read_options){.format = NG_FORMAT_AUTO}, &doc, &err);
    free(bytes);
    if (st != NG_OK) {
        printf("FAIL %s: ng_doc_read: %s: %s\n", fx->name, ng_status_name(st), err.message);
        json_decref(exp);
    }
    assert_int_equal(st, NG_OK);
    check c = {fx->name, 0};
    check_doc(&c, exp, doc);
    ng_doc_free(doc);
    json_decref(exp);
    assert_int_equal(c.failures, 0);
}

/* ---------------------------------------------------- finding fixtures */

static int by_name(const void *a, const void *b)
{
    return strcmp(((const fixture *)a)->name, ((const fixture *)b)->name);
}

/* snprintf that reports truncation: 0 when all of it fit, -1 otherwise. */
static int fmt(char *out, size_t cap, const char *format, ...) __attribute__((format(printf, 3, 4)));
static int fmt(char *out, size_t cap, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(out, cap, format, ap);
    va_end(ap);
    return n >= 0 && (size_t)n < cap ? 0 : -1;
}

/* Adds dir/NAME.expected.json with its NAME.txt or NAME.html. */
static void add_page(fixture *fx, size_t *n, const char *dir, const char *file)
{
    static const char suffix[] = ".expected.json";
    size_t len = strlen(file), sl = sizeof suffix - 1;
    if (len <= sl || strcmp(file + len - sl, suffix) || *n >= MAX_FIXTURES) return;
    fixture *f = &fx[*n];
    if (fmt(f->name, sizeof f->name, "%.*s", (int)(len - sl), file) ||
        fmt(f->expected, sizeof f->expected, "%s/%s", dir, file))
        return;
    static const char *const exts[] = {".txt", ".html", ".story", ".json"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        if (fmt(f->page, sizeof f->page, "%s/%s%s", dir, f->name, exts[i])) return;
        if (file_exists(f->page)) {
            (*n)++;
            return;
        }
    }
    printf("WARNING %s has no page next to it\n", f->expected);
}

static size_t find_fixtures(fixture *fx, const char *root)
{
    char dir[PATH_MAX_];
    size_t n = 0;
    if (fmt(dir, sizeof dir, "%s/tests/fixtures/pages", root)) return 0;
    DIR *d = opendir(dir);
    if (!d) {
        printf("WARNING cannot open %s\n", dir);
        return 0;
    }
    for (struct dirent *e; (e = readdir(d));) add_page(fx, &n, dir, e->d_name);
    closedir(d);
    qsort(fx, n, sizeof *fx, by_name);
    return n;
}

/* The shared example, when its expectations are there. */
static size_t add_example(fixture *fx, size_t n, const char *root, const char *shared)
{
    fixture *f = &fx[n];
    int bad = fmt(f->expected, sizeof f->expected,
                  "%s/examples/china-human-rights-dialogue.expected.json", shared) ||
              fmt(f->page, sizeof f->page, "%s/examples/china-human-rights-dialogue.txt", root) ||
              fmt(f->name, sizeof f->name, "example/china-human-rights-dialogue");
    if (bad || !file_exists(f->expected) || !file_exists(f->page)) {
        printf("SKIP example china-human-rights-dialogue: no %s or %s\n", f->expected, f->page);
        return n;
    }
    return n + 1;
}

int main(void)
{
    const char *root = env_or("NG_ROOT", ".");
    const char *shared = env_or("NG_SHARED", "../shared");
    static fixture fx[MAX_FIXTURES + 1];
    size_t n = find_fixtures(fx, root);
    n = add_example(fx, n, root, shared);
    if (n == 0) {
        printf("FAIL no fixtures found under %s/tests/fixtures/pages\n", root);
        return 1;
    }
    struct CMUnitTest *tests = calloc(n, sizeof *tests);
    if (!tests) return 1;
    for (size_t i = 0; i < n; i++) {
        tests[i].name = fx[i].name;
        tests[i].test_func = test_fixture;
        tests[i].initial_state = &fx[i];
    }
    int failed = _cmocka_run_group_tests("fixtures", tests, n, NULL, NULL);
    free(tests);
    return failed;
}
