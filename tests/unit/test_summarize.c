/* test_summarize.c - ng_summarize: lead order, textrank determinism and
 * redundancy control, k and the word budget, and the JSON output. */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include <string.h>

#include "nutgraf.h"

static const char *article =
    "The river flooded the town of Millbrook on Tuesday. "
    "Hundreds of homes in Millbrook were damaged by the flood water. "
    "The mayor of Millbrook asked the state for flood aid. "
    "Weather experts said the rain was the heaviest in fifty years. "
    "Schools will stay closed until the flood water recedes. "
    "A local bakery gave free bread to families who lost their homes in the flood.";

static ng_doc *load(void)
{
    ng_doc *doc = NULL;
    ng_read_options o = {NG_FORMAT_TEXT, 0};
    assert_int_equal(ng_doc_read(article, strlen(article), &o, &doc, NULL), NG_OK);
    assert_int_equal(ng_doc_sentence_count(doc), 6);
    return doc;
}

static void test_lead(void **state)
{
    (void)state;
    ng_doc *doc = load();
    ng_summary_options o = {.method = NG_METHOD_LEAD, .k = 2, .max_words = 0};
    assert_int_equal(ng_summarize(doc, &o, NULL), NG_OK);
    assert_int_equal(ng_doc_highlight_count(doc), 2);
    assert_int_equal(ng_doc_highlight(doc, 0).sentence, 0);
    assert_int_equal(ng_doc_highlight(doc, 1).sentence, 1);
    o.k = 50; /* more than there are: all of them */
    assert_int_equal(ng_summarize(doc, &o, NULL), NG_OK);
    assert_int_equal(ng_doc_highlight_count(doc), 6);
    ng_doc_free(doc);
}

static void test_word_budget(void **state)
{
    (void)state;
    ng_doc *doc = load();
    ng_summary_options o = {.method = NG_METHOD_LEAD, .k = 5, .max_words = 20};
    assert_int_equal(ng_summarize(doc, &o, NULL), NG_OK);
    /* 9 + 11 words fit in 20; the third (10 words) does not. */
    size_t n = ng_doc_highlight_count(doc);
    assert_true(n >= 1 && n <= 3);
    ng_str body = ng_doc_body(doc);
    size_t words = 0;
    for (size_t i = 0; i < n; i++) {
        ng_sentence s = ng_doc_sentence(doc, ng_doc_highlight(doc, i).sentence);
        for (size_t t = s.first_token; t < s.first_token + s.token_count; t++)
            if (ng_doc_token(doc, t).flags & (NG_TOKEN_WORD | NG_TOKEN_NUMBER)) words++;
    }
    assert_true(words <= 20);
    (void)body;
    ng_doc_free(doc);
}

static void test_textrank_deterministic_in_order(void **state)
{
    (void)state;
    ng_summary_options o = {.method = NG_METHOD_TEXTRANK, .k = 3, .max_words = 0};
    size_t first[3];
    for (int run = 0; run < 2; run++) {
        ng_doc *doc = load();
        assert_int_equal(ng_summarize(doc, &o, NULL), NG_OK);
        assert_int_equal(ng_doc_highlight_count(doc), 3);
        for (size_t i = 0; i < 3; i++) {
            size_t s = ng_doc_highlight(doc, i).sentence;
            if (i) assert_true(s > ng_doc_highlight(doc, i - 1).sentence);
            if (run == 0) first[i] = s;
            else assert_int_equal(first[i], s);
            assert_true(ng_doc_highlight(doc, i).score > 0);
        }
        ng_doc_free(doc);
    }
}

static void test_textrank_skips_repeats(void **state)
{
    (void)state;
    const char *text = "Rebels seized the northern airport on Friday. "
                       "Rebels seized the northern airport on Friday, officials said. "
                       "The government promised to retake the airport. "
                       "Flights to the north were cancelled.";
    ng_doc *doc = NULL;
    assert_int_equal(ng_doc_read(text, strlen(text), NULL, &doc, NULL), NG_OK);
    ng_summary_options o = {.method = NG_METHOD_TEXTRANK, .k = 2, .max_words = 0};
    assert_int_equal(ng_summarize(doc, &o, NULL), NG_OK);
    assert_int_equal(ng_doc_highlight_count(doc), 2);
    size_t a = ng_doc_highlight(doc, 0).sentence, b = ng_doc_highlight(doc, 1).sentence;
    assert_false(a == 0 && b == 1); /* never both near-identical sentences */
    ng_doc_free(doc);
}

static void test_bad_options(void **state)
{
    (void)state;
    ng_doc *doc = load();
    ng_error err;
    ng_summary_options o = {.method = NG_METHOD_LEAD, .k = -1, .max_words = 0};
    assert_int_equal(ng_summarize(doc, &o, &err), NG_E_ARG);
    o = (ng_summary_options){.method = (ng_method)42, .k = 3, .max_words = 0};
    assert_int_equal(ng_summarize(doc, &o, &err), NG_E_ARG);
    assert_int_equal(ng_summarize(NULL, NULL, &err), NG_E_ARG);
    ng_doc_free(doc);
}

static void test_json_output(void **state)
{
    (void)state;
    ng_doc *doc = load();
    ng_summary_options lead = {.method = NG_METHOD_LEAD};
    assert_int_equal(ng_summarize(doc, &lead, NULL), NG_OK);
    char *out;
    size_t len;
    assert_int_equal(ng_doc_to_json(doc, &out, &len, NULL), NG_OK);
    assert_int_equal(strlen(out), len);
    json_error_t jerr;
    json_t *root = json_loads(out, 0, &jerr);
    assert_non_null(root);
    json_t *sents = json_object_get(root, "sentences");
    assert_int_equal(json_array_size(sents), 6);
    json_t *s1 = json_array_get(sents, 1);
    size_t start = (size_t)json_integer_value(json_object_get(s1, "start"));
    size_t end = (size_t)json_integer_value(json_object_get(s1, "end"));
    const char *text = json_string_value(json_object_get(s1, "text"));
    assert_int_equal(end - start, strlen(text));
    assert_memory_equal(ng_doc_body(doc).ptr + start, text, end - start);
    json_t *hl = json_object_get(root, "highlights");
    assert_int_equal(json_array_size(hl), 3);
    assert_int_equal(json_integer_value(json_object_get(json_array_get(hl, 2), "sentence")), 2);
    assert_true(json_is_null(json_object_get(root, "headline")));
    json_decref(root);
    free(out);

    ng_error e = {NG_E_JSON, 7, "broken \"JSON\""};
    assert_int_equal(ng_error_to_json("x1", &e, &out, &len), NG_OK);
    root = json_loads(out, 0, &jerr);
    assert_non_null(root);
    json_t *eo = json_object_get(root, "error");
    assert_string_equal(json_string_value(json_object_get(eo, "status")), "json");
    assert_string_equal(json_string_value(json_object_get(eo, "message")), "broken \"JSON\"");
    assert_int_equal(json_integer_value(json_object_get(eo, "line")), 7);
    json_decref(root);
    free(out);
    ng_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lead),
        cmocka_unit_test(test_word_budget),
        cmocka_unit_test(test_textrank_deterministic_in_order),
        cmocka_unit_test(test_textrank_skips_repeats),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_json_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
