/* doc.c - the document: creation, the setters the stages use, and the
 * public read-only accessors. */
#include "core/doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ng_doc *ng_doc_new(size_t arena_limit)
{
    ng_doc *doc = calloc(1, sizeof *doc);
    if (!doc) return NULL;
    ng_arena_init(&doc->arena, arena_limit);
    return doc;
}

void ng_doc_free(ng_doc *doc)
{
    if (!doc) return;
    ng_arena_free(&doc->arena);
    free(doc);
}

void ng_trim(const char **s, size_t *len)
{
    const unsigned char *p = (const unsigned char *)*s;
    size_t n = *len;
    for (;;) {
        if (n && ng_is_space(p[0])) { p++; n--; continue; }
        if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0) { p += 2; n -= 2; continue; }
        break;
    }
    for (;;) {
        if (n && ng_is_space(p[n - 1])) { n--; continue; }
        if (n >= 2 && p[n - 2] == 0xC2 && p[n - 1] == 0xA0) { n -= 2; continue; }
        break;
    }
    *s = (const char *)p;
    *len = n;
}

static ng_status copy_trimmed(ng_doc *doc, const char *s, size_t len, ng_str *out)
{
    ng_trim(&s, &len);
    char *p = ng_arena_strndup(&doc->arena, s, len);
    if (!p) return NG_E_NOMEM;
    out->ptr = p;
    out->len = len;
    return NG_OK;
}

ng_status ng_doc_set_field(ng_doc *doc, ng_field field, const char *s, size_t len)
{
    if ((int)field < 0 || field >= NG_FIELD_COUNT_) return NG_E_ARG;
    return copy_trimmed(doc, s, len, &doc->fields[field]);
}

ng_status ng_doc_add_item(ng_doc *doc, ng_list list, const char *s, size_t len)
{
    if ((int)list < 0 || list >= NG_LIST_COUNT_) return NG_E_ARG;
    ng_str item;
    ng_status st = copy_trimmed(doc, s, len, &item);
    if (st != NG_OK || item.len == 0) return st;
    return ng_vec_push(&doc->arena, &doc->lists[list], item) ? NG_E_NOMEM : NG_OK;
}

ng_status ng_doc_add_image(ng_doc *doc, const char *src, size_t src_len, const char *caption,
                           size_t caption_len)
{
    ng_str s, c;
    ng_status st = copy_trimmed(doc, src, src_len, &s);
    if (st == NG_OK) st = copy_trimmed(doc, caption ? caption : "", caption ? caption_len : 0, &c);
    if (st != NG_OK || s.len == 0) return st;
    if (ng_vec_push(&doc->arena, &doc->lists[NG_LIST_IMAGES], s)) return NG_E_NOMEM;
    return ng_vec_push(&doc->arena, &doc->lists[NG_LIST_IMAGE_CAPTIONS], c) ? NG_E_NOMEM : NG_OK;
}

ng_status ng_doc_add_paragraph(ng_doc *doc, const char *s, size_t len)
{
    ng_str para;
    ng_status st = copy_trimmed(doc, s, len, &para);
    if (st != NG_OK || para.len == 0) return st;
    return ng_vec_push(&doc->arena, &doc->paragraphs, para) ? NG_E_NOMEM : NG_OK;
}

ng_status ng_doc_add_line(ng_doc *doc, const char *s, size_t len, ng_line_hint hint,
                          int blank_before)
{
    ng_str text;
    ng_status st = copy_trimmed(doc, s, len, &text);
    if (st != NG_OK) return st;
    ng_line line = {text.ptr, text.len, hint, blank_before};
    return ng_vec_push(&doc->arena, &doc->lines, line) ? NG_E_NOMEM : NG_OK;
}

ng_status ng_doc_warn(ng_doc *doc, const char *fmt, ...)
{
    char buf[NG_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return NG_E_ARG;
    return ng_doc_add_item(doc, NG_LIST_WARNINGS, buf, strlen(buf));
}

ng_status ng_fail(ng_error *err, ng_status status, size_t line, const char *fmt, ...)
{
    if (!err) return status;
    err->status = status;
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}

/* ------------------------------------------------------------ accessors */

ng_str ng_doc_field(const ng_doc *doc, ng_field field)
{
    ng_str none = {NULL, 0};
    if (!doc || (int)field < 0 || field >= NG_FIELD_COUNT_) return none;
    return doc->fields[field];
}

size_t ng_doc_list_count(const ng_doc *doc, ng_list list)
{
    if (!doc || (int)list < 0 || list >= NG_LIST_COUNT_) return 0;
    return doc->lists[list].count;
}

ng_str ng_doc_list_item(const ng_doc *doc, ng_list list, size_t i)
{
    ng_str none = {NULL, 0};
    if (i >= ng_doc_list_count(doc, list)) return none;
    return doc->lists[list].items[i];
}

ng_str ng_doc_body(const ng_doc *doc)
{
    ng_str body = {NULL, 0};
    if (doc && doc->body) {
        body.ptr = doc->body;
        body.len = doc->body_len;
    }
    return body;
}

size_t ng_doc_paragraph_count(const ng_doc *doc)
{
    return doc ? doc->para_starts.count : 0;
}

size_t ng_doc_sentence_count(const ng_doc *doc)
{
    return doc ? doc->sentences.count : 0;
}

ng_sentence ng_doc_sentence(const ng_doc *doc, size_t i)
{
    ng_sentence none = {0, 0, 0, 0, 0};
    if (!doc || i >= doc->sentences.count) return none;
    return doc->sentences.items[i];
}

size_t ng_doc_token_count(const ng_doc *doc)
{
    return doc ? doc->tokens.count : 0;
}

ng_token ng_doc_token(const ng_doc *doc, size_t i)
{
    ng_token none = {0, 0, 0, 0};
    if (!doc || i >= doc->tokens.count) return none;
    return doc->tokens.items[i];
}

ng_str ng_doc_word(const ng_doc *doc, uint32_t word)
{
    ng_str none = {NULL, 0};
    if (!doc || word >= doc->words.words.count) return none;
    return doc->words.words.items[word];
}

size_t ng_doc_highlight_count(const ng_doc *doc)
{
    return doc ? doc->highlights.count : 0;
}

ng_highlight ng_doc_highlight(const ng_doc *doc, size_t i)
{
    ng_highlight none = {0, 0.0, {NULL, 0}};
    if (!doc || i >= doc->highlights.count) return none;
    return doc->highlights.items[i];
}

size_t ng_doc_token_at(const ng_doc *doc, size_t off)
{
    size_t lo = 0, hi = doc->tokens.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->tokens.items[mid].start < off) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}
