/* segment.c - body text, sentences, tokens and word ids (see segment.h). */
#include "text/segment.h"

#include <string.h>

#include "text/scan.h"
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

/* Settles and interns the tokens [from, to) and records them as one
 * sentence of paragraph para spanning span. */
static ng_status add_sentence(ng_doc *doc, ng_span span, size_t para, size_t from, size_t to)
{
    for (size_t t = from; t < to; t++) {
        if (ng_doc_intern_token(doc, &doc->tokens.items[t])) return NG_E_NOMEM;
    }
    if (to == from) return NG_OK; /* nothing but spaces */
    ng_sentence s = {span.start, span.end, para, from, to - from};
    return ng_vec_push(&doc->arena, &doc->sentences, s) ? NG_E_NOMEM : NG_OK;
}

/* Scans paragraph p once into the document's tokens, splits it into
 * sentences over those tokens (unless the input was split already) and
 * records the sentences.  Every span covers whole tokens, so the tokens
 * of a sentence are the run that starts before its end.  Returns NULL, or
 * what ran out of memory. */
static const char *segment_paragraph(ng_doc *doc, size_t p, ng_span_vec *spans)
{
    size_t start = doc->para_starts.items[p];
    size_t len = doc->paragraphs.items[p].len;
    size_t first = doc->tokens.count;
    if (ng_scan_tokens(&doc->arena, doc->body + start, len, start, &doc->tokens))
        return "out of memory tokenizing";
    spans->count = 0;
    if (doc->presplit) {
        ng_span whole = {start, start + len};
        if (ng_vec_push(&doc->arena, spans, whole)) return "out of memory";
    } else if (ng_split_tokens(&doc->arena, doc->body + start, len, start,
                               doc->tokens.items + first, doc->tokens.count - first, spans)) {
        return "out of memory splitting sentences";
    }
    size_t t = first;
    for (size_t i = 0; i < spans->count; i++) {
        size_t from = t;
        while (t < doc->tokens.count && doc->tokens.items[t].start < spans->items[i].end) t++;
        if (add_sentence(doc, spans->items[i], p, from, t) != NG_OK)
            return "out of memory tokenizing";
    }
    return NULL;
}

ng_status ng_segment(ng_doc *doc, ng_error *err)
{
    if (join_paragraphs(doc) != NG_OK) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    /* News text has a token per five bytes or so: room for one per four
     * spares the token vector most of its doublings and copies. */
    if (ng_vec_reserve(&doc->arena, &doc->tokens, doc->tokens.count + doc->body_len / 4 + 16))
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory tokenizing");
    ng_span_vec spans = {NULL, 0, 0};
    for (size_t p = 0; p < doc->para_starts.count; p++) {
        const char *why = segment_paragraph(doc, p, &spans);
        if (why) return ng_fail(err, NG_E_NOMEM, 0, "%s", why);
    }
    return NG_OK;
}
