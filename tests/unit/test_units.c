/* test_units.c - bullets a reader can take alone (issue 13), from hand-made
 * stories: promo and transcript lines never reach the body, selection
 * skips fragments, promo lines and bad openings, and a first bullet never
 * opens on a personal pronoun with nothing before it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/doc.h"
#include "nutgraf.h"
#include "summarize/learned.h"
#include "summarize/methods.h"
#include "summarize/trim.h"
#include "summarize/units.h"

static ng_doc *read_text(const char *text)
{
    ng_doc *doc = NULL;
    ng_read_options o = {NG_FORMAT_TEXT, 0};
    assert_int_equal(ng_doc_read(text, strlen(text), &o, &doc, NULL), NG_OK);
    return doc;
}

static int body_has(const ng_doc *doc, const char *needle)
{
    ng_str b = ng_doc_body(doc);
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= b.len; i++)
        if (!memcmp(b.ptr + i, needle, n)) return 1;
    return 0;
}

static void test_promo_lines_leave_the_body(void **state)
{
    (void)state;
    /* flattened CNN copy: promo lines inside a paragraph */
    ng_doc *doc = read_text("The king was buried in Leicester in 1485. READ MORE: Richard III spine twisted, not "
                            "hunched . The portraits show him older than he was. TRANSCRIPT . Click here to access "
                            "the transcript of today's show. ROLL CALL . For a chance to be mentioned, comment below.");
    assert_false(body_has(doc, "READ MORE"));
    assert_false(body_has(doc, "spine twisted"));
    assert_false(body_has(doc, "TRANSCRIPT"));
    assert_false(body_has(doc, "Click here"));
    assert_false(body_has(doc, "ROLL CALL"));
    assert_true(body_has(doc, "The king was buried in Leicester in 1485."));
    assert_true(body_has(doc, "The portraits show him older than he was."));
    assert_true(body_has(doc, "For a chance to be mentioned, comment below."));
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_DROPPED), 4); /* kept, not lost */
    assert_int_equal(ng_doc_sentence_count(doc), 3);
    ng_doc_free(doc);
    /* promo paragraphs; "Read more about it" and "Watching" are prose */
    doc = read_text("Watch the video: Storm hits the coast\n\nThe storm hit the coast on Monday night.\n\n"
                    "Related: Ten storms that changed the town\n\nRead more about it in the report we published.\n\n"
                    "Watching the sea rise, residents left their homes.");
    assert_false(body_has(doc, "Watch the video"));
    assert_false(body_has(doc, "Related:"));
    assert_true(body_has(doc, "Read more about it in the report we published."));
    assert_true(body_has(doc, "Watching the sea rise"));
    ng_doc_free(doc);
}

/* Scores that rank sentences in the given order (best first). */
static void rank(double *scores, size_t n, const size_t *order, size_t k)
{
    for (size_t i = 0; i < n; i++) scores[i] = -100;
    for (size_t r = 0; r < k; r++) scores[order[r]] = 10.0 - (double)r;
}

/* Selects k sentences by the ranking, with or without the units test. */
static void select_ranked(ng_doc *doc, const size_t *order, size_t n, int k, int units)
{
    double scores[16];
    assert_true(n <= 16 && n == ng_doc_sentence_count(doc));
    rank(scores, n, order, n);
    ng_tfidf none;
    memset(&none, 0, sizeof none);
    ng_plan plan;
    memset(&plan, 0, sizeof plan);
    plan.min_k = plan.max_k = k;
    plan.units = units;
    assert_int_equal(ng_select(doc, scores, &none, &plan), NG_OK);
}

static void test_selection_takes_units(void **state)
{
    (void)state;
    ng_doc *doc = read_text("The show airs at 9 p.m. ET Friday on the network. Right. He regularly goes head to "
                            "head with the best players in the league.\n\nSee the full interview with him here:\n\n"
                            "Coach Ray Lewis said the team would practice on Sunday.\n\n... and the fans were "
                            "waiting outside the gates for hours. The season opens next week in Baltimore.");
    static const size_t order[] = {1, 2, 3, 5, 0, 4, 6};
    select_ranked(doc, order, 7, 3, 1);
    assert_int_equal(doc->highlights.count, 3);
    /* "Right." (short), "He ..." (pronoun before anything else), the line
     * ending in ":" and the one opening on "..." are all skipped */
    assert_int_equal(doc->highlights.items[0].sentence, 0);
    assert_int_equal(doc->highlights.items[1].sentence, 4);
    assert_int_equal(doc->highlights.items[2].sentence, 6);
    /* without the units test the same scores take the broken ones */
    select_ranked(doc, order, 7, 3, 0);
    assert_int_equal(doc->highlights.items[0].sentence, 1);
    ng_doc_free(doc);
}

static void test_pronoun_after_a_name_is_fine(void **state)
{
    (void)state;
    ng_doc *doc = read_text("Coach Ray Lewis was hired on Monday by the club. But he said little about his plans "
                            "for the new season. She told reporters the deal was done after a long week. The club "
                            "will hold a news conference on Friday morning.");
    assert_int_equal(ng_doc_sentence_count(doc), 4);
    assert_true(ng_sentence_opens_on_pronoun(doc, 1, 0)); /* after "But" */
    assert_true(ng_sentence_opens_on_pronoun(doc, 2, 0));
    assert_false(ng_sentence_opens_on_pronoun(doc, 0, 0));
    static const size_t order[] = {0, 2, 1, 3};
    select_ranked(doc, order, 4, 2, 1);
    assert_int_equal(doc->highlights.items[0].sentence, 0);
    assert_int_equal(doc->highlights.items[1].sentence, 2); /* a name comes before it */
    /* a story of nothing but fragments still gets a bullet */
    ng_doc *frag = read_text("Friday. Maybe.");
    static const size_t forder[] = {0, 1};
    select_ranked(frag, forder, 2, 2, 1);
    assert_true(frag->highlights.count >= 1);
    ng_doc_free(frag);
    ng_doc_free(doc);
}


/* The bullet sentence i of text becomes under the trimming rules. */
static void check_bullet(const char *text, size_t i, unsigned rules, const char *want)
{
    ng_doc *doc = read_text(text);
    assert_true(i < ng_doc_sentence_count(doc));
    ng_highlight h = {i, 0, {NULL, 0}};
    assert_int_equal(ng_trim_highlight(doc, &h, rules), NG_OK);
    if (h.text.len != strlen(want) || memcmp(h.text.ptr, want, h.text.len))
        fail_msg("sentence %zu: got '%.*s', want '%s'", i, (int)h.text.len, h.text.ptr, want);
    ng_doc_free(doc);
}

static void test_half_quotes_get_their_marks(void **state)
{
    (void)state;
    const char *story = "\"This is going to be a test for Serena Williams. It's a big day for her,\" the coach "
                        "said on Friday. She won the match in two sets.";
    check_bullet(story, 0, 0, "\"This is going to be a test for Serena Williams.\"");
    check_bullet(story, 1, NG_TRIM_ALL, "\"It's a big day for her,\" the coach said on Friday.");
    check_bullet(story, 2, NG_TRIM_ALL, "She won the match in two sets.");
    /* curly marks come back curly */
    check_bullet("\xE2\x80\x9CWe will rebuild the town. We will do it together,\xE2\x80\x9D the mayor said.", 0, 0,
                 "\xE2\x80\x9CWe will rebuild the town.\xE2\x80\x9D");
    /* a whole quotation, or a title in quotes, is left alone */
    check_bullet("Minnelli won an Oscar in 1973 for her role in \"Cabaret.\" She was 27.", 0, NG_TRIM_ALL,
                 "Minnelli won an Oscar in 1973 for her role in \"Cabaret.\"");
    /* a closing mark the splitter left at the start of the next sentence goes */
    check_bullet("He said: \"I did it and I ran. \" Meng told a crowded courtroom on Thursday, in halting English.", 1,
                 0, "Meng told a crowded courtroom on Thursday, in halting English.");
}

static void test_trimming_keeps_meaning(void **state)
{
    (void)state;
    /* a relative clause after the main verb is not cut ("says Ibsen found buried") */
    const char *ibsen = "\"It is a unique privilege,\" says Canadian-born Ibsen, whose DNA was used to establish the "
                        "identity of the English King, found buried beneath a car parking lot in Leicester.";
    check_bullet(ibsen, 0, NG_TRIM_ALL, ibsen);
    /* between subject and verb it still is */
    check_bullet("The status of artist Ai Weiwei, who has been detained since April, remains a mystery to all.", 0,
                 NG_TRIM_RELATIVE, "The status of artist Ai Weiwei remains a mystery to all.");
    /* a rule that would cut too much is undone alone: the conjunction still goes */
    check_bullet("But the toll rose (according to the latest figures from the ministry of health in the capital), "
                 "officials said.",
                 0, NG_TRIM_ALL, "The toll rose (according to the latest figures from the ministry of health in the capital).");
    /* what remains must keep a verb and four words */
    check_bullet("Smith, a lawyer for the family, in court.", 0, NG_TRIM_APPOSITIVE,
                 "Smith, a lawyer for the family, in court.");
    check_bullet("But the toll rose, officials said.", 0, NG_TRIM_ALL, "The toll rose, officials said.");
    /* a dateline-like name before a comma is not cut into a bullet opening on ',' */
    const char *named = "The jury met in Berlin. Stephanie Doetzer (DRadio Wissen), winner in the Radio category, "
                        "was named journalist of the year.";
    check_bullet(named, 1, NG_TRIM_DATELINE,
                 "Stephanie Doetzer (DRadio Wissen), winner in the Radio category, was named journalist of the year.");
    check_bullet(named, 1, NG_TRIM_ALL,
                 "Stephanie Doetzer, winner in the Radio category, was named journalist of the year.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_promo_lines_leave_the_body),
        cmocka_unit_test(test_selection_takes_units),
        cmocka_unit_test(test_pronoun_after_a_name_is_fine),
        cmocka_unit_test(test_half_quotes_get_their_marks),
        cmocka_unit_test(test_trimming_keeps_meaning),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
