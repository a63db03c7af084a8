/* html.c - the HTML page reader.
 *
 * libxml2's forgiving HTML parser builds a tree from doc->input; this file
 * then makes two iterative passes over it (no recursion, so deep nesting
 * cannot exhaust the stack):
 *
 *  1. survey: finds the metadata (og:title, author, publication dates) and
 *     the article body: the <article> or itemprop=articleBody element with
 *     the most paragraph text, else the element whose <p> children hold the
 *     most text;
 *  2. emit:   writes the page's visible text as hinted page lines, one line
 *     per block element (and per <br>), whitespace collapsed, skipping
 *     scripts, styles, navigation, forms, asides, comment sections, hidden
 *     elements, and headers and footers outside the body.
 *
 * The headline is emitted first with NG_HINT_TITLE; the heading that repeats
 * it is not emitted again.  Parsing never prints: libxml2's messages go to a
 * structured error handler set on this parse's own context.
 *
 * Ownership: the libxml2 tree, the parser context and the scratch buffers
 * are freed before ng_read_html returns; the lines and fields are copied
 * into the document's arena by ng_doc_add_line / ng_doc_set_field.
 */
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "read/html.h"
#include "read/html_article.h"
#include "read/meta.h"

#define BYLINE_MAX 200 /* bytes; a longer "author" element is a bio box */

/* ------------------------------------------------------------ small text */

/* A growable byte buffer on the heap; failed sticks once memory runs out. */
typedef struct buf {
    char *p;
    size_t len, cap;
    int failed;
} buf;

static void buf_put(buf *b, const char *s, size_t n)
{
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void buf_free(buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static int eq_ci(const char *a, const char *b)
{
    if (!a || !b) return 0;
    while (*a && lower(*a) == lower(*b)) a++, b++;
    return *a == '\0' && *b == '\0';
}

/* True when needle (lower case) occurs in s, ignoring case. */
#define has_ci ng_html_has_ci

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t len;
    uint32_t cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
    else return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    return len;
}

/* Appends text to b with every whitespace run (including U+00A0) folded
 * into one space, control characters dropped and invalid UTF-8 replaced.
 * *want_space carries a pending space across calls; leading space is never
 * written.  When newline is not NULL, each '\n' calls it instead (for
 * <pre>).  Returns the number of visible bytes appended. */
static size_t append_collapsed(buf *b, int *want_space, const char *text,
                               void (*newline)(void *), void *ctx)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = strlen(text), visible = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c == '\n' && newline) {
            newline(ctx);
            i++;
        } else if (ng_is_space(c) || (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0)) {
            *want_space = 1;
            i += c == 0xC2 ? 2 : 1;
        } else if (c < 0x20 || c == 0x7F) {
            i++;
        } else {
            size_t len = utf8_len(s + i, n - i);
            if (*want_space && b->len) buf_put(b, " ", 1);
            *want_space = 0;
            if (len) buf_put(b, (const char *)s + i, len);
            else buf_put(b, "\xEF\xBF\xBD", 3);
            visible += len ? len : 3;
            i += len ? len : 1;
        }
    }
    return visible;
}

/* ----------------------------------------------------------- tree walking */

/* Called on entering a node; returns nonzero to visit its children. */
typedef int (*enter_fn)(void *ctx, xmlNode *n, size_t depth);
/* Called on leaving every entered node, children or not. */
typedef void (*leave_fn)(void *ctx, xmlNode *n, size_t depth);

/* Visits root and its subtree in document order without recursion.  Only
 * element children are descended into (entity and attribute links are not
 * tree edges). */
static void walk(xmlNode *root, enter_fn enter, leave_fn leave, void *ctx)
{
    xmlNode *n = root;
    size_t depth = 0;
    for (;;) {
        if (enter(ctx, n, depth) && n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            depth++;
            continue;
        }
        for (;;) {
            leave(ctx, n, depth);
            if (n == root) return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            depth--;
        }
    }
}

static const char *name_of(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && n->name ? (const char *)n->name : "";
}

static int is_tag(const xmlNode *n, const char *const *tags)
{
    const char *name = name_of(n);
    for (; *tags; tags++)
        if (eq_ci(name, *tags)) return 1;
    return 0;
}

/* An attribute's value, owned by the caller (xmlFree); NULL when absent. */
static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static int attr_has(const xmlNode *n, const char *name, const char *needle)
{
    char *v = attr(n, name);
    int r = has_ci(v, needle);
    xmlFree(v);
    return r;
}

static int attr_is(const xmlNode *n, const char *name, const char *value)
{
    char *v = attr(n, name);
    int r = eq_ci(v, value);
    xmlFree(v);
    return r;
}

/* True when a word of the class or id names a comment section: words
 * starting with "comment" (not "commentary"/"commentator"), any word with
 * "disqus", and the word "respond" (not "correspondent"). */
static int words_name_comments(const char *v)
{
    while (v && *v) {
        char w[64];
        size_t n = 0;
        while (*v && !((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') || (*v >= '0' && *v <= '9'))) v++;
        while ((*v >= 'a' && *v <= 'z') || (*v >= 'A' && *v <= 'Z') || (*v >= '0' && *v <= '9')) {
            if (n + 1 < sizeof w) w[n++] = lower(*v);
            v++;
        }
        w[n] = '\0';
        if (!strncmp(w, "comment", 7) && strncmp(w, "commentar", 9) && strncmp(w, "commentat", 9))
            return 1;
        if (strstr(w, "disqus") || !strcmp(w, "respond")) return 1;
    }
    return 0;
}

/* Page containers (<body class="comments-open">) are never comment
 * sections themselves. */
static int names_comments(const xmlNode *n)
{
    char *cls = attr(n, "class"), *id = attr(n, "id");
    int r = words_name_comments(cls) || words_name_comments(id);
    xmlFree(cls);
    xmlFree(id);
    return r;
}

static int is_comment_section(const xmlNode *n)
{
    if (is_tag(n, (const char *const[]){"html", "body", "main", "article", NULL})) return 0;
    return names_comments(n);
}

/* React's streamed rendering sends each finished part of the page as
 * <div hidden id="S:0">, which a script then moves into its place: the
 * browser shows it, so its hidden attribute does not count. */
static int is_streamed_part(const xmlNode *n)
{
    char *id = attr(n, "id");
    int r = id && id[0] == 'S' && id[1] == ':' && id[2] >= '0' && id[2] <= '9';
    for (const char *p = r ? id + 2 : ""; *p && r; p++) r = *p >= '0' && *p <= '9';
    xmlFree(id);
    return r;
}

/* A folded accordion panel (role=region, an "accordion" class) holds
 * article text the reader opens with a click: shown.  Tab panels are not
 * (they fill dialogs: "how to allow notifications in Chrome / Safari"). */
static int is_folded_panel(const xmlNode *n)
{
    if (attr_is(n, "role", "region")) return 1;
    return attr_has(n, "class", "accordion") || attr_has(n, "id", "accordion");
}

/* Hidden by attribute or inline style (the style read only when needed). */
static int hidden_by_markup(const xmlNode *n)
{
    if (xmlHasProp(n, (const xmlChar *)"hidden") && !is_streamed_part(n)) return 1;
    if (attr_is(n, "aria-hidden", "true")) return 1;
    char *style = attr(n, "style");
    int r = 0;
    if (style) {
        size_t k = 0;
        for (size_t i = 0; style[i]; i++)
            if (!ng_is_space((unsigned char)style[i])) style[k++] = lower(style[i]);
        style[k] = '\0';
        r = strstr(style, "display:none") || strstr(style, "visibility:hidden");
    }
    xmlFree(style);
    return r;
}

static int is_hidden(const xmlNode *n)
{
    return hidden_by_markup(n) && !is_folded_panel(n); /* the rarer test last */
}

static const char *const never_text[] = {
    "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "select", "button", "textarea", "input", "audio", "video", "map", "dialog",
    "head", "title", "meta", "link", NULL};
/* <form> is not here: some pages wrap everything in one; the emitter
 * drops forms inside the article (sign-up boxes). */
static const char *const chrome_tags[] = {"nav", "aside", NULL};
static const char *const edge_tags[] = {"header", "footer", NULL};

/* Elements whose text is never article text, wherever they are (pass 1
 * keeps <head> to read its metadata). */
static int skip_always_k(const xmlNode *n, int keep_head, int keep_comments)
{
    if (keep_head && is_tag(n, (const char *const[]){"head", "title", "meta", "link", NULL}))
        return 0;
    if (is_tag(n, never_text) || is_tag(n, chrome_tags)) return 1;
    if (attr_is(n, "role", "navigation") || attr_is(n, "role", "complementary")) return 1;
    return (!keep_comments && is_comment_section(n)) || is_hidden(n);
}

static int skip_always(const xmlNode *n, int keep_head)
{
    return skip_always_k(n, keep_head, 0);
}

/* For the article chooser: elements whose text is never article text. */
static int skip_text(const xmlNode *n)
{
    return skip_always(n, 0);
}

/* The same with comment sections in (a forum thread is the page's text). */
static int skip_text_open(const xmlNode *n)
{
    return skip_always_k(n, 0, 1);
}

/* Headers and footers are page chrome outside the article body. */
static int is_edge(const xmlNode *n)
{
    return is_tag(n, edge_tags) || attr_is(n, "role", "banner") || attr_is(n, "role", "contentinfo");
}

/* -------------------------------------------------------- element text */

typedef struct text_ctx {
    buf b;
    int want_space;
    size_t limit; /* stop collecting past this many bytes (0: no limit) */
} text_ctx;

static int text_enter(void *ctx, xmlNode *n, size_t depth)
{
    text_ctx *t = ctx;
    if (t->limit && t->b.len > t->limit) return 0;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content) append_collapsed(&t->b, &t->want_space, (const char *)n->content, NULL, NULL);
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE) return 0;
    if (depth > 0 && skip_always(n, 0)) return 0;
    if (is_tag(n, (const char *const[]){"br", "p", "div", "li", "td", NULL})) t->want_space = 1;
    return 1;
}

static void text_leave(void *ctx, xmlNode *n, size_t depth)
{
    (void)ctx, (void)n, (void)depth;
}

/* The visible text of n, whitespace collapsed, in a heap buffer the caller
 * frees with buf_free(); collection stops soon after limit bytes (0: none). */
static buf text_of(xmlNode *n, size_t limit)
{
    text_ctx t = {{NULL, 0, 0, 0}, 0, limit};
    walk(n, text_enter, text_leave, &t);
    return t.b;
}

/* ------------------------------------------------------ pass 1: survey */

/* The metadata elements of the page (the first of each kind); JSON-LD
 * blocks and article:tag metas go straight into the document. */
typedef struct survey {
    ng_doc *doc;
    ng_status st;
    xmlNode *og_title, *meta_author, *published, *meta_date, *title, *rel_author;
    xmlNode *site_name, *og_url, *canonical, *locale, *description;
} survey;

static int frames_reserve(void **f, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return 0;
    size_t cap2 = *cap ? *cap * 2 : 64;
    while (cap2 < need) cap2 *= 2;
    void *p = realloc(*f, cap2 * elem);
    if (!p) return -1;
    *f = p;
    *cap = cap2;
    return 0;
}

static int is_date_meta_name(const char *v)
{
    static const char *const names[] = {"date", "pubdate", "publishdate", "publish-date",
                                        "dc.date", "dc.date.issued", "datepublished",
                                        "article.published", "sailthru.date", "og:published_time",
                                        "parsely-pub-date", NULL};
    for (size_t i = 0; names[i]; i++)
        if (eq_ci(v, names[i])) return 1;
    return 0;
}

static void remember(xmlNode **slot, xmlNode *n)
{
    if (!*slot) *slot = n;
}

/* Remembers the first meta element of each kind this reader uses. */
static void survey_meta(survey *s, xmlNode *n)
{
    char *key = attr(n, "property");
    if (!key) key = attr(n, "name");
    if (!key) key = attr(n, "itemprop");
    if (!key) return;
    if (eq_ci(key, "og:title")) remember(&s->og_title, n);
    else if (eq_ci(key, "author") || eq_ci(key, "article:author") || eq_ci(key, "dc.creator"))
        remember(&s->meta_author, n);
    else if (eq_ci(key, "article:published_time")) remember(&s->published, n);
    else if (is_date_meta_name(key)) remember(&s->meta_date, n);
    else if (eq_ci(key, "og:site_name") || eq_ci(key, "application-name")) remember(&s->site_name, n);
    else if (eq_ci(key, "og:url")) remember(&s->og_url, n);
    else if (eq_ci(key, "og:locale")) remember(&s->locale, n);
    else if (eq_ci(key, "og:description") || eq_ci(key, "description")) remember(&s->description, n);
    else if (eq_ci(key, "article:tag") && s->st == NG_OK) {
        char *v = attr(n, "content");
        if (v) s->st = ng_doc_add_item(s->doc, NG_LIST_TAGS, v, strlen(v));
        xmlFree(v);
    }
    xmlFree(key);
}

static void survey_jsonld(survey *s, xmlNode *n)
{
    if (s->st != NG_OK || !attr_has(n, "type", "ld+json")) return;
    xmlChar *text = xmlNodeGetContent(n);
    if (text) s->st = ng_meta_jsonld(s->doc, (const char *)text, strlen((const char *)text));
    xmlFree(text);
}

static void survey_element(survey *s, xmlNode *n)
{
    if (is_tag(n, (const char *const[]){"meta", NULL})) survey_meta(s, n);
    else if (is_tag(n, (const char *const[]){"title", NULL})) remember(&s->title, n);
    else if (is_tag(n, (const char *const[]){"link", NULL}) && attr_is(n, "rel", "canonical"))
        remember(&s->canonical, n);
    else if (is_tag(n, (const char *const[]){"a", "link", NULL}) && !s->rel_author &&
             attr_has(n, "rel", "author") && n->children)
        s->rel_author = n;
}

static int survey_enter(void *ctx, xmlNode *n, size_t depth)
{
    survey *s = ctx;
    (void)depth;
    if (n->type != XML_ELEMENT_NODE) return 0;
    if (is_tag(n, (const char *const[]){"script", NULL})) survey_jsonld(s, n);
    if (skip_always(n, 1)) return 0;
    survey_element(s, n);
    return 1;
}

static void survey_leave(void *ctx, xmlNode *n, size_t depth)
{
    (void)ctx, (void)n, (void)depth;
}

/* ------------------------------------------------- finding one element */

typedef int (*match_fn)(const xmlNode *n);

typedef struct find_ctx {
    match_fn match;
    int skip_edges;
    xmlNode *found;
} find_ctx;

static int find_enter(void *ctx, xmlNode *n, size_t depth)
{
    find_ctx *f = ctx;
    if (f->found || n->type != XML_ELEMENT_NODE) return 0;
    if (depth > 0 && (skip_always(n, 0) || (f->skip_edges && is_edge(n)))) return 0;
    if (f->match(n)) {
        f->found = n;
        return 0;
    }
    return 1;
}

static void find_leave(void *ctx, xmlNode *n, size_t depth)
{
    (void)ctx, (void)n, (void)depth;
}

/* The first element under body that matches, else the first in the whole
 * page (outside headers and footers when skip_edges). */
static xmlNode *find_first(xmlNode *root, xmlNode *body, match_fn match, int skip_edges)
{
    find_ctx f = {match, 0, NULL};
    if (body) walk(body, find_enter, find_leave, &f);
    if (f.found || !root) return f.found;
    f.skip_edges = skip_edges;
    walk(root, find_enter, find_leave, &f);
    return f.found;
}

static int match_h1(const xmlNode *n)
{
    return is_tag(n, (const char *const[]){"h1", NULL});
}

static int match_time(const xmlNode *n)
{
    return is_tag(n, (const char *const[]){"time", NULL}) && xmlHasProp(n, (const xmlChar *)"datetime");
}

/* Marked up as the author, by class, itemprop or rel, and short. */
static int is_byline_element(const xmlNode *n)
{
    if (!attr_has(n, "class", "byline") && !attr_has(n, "class", "author") &&
        !attr_has(n, "itemprop", "author") && !attr_has(n, "rel", "author") &&
        !attr_has(n, "id", "byline"))
        return 0;
    /* "statement-author": the person a fact check is about */
    if (attr_has(n, "class", "statement") || attr_has(n, "class", "quote") || attr_has(n, "class", "comment"))
        return 0;
    buf t = text_of((xmlNode *)n, BYLINE_MAX);
    int ok = !t.failed && t.len > 0 && t.len <= BYLINE_MAX;
    buf_free(&t);
    return ok;
}

/* ------------------------------------------------------------- fields */

/* Sets field to the collapsed text s unless it is empty or already set. */
static ng_status set_field_text(ng_doc *doc, ng_field field, const char *s)
{
    if (!s || doc->fields[field].len) return NG_OK;
    buf b = {NULL, 0, 0, 0};
    int want_space = 0;
    append_collapsed(&b, &want_space, s, NULL, NULL);
    ng_status st = b.failed ? NG_E_NOMEM : NG_OK;
    if (st == NG_OK && b.len) st = ng_doc_set_field(doc, field, b.p, b.len);
    buf_free(&b);
    return st;
}

static ng_status set_field_attr(ng_doc *doc, ng_field field, const xmlNode *n, const char *name)
{
    if (!n) return NG_OK;
    char *v = attr(n, name);
    ng_status st = NG_OK;
    if (v && !(has_ci(v, "http://") || has_ci(v, "https://"))) st = set_field_text(doc, field, v);
    xmlFree(v);
    return st;
}

static ng_status set_field_node_text(ng_doc *doc, ng_field field, xmlNode *n)
{
    if (!n) return NG_OK;
    buf t = text_of(n, 0);
    ng_status st = t.failed ? NG_E_NOMEM : NG_OK;
    if (st == NG_OK && t.len) st = set_field_text(doc, field, t.p);
    buf_free(&t);
    return st;
}

static ng_status set_field_url(ng_doc *doc, ng_field field, const xmlNode *n, const char *name)
{
    if (!n || doc->fields[field].len) return NG_OK;
    char *v = attr(n, name);
    ng_status st = v ? set_field_text(doc, field, v) : NG_OK;
    xmlFree(v);
    return st;
}

/* Cuts "| Site" (or "Site |") off the headline field. */
/* Cuts the site name from the headline, twice: "Story | Section | Site"
 * keeps the story alone. */
static void cut_site_suffix(ng_doc *doc)
{
    for (int round = 0; round < 2; round++) {
        ng_str h = doc->fields[NG_FIELD_HEADLINE], site = doc->fields[NG_FIELD_SITE_NAME];
        size_t start = 0, len = ng_meta_cut_site(h.ptr, h.len, site.ptr, site.len, &start);
        if (!len || len >= h.len) return;
        doc->fields[NG_FIELD_HEADLINE].ptr = h.ptr + start;
        doc->fields[NG_FIELD_HEADLINE].len = len;
    }
}

/* A date the markup gives in words ("March 3, 2014") becomes 2014-03-03. */
#define DATE_TEXT_MAX 60 /* bytes; a longer "date" element holds more than a date */

/* A visible date: an element whose class or itemprop names the
 * publication date ("entry-date", "post-date", "published") and whose
 * short text reads as a date ("February 9, 2016"); not an update. */
static int is_date_element(const xmlNode *n)
{
    if (!attr_has(n, "class", "date") && !attr_has(n, "class", "published") &&
        !attr_has(n, "itemprop", "datepublished"))
        return 0;
    if (attr_has(n, "class", "update") || attr_has(n, "class", "modified")) return 0;
    buf t = text_of((xmlNode *)n, DATE_TEXT_MAX);
    char iso[64];
    int ok = !t.failed && t.len > 0 && t.len <= DATE_TEXT_MAX && ng_meta_iso_date(t.p, t.len, iso, sizeof iso);
    buf_free(&t);
    return ok;
}

static ng_status normalize_date(ng_doc *doc)
{
    ng_str d = doc->fields[NG_FIELD_DATE];
    char iso[64];
    if (!d.len || (d.ptr[0] >= '0' && d.ptr[0] <= '9' && d.len >= 10 && d.ptr[4] == '-')) return NG_OK;
    size_t n = ng_meta_iso_date(d.ptr, d.len, iso, sizeof iso);
    return n ? ng_doc_set_field(doc, NG_FIELD_DATE, iso, n) : NG_OK;
}

static ng_status fill_authors(ng_doc *doc, const survey *s)
{
    ng_status st = NG_OK;
    ng_str b = doc->fields[NG_FIELD_BYLINE];
    if (!doc->lists[NG_LIST_AUTHORS].count && b.len) st = ng_meta_add_authors(doc, b.ptr, b.len);
    if (st == NG_OK && !doc->lists[NG_LIST_AUTHORS].count && s->meta_author) {
        char *v = attr(s->meta_author, "content");
        if (v && !has_ci(v, "http")) st = ng_meta_add_authors(doc, v, strlen(v));
        xmlFree(v);
    }
    return st;
}

/* The site, canonical URL and language; the headline from JSON-LD (set
 * during the survey), og:title, the first <h1> (the body's first), then
 * <title>, without the site's name; byline, authors and date. */
static ng_status fill_fields(ng_doc *doc, const survey *s, xmlNode *root, xmlNode *body)
{
    ng_status st = set_field_url(doc, NG_FIELD_SITE_NAME, s->site_name, "content");
    if (st == NG_OK) st = set_field_url(doc, NG_FIELD_CANONICAL_URL, s->canonical, "href");
    if (st == NG_OK) st = set_field_url(doc, NG_FIELD_CANONICAL_URL, s->og_url, "content");
    if (st == NG_OK) st = set_field_url(doc, NG_FIELD_LANGUAGE, root, "lang");
    if (st == NG_OK) st = set_field_url(doc, NG_FIELD_LANGUAGE, s->locale, "content");
    if (st == NG_OK) st = set_field_attr(doc, NG_FIELD_HEADLINE, s->og_title, "content");
    if (st == NG_OK) st = set_field_node_text(doc, NG_FIELD_HEADLINE, find_first(root, body, match_h1, 1));
    if (st == NG_OK) st = set_field_node_text(doc, NG_FIELD_HEADLINE, s->title);
    if (st == NG_OK) cut_site_suffix(doc);
    if (st == NG_OK) st = set_field_node_text(doc, NG_FIELD_BYLINE, find_first(root, body, is_byline_element, 0));
    if (st == NG_OK) st = set_field_attr(doc, NG_FIELD_BYLINE, s->meta_author, "content");
    if (st == NG_OK) st = set_field_node_text(doc, NG_FIELD_BYLINE, s->rel_author);
    if (st == NG_OK) st = fill_authors(doc, s);
    if (st == NG_OK) st = set_field_attr(doc, NG_FIELD_DATE, s->published, "content");
    if (st == NG_OK) st = set_field_attr(doc, NG_FIELD_DATE, find_first(root, body, match_time, 0), "datetime");
    if (st == NG_OK) st = set_field_attr(doc, NG_FIELD_DATE, s->meta_date, "content");
    if (st == NG_OK) st = set_field_node_text(doc, NG_FIELD_DATE, find_first(root, body, is_date_element, 0));
    if (st == NG_OK) st = normalize_date(doc);
    return st;
}

/* -------------------------------------------------------- pass 2: emit */

enum { F_BODY = 1u, F_CAPTION = 2u, F_BYLINE = 4u, F_PRE = 8u, F_SKIP = 16u, F_BLOCK = 32u, F_ARTICLE = 64u };

typedef struct emit_frame {
    unsigned flags;
    ng_line_hint hint;  /* what a line ending in this block is */
    const xmlNode *link; /* the innermost open <a>, or NULL */
} emit_frame;

typedef struct emitter {
    ng_doc *doc;
    emit_frame *f;
    size_t cap;
    xmlNode *body;
    const ng_html_article *art; /* the chosen blocks; NULL: the whole page */
    int relaxed;                /* hidden, <noscript>, navigation text too */
    xmlNode **path; /* body's ancestors by depth, path[0] the root */
    size_t path_len;
    buf line;
    int want_space;
    int pending_break;       /* a block boundary since the last line */
    size_t outside_link;     /* visible bytes of the line outside links */
    size_t links;            /* distinct links that gave the line text */
    const xmlNode *last_link;
    int last_in_link;        /* the line's last text came from a link */
    const emit_frame *cur;   /* frame of the text being appended (for <pre>) */
    ng_str headline;
    int headline_done;
    size_t emitted;
    ng_status st;
} emitter;

static ng_line_hint line_hint(const emitter *e, const emit_frame *f)
{
    if (f->flags & F_CAPTION) return NG_HINT_CAPTION;
    if (f->flags & F_BYLINE) return NG_HINT_BYLINE;
    if (e->links == 1 && e->outside_link == 0) return NG_HINT_LINK;
    return f->hint;
}

static void line_reset(emitter *e)
{
    e->line.len = 0;
    e->want_space = 0;
    e->outside_link = e->links = 0;
    e->last_link = NULL;
    e->last_in_link = 0;
}

/* Ends the current line, emitting it with the hint of block frame f. */
static void flush(emitter *e, const emit_frame *f, int block_break)
{
    if (e->line.failed && e->st == NG_OK) e->st = NG_E_NOMEM;
    if (e->st == NG_OK && e->line.len) {
        ng_line_hint hint = line_hint(e, f);
        int repeat = !e->headline_done && (f->hint == NG_HINT_HEADING) &&
                     e->line.len == e->headline.len && !memcmp(e->line.p, e->headline.ptr, e->line.len);
        if (repeat) e->headline_done = 1;
        else {
            e->st = ng_doc_add_line(e->doc, e->line.p, e->line.len, hint, e->pending_break);
            e->emitted++;
        }
        e->pending_break = 0;
    }
    line_reset(e);
    if (block_break) e->pending_break = 1;
}

static void pre_newline(void *ctx)
{
    emitter *e = ctx;
    flush(e, e->cur, 0);
}

static void emit_text(emitter *e, const emit_frame *f, const char *text)
{
    if (e->art && !(f->flags & F_ARTICLE)) return; /* outside the article */
    e->cur = f;
    /* Adjacent links ("<a>One</a><a>Two</a>") are separate words. */
    if (f->link && f->link != e->last_link && e->last_in_link) e->want_space = 1;
    size_t visible = append_collapsed(&e->line, &e->want_space, text,
                                      (f->flags & F_PRE) ? pre_newline : NULL, e);
    if (!visible) return;
    e->last_in_link = f->link != NULL;
    if (!f->link) e->outside_link += visible;
    else if (f->link != e->last_link) {
        e->links++;
        e->last_link = f->link;
    }
}

static const char *const block_tags[] = {
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", NULL};

static int is_heading(const xmlNode *n)
{
    return is_tag(n, (const char *const[]){"h1", "h2", "h3", "h4", "h5", "h6", NULL});
}

/* The hint of a block: headings and list items name themselves, a <p> in
 * the body is a paragraph (unless inside a list item), other blocks keep
 * their parent's. */
static ng_line_hint block_hint(const xmlNode *n, const emit_frame *f)
{
    if (is_heading(n)) return NG_HINT_HEADING;
    if (is_tag(n, (const char *const[]){"li", "dt", "dd", NULL})) return NG_HINT_LIST_ITEM;
    if (is_tag(n, (const char *const[]){"p", NULL}))
        return f->hint == NG_HINT_LIST_ITEM ? f->hint : (f->flags & F_BODY) ? NG_HINT_PARAGRAPH : NG_HINT_NONE;
    if (is_tag(n, (const char *const[]){"ul", "ol", "table", "dl", NULL})) return NG_HINT_NONE;
    return f->hint;
}

static int on_body_path(const emitter *e, const xmlNode *n, size_t depth)
{
    return depth < e->path_len && e->path[depth] == n;
}

typedef struct link_count {
    size_t chars, link_chars;
    const xmlNode *root;
} link_count;

static int link_count_enter(void *ctx, xmlNode *n, size_t depth)
{
    link_count *c = ctx;
    (void)depth;
    if (c->chars > 400) return 0;
    if (n->type == XML_TEXT_NODE && n->content) {
        int in_link = 0;
        for (const xmlNode *p = n->parent; p && p != c->root->parent && !in_link; p = p->parent)
            in_link = is_tag(p, (const char *const[]){"a", NULL});
        for (const char *t = (const char *)n->content; *t; t++)
            if (!ng_is_space((unsigned char)*t)) {
                c->chars++;
                c->link_chars += in_link;
            }
        return 0;
    }
    return n->type == XML_ELEMENT_NODE && (n == c->root || !skip_always(n, 0));
}

/* A short block that is nearly all links: a "related" box, a tag list. */
static int is_link_block(xmlNode *n)
{
    link_count c = {0, 0, n};
    walk(n, link_count_enter, find_leave, &c);
    return c.chars > 0 && c.chars < 200 && c.link_chars * 10 > c.chars * 9;
}

#define PROSE_BLOCK_CHARS 250

/* Inside the article: sign-up forms, chrome the chooser left out, blocks
 * whose class says chrome, and lists of links. */
static int article_clutter(const emitter *e, const xmlNode *n)
{
    const ng_html_node *info = ng_html_node_of(e->art, n);
    if (!info || info->chosen) return 0;
    if (e->art->keep_comments && names_comments(n)) return 0; /* a forum's posts */
    int prose = info->chars >= PROSE_BLOCK_CHARS && info->commas >= 2 && ng_html_link_density(info) < 0.3;
    /* a sign-up form is short; a forum's posts sit in one big <form> */
    if (is_tag(n, (const char *const[]){"form", "fieldset", "footer", NULL}))
        return !(prose && is_tag(n, (const char *const[]){"form", NULL}));
    /* a short block of links ("related" story) stays: its lines become
     * related links, not body */
    if (e->art->strip_unlikely && info->unlikely) return !is_link_block((xmlNode *)n);
    /* a chrome-sounding class ("widget", "media") on a block of prose is
     * a page builder's wrapper of the article text: it stays */
    if (info->weight < 0 && !is_heading(n)) {
        /* a page builder's "widget" of text inside the article (a heading,
         * a short paragraph) stays; lists of links in it still go */
        if (ng_html_only_widget_class(n) && ng_html_link_density(info) < 0.5) return 0;
        return !is_link_block((xmlNode *)n) && !prose;
    }
    return is_tag(n, (const char *const[]){"ul", "ol", "div", "section", "table", NULL}) &&
           info->commas < 10 && ng_html_link_density(info) > 0.8;
}

static int emit_skips(const emitter *e, const xmlNode *n, const emit_frame *f, size_t depth)
{
    if (on_body_path(e, n, depth)) return 0;
    if (e->relaxed) return is_tag(n, (const char *const[]){"script", "style", "head", "title", "template", NULL});
    if (skip_always_k(n, 0, e->art && e->art->keep_comments)) return 1;
    if (e->art && (f->flags & F_ARTICLE) && article_clutter(e, n)) return 1;
    return !(f->flags & F_BODY) && is_edge(n);
}

/* A class word "caption" (not "has-captions" on <body>, a feature flag). */
static int is_caption_class(const xmlNode *n)
{
    if (is_tag(n, (const char *const[]){"html", "body", "main", "article", NULL})) return 0;
    char *cls = attr(n, "class");
    int r = 0;
    for (const char *p = cls; p && *p;) {
        while (*p && ng_is_space((unsigned char)*p)) p++;
        const char *w = p;
        while (*p && !ng_is_space((unsigned char)*p)) p++;
        size_t len = (size_t)(p - w);
        if ((len == 7 || (len > 7 && (w[len - 8] == '-' || w[len - 8] == '_'))) &&
            has_ci(w + len - 7, "caption"))
            r = 1;
    }
    xmlFree(cls);
    return r;
}

static int match_figcaption(const xmlNode *n)
{
    return is_tag(n, (const char *const[]){"figcaption", NULL});
}

/* Records an image of the article with the caption of its <figure>. */
static void add_image(emitter *e, const xmlNode *img)
{
    char *src = attr(img, "src");
    if (!src || !*src || !strncmp(src, "data:", 5)) {
        xmlFree(src);
        src = attr(img, "data-src");
    }
    xmlNode *fig = img->parent;
    for (int up = 0; fig && up < 4 && !is_tag(fig, (const char *const[]){"figure", NULL}); up++)
        fig = fig->parent;
    buf cap = {NULL, 0, 0, 0};
    if (fig && is_tag(fig, (const char *const[]){"figure", NULL})) {
        xmlNode *fc = find_first(NULL, fig, match_figcaption, 0);
        if (fc) cap = text_of(fc, 0);
    }
    if (cap.failed && e->st == NG_OK) e->st = NG_E_NOMEM;
    if (src && *src && strncmp(src, "data:", 5) && e->st == NG_OK)
        e->st = ng_doc_add_image(e->doc, src, strlen(src), cap.p, cap.len);
    buf_free(&cap);
    xmlFree(src);
}

/* Sets the frame of element n from its parent's frame; returns nonzero to
 * visit its children. */
static int emit_element(emitter *e, xmlNode *n, emit_frame *f, size_t depth)
{
    if (emit_skips(e, n, f, depth)) {
        f->flags |= F_SKIP;
        return 0;
    }
    if (n == e->body) f->flags |= F_BODY;
    if (e->art) {
        const ng_html_node *info = ng_html_node_of(e->art, n);
        if (info && info->chosen) f->flags |= F_BODY | F_ARTICLE;
    }
    if (is_tag(n, (const char *const[]){"br", NULL})) {
        flush(e, depth ? &e->f[depth - 1] : f, 0);
        return 0;
    }
    if (is_tag(n, block_tags)) {
        flush(e, depth ? &e->f[depth - 1] : f, 1);
        f->flags |= F_BLOCK;
        f->hint = block_hint(n, f);
        if (is_tag(n, (const char *const[]){"pre", NULL})) f->flags |= F_PRE;
    }
    if (is_tag(n, (const char *const[]){"figcaption", "caption", NULL}) || is_caption_class(n))
        f->flags |= F_CAPTION;
    if (!(f->flags & F_BYLINE) && is_byline_element(n)) f->flags |= F_BYLINE;
    if (is_tag(n, (const char *const[]){"a", NULL}) && !f->link) f->link = n;
    if ((f->flags & F_ARTICLE) && is_tag(n, (const char *const[]){"img", NULL})) add_image(e, n);
    return 1;
}

static int emit_enter(void *ctx, xmlNode *n, size_t depth)
{
    emitter *e = ctx;
    if (e->st != NG_OK) return 0;
    if (frames_reserve((void **)&e->f, &e->cap, depth + 1, sizeof *e->f)) {
        e->st = NG_E_NOMEM;
        return 0;
    }
    emit_frame *f = &e->f[depth];
    *f = depth ? e->f[depth - 1] : (emit_frame){0, NG_HINT_NONE, NULL};
    f->flags &= ~(F_SKIP | F_BLOCK);
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content) emit_text(e, f, (const char *)n->content);
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE) return 0;
    return emit_element(e, n, f, depth);
}

static void emit_leave(void *ctx, xmlNode *n, size_t depth)
{
    emitter *e = ctx;
    (void)n;
    if (e->st != NG_OK) return;
    const emit_frame *f = &e->f[depth];
    if ((f->flags & F_BLOCK) && !(f->flags & F_SKIP)) flush(e, f, 1);
}

/* Records body's ancestors so that emit never skips a container of the
 * article (a <body class="comments-open">, say). */
static int body_path(emitter *e, xmlNode *root)
{
    size_t len = 0;
    for (xmlNode *p = e->body; p; p = p->parent) {
        len++;
        if (p == root) break;
    }
    if (!e->body || len == 0) return 0;
    e->path = malloc(len * sizeof *e->path);
    if (!e->path) return -1;
    e->path_len = len;
    xmlNode *p = e->body;
    for (size_t i = len; i-- > 0; p = p->parent) e->path[i] = p;
    if (e->path[0] != root) e->path_len = 0; /* body outside root: no path */
    return 0;
}

/* Emits the headline, then the text of the chosen article blocks (all
 * visible text when art is NULL).  Returns NG_E_EMPTY when nothing but
 * the headline came out. */
static ng_status emit_lines(ng_doc *doc, xmlNode *root, xmlNode *body, const ng_html_article *art,
                            int relaxed)
{
    emitter e;
    memset(&e, 0, sizeof e);
    e.doc = doc;
    e.body = body;
    e.art = art;
    e.relaxed = relaxed;
    e.headline = doc->fields[NG_FIELD_HEADLINE];
    e.st = NG_OK;
    if (e.headline.len) {
        e.st = ng_doc_add_line(doc, e.headline.ptr, e.headline.len, NG_HINT_TITLE, 0);
        e.pending_break = 1;
    }
    if (e.st == NG_OK && body_path(&e, root)) e.st = NG_E_NOMEM;
    if (e.st == NG_OK) walk(root, emit_enter, emit_leave, &e);
    if (e.st == NG_OK) {
        static const emit_frame top = {0, NG_HINT_NONE, NULL};
        flush(&e, &top, 0);
    }
    if (e.st == NG_OK && e.emitted == 0) e.st = NG_E_EMPTY;
    buf_free(&e.line);
    free(e.f);
    free(e.path);
    return e.st;
}

/* ------------------------------------------------------------- parsing */

/* Swallows libxml2's messages for one parse. */
static void quiet(void *ctx, xmlErrorPtr error)
{
    (void)ctx, (void)error;
}

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init_libxml(void)
{
    xmlInitParser();
}

/* Parses the input into a tree the caller frees with xmlFreeDoc(); NULL
 * when libxml2 gives none. */
static xmlDoc *parse(const char *input, size_t len, ng_status *st)
{
    pthread_once(&init_once, init_libxml);
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt || !ctxt->sax) {
        if (ctxt) htmlFreeParserCtxt(ctxt);
        *st = NG_E_NOMEM;
        return NULL;
    }
    ctxt->sax->initialized = XML_SAX2_MAGIC; /* so that serror is used */
    ctxt->sax->serror = quiet;
    ctxt->sax->error = NULL;
    ctxt->sax->warning = NULL;
    ctxt->vctxt.error = NULL;
    ctxt->vctxt.warning = NULL;
    /* XML_PARSE_HUGE lifts libxml2's nesting limit of 256 elements: real
     * pages (tables in tables, generated markup) go deeper, and without it
     * everything below the limit is lost and the page has "no visible text".
     * The input itself is already bounded by the reader's byte limit. */
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
               HTML_PARSE_COMPACT | XML_PARSE_HUGE;
    xmlDoc *tree = htmlCtxtReadMemory(ctxt, input, (int)len, NULL, "UTF-8", opts);
    htmlFreeParserCtxt(ctxt);
    *st = tree ? NG_OK : NG_E_FORMAT;
    return tree;
}

/* Emits the chosen article; when it gives no text, all visible text; when
 * there is none, the text of hidden and <noscript> parts too, so that a
 * page with any text is never refused. */
static ng_status emit_article(ng_doc *doc, xmlNode *root, const ng_html_article *art)
{
    ng_status st = NG_E_EMPTY;
    doc->article_lines = 1;
    for (int attempt = art->top ? 0 : 1; attempt < 3 && st == NG_E_EMPTY; attempt++) {
        doc->lines.count = 0;
        st = emit_lines(doc, root, art->top, attempt == 0 ? art : NULL, attempt == 2);
    }
    return st;
}

/* A page that shows no text at all (drawn by scripts) still has its
 * description meta: that is the body.  NG_E_EMPTY without one. */
static ng_status emit_description(ng_doc *doc, const xmlNode *meta)
{
    char *v = meta ? attr(meta, "content") : NULL;
    buf b = {NULL, 0, 0, 0};
    int want_space = 0;
    if (v) append_collapsed(&b, &want_space, v, NULL, NULL);
    xmlFree(v);
    ng_status st = b.failed ? NG_E_NOMEM : b.len ? NG_OK : NG_E_EMPTY;
    if (st == NG_OK) st = ng_doc_add_line(doc, b.p, b.len, NG_HINT_PARAGRAPH, 1);
    buf_free(&b);
    return st;
}

static ng_status read_tree(ng_doc *doc, xmlNode *root)
{
    survey s;
    memset(&s, 0, sizeof s);
    s.doc = doc;
    walk(root, survey_enter, survey_leave, &s);
    if (s.st != NG_OK) return s.st;
    ng_html_article art;
    if (ng_html_choose_article(&art, root, skip_text, skip_text_open)) {
        ng_html_article_free(&art);
        return NG_E_NOMEM;
    }
    ng_status st = fill_fields(doc, &s, root, art.top);
    if (st == NG_OK) st = emit_article(doc, root, &art);
    ng_html_article_free(&art);
    if (st == NG_E_EMPTY) st = emit_description(doc, s.description);
    return st;
}

ng_status ng_read_html(ng_doc *doc, ng_error *err)
{
    if (!doc) return ng_fail(err, NG_E_ARG, 0, "no document");
    if (doc->input_len > INT_MAX)
        return ng_fail(err, NG_E_TOO_BIG, 0, "HTML input is %zu bytes, over the parser's limit",
                       doc->input_len);
    if (!doc->input || doc->input_len == 0) return ng_fail(err, NG_E_EMPTY, 0, "the HTML page is empty");
    ng_status st;
    xmlDoc *tree = parse(doc->input, doc->input_len, &st);
    if (!tree) return ng_fail(err, st, 0, st == NG_E_NOMEM ? "out of memory parsing HTML"
                                                             : "libxml2 could not parse the HTML page");
    xmlNode *root = xmlDocGetRootElement(tree);
    st = root ? read_tree(doc, root) : NG_E_EMPTY;
    xmlFreeDoc(tree);
    if (st == NG_E_EMPTY) return ng_fail(err, st, 0, "the HTML page has no visible text");
    if (st == NG_E_NOMEM) return ng_fail(err, st, 0, "out of memory reading the HTML page");
    return st == NG_OK ? NG_OK : ng_fail(err, st, 0, "could not read the HTML page");
}
