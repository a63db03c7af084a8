/* test_structure.c - the structure stage: datelines, the one-line tests,
 * and the parts of small copied pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "nutgraf.h"
#include "structure/lines.h"
#include "structure/structure.h"

static void check_dateline(const char *s, const char *value, const char *rest)
{
    size_t vlen = 0;
    size_t cut = ng_dateline_len(s, strlen(s), &vlen);
    if (!value) {
        if (cut) fail_msg("'%s' has no dateline, got %zu bytes", s, cut);
        return;
    }
    if (!cut) fail_msg("no dateline found in '%s'", s);
    assert_int_equal(vlen, strlen(value));
    assert_memory_equal(s, value, vlen);
    assert_string_equal(s + cut, rest);
}

static void test_datelines(void **state)
{
    (void)state;
    check_dateline("Beijing (CNN) -- Talks ended.", "Beijing (CNN)", "Talks ended.");
    check_dateline("LONDON, England (Reuters) -- Shares fell.", "LONDON, England (Reuters)", "Shares fell.");
    check_dateline("WASHINGTON (AP) \xE2\x80\x94 The Senate voted.", "WASHINGTON (AP)", "The Senate voted.");
    check_dateline("(CNN)Share, and your gift will be multiplied.", "(CNN)", "Share, and your gift will be multiplied.");
    check_dateline("(CNN) -- A storm hit.", "(CNN)", "A storm hit.");
    check_dateline("NEW YORK -- Stocks rose.", "NEW YORK", "Stocks rose.");
    check_dateline("President Obama (D) said no.", NULL, NULL);
    check_dateline("The meeting (held Monday) ended.", NULL, NULL);
    check_dateline("Talks ended Thursday -- with little progress.", NULL, NULL);
    check_dateline("(CNN)", NULL, NULL);
    check_dateline("Stephanie Doetzer (DRadio Wissen), winner in the Radio category, was named.", NULL, NULL);
    check_dateline("VALENCIA, Spain \xE2\x80\x94 The fleet returned.", "VALENCIA, Spain", "The fleet returned.");
    check_dateline("BEIJING, March 3 (Reuters) - China said.", "BEIJING, March 3 (Reuters)", "China said.");
    check_dateline("Valencia, Spain \xE2\x80\x94 a city.", NULL, NULL);
}

static void test_line_tests(void **state)
{
    (void)state;
    assert_int_equal(ng_bullet_len("\xE2\x80\xA2 China", 9), 4);
    assert_int_equal(ng_bullet_len("- item", 6), 2);
    assert_int_equal(ng_bullet_len("-5 degrees", 10), 0);
    assert_true(ng_is_nav_line("Skip to main content", 20));
    assert_false(ng_is_nav_line("Skip the main course", 20));
    assert_true(ng_is_byline("By Jo Ling Kent, CNN", 20));
    assert_false(ng_is_byline("By the time police arrived, the crowd had left the square.", 59));
    assert_true(ng_is_credit("CNN's Jane Doe contributed to this report.", 42));
    assert_false(ng_is_credit("He contributed to the fund.", 27));
    assert_true(ng_ends_like_sentence("profound,\" a diplomat says.\"", 28));
    assert_false(ng_ends_like_sentence("Crackdown on dissent in China", 29));
    assert_int_equal(ng_word_count("  two  words ", 13), 2);
}

static int str_eq(ng_str s, const char *want)
{
    return s.len == strlen(want) && !memcmp(s.ptr, want, s.len);
}

static const char *page =
    "Skip to main content\n\n"
    "Mayor opens new bridge over river\n\n"
    "By Ann Lee, CNN\n"
    "The mayor cuts a ribbon at the opening of the bridge in Springfield on Monday.\n"
    "The mayor cuts a ribbon at the opening of the bridge in Springfield on Monday.\n"
    "  \xE2\x80\xA2 Bridge opens after four years\n"
    "  \xE2\x80\xA2 Cost rose to $40 million\n\n"
    "SPRINGFIELD (CNN) -- The city opened its new bridge on Monday after four years of work.\n\n"
    "Officials said the bridge would carry 20,000 cars a day.\n\n"
    "City budget under strain\n"
    "  \xE2\x80\xA2 Springfield\n\n"
    "Residents had waited for years, the mayor said.\n\n"
    "CNN's Bo Park contributed to this report.\n";

static void test_page_parts(void **state)
{
    (void)state;
    ng_doc *doc = NULL;
    ng_error err;
    assert_int_equal(ng_doc_read(page, strlen(page), NULL, &doc, &err), NG_OK);
    assert_true(str_eq(ng_doc_field(doc, NG_FIELD_HEADLINE), "Mayor opens new bridge over river"));
    assert_true(str_eq(ng_doc_field(doc, NG_FIELD_BYLINE), "By Ann Lee, CNN"));
    assert_true(str_eq(ng_doc_field(doc, NG_FIELD_DATELINE), "SPRINGFIELD (CNN)"));
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_PAGE_HIGHLIGHTS), 2);
    assert_true(str_eq(ng_doc_list_item(doc, NG_LIST_PAGE_HIGHLIGHTS, 1), "Cost rose to $40 million"));
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_RELATED), 1);
    assert_true(str_eq(ng_doc_list_item(doc, NG_LIST_RELATED, 0), "City budget under strain"));
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_TAGS), 1);
    assert_true(str_eq(ng_doc_list_item(doc, NG_LIST_TAGS, 0), "Springfield"));
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_DROPPED), 2); /* nav + caption once */
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_CREDITS), 1);
    assert_int_equal(ng_doc_sentence_count(doc), 3);
    ng_sentence first = ng_doc_sentence(doc, 0);
    assert_memory_equal(ng_doc_body(doc).ptr + first.start, "The city opened", 15);
    ng_doc_free(doc);
}

static void test_wrapped_lines_join(void **state)
{
    (void)state;
    const char *text = "The council met on Monday and\nvoted to close the old library.\n\nA second paragraph follows here.\n";
    ng_doc *doc = NULL;
    assert_int_equal(ng_doc_read(text, strlen(text), NULL, &doc, NULL), NG_OK);
    assert_int_equal(ng_doc_paragraph_count(doc), 2);
    assert_int_equal(ng_doc_sentence_count(doc), 2);
    ng_doc_free(doc);
}

static void test_wire_header_and_trailing_credit(void **state)
{
    (void)state;
    const char *rec = "{\"article\":\"By . Associated Press . PUBLISHED: . 14:11 EST, 25 October 2013 . | . "
                      "UPDATED: . 15:36 EST, 25 October 2013 . The bishop fell ill. He is resting now. "
                      "CNN's Jo Doe contributed to this report.\"}";
    ng_doc *doc = NULL;
    ng_error err;
    assert_int_equal(ng_doc_read(rec, strlen(rec), NULL, &doc, &err), NG_OK);
    assert_true(str_eq(ng_doc_field(doc, NG_FIELD_BYLINE), "By Associated Press"));
    assert_memory_equal(ng_doc_body(doc).ptr, "The bishop fell ill.", 20);
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_CREDITS), 1);
    assert_int_equal(ng_doc_sentence_count(doc), 2);
    ng_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_line_tests),
        cmocka_unit_test(test_page_parts),
        cmocka_unit_test(test_wrapped_lines_join),
        cmocka_unit_test(test_wire_header_and_trailing_credit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
