/* test_charset.c - charset conversion (src/read/charset.c): the charset of
 * a Content-Type header and of a page's <meta> (charset and http-equiv,
 * quoted or not, not inside comments), iconv names (Latin-1 read as
 * windows-1252), conversion with U+FFFD for invalid bytes, the decision of
 * ng_charset_decode (BOM, valid UTF-8 kept, header over <meta>), and
 * ng_doc_read on an HTML page that declares ISO-8859-1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "nutgraf.h"
#include "read/charset.h"

static void test_content_type(void **state)
{
    (void)state;
    char cs[NG_CHARSET_NAME_MAX];
    assert_int_equal(ng_charset_from_content_type("text/html; charset=ISO-8859-1", cs, sizeof cs), 1);
    assert_string_equal(cs, "iso-8859-1");
    assert_int_equal(ng_charset_from_content_type("text/html;charset=\"Shift_JIS\"", cs, sizeof cs), 1);
    assert_string_equal(cs, "shift_jis");
    assert_int_equal(ng_charset_from_content_type("text/html; Charset = utf-8 ; x=y", cs, sizeof cs), 1);
    assert_string_equal(cs, "utf-8");
    assert_int_equal(ng_charset_from_content_type("text/html", cs, sizeof cs), 0);
    assert_string_equal(cs, "");
    assert_int_equal(ng_charset_from_content_type("text/html; charset=", cs, sizeof cs), 0);
    assert_int_equal(ng_charset_from_content_type(NULL, cs, sizeof cs), 0);
    /* a name too long for the buffer is not cut short */
    char small[6];
    assert_int_equal(ng_charset_from_content_type("text/html; charset=windows-1251", small, sizeof small), 0);
    assert_string_equal(small, "");
}

static void test_sniff(void **state)
{
    (void)state;
    char cs[NG_CHARSET_NAME_MAX];
    const char *a = "<html><head><meta charset=\"ISO-8859-1\"><title>x</title>";
    assert_int_equal(ng_charset_sniff_html(a, strlen(a), cs, sizeof cs), 1);
    assert_string_equal(cs, "iso-8859-1");
    const char *b = "<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1251\">";
    assert_int_equal(ng_charset_sniff_html(b, strlen(b), cs, sizeof cs), 1);
    assert_string_equal(cs, "windows-1251");
    const char *c = "<meta charset=koi8-r>";
    assert_int_equal(ng_charset_sniff_html(c, strlen(c), cs, sizeof cs), 1);
    assert_string_equal(cs, "koi8-r");
    const char *d = "<!-- <meta charset=\"koi8-r\"> --><meta name=\"x\" content=\"y\"><p>charset=utf-8</p>";
    assert_int_equal(ng_charset_sniff_html(d, strlen(d), cs, sizeof cs), 0);
    const char *e = "<metadata charset=\"koi8-r\">";
    assert_int_equal(ng_charset_sniff_html(e, strlen(e), cs, sizeof cs), 0);
    const char *f = "<meta charset=\"iso-8859-1"; /* cut off at the end */
    assert_int_equal(ng_charset_sniff_html(f, strlen(f), cs, sizeof cs), 1);
    assert_int_equal(ng_charset_sniff_html(f, 10, cs, sizeof cs), 0);
    assert_int_equal(ng_charset_sniff_html(NULL, 0, cs, sizeof cs), 0);
}

static void test_iconv_names(void **state)
{
    (void)state;
    assert_null(ng_charset_iconv_name("utf-8"));
    assert_null(ng_charset_iconv_name("UTF8"));
    assert_null(ng_charset_iconv_name(NULL));
    assert_string_equal(ng_charset_iconv_name("ISO-8859-1"), "WINDOWS-1252");
    assert_string_equal(ng_charset_iconv_name("us-ascii"), "WINDOWS-1252");
    assert_string_equal(ng_charset_iconv_name("gb2312"), "GBK");
    assert_string_equal(ng_charset_iconv_name("koi8-r"), "koi8-r");
}

static void test_convert(void **state)
{
    (void)state;
    char *out = NULL;
    size_t n = 0;
    ng_error err;
    assert_int_equal(ng_charset_convert("caf\xe9 \x80", 6, "WINDOWS-1252", &out, &n, &err), NG_OK);
    assert_string_equal(out, "caf\xc3\xa9 \xe2\x82\xac");
    assert_int_equal(n, strlen(out));
    free(out);
    /* Cyrillic in KOI8-R */
    assert_int_equal(ng_charset_convert("\xf0\xd2\xc9\xd7\xc5\xd4", 6, "KOI8-R", &out, &n, &err), NG_OK);
    assert_string_equal(out, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"); /* Привет */
    free(out);
    /* invalid Shift_JIS: a lead byte cut off at the end becomes U+FFFD */
    assert_int_equal(ng_charset_convert("ab\x82", 3, "SHIFT_JIS", &out, &n, &err), NG_OK);
    assert_string_equal(out, "ab\xef\xbf\xbd");
    free(out);
    /* invalid UTF-8 in a UTF-8 conversion: each bad byte is U+FFFD */
    assert_int_equal(ng_charset_convert("a\xff" "b", 3, "UTF-8", &out, &n, &err), NG_OK);
    assert_string_equal(out, "a\xef\xbf\xbd" "b");
    free(out);
    /* a lone UTF-16 surrogate: one U+FFFD, and the text after it stays aligned */
    assert_int_equal(ng_charset_convert("\x00\xd8" "a\x00" "b\x00", 6, "UTF-16LE", &out, &n, &err), NG_OK);
    assert_string_equal(out, "\xef\xbf\xbd" "ab");
    free(out);
    /* UCS-4 past U+10FFFF: glibc writes no valid UTF-8 for it, U+FFFD is kept */
    assert_int_equal(ng_charset_convert("\x7f\xff\xff\xff\x00\x00\x00" "a", 8, "UCS-4", &out, &n, &err), NG_OK);
    assert_int_equal(n, strlen(out));
    assert_non_null(strstr(out, "\xef\xbf\xbd"));
    assert_int_equal(out[n - 1], 'a');
    for (size_t i = 0; i < n; i++) assert_true((unsigned char)out[i] < 0xf8);
    free(out);
    /* UTF-16 cut off in the middle of a code unit */
    assert_int_equal(ng_charset_convert("a\x00" "b", 3, "UTF-16LE", &out, &n, &err), NG_OK);
    assert_string_equal(out, "a\xef\xbf\xbd");
    free(out);
    assert_int_equal(ng_charset_convert("", 0, "KOI8-R", &out, &n, &err), NG_OK);
    assert_int_equal(n, 0);
    assert_string_equal(out, "");
    free(out);
    assert_int_equal(ng_charset_convert("x", 1, "no-such-charset", &out, &n, &err), NG_E_FORMAT);
    assert_null(out);
    assert_non_null(strstr(err.message, "no-such-charset"));
    /* a long input grows the buffer: 3 output bytes for each input byte */
    size_t big = 100000;
    char *in = malloc(big);
    assert_non_null(in);
    memset(in, 0xe9, big);
    assert_int_equal(ng_charset_convert(in, big, "WINDOWS-1252", &out, &n, &err), NG_OK);
    assert_int_equal(n, 2 * big);
    free(out);
    memset(in, 0xff, big); /* each byte invalid in UTF-8 */
    assert_int_equal(ng_charset_convert(in, big, "UTF-8", &out, &n, &err), NG_OK);
    assert_int_equal(n, 3 * big);
    free(out);
    free(in);
}

static void test_decode(void **state)
{
    (void)state;
    char *out = NULL, used[NG_CHARSET_NAME_MAX];
    size_t n = 0;
    ng_error err;
    const char *meta = "<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
    assert_int_equal(ng_charset_decode(meta, strlen(meta), NULL, 1, &out, &n, used, &err), NG_OK);
    assert_non_null(out);
    assert_string_equal(used, "windows-1252");
    assert_non_null(strstr(out, "caf\xc3\xa9"));
    free(out);
    /* not HTML: the <meta> is not looked at */
    assert_int_equal(ng_charset_decode(meta, strlen(meta), NULL, 0, &out, &n, used, &err), NG_OK);
    assert_null(out);
    assert_string_equal(used, "");
    /* the header wins over the page */
    const char *cyr = "<meta charset=\"iso-8859-1\"><p>\xf0\xd2\xc9\xd7\xc5\xd4</p>";
    assert_int_equal(ng_charset_decode(cyr, strlen(cyr), "koi8-r", 1, &out, &n, used, &err), NG_OK);
    assert_string_equal(used, "koi8-r");
    assert_non_null(strstr(out, "\xd0\x9f\xd1\x80"));
    free(out);
    /* valid UTF-8 is kept whatever is declared */
    const char *utf = "<meta charset=\"iso-8859-1\"><p>caf\xc3\xa9</p>";
    assert_int_equal(ng_charset_decode(utf, strlen(utf), "iso-8859-1", 1, &out, &n, used, &err), NG_OK);
    assert_null(out);
    /* a <meta> naming UTF-16 (impossible in ASCII bytes) or an unknown charset: kept */
    const char *u16 = "<meta charset=\"utf-16\"><p>caf\xe9</p>";
    assert_int_equal(ng_charset_decode(u16, strlen(u16), NULL, 1, &out, &n, used, &err), NG_OK);
    assert_null(out);
    const char *unk = "<meta charset=\"x-nonsense\"><p>caf\xe9</p>";
    assert_int_equal(ng_charset_decode(unk, strlen(unk), NULL, 1, &out, &n, used, &err), NG_OK);
    assert_null(out);
    /* a UTF-16 byte-order mark */
    const char le[] = "\xff\xfe<\0p\0>\0\xe9\0";
    assert_int_equal(ng_charset_decode(le, sizeof le - 1, NULL, 1, &out, &n, used, &err), NG_OK);
    assert_string_equal(used, "utf-16le");
    assert_string_equal(out, "<p>\xc3\xa9");
    free(out);
    const char be[] = "\xfe\xff\0<\0p\0>\0\xe9";
    assert_int_equal(ng_charset_decode(be, sizeof be - 1, NULL, 1, &out, &n, used, &err), NG_OK);
    assert_string_equal(out, "<p>\xc3\xa9");
    free(out);
    assert_int_equal(ng_charset_decode(NULL, 0, NULL, 1, &out, &n, used, &err), NG_OK);
    assert_null(out);
}

/* ng_doc_read converts an HTML page from disk that declares ISO-8859-1
 * instead of replacing its bytes by U+FFFD. */
static void test_doc_read(void **state)
{
    (void)state;
    const char *page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
                       "<title>Caf\xe9</title></head><body><h1>Caf\xe9 opens in M\xfcnchen</h1>"
                       "<p>The caf\xe9 opened on Monday in M\xfcnchen, the owner said after three years.</p>"
                       "<p>Customers queued for hours outside the door of the new caf\xe9 that day.</p>"
                       "</body></html>";
    ng_doc *doc = NULL;
    ng_error err;
    assert_int_equal(ng_doc_read(page, strlen(page), NULL, &doc, &err), NG_OK);
    ng_str h = ng_doc_field(doc, NG_FIELD_HEADLINE);
    assert_int_equal(h.len, strlen("Caf\xc3\xa9 opens in M\xc3\xbcnchen"));
    assert_memory_equal(h.ptr, "Caf\xc3\xa9 opens in M\xc3\xbcnchen", h.len);
    ng_str body = ng_doc_body(doc);
    const char *want = "The caf\xc3\xa9 opened";
    assert_true(body.len > strlen(want));
    assert_memory_equal(body.ptr, want, strlen(want));
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_WARNINGS), 0); /* no U+FFFD */
    ng_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_content_type), cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_iconv_names),  cmocka_unit_test(test_convert),
        cmocka_unit_test(test_decode),       cmocka_unit_test(test_doc_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
