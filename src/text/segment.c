/* segment.c - body text, sentences, tokens and word ids (see segment.h). */
#include "text/segment.h"

#include <string.h>

#include "text/sentences.h"
#include "text/tokenize.h"

static ng_status join_paragraphs(ng_doc *doc)
{
    size_t total = 0;
    for (size_t i = 0; i < doc->paragraphs.count; i++) total += doc->paragraphs.items[i].len + 1;
    char *body = ng_arena_alloc(&doc->arena, total + 1);
    if (!body) return NG_E_NOMEM;
    if (ng_vec_reserve(&doc->arena, &doc->para_starts, doc->paragraphs.count)) return NG_E_NOMEM;
    size_t o = 0;
    for (size_t i = 0; i < doc->paragraphs.count; i++) {
        ng_str p = doc->paragraphs.items[i];
        if (i) body[o++] = '\n';
        doc->para_starts.items[doc->para_starts.count++] = o;
        memcpy(body + o, p.ptr, p.len);
        o += p.len;
    }
    body[o] = '\0';
    doc->body = body;
    doc->body_len = o;
    return NG_OK;
}

static ng_status add_sentence(ng_doc *doc, ng_span span, size_t para)
{
    ng_token_vec *toks = &doc->tokens;
    size_t first = toks->count;
    if (ng_tokenize(&doc->arena, doc->body + span.start, span.end - span.start, span.start, toks))
        return NG_E_NOMEM;
    for (size_t t = first; t < toks->count; t++) {
        ng_token *tok = &toks->items[t];
        uint32_t id = ng_doc_intern(doc, doc->body + tok->start, tok->len);
        if (id == UINT32_MAX) return NG_E_NOMEM;
        tok->word = id;
    }
    if (toks->count == first) return NG_OK; /* nothing but spaces */
    ng_sentence s = {span.start, span.end, para, first, toks->count - first};
    return ng_vec_push(&doc->arena, &doc->sentences, s) ? NG_E_NOMEM : NG_OK;
}

ng_status ng_segment(ng_doc *doc, ng_error *err)
{
    if (join_paragraphs(doc) != NG_OK) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    ng_span_vec spans = {NULL, 0, 0};
    for (size_t p = 0; p < doc->para_starts.count; p++) {
        size_t start = doc->para_starts.items[p];
        size_t len = doc->paragraphs.items[p].len;
        spans.count = 0;
        if (doc->presplit) {
            ng_span whole = {start, start + len};
            if (ng_vec_push(&doc->arena, &spans, whole)) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
        } else if (ng_split_sentences(&doc->arena, doc->body + start, len, start, &spans)) {
            return ng_fail(err, NG_E_NOMEM, 0, "out of memory splitting sentences");
        }
        for (size_t i = 0; i < spans.count; i++)
            if (add_sentence(doc, spans.items[i], p) != NG_OK)
                return ng_fail(err, NG_E_NOMEM, 0, "out of memory tokenizing");
    }
    return NG_OK;
}
