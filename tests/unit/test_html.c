/* test_html.c - the HTML reader: fields from the markup, the headline line,
 * hints, the body choice, what never reaches the text, entities and
 * whitespace, broken and hostile markup, and the empty page, both through
 * ng_read_html directly and through the public ng_doc_read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "nutgraf.h"
#include "read/html.h"

/* Runs the reader alone on html; the caller frees the document.  *st gets
 * the status. */
static ng_doc *read_direct(const char *html, size_t len, ng_status *st)
{
    ng_doc *doc = ng_doc_new(0);
    assert_non_null(doc);
    doc->input = html;
    doc->input_len = len;
    ng_error err = {0};
    *st = ng_read_html(doc, &err);
    return doc;
}

static ng_doc *read_ok(const char *html)
{
    ng_status st;
    ng_doc *doc = read_direct(html, strlen(html), &st);
    assert_int_equal(st, NG_OK);
    return doc;
}

static int field_is(const ng_doc *doc, ng_field f, const char *want)
{
    ng_str s = ng_doc_field(doc, f);
    if (!want) return s.len == 0;
    if (s.len != strlen(want) || memcmp(s.ptr, want, s.len)) {
        fprintf(stderr, "field %d: got [%.*s], want [%s]\n", (int)f, (int)s.len, s.ptr ? s.ptr : "",
                want);
        return 0;
    }
    return 1;
}

/* Index of the line equal to text, or -1. */
static long line_index(const ng_doc *doc, const char *text)
{
    for (size_t i = 0; i < doc->lines.count; i++) {
        const ng_line *l = &doc->lines.items[i];
        if (l->len == strlen(text) && !memcmp(l->text, text, l->len)) return (long)i;
    }
    return -1;
}

static ng_line_hint hint_of(const ng_doc *doc, const char *text)
{
    long i = line_index(doc, text);
    if (i < 0) fprintf(stderr, "no line [%s]\n", text);
    assert_true(i >= 0);
    return doc->lines.items[i].hint;
}

/* True when needle occurs in any line. */
static int in_any_line(const ng_doc *doc, const char *needle)
{
    for (size_t i = 0; i < doc->lines.count; i++) {
        const ng_line *l = &doc->lines.items[i];
        size_t n = strlen(needle);
        for (size_t k = 0; k + n <= l->len; k++)
            if (!memcmp(l->text + k, needle, n)) return 1;
    }
    return 0;
}

static const char PAGE[] =
    "<!DOCTYPE html><html><head><title>Flood story | The Paper</title>"
    "<meta property=\"og:title\" content=\"River floods town &amp; farms\">"
    "<meta name=\"author\" content=\"Meta Author\">"
    "<meta property=\"article:published_time\" content=\"2014-03-02T08:00:00Z\">"
    "<script>document.write('SCRIPTTEXT');</script><style>p { color: red } /* STYLETEXT */</style>"
    "</head><body class=\"single comments-open\">"
    "<a class=\"skip\" href=\"#main\">Skip to main content</a>"
    "<header><div class=\"logo\">HEADERTEXT</div><nav><ul><li><a href=\"/\">NAVTEXT</a></li></ul></nav></header>"
    "<article><h1>River floods town &amp; farms</h1>"
    "<div class=\"byline\">By <a rel=\"author\" href=\"/jo\">Jo Rivers</a>, The Paper</div>"
    "<div class=\"meta\"><time datetime=\"2014-03-01\">March 1</time></div>"
    "<figure><img src=\"a.jpg\" alt=\"x\"><figcaption>Water covers the main road.</figcaption></figure>"
    "<p>The river rose   two metres\n overnight, officials said.</p>"
    "<p>Farmers moved &quot;everything&quot; to higher ground &mdash; fast.</p>"
    "<h2>What comes next</h2>"
    "<ul><li>Schools stay shut</li><li><a href=\"/x\">Earlier floods in the valley</a></li></ul>"
    "<aside>ASIDETEXT</aside><form><label>FORMTEXT</label></form>"
    "<p class=\"correspondent\">More rain is due on Friday.</p>"
    "<noscript>NOSCRIPTTEXT</noscript><iframe src=\"x\">IFRAMETEXT</iframe>"
    "<footer>Article footer note</footer>"
    "</article>"
    "<section id=\"comments\"><h3>COMMENTHEAD</h3><p class=\"comment-author\">COMMENTAUTHOR</p>"
    "<p>COMMENTTEXT that is long enough to look like a paragraph of prose.</p></section>"
    "<div id=\"disqus_thread\">DISQUSTEXT</div><div id=\"respond\">RESPONDTEXT</div>"
    "<div style=\"display: none\">HIDDENTEXT</div>"
    "<footer>FOOTERTEXT copyright</footer>"
    "</body></html>";

static void test_fields(void **state)
{
    (void)state;
    ng_doc *doc = read_ok(PAGE);
    assert_true(field_is(doc, NG_FIELD_HEADLINE, "River floods town & farms"));
    assert_true(field_is(doc, NG_FIELD_BYLINE, "By Jo Rivers, The Paper"));
    assert_true(field_is(doc, NG_FIELD_DATE, "2014-03-02T08:00:00Z"));
    ng_doc_free(doc);
}

static void test_title_line_first_once(void **state)
{
    (void)state;
    ng_doc *doc = read_ok(PAGE);
    assert_true(doc->lines.count > 3);
    const ng_line *first = &doc->lines.items[0];
    assert_int_equal(first->hint, NG_HINT_TITLE);
    assert_int_equal(first->len, strlen("River floods town & farms"));
    assert_memory_equal(first->text, "River floods town & farms", first->len);
    size_t copies = 0;
    for (size_t i = 0; i < doc->lines.count; i++)
        copies += doc->lines.items[i].len == first->len &&
                  !memcmp(doc->lines.items[i].text, first->text, first->len);
    assert_int_equal(copies, 1);
    ng_doc_free(doc);
}

static void test_junk_never_reaches_text(void **state)
{
    (void)state;
    static const char *const junk[] = {"SCRIPTTEXT", "STYLETEXT", "HEADERTEXT", "NAVTEXT",
                                       "ASIDETEXT", "FORMTEXT", "NOSCRIPTTEXT", "IFRAMETEXT",
                                       "COMMENT", "DISQUSTEXT", "RESPONDTEXT", "HIDDENTEXT",
                                       "FOOTERTEXT", "The Paper</title>", "Flood story"};
    ng_doc *doc = read_ok(PAGE);
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        if (in_any_line(doc, junk[i])) fprintf(stderr, "junk [%s] reached the text\n", junk[i]);
        assert_false(in_any_line(doc, junk[i]));
    }
    /* a class "correspondent" is not a comment section ("respond") */
    assert_true(line_index(doc, "More rain is due on Friday.") >= 0);
    /* a footer inside the article is its furniture (tags, share, sign-up) */
    assert_true(line_index(doc, "Article footer note") < 0);
    ng_doc_free(doc);
}

static void test_hints(void **state)
{
    (void)state;
    ng_doc *doc = read_ok(PAGE);
    /* outside the article: not emitted at all */
    assert_true(line_index(doc, "Skip to main content") < 0);
    assert_int_equal(hint_of(doc, "By Jo Rivers, The Paper"), NG_HINT_BYLINE);
    assert_int_equal(hint_of(doc, "Water covers the main road."), NG_HINT_CAPTION);
    assert_int_equal(hint_of(doc, "What comes next"), NG_HINT_HEADING);
    assert_int_equal(hint_of(doc, "Schools stay shut"), NG_HINT_LIST_ITEM);
    assert_int_equal(hint_of(doc, "Earlier floods in the valley"), NG_HINT_LINK);
    assert_int_equal(hint_of(doc, "More rain is due on Friday."), NG_HINT_PARAGRAPH);
    ng_doc_free(doc);
}

static void test_paragraphs_in_order_entities_whitespace(void **state)
{
    (void)state;
    ng_doc *doc = read_ok(PAGE);
    long a = line_index(doc, "The river rose two metres overnight, officials said.");
    long b = line_index(doc, "Farmers moved \"everything\" to higher ground \xE2\x80\x94 fast.");
    long c = line_index(doc, "More rain is due on Friday.");
    assert_true(a > 0);
    assert_true(b == a + 1);
    assert_true(c > b);
    assert_int_equal(doc->lines.items[a].hint, NG_HINT_PARAGRAPH);
    assert_int_equal(doc->lines.items[b].hint, NG_HINT_PARAGRAPH);
    assert_true(doc->lines.items[b].blank_before);
    ng_doc_free(doc);
}

static void test_br_and_nbsp(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("<html><body><article><p>One&nbsp;&nbsp;line<br>two <b>bold</b>"
                          "<i>ital</i>&#233;</p></article></body></html>");
    long one = line_index(doc, "One line");
    assert_true(one >= 0);
    assert_true(line_index(doc, "two boldital\xC3\xA9") == one + 1);
    assert_false(doc->lines.items[one + 1].blank_before);
    ng_doc_free(doc);
}

static void test_headline_fallbacks(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("<html><head><title>Tab title</title><meta name=\"author\" content=\"Al Bee\">"
                          "</head><body><header><h1>Site logo</h1></header><main><h1>Real  headline</h1>"
                          "<p>Text of the story.</p><time datetime=\"2001-02-03\">Feb 3</time></main>"
                          "</body></html>");
    assert_true(field_is(doc, NG_FIELD_HEADLINE, "Real headline"));
    assert_true(field_is(doc, NG_FIELD_BYLINE, "Al Bee"));
    assert_true(field_is(doc, NG_FIELD_DATE, "2001-02-03"));
    ng_doc_free(doc);
    doc = read_ok("<html><head><title>Only the title</title><meta name=\"date\" content=\"2002-01-01\">"
                  "</head><body><p>Text.</p></body></html>");
    assert_true(field_is(doc, NG_FIELD_HEADLINE, "Only the title"));
    assert_true(field_is(doc, NG_FIELD_BYLINE, NULL));
    assert_true(field_is(doc, NG_FIELD_DATE, "2002-01-01"));
    ng_doc_free(doc);
}

/* Without <article>, the element with the most paragraph text is the body;
 * text outside it is not emitted. */
static void test_body_by_paragraph_text(void **state)
{
    (void)state;
    ng_doc *doc = read_ok("<html><body><div class=\"promo\"><p>Short promo.</p></div>"
                          "<div class=\"story\"><p>The first long paragraph of the story itself.</p>"
                          "<p>The second long paragraph of the story itself.</p></div></body></html>");
    assert_true(line_index(doc, "Short promo.") < 0);
    assert_int_equal(hint_of(doc, "The first long paragraph of the story itself."), NG_HINT_PARAGRAPH);
    assert_int_equal(hint_of(doc, "The second long paragraph of the story itself."), NG_HINT_PARAGRAPH);
    ng_doc_free(doc);
}

static void test_public_api(void **state)
{
    (void)state;
    ng_doc *doc = NULL;
    ng_error err = {0};
    ng_read_options opts = {.format = NG_FORMAT_HTML};
    ng_status st = ng_doc_read(PAGE, sizeof PAGE - 1, &opts, &doc, &err);
    if (st != NG_OK) fprintf(stderr, "ng_doc_read: %s\n", err.message);
    assert_int_equal(st, NG_OK);
    assert_true(field_is(doc, NG_FIELD_FORMAT, "html"));
    assert_true(field_is(doc, NG_FIELD_HEADLINE, "River floods town & farms"));
    ng_str body = ng_doc_body(doc);
    assert_non_null(body.ptr);
    const char *want = "The river rose two metres overnight, officials said.";
    assert_true(body.len >= strlen(want));
    int found = 0;
    for (size_t k = 0; k + strlen(want) <= body.len && !found; k++)
        found = !memcmp(body.ptr + k, want, strlen(want));
    assert_true(found);
    for (size_t k = 0; k + 7 <= body.len; k++) assert_false(!memcmp(body.ptr + k, "COMMENT", 7));
    assert_true(ng_doc_sentence_count(doc) >= 2);
    ng_doc_free(doc);

    /* auto detection takes this page for HTML too */
    opts.format = NG_FORMAT_AUTO;
    assert_int_equal(ng_doc_read(PAGE, sizeof PAGE - 1, &opts, &doc, &err), NG_OK);
    assert_true(field_is(doc, NG_FIELD_FORMAT, "html"));
    ng_doc_free(doc);
}

static void test_empty_body(void **state)
{
    (void)state;
    static const char *const pages[] = {
        "<html><head><title>Nothing here</title></head><body>   </body></html>",
        "<html><body><script>var only = 'script';</script><style>b{}</style></body></html>",
        "<!-- only a comment -->",
    };
    ng_read_options opts = {.format = NG_FORMAT_HTML};
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        ng_doc *doc = (ng_doc *)1;
        ng_error err = {0};
        assert_int_equal(ng_doc_read(pages[i], strlen(pages[i]), &opts, &doc, &err), NG_E_EMPTY);
        assert_null(doc);
        assert_int_equal(err.status, NG_E_EMPTY);
        assert_true(strlen(err.message) > 0);
    }
}

/* A page whose only text is navigation, hidden or in <noscript> is not
 * refused: that text is the body; a page drawn by scripts gets its
 * description. */
static void test_never_refused(void **state)
{
    (void)state;
    static const char *const pages[] = {
        "<html><body><nav><a href=\"/\">Home</a></nav><footer>Copyright</footer></body></html>",
        "<html><body><div hidden>Loading the forum</div><noscript><p>First post text.</p></noscript></body></html>",
        ("<html><head><meta name=\"description\" content=\"A washable rug.\"></head><body><script>draw()</script>"
         "</body></html>"),
    };
    static const char *const want[] = {"Copyright", "First post text.", "A washable rug."};
    ng_read_options opts = {.format = NG_FORMAT_HTML};
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        ng_doc *doc = NULL;
        ng_error err = {0};
        assert_int_equal(ng_doc_read(pages[i], strlen(pages[i]), &opts, &doc, &err), NG_OK);
        ng_str body = ng_doc_body(doc);
        assert_non_null(body.ptr);
        assert_non_null(strstr(body.ptr, want[i]));
        ng_doc_free(doc);
    }
}

/* ----------------------------------------------- the extractor's failure patterns */

static const char PROSE[] =
    "The council voted on Tuesday to rebuild the old bridge, which has been closed since the spring floods. "
    "Engineers said the work would take two years and cost about twelve million euros, more than planned.";
static const char PROSE2[] =
    "Residents have crossed the river by ferry since April, and shop owners on both banks say trade has "
    "fallen by a third, while the ferry company has doubled its crossings in the morning.";

/* Reads a page through the public API; the page must not be refused. */
static ng_doc *read_page(const char *html)
{
    ng_doc *doc = NULL;
    ng_error err = {0};
    ng_read_options opts = {.format = NG_FORMAT_HTML};
    ng_status st = ng_doc_read(html, strlen(html), &opts, &doc, &err);
    if (st != NG_OK) fprintf(stderr, "refused: %s\n", err.message);
    assert_int_equal(st, NG_OK);
    return doc;
}

static int body_has(const ng_doc *doc, const char *needle)
{
    ng_str b = ng_doc_body(doc);
    return b.ptr && strstr(b.ptr, needle) != NULL;
}

static char *page_of(const char *fmt, ...)
{
    static char buf[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

/* A whole page inside one <form> (ASP.NET) is not furniture. */
static void test_page_in_one_form(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><form id=\"aspnetForm\"><div class=\"story\"><p>%s</p><p>%s</p>"
                                    "</div></form></body></html>", PROSE, PROSE2));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_true(body_has(doc, "doubled its crossings"));
    ng_doc_free(doc);
}

/* React's streamed parts (<div hidden id="S:0">, moved into place by a
 * script) are shown: the article in one is the body, not the footer that
 * stays visible; a plainly hidden block stays out. */
static void test_streamed_hidden_part(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><template id=\"B:0\"></template><p>Loading...</p>"
                                    "<footer><p>Subscribe to the Bridge Newsletter, we write every week about the city and "
                                    "its river.</p></footer><div hidden id=\"S:0\"><div class=\"x\"><p>%s</p><p>%s</p>"
                                    "</div></div><div hidden id=\"popup\"><p>A hidden offer for new readers of the "
                                    "bridge newsletter, only today.</p></div></body></html>", PROSE, PROSE2));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_true(body_has(doc, "doubled its crossings"));
    assert_false(body_has(doc, "Subscribe to the Bridge"));
    assert_false(body_has(doc, "hidden offer"));
    ng_doc_free(doc);
}

/* A short article (under the retry length) keeps the body when the
 * retry with chrome-sounding blocks in finds a longer disclaimer in the
 * site's <footer>. */
static void test_short_article_not_footer(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><main><section class=\"row\"><div class=\"col\"><p>%s</p>"
                                    "<ul><li>Ferry times</li><li>Detours</li></ul></div></section></main>"
                                    "<footer class=\"l-footer\"><div class=\"col\"><p>This material is not intended to "
                                    "replace the advice of a qualified advisor, and information has been obtained from "
                                    "sources believed to be reliable, for informational purposes only.</p><p>Products and "
                                    "services referenced are for general information only, and the company cannot be held "
                                    "liable for any loss, damage, cost, or expense of any kind.</p><p>Always consult a "
                                    "qualified advisor, review the terms, and read the instructions prior to use, as "
                                    "the law, rules, and prices change.</p></div></footer></body></html>", PROSE));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_false(body_has(doc, "qualified advisor"));
    ng_doc_free(doc);
}

/* A page builder calls each block of the article a "widget" and nests
 * each in sections: short paragraphs and headings in them stay in the
 * body when the choice climbs to their container from a small block. */
static void test_builder_widgets_kept(void **state)
{
    (void)state;
#define W(x) "<section><div class=\"col\"><div class=\"el-widget-wrap\"><div class=\"el-widget-container\">" x \
             "</div></div></div></section>"
    ng_doc *doc = read_page(page_of("<html><body><div class=\"el-page\"><div class=\"el-inner\">" W("<p>%s</p>")
                                    W("<h2>Why the bridge closed</h2>") W("<p>%s</p>") W("<h2>What comes next</h2>")
                                    W("<p>%s</p>") W("<p>%s</p>") "<div class=\"el-author-box\"><p>Jane Roe writes about "
                                    "the city, its bridges, its river, and its council, from the newsroom by the old "
                                    "harbour.</p></div></div></div></body></html>", PROSE, PROSE2, PROSE, PROSE2));
#undef W
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_true(body_has(doc, "Why the bridge closed"));
    assert_true(body_has(doc, "doubled its crossings"));
    ng_doc_free(doc);
}

/* A folded accordion panel (role=region, display:none until clicked) is
 * part of the article; a hidden tab panel of a dialog is not. */
static void test_folded_accordion_kept(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><main><div class=\"story\"><p>%s</p><div class=\"acc\">"
                                    "<button>Week 1</button><div role=\"region\" style=\"display: none\"><p>%s</p>"
                                    "</div></div></div><div role=\"tabpanel\" hidden><p>Tap the lock icon next to the "
                                    "address bar, then allow notifications, and choose how often you hear from us."
                                    "</p></div></main></body></html>", PROSE, PROSE2));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_true(body_has(doc, "doubled its crossings"));
    assert_false(body_has(doc, "Tap the lock icon"));
    ng_doc_free(doc);
}

/* "Story | Section | Site": both the site and the section are cut. */
static void test_headline_section_and_site_cut(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><head><meta property=\"og:title\" content=\"Council votes to rebuild "
                                    "the bridge | City News | Valley Times\"></head><body><article><p>%s</p><p>%s</p>"
                                    "</article></body></html>", PROSE, PROSE2));
    assert_true(field_is(doc, NG_FIELD_HEADLINE, "Council votes to rebuild the bridge"));
    ng_doc_free(doc);
}

/* A date shown only as text in a date-classed element is the date; an
 * "updated" one is not, nor a "date" element that holds no date. */
static void test_visible_date(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><article><span class=\"updated-date\">March 1, 2017</span>"
                                    "<div class=\"date-picker\">Choose a day</div><p class=\"date\">February 9, 2016</p>"
                                    "<p>%s</p><p>%s</p></article></body></html>", PROSE, PROSE2));
    assert_true(field_is(doc, NG_FIELD_DATE, "2016-02-09"));
    ng_doc_free(doc);
}

/* A class on <body> that contains "caption" is a feature flag, not a
 * caption; a figure's caption is kept apart from the body, with its image. */
static void test_caption_class_on_body(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body class=\"has-captions enable-caption-toggle\"><article>"
                                    "<figure><img src=\"/b.jpg\"><figcaption>The bridge in May.</figcaption></figure>"
                                    "<p>%s</p><p>%s</p></article></body></html>", PROSE, PROSE2));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_false(body_has(doc, "The bridge in May."));
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_IMAGES), 1);
    ng_str cap = ng_doc_list_item(doc, NG_LIST_IMAGE_CAPTIONS, 0);
    assert_int_equal(cap.len, strlen("The bridge in May."));
    ng_doc_free(doc);
}

/* Article text in <div>s and <br>s wins over a footer blurb in a <p>. */
static void test_article_not_in_p(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><div id=\"main\"><div class=\"txt\">%s<br><br>%s<br><br>The ferry runs until the "
                                    "bridge opens again, the council said.</div></div>"
                                    "<div class=\"foot\"><p>Our newsroom is independent and funded by readers like you "
                                    "since 1921.</p></div></body></html>", PROSE, PROSE2));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_true(body_has(doc, "doubled its crossings"));
    assert_false(body_has(doc, "funded by readers"));
    ng_doc_free(doc);
}

/* Short lines inside the article (table cells, list items, prices) stay. */
static void test_short_lines_kept(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><article><p>%s</p><table><tr><td>Steel</td><td>4.2 million</td></tr>"
                                    "<tr><td>Labour</td><td>3.1 million</td></tr></table><ul><li>New railings</li>"
                                    "<li>Wider footpath</li></ul><p>%s</p></article></body></html>", PROSE, PROSE2));
    assert_true(body_has(doc, "Steel"));
    assert_true(body_has(doc, "3.1 million"));
    assert_true(body_has(doc, "Wider footpath"));
    ng_doc_free(doc);
}

/* The site footer and a newsletter sign-up after a short article are not
 * body; adjacent links are separate words. */
static void test_boilerplate_dropped(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><article><p>%s</p><p>%s</p>"
                                    "<div class=\"newsletter-signup\"><p>Sign up for our daily newsletter, and get the "
                                    "best stories in your inbox every morning.</p><form><input></form></div>"
                                    "<div class=\"tags\"><a href=\"/a\">Nation in mourning</a><a href=\"/b\">How climate "
                                    "change shapes rivers</a></div></article>"
                                    "<footer><p>Copyright 2024 The Paper, all rights reserved, including the right to "
                                    "reproduce this story in any form.</p></footer></body></html>", PROSE, PROSE2));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_false(body_has(doc, "Sign up"));
    assert_false(body_has(doc, "Copyright"));
    assert_false(body_has(doc, "mourningHow"));
    ng_doc_free(doc);
    doc = read_ok("<html><body><article><p>Read <a href=\"/a\">one</a><a href=\"/b\">two</a> now, "
                  "the council said on Tuesday in a statement.</p></article></body></html>");
    assert_true(in_any_line(doc, "one two"));
    ng_doc_free(doc);
}

/* The dateline rule does not fire on blocks outside the article: a
 * related link "Words (Something) - ..." before it does not start the body. */
static void test_dateline_outside_article(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><div class=\"teasers\"><p><a href=\"/x\">Markets (Live) - shares "
                                    "slide again as traders wait for the central bank decision</a></p></div>"
                                    "<article><p>%s</p><p>%s</p></article></body></html>", PROSE, PROSE2));
    ng_str b = ng_doc_body(doc);
    assert_true(b.len > strlen("The council voted"));
    assert_memory_equal(b.ptr, "The council voted", strlen("The council voted"));
    assert_false(body_has(doc, "shares slide"));
    assert_int_equal(ng_doc_field(doc, NG_FIELD_DATELINE).len, 0);
    ng_doc_free(doc);
}

/* A page builder wraps the article text in blocks whose class sounds like
 * chrome ("widget", "media"): the prose in them stays body. */
static void test_prose_in_widget_class(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><main><div class=\"widget-area\"><div class=\"widget-wrapper\">"
                                    "<h1>Bridge plan</h1><p>%s</p><p>%s</p></div></div>"
                                    "<div class=\"share-widget\"><a href=\"/s\">Share</a></div></main></body></html>",
                                    PROSE, PROSE2));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_true(body_has(doc, "doubled its crossings"));
    ng_doc_free(doc);
}

/* A page builder nests each part of the article in its own section,
 * column and widget, deeper than the paragraph score spreads: the whole
 * article is taken, not its best part or an author box. */
#define THIRD "The ferry runs until the bridge opens again, the council said, and tickets stay at two euros."
#define FOURTH "Shops near the old crossing have cut their hours, and two cafes on the east bank have closed for now."
#define FIFTH "The regional government has promised to pay half of the cost, though the date is not yet fixed."
#define SIXTH "A public meeting on the design, with drawings of three options, is planned for early next month."
static void test_article_in_builder_sections(void **state)
{
    (void)state;
    static const char part[] = "<section class=\"sec\"><div class=\"container\"><div class=\"column\"><div class=\"wrap\">"
                               "<div class=\"element\"><div class=\"inner\"><p>%s</p><p>%s</p></div></div></div></div></div></section>";
    char fmt[4096];
    snprintf(fmt, sizeof fmt, "<html><body><div class=\"page\">%s%s%s</div><div class=\"author-box__text\"><p>Jo "
             "Rivers writes about towns, rivers, bridges and councils, and has covered the valley since 2009.</p></div>"
             "</body></html>", part, part, part);
    ng_doc *doc = read_page(page_of(fmt, PROSE, PROSE2, THIRD, FOURTH, FIFTH, SIXTH));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_true(body_has(doc, "doubled its crossings"));
    assert_true(body_has(doc, "tickets stay at two euros"));
    assert_true(body_has(doc, "three options"));
    assert_false(body_has(doc, "covered the valley"));
    ng_doc_free(doc);
}

/* The same with one long part and several short ones: the container of
 * all the parts, which holds clearly more prose, is the article. */
static void test_article_long_and_short_parts(void **state)
{
    (void)state;
    static const char part[] = "<section class=\"sec\"><div class=\"container\"><div class=\"column\"><div class=\"wrap\">"
                               "<div class=\"element\"><div class=\"inner\">%s</div></div></div></div></div></section>";
    char fmt[8192], first[600], rest[4096] = "";
    snprintf(first, sizeof first, part, "<p>%s</p><p>%s</p><p>%s</p>");
    for (int i = 0; i < 4; i++) {
        size_t len = strlen(rest);
        snprintf(rest + len, sizeof rest - len, part, "<p>%s</p>");
    }
    snprintf(fmt, sizeof fmt, "<html><body><div class=\"page\">%s%s</div></body></html>", first, rest);
    ng_doc *doc = read_page(page_of(fmt, PROSE, PROSE2, THIRD, FOURTH, FIFTH, SIXTH,
                                    "Trade groups on both banks welcomed the vote, and asked for a shuttle bus, too."));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_true(body_has(doc, "two cafes"));
    assert_true(body_has(doc, "three options"));
    assert_true(body_has(doc, "shuttle bus"));
    ng_doc_free(doc);
}

/* The article inside a container whose class sounds like chrome ("row
 * site_header"), with a weak block of plain text elsewhere: that block is
 * no article, the pass with the chrome in finds the story. */
static void test_article_inside_header_class(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><div class=\"row site_header\"><article><div><p>%s</p><p>%s</p>"
                                    "<p>%s</p><p>%s</p></div></article></div><div id=\"print_message\"><p>This page was printed "
                                    "from our website and you can visit it for news and health headlines posted "
                                    "throughout the day every day of the week by our writers and editors in the "
                                    "newsroom and we hope you find them useful and you can also read the archive of "
                                    "older stories and the pages about our staff and our policies and our partners "
                                    "and our advertisers and the ways to reach us by post and by phone during "
                                    "office hours and the pages about jobs and internships and events and awards and the "
                                    "shop and the podcasts and the newsletters and the apps</p></div></body></html>",
                                    PROSE, PROSE2, THIRD, FOURTH));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_true(body_has(doc, "doubled its crossings"));
    assert_false(body_has(doc, "printed from"));
    ng_doc_free(doc);
}

/* A forum page: the thread sits in a "comments" section inside one big
 * <form>, and nothing else on the page is an article.  The posts are the
 * body, not the short notification panel. */
static void test_forum_thread_in_comments(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><div class=\"panel\"><p>Allow notifications in your browser, "
                                    "and we will tell you about replies.</p></div>"
                                    "<div id=\"comments\"><form action=\"/post\"><article id=\"comment-1\"><div "
                                    "class=\"comment-body\"><p>%s</p><p>%s</p></div></article><article id=\"comment-2\">"
                                    "<div class=\"comment-body\"><p>%s</p><p>%s</p></div></article><article id=\"comment-3\">"
                                    "<div class=\"comment-body\"><p>%s</p><p>%s</p></div></article></form></div>"
                                    "</body></html>", PROSE, PROSE2, THIRD, FOURTH, FIFTH, SIXTH));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_true(body_has(doc, "doubled its crossings"));
    assert_true(body_has(doc, "two cafes"));
    assert_true(body_has(doc, "three options"));
    assert_false(body_has(doc, "Allow notifications"));
    ng_doc_free(doc);
}

/* A page whose only text is in a byline-like block is not refused. */
static void test_byline_only_page(void **state)
{
    (void)state;
    ng_doc *doc = read_page("<html><body><div class=\"byline\"><p>Jo Rivers writes about towns, rivers, bridges "
                            "and councils.</p></div></body></html>");
    assert_true(body_has(doc, "Jo Rivers writes"));
    ng_doc_free(doc);
}

/* A "Related posts" heading inside the article ends the body: the story
 * teasers under it are not body. */
static void test_related_heading_ends_body(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of("<html><body><article><p>%s</p><p>%s</p><h2>Related posts</h2><p>A guide to the "
                                    "ferry timetable, with the prices, stops and times for every day of the week.</p>"
                                    "</article></body></html>", PROSE, PROSE2));
    assert_true(body_has(doc, "rebuild the old bridge"));
    assert_true(body_has(doc, "doubled its crossings"));
    assert_false(body_has(doc, "ferry timetable"));
    ng_doc_free(doc);
}

/* Metadata from JSON-LD, OpenGraph and article:* metas; the site suffix is
 * cut from the title; a fact check's "statement-author" is not the byline. */
static void test_markup_metadata(void **state)
{
    (void)state;
    ng_doc *doc = read_page(page_of(
        "<html lang=\"en-GB\"><head><title>Bridge to be rebuilt | The Valley Times</title>"
        "<meta property=\"og:site_name\" content=\"The Valley Times\">"
        "<meta property=\"og:title\" content=\"Bridge to be rebuilt | The Valley Times\">"
        "<link rel=\"canonical\" href=\"https://example.org/bridge\">"
        "<meta property=\"article:tag\" content=\"Infrastructure\">"
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\"},"
        "{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-05-02T09:00:00Z\",\"author\":[{\"@type\":\"Person\","
        "\"name\":\"Ana Lopez\"},{\"name\":\"Tom Reed\"}]}]}</script></head><body><article>"
        "<div class=\"statement-author\">Mayor Jan Holm</div><p>%s</p><p>%s</p></article></body></html>",
        PROSE, PROSE2));
    assert_true(field_is(doc, NG_FIELD_HEADLINE, "Bridge to be rebuilt"));
    assert_true(field_is(doc, NG_FIELD_DATE, "2024-05-02T09:00:00Z"));
    assert_true(field_is(doc, NG_FIELD_SITE_NAME, "The Valley Times"));
    assert_true(field_is(doc, NG_FIELD_CANONICAL_URL, "https://example.org/bridge"));
    assert_true(field_is(doc, NG_FIELD_LANGUAGE, "en-GB"));
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_AUTHORS), 2);
    ng_str a = ng_doc_list_item(doc, NG_LIST_AUTHORS, 1);
    assert_int_equal(a.len, strlen("Tom Reed"));
    assert_memory_equal(a.ptr, "Tom Reed", a.len);
    assert_int_equal(ng_doc_list_count(doc, NG_LIST_TAGS), 1);
    assert_false(field_is(doc, NG_FIELD_BYLINE, "Mayor Jan Holm"));
    ng_doc_free(doc);
}

/* Broken markup and garbage bytes: never a crash, always a status. */
static void test_broken_html(void **state)
{
    (void)state;
    static const char *const pages[] = {
        "<html><body><p>Unclosed <b>bold <i>italic <div>block <p>para",
        "<<<<>>>><p<p<p>></p>&&&;&#;&#x;&#xFFFFFFFF;&#0;&#xD800;&bogus",
        "</p></div></body></html>Text after the end.",
        "<p>\x01\x02\x7f control \xEF\xBF\xBD replacement</p>",
        "<table><tr><td>cell<td>cell<tr><li>item</table><select><option>opt",
        "<article><article><article><p>nested</p>",
        "<svg><p>in svg</p></svg><math><mi>x</mi></math><![CDATA[cdata]]><?pi x?>",
        "<html", "<", "&", "<p>", "<!DOCTYPE", "<script>never closed",
    };
    for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
        ng_status st;
        ng_doc *doc = read_direct(pages[i], strlen(pages[i]), &st);
        assert_true(st == NG_OK || st == NG_E_EMPTY);
        ng_doc_free(doc);
        ng_doc *out = NULL;
        ng_read_options opts = {.format = NG_FORMAT_HTML};
        st = ng_doc_read(pages[i], strlen(pages[i]), &opts, &out, NULL);
        assert_true(st == NG_OK || st == NG_E_EMPTY || st == NG_E_BINARY);
        ng_doc_free(out);
    }
    /* raw garbage, including bytes that are not UTF-8, through the public API */
    uint32_t x = 12345;
    char junk[512];
    for (int round = 0; round < 200; round++) {
        size_t n = 1 + (size_t)round * 2;
        for (size_t k = 0; k < n; k++) {
            x = x * 1103515245u + 12345u;
            static const char alphabet[] = "<>/p&;# a\xC3\xFF\x80";
            junk[k] = alphabet[(x >> 16) % (sizeof alphabet - 1)];
        }
        ng_doc *out = NULL;
        ng_read_options opts = {.format = NG_FORMAT_HTML};
        ng_status st = ng_doc_read(junk, n, &opts, &out, NULL);
        assert_true(st != NG_E_NOMEM);
        ng_doc_free(out);
    }
}

/* Nested html: depth elements deep, then a paragraph; the caller frees. */
static char *nested(size_t depth, size_t *len)
{
    char *html = malloc(depth * 11 + 64);
    assert_non_null(html);
    *len = 0;
    for (size_t i = 0; i < depth; i++) *len += (size_t)sprintf(html + *len, "<div><span>");
    *len += (size_t)sprintf(html + *len, "<p>Deep text.</p>");
    return html;
}

/* Deep nesting must not exhaust the stack (the walks are iterative), and
 * text below libxml2's default limit of 256 levels is kept (the parser runs
 * with XML_PARSE_HUGE); far deeper pages still read without a crash. */
static void test_deep_nesting(void **state)
{
    (void)state;
    static const size_t depths[] = {100, 300};
    for (size_t i = 0; i < sizeof depths / sizeof depths[0]; i++) {
        size_t len;
        char *html = nested(depths[i], &len);
        ng_status st;
        ng_doc *doc = read_direct(html, len, &st);
        assert_int_equal(st, NG_OK);
        assert_true(line_index(doc, "Deep text.") >= 0);
        ng_doc_free(doc);
        free(html);
    }
    size_t len;
    char *html = nested(50000, &len);
    ng_status st;
    ng_doc *doc = read_direct(html, len, &st);
    assert_true(st == NG_OK || st == NG_E_EMPTY);
    ng_doc_free(doc);
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_title_line_first_once),
        cmocka_unit_test(test_junk_never_reaches_text),
        cmocka_unit_test(test_hints),
        cmocka_unit_test(test_paragraphs_in_order_entities_whitespace),
        cmocka_unit_test(test_br_and_nbsp),
        cmocka_unit_test(test_headline_fallbacks),
        cmocka_unit_test(test_body_by_paragraph_text),
        cmocka_unit_test(test_public_api),
        cmocka_unit_test(test_empty_body),
        cmocka_unit_test(test_never_refused),
        cmocka_unit_test(test_page_in_one_form),
        cmocka_unit_test(test_streamed_hidden_part),
        cmocka_unit_test(test_short_article_not_footer),
        cmocka_unit_test(test_builder_widgets_kept),
        cmocka_unit_test(test_folded_accordion_kept),
        cmocka_unit_test(test_headline_section_and_site_cut),
        cmocka_unit_test(test_visible_date),
        cmocka_unit_test(test_caption_class_on_body),
        cmocka_unit_test(test_article_not_in_p),
        cmocka_unit_test(test_short_lines_kept),
        cmocka_unit_test(test_boilerplate_dropped),
        cmocka_unit_test(test_dateline_outside_article),
        cmocka_unit_test(test_prose_in_widget_class),
        cmocka_unit_test(test_article_in_builder_sections),
        cmocka_unit_test(test_article_long_and_short_parts),
        cmocka_unit_test(test_article_inside_header_class),
        cmocka_unit_test(test_forum_thread_in_comments),
        cmocka_unit_test(test_byline_only_page),
        cmocka_unit_test(test_related_heading_ends_body),
        cmocka_unit_test(test_markup_metadata),
        cmocka_unit_test(test_broken_html),
        cmocka_unit_test(test_deep_nesting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
