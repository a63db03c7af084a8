/* page.c - classifying page lines: a header zone (navigation, headline,
 * byline, captions, the page's own highlight bullets) followed by a body
 * zone (paragraphs, related links, tag bullets, credits, comments). */
#include <string.h>

#include "read/meta.h"
#include "structure/lines.h"
#include "structure/structure.h"

typedef enum line_kind {
    LK_UNSET = 0,
    LK_DROP,      /* navigation, captions, page furniture */
    LK_DUP_DROP,  /* the second copy of a repeated line */
    LK_HEADLINE,
    LK_BYLINE,
    LK_HIGHLIGHT,
    LK_RELATED,
    LK_TAG,
    LK_CREDIT,
    LK_BODY
} line_kind;

static int same_line(const ng_line *a, const ng_line *b)
{
    return a->len == b->len && !memcmp(a->text, b->text, a->len);
}

static int is_bullet(const ng_line *l)
{
    return l->hint == NG_HINT_LIST_ITEM || ng_bullet_len(l->text, l->len) > 0;
}

/* A line that reads like a paragraph of the story. */
static int is_prose(const ng_line *l)
{
    return ng_word_count(l->text, l->len) >= 8 && ng_ends_like_sentence(l->text, l->len) &&
           !ng_bullet_len(l->text, l->len);
}

/* Marks navigation, captions and repeated lines (a caption is often printed
 * twice: under the photo and in its alt text). */
static void mark_furniture(ng_doc *doc, line_kind *kind)
{
    size_t n = doc->lines.count;
    for (size_t i = 0; i < n; i++) {
        const ng_line *l = &doc->lines.items[i];
        if (l->hint == NG_HINT_CAPTION || ng_is_nav_line(l->text, l->len)) kind[i] = LK_DROP;
        for (size_t j = i + 1; j < n && j <= i + 2 && !kind[i]; j++)
            if (same_line(l, &doc->lines.items[j]) && ng_word_count(l->text, l->len) >= 4) {
                kind[i] = LK_DROP;
                kind[j] = LK_DUP_DROP;
            }
    }
}

/* The first line of the body: the line with the dateline, else the first
 * paragraph per the markup, else the first prose line not dropped. */
static size_t find_body_start(const ng_doc *doc, const line_kind *kind)
{
    size_t n = doc->lines.count, vlen;
    for (size_t i = 0; i < n && i < 80; i++) {
        const ng_line *l = &doc->lines.items[i];
        if (!kind[i] && !ng_bullet_len(l->text, l->len) && l->hint != NG_HINT_LIST_ITEM &&
            ng_word_count(l->text, l->len) >= 6 && ng_dateline_len(l->text, l->len, &vlen))
            return i;
    }
    for (size_t i = 0; i < n; i++)
        if (!kind[i] && doc->lines.items[i].hint == NG_HINT_PARAGRAPH) return i;
    for (size_t i = 0; i < n; i++) {
        const ng_line *l = &doc->lines.items[i];
        if (!kind[i] && is_prose(l) && l->hint != NG_HINT_TITLE && l->hint != NG_HINT_HEADING &&
            l->hint != NG_HINT_BYLINE && l->hint != NG_HINT_LIST_ITEM && !ng_is_byline(l->text, l->len))
            return i;
    }
    /* A short page: the first line that ends like a sentence, else the top. */
    for (size_t i = 0; i < n; i++)
        if (!kind[i] && !is_bullet(&doc->lines.items[i]) &&
            ng_ends_like_sentence(doc->lines.items[i].text, doc->lines.items[i].len))
            return i;
    return 0;
}

static int equals_field(const ng_doc *doc, ng_field f, const ng_line *l)
{
    ng_str v = doc->fields[f];
    return v.len && v.len == l->len && !memcmp(v.ptr, l->text, l->len);
}

static void classify_header(ng_doc *doc, line_kind *kind, size_t body_start)
{
    int have_headline = doc->fields[NG_FIELD_HEADLINE].len > 0;
    int have_byline = doc->fields[NG_FIELD_BYLINE].len > 0;
    int seen_headline = 0, seen_byline = 0;
    for (size_t i = 0; i < body_start; i++) {
        const ng_line *l = &doc->lines.items[i];
        if (kind[i]) continue;
        if (!seen_headline && (l->hint == NG_HINT_TITLE || equals_field(doc, NG_FIELD_HEADLINE, l))) {
            kind[i] = LK_HEADLINE; /* the line the reader took the headline from */
            seen_headline = have_headline = 1;
        } else if (!seen_byline && (l->hint == NG_HINT_BYLINE || equals_field(doc, NG_FIELD_BYLINE, l) ||
                                    (!have_byline && ng_is_byline(l->text, l->len)))) {
            kind[i] = LK_BYLINE;
            seen_byline = have_byline = 1;
        } else if (is_bullet(l)) {
            kind[i] = LK_HIGHLIGHT;
        } else if (!have_headline && (l->hint == NG_HINT_HEADING ||
                                      (l->hint == NG_HINT_NONE && ng_word_count(l->text, l->len) <= 30 &&
                                       !ng_is_timestamp_line(l->text, l->len)))) {
            kind[i] = LK_HEADLINE;
            seen_headline = have_headline = 1;
        } else {
            kind[i] = LK_DROP;
        }
    }
}

/* A short line inside the body that does not end like a sentence: a link to
 * another story ("Crackdown on dissent in China"). */
static int is_related_line(const ng_line *l)
{
    if (l->hint == NG_HINT_LINK) return 1;
    if (l->hint == NG_HINT_PARAGRAPH) return 0;
    size_t words = ng_word_count(l->text, l->len);
    return words >= 2 && words <= 16 && !ng_ends_like_sentence(l->text, l->len);
}

static int is_tag_bullet(const ng_line *l)
{
    size_t b = ng_bullet_len(l->text, l->len);
    if (!is_bullet(l)) return 0;
    return ng_word_count(l->text + b, l->len - b) <= 5 && !ng_ends_like_sentence(l->text, l->len);
}

static void classify_body(ng_doc *doc, line_kind *kind, size_t body_start)
{
    size_t n = doc->lines.count;
    for (size_t i = body_start; i < n; i++) {
        const ng_line *l = &doc->lines.items[i];
        if (kind[i]) continue;
        if (ng_is_comments_marker(l->text, l->len)) {
            for (size_t j = i; j < n; j++) kind[j] = kind[j] == LK_DUP_DROP ? LK_DUP_DROP : LK_DROP;
            return;
        }
        if (is_tag_bullet(l)) kind[i] = LK_TAG;
        else if (ng_is_credit(l->text, l->len)) kind[i] = LK_CREDIT;
        else if (l->hint == NG_HINT_HEADING || l->hint == NG_HINT_CAPTION) kind[i] = LK_DROP;
        else if (is_related_line(l)) kind[i] = LK_RELATED;
        else kind[i] = LK_BODY;
    }
}

/* Lines of an HTML page's chosen article: all body (headings, table cells
 * and list items too) except the headline, the byline and timestamps
 * before the first paragraph, captions, credits, lone links that do not
 * read like a sentence (related stories), bullets before the first
 * paragraph (the page's highlights) and what follows a comments marker.
 * When that leaves no body, the related, highlight, byline, credit and
 * dropped lines are the body: a page with visible text is never refused. */
static void classify_article(ng_doc *doc, line_kind *kind)
{
    size_t n = doc->lines.count, body = 0;
    int seen_headline = 0, seen_byline = 0, have_byline = doc->fields[NG_FIELD_BYLINE].len > 0;
    for (size_t i = 0; i < n; i++) {
        const ng_line *l = &doc->lines.items[i];
        if (kind[i]) continue;
        if (ng_is_comments_marker(l->text, l->len) ||
            (body && l->hint == NG_HINT_HEADING && ng_is_related_heading(l->text, l->len))) {
            for (size_t j = i; j < n; j++) kind[j] = kind[j] == LK_DUP_DROP ? LK_DUP_DROP : LK_DROP;
            break;
        }
        if (!seen_headline && l->hint == NG_HINT_TITLE) kind[i] = LK_HEADLINE, seen_headline = 1;
        else if (l->hint == NG_HINT_BYLINE) kind[i] = seen_byline ? LK_DROP : LK_BYLINE, seen_byline = 1;
        else if (!body && !seen_byline && !have_byline && ng_is_byline(l->text, l->len))
            kind[i] = LK_BYLINE, seen_byline = 1;
        else if (!body && ng_is_timestamp_line(l->text, l->len)) kind[i] = LK_DROP;
        else if (!body && is_bullet(l) && !is_prose(l)) kind[i] = LK_HIGHLIGHT;
        else if (ng_is_credit(l->text, l->len)) kind[i] = LK_CREDIT;
        else if (l->hint == NG_HINT_LINK && !ng_ends_like_sentence(l->text, l->len)) kind[i] = LK_RELATED;
        else kind[i] = LK_BODY, body++;
    }
    if (body) return;
    for (size_t i = 0; i < n; i++)
        if ((kind[i] == LK_RELATED || kind[i] == LK_DROP || kind[i] == LK_HIGHLIGHT || kind[i] == LK_BYLINE ||
             kind[i] == LK_CREDIT) &&
            doc->lines.items[i].hint != NG_HINT_TITLE)
            kind[i] = LK_BODY;
}

/* Text wrapped at a fixed width arrives as several lines: a line continues
 * the one before when that one does not end a sentence, no blank line
 * separates them and this one starts in lower case.  Joins such lines in
 * place and returns the new line count. */
static ng_status merge_wrapped_lines(ng_doc *doc)
{
    ng_line *l = doc->lines.items;
    size_t o = 0;
    for (size_t i = 0; i < doc->lines.count; i++) {
        ng_line *prev = o ? &l[o - 1] : NULL;
        int cont = prev && prev->hint == NG_HINT_NONE && l[i].hint == NG_HINT_NONE && !l[i].blank_before &&
                   l[i].len && l[i].text[0] >= 'a' && l[i].text[0] <= 'z' &&
                   !ng_ends_like_sentence(prev->text, prev->len) && !ng_bullet_len(prev->text, prev->len);
        if (!cont) {
            l[o++] = l[i];
            continue;
        }
        char *joined = ng_arena_alloc(&doc->arena, prev->len + 1 + l[i].len + 1);
        if (!joined) return NG_E_NOMEM;
        memcpy(joined, prev->text, prev->len);
        joined[prev->len] = ' ';
        memcpy(joined + prev->len + 1, l[i].text, l[i].len);
        joined[prev->len + 1 + l[i].len] = '\0';
        prev->text = joined;
        prev->len += 1 + l[i].len;
    }
    doc->lines.count = o;
    return NG_OK;
}

/* Readers that know a field (HTML metadata) win over the page line. */
static ng_status set_if_empty(ng_doc *doc, ng_field f, const ng_line *l)
{
    if (doc->fields[f].len) return NG_OK;
    return ng_doc_set_field(doc, f, l->text, l->len);
}

static ng_status emit_line(ng_doc *doc, line_kind k, const ng_line *l)
{
    size_t b = ng_bullet_len(l->text, l->len);
    switch (k) {
    case LK_DROP: return ng_doc_add_item(doc, NG_LIST_DROPPED, l->text, l->len);
    case LK_HEADLINE: return set_if_empty(doc, NG_FIELD_HEADLINE, l);
    case LK_BYLINE: return set_if_empty(doc, NG_FIELD_BYLINE, l);
    case LK_HIGHLIGHT: return ng_doc_add_item(doc, NG_LIST_PAGE_HIGHLIGHTS, l->text + b, l->len - b);
    case LK_RELATED: return ng_doc_add_item(doc, NG_LIST_RELATED, l->text, l->len);
    case LK_TAG: return ng_doc_add_item(doc, NG_LIST_TAGS, l->text + b, l->len - b);
    case LK_CREDIT: return ng_doc_add_item(doc, NG_LIST_CREDITS, l->text, l->len);
    case LK_BODY: return ng_doc_add_paragraph(doc, l->text, l->len);
    case LK_DUP_DROP:
    case LK_UNSET: break;
    }
    return NG_OK;
}

/* Metadata the lines give when the markup did not: the date of an
 * "Updated 10:15 GMT, 14 September 2012" line and the byline's names. */
static ng_status fill_from_lines(ng_doc *doc)
{
    for (size_t i = 0; i < doc->lines.count && i < 60 && !doc->fields[NG_FIELD_DATE].len; i++) {
        const ng_line *l = &doc->lines.items[i];
        char iso[32];
        size_t n = ng_is_timestamp_line(l->text, l->len) ? ng_meta_iso_date(l->text, l->len, iso, sizeof iso) : 0;
        if (n) {
            ng_status st = ng_doc_set_field(doc, NG_FIELD_DATE, iso, n);
            if (st != NG_OK) return st;
        }
    }
    ng_str b = doc->fields[NG_FIELD_BYLINE];
    if (b.len && !doc->lists[NG_LIST_AUTHORS].count) return ng_meta_add_authors(doc, b.ptr, b.len);
    return NG_OK;
}

static ng_status classify_lines(ng_doc *doc, ng_error *err);

ng_status ng_structure_page(ng_doc *doc, ng_error *err)
{
    ng_status st = classify_lines(doc, err);
    if (st == NG_OK && fill_from_lines(doc) != NG_OK) st = ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    return st;
}

static ng_status classify_lines(ng_doc *doc, ng_error *err)
{
    if (merge_wrapped_lines(doc) != NG_OK) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    size_t n = doc->lines.count;
    line_kind *kind = ng_arena_calloc(&doc->arena, n ? n : 1, sizeof *kind);
    if (!kind) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    mark_furniture(doc, kind);
    if (doc->article_lines) {
        classify_article(doc, kind);
        for (size_t i = 0; i < n; i++)
            if (emit_line(doc, kind[i], &doc->lines.items[i]) != NG_OK)
                return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
        return NG_OK;
    }
    size_t body_start = find_body_start(doc, kind);
    classify_header(doc, kind, body_start);
    classify_body(doc, kind, body_start);
    for (size_t i = 0; i < n; i++)
        if (emit_line(doc, kind[i], &doc->lines.items[i]) != NG_OK)
            return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    return NG_OK;
}
