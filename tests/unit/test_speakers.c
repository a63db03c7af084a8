/* test_speakers.c - the learned speaker ranker (src/analyze/speaker_rank.c)
 * and its model file (speaker_model.c): with the rules' attribution taken
 * away, the built-in model picks the person over an organization for
 * "she said" and lets a quote continue the previous quote's speaker; a
 * chosen pronoun takes its person's name, never an organization's; the
 * candidates and their features; the example page and the hand-made
 * quote cases (tests/fixtures/quotes) through ng_analyze();
 * the parser's refusals of malformed files. */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <string.h>

#include "analyze/analyze.h"
#include "analyze/speaker.h"
#include "nutgraf.h"

static ng_doc *read_doc(const char *text)
{
    ng_doc *doc = NULL;
    ng_read_options o = {NG_FORMAT_TEXT, 0};
    assert_int_equal(ng_doc_read(text, strlen(text), &o, &doc, NULL), NG_OK);
    return doc;
}

/* The document analyzed with the rules' speakers only. */
static ng_doc *rules_doc(const char *text)
{
    ng_doc *doc = read_doc(text);
    assert_int_equal(ng_analyze_speakers(doc, NULL, 1, NULL), NG_OK);
    return doc;
}

static int str_is(ng_str s, const char *want)
{
    return s.len == strlen(want) && (!s.len || !memcmp(s.ptr, want, s.len));
}

/* Forgets what the rules said about quote i's speaker. */
static void forget(ng_doc *doc, size_t i)
{
    assert_true(i < doc->quotes.count);
    ng_quote *q = &doc->quotes.items[i];
    q->speaker_mention = (ng_str){NULL, 0};
    q->speaker = (ng_str){NULL, 0};
    q->cue = (ng_str){NULL, 0};
}

static const ng_speaker_model *model(void)
{
    const ng_speaker_model *m = ng_speaker_model_default();
    assert_non_null(m);
    return m;
}

static const char she_story[] =
    "Jane Walker has taught at the Centre for Indigenous Studies since 2004. The Centre for "
    "Indigenous Studies won a national award this year.\n\n"
    "\"It is a proud day for all of us,\" she said.";

static void test_she_said_person(void **state)
{
    (void)state;
    ng_doc *doc = rules_doc(she_story);
    assert_int_equal(doc->quotes.count, 1);
    forget(doc, 0);
    assert_int_equal(ng_rank_speakers(doc, model()), NG_OK);
    assert_true(str_is(doc->quotes.items[0].speaker, "Jane Walker"));
    ng_doc_free(doc);
    doc = read_doc(she_story); /* the whole analysis: the rules chose "she", named after the ORG */
    assert_int_equal(ng_analyze(doc, NULL, NULL), NG_OK);
    assert_true(str_is(ng_doc_quote(doc, 0).speaker_mention, "she"));
    assert_true(str_is(ng_doc_quote(doc, 0).speaker, "Jane Walker"));
    ng_doc_free(doc);
}

static const char continued_story[] =
    "The Transport Ministry paid for most of the work on the new bridge. \"The bridge will open in "
    "May,\" said Tom Baxter, the city engineer. \"We have tested every cable twice.\"";

/* The second quote, its attribution forgotten, continues the first one's
 * speaker; a model of zero weights (a broken ranker) takes the first
 * candidate, the ministry, instead. */
static void test_continues_previous(void **state)
{
    (void)state;
    ng_doc *doc = rules_doc(continued_story);
    assert_int_equal(doc->quotes.count, 2);
    forget(doc, 1);
    assert_int_equal(ng_rank_speakers(doc, model()), NG_OK);
    assert_true(str_is(doc->quotes.items[0].speaker, "Tom Baxter"));
    assert_true(str_is(doc->quotes.items[1].speaker, "Tom Baxter"));
    assert_true(str_is(doc->quotes.items[1].speaker_mention, "Tom Baxter"));
    ng_doc_free(doc);
    static ng_speaker_model zero;
    zero.window = 1;
    zero.groups = NG_SPK_G_ALL;
    doc = rules_doc(continued_story);
    forget(doc, 1);
    assert_int_equal(ng_rank_speakers(doc, &zero), NG_OK);
    assert_false(str_is(doc->quotes.items[1].speaker, "Tom Baxter"));
    ng_doc_free(doc);
}

/* The candidates of "she said": the person, the organization and "she",
 * with the features that tell them apart. */
static void test_candidates(void **state)
{
    (void)state;
    ng_doc *doc = rules_doc(she_story);
    static ng_spk_cand c[NG_SPK_MAX_CANDS];
    ng_spk_prev prev = {0, 0, SIZE_MAX, 0};
    size_t n = ng_speaker_candidates(doc, 0, 1, &prev, c);
    int person = 0, org = 0, she = 0;
    for (size_t i = 0; i < n; i++) {
        ng_str w = {doc->body + c[i].start, c[i].end - c[i].start};
        ng_entity_type ty = c[i].entity < doc->entities.count ? doc->entities.items[c[i].entity].type : NG_ENTITY_MISC;
        person += !c[i].pronoun && ty == NG_ENTITY_PERSON;
        org += !c[i].pronoun && ty == NG_ENTITY_ORG;
        if (str_is(w, "she")) {
            she++;
            assert_int_equal(c[i].pronoun, 2);
            assert_int_equal(c[i].f[1], 8); /* "sent": the quote's own sentence */
            assert_int_equal(c[i].f[0], 16 + 1); /* "dist": after the quote, one token (the mark) */
        }
        for (int t = 0; t < NG_SPK_TEMPLATES; t++)
            assert_true(c[i].f[t] < NG_SPK_VALUES || c[i].f[t] == NG_SPK_NONE);
    }
    assert_true(person >= 1);
    assert_true(org >= 1);
    assert_int_equal(she, 1);
    assert_int_equal(ng_speaker_candidates(doc, 5, 1, &prev, c), 0); /* no such quote */
    assert_int_equal(ng_speaker_candidates(NULL, 0, 1, &prev, c), 0);
    ng_doc_free(doc);
}

static const char *example_speaker(json_t *quotes, size_t i)
{
    return json_string_value(json_object_get(json_array_get(quotes, i), "speaker"));
}

/* The example page through the whole analysis: as many speakers right as
 * the rules alone get (20 of 22). */
static void test_example(void **state)
{
    (void)state;
    const char *root = getenv("NG_ROOT") ? getenv("NG_ROOT") : ".";
    const char *shared = getenv("NG_SHARED") ? getenv("NG_SHARED") : "../shared";
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/china-human-rights-dialogue.expected.json", shared);
    json_t *exp = json_load_file(path, 0, NULL);
    if (!exp) { print_message("SKIP test_speakers example: no %s\n", path); skip(); }
    snprintf(path, sizeof path, "%s/examples/china-human-rights-dialogue.txt", root);
    static char text[1 << 20];
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    text[fread(text, 1, sizeof text - 1, f)] = 0;
    fclose(f);
    ng_doc *doc = read_doc(text);
    assert_int_equal(ng_analyze(doc, NULL, NULL), NG_OK);
    json_t *quotes = json_object_get(exp, "quotes");
    size_t k = 0, right = 0;
    for (size_t i = 0; i < ng_doc_quote_count(doc); i++) {
        ng_quote q = ng_doc_quote(doc, i);
        if (q.reported) continue;
        const char *want = example_speaker(quotes, k++);
        right += want ? str_is(q.speaker, want) : q.speaker.len == 0;
    }
    print_message("example through ng_analyze: %zu/%zu speakers right\n", right, json_array_size(quotes));
    assert_int_equal(k, json_array_size(quotes));
    assert_true(right >= 20);
    ng_doc_free(doc);
    json_decref(exp);
}

/* 1 when the document's direct quotes have the case's direct speakers
 * and mentions, in order. */
static int hand_case_right(const ng_doc *doc, json_t *want)
{
    size_t k = 0;
    for (size_t i = 0; i < ng_doc_quote_count(doc); i++) {
        ng_quote q = ng_doc_quote(doc, i);
        if (q.reported) continue;
        json_t *w = NULL;
        while (k < json_array_size(want) && !w) {
            json_t *e = json_array_get(want, k++);
            const char *kind = json_string_value(json_object_get(e, "kind"));
            if (!kind || !strcmp(kind, "direct")) w = e;
        }
        const char *speaker = json_string_value(json_object_get(w, "speaker"));
        const char *mention = json_string_value(json_object_get(w, "mention"));
        if (!w || !(speaker ? str_is(q.speaker, speaker) : !q.speaker.len)) return 0;
        if (!(mention ? str_is(q.speaker_mention, mention) : !q.speaker_mention.len)) return 0;
    }
    return 1;
}

/* The hand-made cases through the whole analysis: every direct quote keeps
 * the speaker and mention the rules alone give it (test_quotes). */
static void test_hand_cases(void **state)
{
    (void)state;
    const char *root = getenv("NG_ROOT") ? getenv("NG_ROOT") : ".";
    char path[4096], line[8192];
    snprintf(path, sizeof path, "%s/tests/fixtures/quotes/cases.jsonl", root);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    size_t cases = 0, right = 0;
    while (fgets(line, sizeof line, f)) {
        json_t *rec = json_loads(line, 0, NULL);
        if (!rec) continue;
        ng_doc *doc = read_doc(json_string_value(json_object_get(rec, "text")));
        assert_int_equal(ng_analyze(doc, NULL, NULL), NG_OK);
        int ok = hand_case_right(doc, json_object_get(rec, "quotes"));
        if (!ok) print_message("hand case %s differs\n", json_string_value(json_object_get(rec, "id")));
        right += (size_t)ok;
        cases++;
        ng_doc_free(doc);
        json_decref(rec);
    }
    fclose(f);
    print_message("hand cases through ng_analyze: %zu/%zu right\n", right, cases);
    assert_true(cases >= 70);
    assert_int_equal(right, cases);
}

static int parses(const char *s)
{
    ng_speaker_model m;
    size_t n = strlen(s);
    char *copy = malloc(n ? n : 1); /* exact size, no NUL: the parser must not need one */
    assert_non_null(copy);
    memcpy(copy, s, n);
    int r = ng_speaker_model_parse(copy, n, &m);
    free(copy);
    return r;
}

static void test_model_parse(void **state)
{
    (void)state;
    ng_speaker_model m;
    const char *good = "# nutgraf speaker model 1: test\nwindow 3\ngroups 5\n# a comment\ndist 17 0.5\n\nrule 1 -2e1\r\n";
    assert_int_equal(ng_speaker_model_parse(good, strlen(good), &m), 0);
    assert_int_equal(m.window, 3);
    assert_int_equal(m.groups, 5);
    assert_true(m.w[0][17] == 0.5f);
    assert_true(m.w[11][1] == -20.0f);
    assert_int_equal(parses(good), 0);
    assert_int_equal(parses("# nutgraf speaker model 1\n"), 0);
    static const char *const bad[] = {
        "", "# nutgraf speaker model 2\n", "window 2\n", "# nutgraf speaker model 1\nwindow 0\n",
        "# nutgraf speaker model 1\nwindow 9\n", "# nutgraf speaker model 1\ngroups 64\n",
        "# nutgraf speaker model 1\nnosuch 1 1\n", "# nutgraf speaker model 1\ndist 64 1\n",
        "# nutgraf speaker model 1\ndist -1 1\n", "# nutgraf speaker model 1\ndist 1 nan\n",
        "# nutgraf speaker model 1\ndist 1 inf\n", "# nutgraf speaker model 1\ndist 1 1e300\n",
        "# nutgraf speaker model 1\ndist 1 1 1\n", "# nutgraf speaker model 1\ndist 1\n",
        "# nutgraf speaker model 1\ndist 1 1x\n", "# nutgraf speaker model 1\nwindow 2 2\n",
        "# nutgraf speaker model 1\ndist 1 1000000000000000000000000000000000000000000000000000000000000\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        if (parses(bad[i]) != -1) print_message("accepted: %s\n", bad[i]);
        assert_int_equal(parses(bad[i]), -1);
    }
    assert_int_equal(ng_speaker_model_parse(NULL, 0, &m), -1);
    assert_true(model()->window >= 1 && model()->window <= 5);
    assert_string_equal(ng_speaker_template_name(0), "dist");
    assert_null(ng_speaker_template_name(NG_SPK_TEMPLATES));
}

/* Rules only and ranked give the same quotes; a document without quotes
 * or sentences is left alone. */
static void test_edges(void **state)
{
    (void)state;
    ng_doc *doc = rules_doc("No quotes here at all.");
    assert_int_equal(ng_rank_speakers(doc, model()), NG_OK);
    assert_int_equal(ng_rank_speakers(NULL, model()), NG_OK);
    assert_int_equal(ng_rank_speakers(doc, NULL), NG_OK);
    ng_doc_free(doc);
    doc = rules_doc("\"Alone,\" he said.");
    assert_int_equal(ng_rank_speakers(doc, model()), NG_OK);
    assert_true(str_is(doc->quotes.items[0].speaker_mention, "he"));
    ng_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_she_said_person), cmocka_unit_test(test_continues_previous),
        cmocka_unit_test(test_candidates),      cmocka_unit_test(test_example),
        cmocka_unit_test(test_model_parse),     cmocka_unit_test(test_edges),
        cmocka_unit_test(test_hand_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
