/* test_read.c - ng_doc_read: format detection, each plain reader, and the
 * errors bad input must give (empty, binary, too big, broken JSON), plus
 * repair of invalid UTF-8. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "nutgraf.h"

static ng_doc *read_ok(const char *s, ng_format f)
{
    ng_read_options o = {f, 0};
    ng_doc *doc = NULL;
    ng_error err;
    ng_status st = ng_doc_read(s, strlen(s), &o, &doc, &err);
    if (st != NG_OK) fail_msg("read failed: %s", err.message);
    return doc;
}

static ng_status read_status(const char *s, size_t len, ng_format f, size_t max, ng_error *err)
{
    ng_read_options o = {f, max};
    ng_doc *doc = (ng_doc *)1;
    ng_status st = ng_doc_read(s, len, &o, &doc, err);
    if (st != NG_OK) assert_null(doc);
    ng_doc_free(doc);
    return st;
}

static int str_eq(ng_str s, const char *want)
{
    return s.len == strlen(want) && !memcmp(s.ptr, want, s.len);
}

static void test_detect(void **state)
{
    (void)state;
    assert_int_equal(ng_detect_format("  {\"article\":\"x\"}", 18), NG_FORMAT_JSON);
    assert_int_equal(ng_detect_format("<!DOCTYPE html><p>x", 19), NG_FORMAT_HTML);
    assert_int_equal(ng_detect_format("A para.\n\n@highlight\n\nA bullet", 29), NG_FORMAT_STORY);
    assert_int_equal(ng_detect_format("Just text. More text.", 21), NG_FORMAT_TEXT);
    assert_int_equal(ng_detect_format("<3 is a heart. So is this.", 26), NG_FORMAT_TEXT);
    /* a script pasted above the doctype: still a page */
    static const char pasted[] = " \n<script>var a = 1;</script>\n<!DOCTYPE html>\n<html><p>x";
    assert_int_equal(ng_detect_format(pasted, sizeof pasted - 1), NG_FORMAT_HTML);
    assert_int_equal(ng_detect_format("<script> alone, no page", 23), NG_FORMAT_TEXT);
}

static void test_json_record(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("{\"id\":\"abc\",\"title\":\"T\",\"article\":\"(CNN)First one here. Second one here.\","
                          "\"highlights\":[\"h one .\",\"h two .\"]}", NG_FORMAT_AUTO);
    assert_true(str_eq(ng_doc_field(doc, NG_FIELD_ID), "abc"));
    assert_true(str_eq(ng_doc_field(doc, NG_FIELD_HEADLINE), "T"));
    assert_true(str_eq(ng_doc_field(doc, NG_FIELD_DATELINE), "(CNN)"));
    assert_true(str_eq(ng_doc_field(doc, NG_FIELD_FORMAT), "json"));
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_REFERENCES), 2);
    assert_true(str_eq(ng_doc_list_item(doc, NG_LIST_REFERENCES, 1), "h two ."));
    assert_int_equal(ng_doc_sentence_count(doc), 2);
    ng_sentence s = ng_doc_sentence(doc, 0);
    assert_int_equal(s.start, 0);
    assert_memory_equal(ng_doc_body(doc).ptr + s.start, "First one here.", 15);
    ng_doc_free(doc);
}

static void test_json_highlights_string_and_text_key(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("{\"text\":\"Only one sentence here.\",\"highlights\":\"a\\nb\\n\"}", NG_FORMAT_JSON);
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_REFERENCES), 2);
    assert_null(ng_doc_field(doc, NG_FIELD_ID).ptr);
    ng_doc_free(doc);
}

static void test_json_errors(void **state)
{
    (void)state;
    ng_error err;
    const char *broken = "{\"article\": \"unterminated";
    assert_int_equal(read_status(broken, strlen(broken), NG_FORMAT_JSON, 0, &err), NG_E_JSON);
    assert_non_null(strstr(err.message, "JSON"));
    const char *noart = "{\"id\": \"x\"}";
    assert_int_equal(read_status(noart, strlen(noart), NG_FORMAT_JSON, 0, &err), NG_E_JSON);
    assert_non_null(strstr(err.message, "article"));
    const char *badtype = "{\"article\": 5}";
    assert_int_equal(read_status(badtype, strlen(badtype), NG_FORMAT_JSON, 0, &err), NG_E_JSON);
    const char *badhl = "{\"article\": \"A b c.\", \"highlights\": [1]}";
    assert_int_equal(read_status(badhl, strlen(badhl), NG_FORMAT_JSON, 0, &err), NG_E_JSON);
    const char *array = "[1,2]";
    assert_int_equal(read_status(array, strlen(array), NG_FORMAT_JSON, 0, &err), NG_E_JSON);
    const char *empty_art = "{\"article\": \"   \"}";
    assert_int_equal(read_status(empty_art, strlen(empty_art), NG_FORMAT_JSON, 0, &err), NG_E_EMPTY);
}

static void test_story(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("LONDON, England (CNN) -- The first paragraph is here.\n\n"
                          "The second paragraph is here.\n\n@highlight\n\nFirst bullet\n\n"
                          "@highlight\n\nSecond bullet\n", NG_FORMAT_AUTO);
    assert_true(str_eq(ng_doc_field(doc, NG_FIELD_FORMAT), "story"));
    assert_true(str_eq(ng_doc_field(doc, NG_FIELD_DATELINE), "LONDON, England (CNN)"));
    assert_int_equal(ng_doc_paragraph_count(doc), 2);
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_REFERENCES), 2);
    assert_true(str_eq(ng_doc_list_item(doc, NG_LIST_REFERENCES, 0), "First bullet"));
    ng_str body = ng_doc_body(doc);
    assert_memory_equal(body.ptr, "The first paragraph is here.\nThe second", 39);
    ng_doc_free(doc);
}

static void test_empty_binary_too_big(void **state)
{
    (void)state;
    ng_error err;
    assert_int_equal(read_status("", 0, NG_FORMAT_AUTO, 0, &err), NG_E_EMPTY);
    assert_int_equal(read_status(" \n\t\n", 4, NG_FORMAT_AUTO, 0, &err), NG_E_EMPTY);
    assert_int_equal(read_status(NULL, 0, NG_FORMAT_TEXT, 0, &err), NG_E_EMPTY);
    const char bin[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";
    assert_int_equal(read_status(bin, sizeof bin - 1, NG_FORMAT_AUTO, 0, &err), NG_E_BINARY);
    const char *big = "Some words here. And more words there.";
    assert_int_equal(read_status(big, strlen(big), NG_FORMAT_AUTO, 10, &err), NG_E_TOO_BIG);
    assert_non_null(strstr(err.message, "limit"));
    assert_int_equal(read_status(big, strlen(big), NG_FORMAT_AUTO, strlen(big), &err), NG_OK);
}

static void test_invalid_utf8_is_repaired(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("Caf\xe9 owners met on Monday. They agreed \xff\xfe on prices.", NG_FORMAT_TEXT);
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_WARNINGS), 1);
    assert_non_null(strstr(ng_doc_list_item(doc, NG_LIST_WARNINGS, 0).ptr, "3 byte(s)"));
    ng_str body = ng_doc_body(doc);
    assert_non_null(memmem(body.ptr, body.len, "Caf\xEF\xBF\xBD owners", 12));
    assert_int_equal(ng_doc_sentence_count(doc), 2);
    ng_doc_free(doc);
}

static void test_crlf_and_bom(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("\xEF\xBB\xBFThe first line is a sentence.\r\n\r\nThe second is one too.\r\n", NG_FORMAT_AUTO);
    assert_int_equal(ng_doc_paragraph_count(doc), 2);
    ng_str body = ng_doc_body(doc);
    assert_null(memchr(body.ptr, '\r', body.len));
    assert_int_equal((unsigned char)body.ptr[0], 'T');
    ng_doc_free(doc);
}

static void test_ptb_lower(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("{\"format\":\"ptb_lower\",\"article\":\"london , england -lrb- cnn -rrb- -- the u.s. "
                          "envoy said `` we 'll go . '' he left at 5 p.m. . was it over ? yes\"}", NG_FORMAT_JSON);
    assert_true(str_eq(ng_doc_field(doc, NG_FIELD_DATELINE), "london, england (cnn)"));
    assert_int_equal(ng_doc_sentence_count(doc), 4);
    ng_str body = ng_doc_body(doc);
    ng_sentence s0 = ng_doc_sentence(doc, 0);
    const char *want = "the u.s. envoy said \" we 'll go . \"";
    assert_int_equal(s0.end - s0.start, strlen(want));
    assert_memory_equal(body.ptr + s0.start, want, strlen(want));
    ng_doc_free(doc);

    doc = read_ok("{\"format\":\"ptb_lower\",\"article\":\"by . jo smith . published : . 14:11 est , 25 october 2013 . "
                  "| . updated : . 15:36 est , 25 october 2013 . the bishop fell ill . he rests .\"}", NG_FORMAT_JSON);
    assert_true(str_eq(ng_doc_field(doc, NG_FIELD_BYLINE), "by jo smith"));
    assert_int_equal(ng_doc_sentence_count(doc), 2);
    assert_memory_equal(ng_doc_body(doc).ptr, "the bishop fell ill .", 21);
    ng_doc_free(doc);
}

static void test_names(void **state)
{
    (void)state;
    ng_format f;
    assert_int_equal(ng_format_from_name("jsonl", &f), NG_OK);
    assert_int_equal(f, NG_FORMAT_JSON);
    assert_int_equal(ng_format_from_name("pdf", &f), NG_E_ARG);
    ng_method m;
    assert_int_equal(ng_method_from_name("textrank", &m), NG_OK);
    assert_int_equal(m, NG_METHOD_TEXTRANK);
    assert_int_equal(ng_method_from_name("best", &m), NG_E_ARG);
    assert_string_equal(ng_status_name(NG_E_JSON), "json");
}

/* A record's id is read for error records: strings as they are, numbers as
 * text, nothing from broken lines; a long id is cut on a character
 * boundary. */
static void test_record_id(void **state)
{
    (void)state;
    char id[NG_RECORD_ID_MAX];
    const char *s = "{\"id\":\"s-1\",\"article\":3}";
    assert_int_equal(ng_json_record_id(s, strlen(s), id, sizeof id), 1);
    assert_string_equal(id, "s-1");
    s = "{\"id\":42,\"article\":3}";
    assert_int_equal(ng_json_record_id(s, strlen(s), id, sizeof id), 1);
    assert_string_equal(id, "42");
    s = "{\"id\":\"x\", bad";
    assert_int_equal(ng_json_record_id(s, strlen(s), id, sizeof id), 0);
    assert_string_equal(id, "");
    s = "[1,2]";
    assert_int_equal(ng_json_record_id(s, strlen(s), id, sizeof id), 0);
    s = "{\"id\":[1]}";
    assert_int_equal(ng_json_record_id(s, strlen(s), id, sizeof id), 0);
    /* "ab" then e-acute (2 bytes): 4 bytes of room keep "ab" whole. */
    s = "{\"id\":\"ab\xc3\xa9\"}";
    assert_int_equal(ng_json_record_id(s, strlen(s), id, 4), 1);
    assert_string_equal(id, "ab");
    assert_int_equal(ng_json_record_id(s, strlen(s), id, 1), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_json_record),
        cmocka_unit_test(test_json_highlights_string_and_text_key),
        cmocka_unit_test(test_json_errors),
        cmocka_unit_test(test_story),
        cmocka_unit_test(test_empty_binary_too_big),
        cmocka_unit_test(test_invalid_utf8_is_repaired),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_ptb_lower),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_record_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
