/* test_meta.c - metadata helpers: bylines split into clean names, site
 * names cut from titles, dates to ISO 8601, JSON-LD Article objects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/doc.h"
#include "nutgraf.h"
#include "read/meta.h"

static void check_authors(const char *byline, const char *const *want, size_t n)
{
    ng_doc *doc = ng_doc_new(0);
    assert_non_null(doc);
    assert_int_equal(ng_meta_add_authors(doc, byline, strlen(byline)), NG_OK);
    if (ng_doc_list_count(doc, NG_LIST_AUTHORS) != n)
        fail_msg("'%s': %zu names, want %zu", byline, ng_doc_list_count(doc, NG_LIST_AUTHORS), n);
    for (size_t i = 0; i < n; i++) {
        ng_str a = ng_doc_list_item(doc, NG_LIST_AUTHORS, i);
        if (a.len != strlen(want[i]) || memcmp(a.ptr, want[i], a.len))
            fail_msg("'%s': name %zu is [%.*s], want [%s]", byline, i, (int)a.len, a.ptr, want[i]);
    }
    ng_doc_free(doc);
}

static void test_authors(void **state)
{
    (void)state;
    check_authors("By Jane Doe and John Roe, Staff Writers", (const char *const[]){"Jane Doe", "John Roe"}, 2);
    check_authors("By Carlos Ibanez, Reuters | Updated 5:04 PM ET", (const char *const[]){"Carlos Ibanez"}, 1);
    check_authors("BY MARIA GARCIA - Published 3 hours ago", (const char *const[]){"MARIA GARCIA"}, 1);
    check_authors("Lena Fischer on March 3, 2014", (const char *const[]){"Lena Fischer"}, 1);
    check_authors("Associated Press", NULL, 0);
    check_authors("by the time police arrived the crowd had left the square", NULL, 0);
    /* a date after the name, glued or not; a prefix; quotes; references */
    check_authors("Josef Pruša December 4, 2025", (const char *const[]){"Josef Pruša"}, 1);
    check_authors("Luke KimDecember 3, 2025", (const char *const[]){"Luke Kim"}, 1);
    check_authors("Elaine Chen Dec", (const char *const[]){"Elaine Chen"}, 1);
    check_authors("Olive Ryan Sat, Dec 6", (const char *const[]){"Olive Ryan"}, 1);
    check_authors("Dec 5, 2025", NULL, 0);
    check_authors("Updated 3 hours ago", NULL, 0);
    check_authors("Posted by: Idle Cartulary", (const char *const[]){"Idle Cartulary"}, 1);
    check_authors("Written by Kristin", (const char *const[]){"Kristin"}, 1);
    check_authors("\"David Kim\"", (const char *const[]){"David Kim"}, 1);
    check_authors("Maria &amp; Katerina Holm", (const char *const[]){"Maria", "Katerina Holm"}, 2);
    /* month names that are names stay */
    check_authors("April Fulton", (const char *const[]){"April Fulton"}, 1);
    check_authors("By Jan Holm and June Carter", (const char *const[]){"Jan Holm", "June Carter"}, 2);
}

static void check_cut(const char *title, const char *site, const char *want)
{
    size_t start = 0;
    size_t len = ng_meta_cut_site(title, strlen(title), site, site ? strlen(site) : 0, &start);
    if (len != strlen(want) || memcmp(title + start, want, len))
        fail_msg("'%s': kept [%.*s], want [%s]", title, (int)len, title + start, want);
}

static void test_cut_site(void **state)
{
    (void)state;
    check_cut("Bridge to be rebuilt | The Valley Times", NULL, "Bridge to be rebuilt");
    check_cut("The Valley Times - Bridge to be rebuilt", "The Valley Times", "Bridge to be rebuilt");
    check_cut("Council votes to rebuild the old bridge - valleytimes.com", NULL,
              "Council votes to rebuild the old bridge");
    check_cut("Spider-Man returns - and wins", NULL, "Spider-Man returns - and wins");
    check_cut("A headline alone", "Site", "A headline alone");
    check_cut("Planning the bridge works \xE2\x80\xA2 Valley Works Institute", NULL, "Planning the bridge works");
}

static void check_date(const char *s, const char *want)
{
    char out[64];
    size_t n = ng_meta_iso_date(s, strlen(s), out, sizeof out);
    if (!want) {
        if (n) fail_msg("'%s' has no date, got [%s]", s, out);
        return;
    }
    if (!n || strcmp(out, want)) fail_msg("'%s': got [%s], want [%s]", s, n ? out : "", want);
}

static void test_iso_dates(void **state)
{
    (void)state;
    check_date("Updated 10:15 GMT, 14 September 2012", "2012-09-14");
    check_date("PUBLISHED: Sept. 3, 2014 at 5 PM", "2014-09-03");
    check_date("March 1st, 2020", "2020-03-01");
    check_date("2012-09-14T10:15:00Z", "2012-09-14T10:15:00Z");
    check_date("Updated 10:15 GMT", NULL);
    check_date("May the force be with you", NULL);
}

static void test_jsonld(void **state)
{
    (void)state;
    ng_doc *doc = ng_doc_new(0);
    const char *good = "[{\"@type\":\"BreadcrumbList\"},{\"@type\":[\"NewsArticle\"],\"headline\":\"Bridge\","
                       "\"datePublished\":\"2024-05-02\",\"publisher\":{\"name\":\"The Valley Times\"},"
                       "\"author\":\"By Ana Lopez\",\"keywords\":\"bridges, floods\"}]";
    const char *broken = "{\"@type\":\"NewsArticle\",\"headline\":";
    assert_int_equal(ng_meta_jsonld(doc, broken, strlen(broken)), NG_OK);
    assert_int_equal(ng_doc_field(doc, NG_FIELD_HEADLINE).len, 0);
    assert_int_equal(ng_meta_jsonld(doc, good, strlen(good)), NG_OK);
    assert_int_equal(ng_doc_field(doc, NG_FIELD_HEADLINE).len, 6);
    assert_int_equal(ng_doc_field(doc, NG_FIELD_DATE).len, 10);
    assert_int_equal(ng_doc_field(doc, NG_FIELD_SITE_NAME).len, strlen("The Valley Times"));
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_AUTHORS), 1);
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_TAGS), 2);
    ng_doc_free(doc);
    /* control characters in JSON strings ("\n" from the fuzzer) fold to spaces */
    doc = ng_doc_new(0);
    const char *ctl = "{\"@type\":\"Article\",\"datePublished\":\"2024\\n01-02\",\"keywords\":[\"a\\tb\"]}";
    assert_int_equal(ng_meta_jsonld(doc, ctl, strlen(ctl)), NG_OK);
    ng_str d = ng_doc_field(doc, NG_FIELD_DATE);
    assert_int_equal(d.len, 10);
    assert_memory_equal(d.ptr, "2024 01-02", 10);
    ng_str t = ng_doc_list_item(doc, NG_LIST_TAGS, 0);
    assert_memory_equal(t.ptr, "a b", 3);
    ng_doc_free(doc);
    /* no Article in the graph: the WebPage's datePublished is the date,
     * its name (the title with the site) is not the headline */
    doc = ng_doc_new(0);
    const char *page = "{\"@graph\":[{\"@type\":\"WebSite\",\"datePublished\":\"2001-01-01\"},"
                       "{\"@type\":\"WebPage\",\"name\":\"Bridge | Valley Times\","
                       "\"datePublished\":\"2024-03-17T19:47:39+00:00\"}]}";
    assert_int_equal(ng_meta_jsonld(doc, page, strlen(page)), NG_OK);
    assert_int_equal(ng_doc_field(doc, NG_FIELD_DATE).len, strlen("2024-03-17T19:47:39+00:00"));
    assert_memory_equal(ng_doc_field(doc, NG_FIELD_DATE).ptr, "2024-03-17", 10);
    assert_int_equal(ng_doc_field(doc, NG_FIELD_HEADLINE).len, 0);
    ng_doc_free(doc);
    /* sites escape JSON-LD strings as HTML, some twice; a bare '&' and an
     * unknown or broken reference stay as written */
    doc = ng_doc_new(0);
    const char *esc = "{\"@type\":\"Article\",\"headline\":\"Rock &amp; roll &#8211; and finally&amp;#8230; "
                      "it&#x27;s R&D &bogus; &#xZZ;\"}";
    assert_int_equal(ng_meta_jsonld(doc, esc, strlen(esc)), NG_OK);
    ng_str h = ng_doc_field(doc, NG_FIELD_HEADLINE);
    const char *want = "Rock & roll \xE2\x80\x93 and finally\xE2\x80\xA6 it's R&D &bogus; &#xZZ;";
    assert_int_equal(h.len, strlen(want));
    assert_memory_equal(h.ptr, want, h.len);
    ng_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_authors),
        cmocka_unit_test(test_cut_site),
        cmocka_unit_test(test_iso_dates),
        cmocka_unit_test(test_jsonld),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
