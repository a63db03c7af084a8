/* test_summarize.c - ng_summarize: lead order, textrank determinism and
 * redundancy control, k and the word budget, the JSON output, and a first
 * bullet's opening pronoun named from the analysis or yielding. */
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
    o = (ng_summary_options){.method = NG_METHOD_LEAD, .k = 3, .names = (ng_names)7};
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

/* No dangling references (issue 13): a story whose best first sentence
 * opens on a pronoun; the person is named in the sentence before it, in
 * parentheses, so that sentence cannot lead. */
static char *pronoun_story(const char *before, const char *opening, const char *later)
{
    static const char *const fmt =
        "Rights talks end in Beijing\n\n(%s) %s told reporters in Beijing on Tuesday that the United States "
        "had raised the cases of jailed lawyers and dissidents during two days of human rights talks with "
        "Chinese officials.\n\nThe talks, the first in two years, covered freedom of religion, labor rights "
        "and the rule of law, according to a statement from the State Department.\n\n%s\n\nThe next round "
        "of talks is expected to be held in Washington next year.\n";
    size_t n = strlen(fmt) + strlen(before) + strlen(opening) + strlen(later) + 1;
    char *text = malloc(n);
    assert_non_null(text);
    snprintf(text, n, fmt, before, opening, later);
    return text;
}

/* The first bullet of the story under options o (k = 1, learned),
 * analysed first when analyze is set; copied into out. */
static void first_bullet(const char *text, int analyze, ng_names names, char *out, size_t cap, size_t *entities)
{
    ng_doc *doc = NULL;
    ng_read_options ro = {NG_FORMAT_TEXT, 0};
    assert_int_equal(ng_doc_read(text, strlen(text), &ro, &doc, NULL), NG_OK);
    if (analyze) assert_int_equal(ng_analyze(doc, NULL, NULL), NG_OK);
    ng_summary_options o;
    ng_summary_options_init(&o);
    o.method = NG_METHOD_LEARNED;
    o.k = 1;
    o.names = names;
    assert_int_equal(ng_summarize(doc, &o, NULL), NG_OK);
    assert_int_equal(ng_doc_highlight_count(doc), 1);
    ng_str t = ng_doc_highlight(doc, 0).text;
    snprintf(out, cap, "%.*s", (int)t.len, t.ptr);
    if (entities) *entities = ng_doc_entity_count(doc);
    ng_doc_free(doc);
}

static int opens_on_pronoun(const char *s)
{
    static const char *const pron[] = {"He ", "She ", "They ", "His ", "Her ", "Their ", "Him ", "Them ", NULL};
    for (const char *const *p = pron; *p; p++)
        if (!strncmp(s, *p, strlen(*p))) return 1;
    return 0;
}

static void test_pronoun_gets_the_name(void **state)
{
    (void)state;
    if (!ng_model_default() || !ng_ner_model_default()) skip();
    char *he = pronoun_story("Michael Posner is the top U.S. diplomat for human rights.", "He",
                             "Posner said he was encouraged by the frank tone of the meetings.");
    char b[1024];
    size_t ents = 0;
    /* Analysed: the pronoun sentence leads, named. */
    first_bullet(he, 1, NG_NAMES_ANALYSIS, b, sizeof b, NULL);
    assert_string_equal(b, "Michael Posner told reporters in Beijing on Tuesday that the United States had raised "
                           "the cases of jailed lawyers and dissidents during two days of human rights talks with "
                           "Chinese officials.");
    /* Not analysed, default names: it yields; the document stays unanalysed. */
    first_bullet(he, 0, NG_NAMES_ANALYSIS, b, sizeof b, &ents);
    assert_false(opens_on_pronoun(b));
    assert_null(strstr(b, "told reporters"));
    assert_int_equal(ents, 0);
    /* NG_NAMES_ANALYZE: ng_summarize analyses it itself, and keeps the analysis. */
    first_bullet(he, 0, NG_NAMES_ANALYZE, b, sizeof b, &ents);
    assert_true(!strncmp(b, "Michael Posner told reporters", 29));
    assert_true(ents > 0);
    /* NG_NAMES_OFF: yields even with analysis. */
    first_bullet(he, 1, NG_NAMES_OFF, b, sizeof b, NULL);
    assert_null(strstr(b, "told reporters"));
    free(he);
    /* A possessive: "Her deputy" -> "Maria Otero's deputy". */
    char *her = pronoun_story("Maria Otero is the top U.S. diplomat for human rights.", "Her deputy",
                              "Otero said she was encouraged by the frank tone of the meetings.");
    first_bullet(her, 1, NG_NAMES_ANALYSIS, b, sizeof b, NULL);
    assert_true(!strncmp(b, "Maria Otero's deputy told reporters", 35));
    free(her);
}

static void test_pronoun_without_referent(void **state)
{
    (void)state;
    if (!ng_model_default() || !ng_ner_model_default()) skip();
    static const char *const cases[][3] = {
        {"The talks were held behind closed doors.", "He", "Officials said the meetings were frank."},
        {"Michael Posner and Maria Otero led the U.S. team.", "They", "Posner said he was encouraged."},
        /* the linker gives "He" to the only person, a woman: no name */
        {"Maria Otero is the top U.S. diplomat for human rights.", "He",
         "Otero said she was encouraged by the frank tone of the meetings."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *text = pronoun_story(cases[i][0], cases[i][1], cases[i][2]);
        char b[1024];
        first_bullet(text, 1, NG_NAMES_ANALYZE, b, sizeof b, NULL);
        assert_false(opens_on_pronoun(b));
        assert_null(strstr(b, "told reporters")); /* no wrong name in the pronoun's place */
        free(text);
    }
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
        cmocka_unit_test(test_pronoun_gets_the_name),
        cmocka_unit_test(test_pronoun_without_referent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
