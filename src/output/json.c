/* json.c - a document as one line of JSON: what the command line prints
 * with --json, the service returns and the batch mode writes per record. */
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "output/jbuf.h"

static void put_field(ng_jbuf *b, const ng_doc *doc, const char *key, ng_field f)
{
    ng_str s = ng_doc_field(doc, f);
    ng_jbuf_key(b, key);
    ng_jbuf_string(b, s.len ? s.ptr : NULL, s.len);
    ng_jbuf_put(b, ",", 1);
}

static void put_list(ng_jbuf *b, const ng_doc *doc, const char *key, ng_list list)
{
    ng_jbuf_key(b, key);
    ng_jbuf_put(b, "[", 1);
    for (size_t i = 0; i < ng_doc_list_count(doc, list); i++) {
        ng_str s = ng_doc_list_item(doc, list, i);
        if (i) ng_jbuf_put(b, ",", 1);
        ng_jbuf_string(b, s.ptr, s.len);
    }
    ng_jbuf_put(b, "],", 2);
}

static void put_sentences(ng_jbuf *b, const ng_doc *doc)
{
    ng_jbuf_key(b, "sentences");
    ng_jbuf_put(b, "[", 1);
    for (size_t i = 0; i < doc->sentences.count; i++) {
        ng_sentence s = doc->sentences.items[i];
        if (i) ng_jbuf_put(b, ",", 1);
        ng_jbuf_printf(b, "{\"index\":%zu,\"start\":%zu,\"end\":%zu,\"paragraph\":%zu,\"tokens\":%zu,\"text\":",
                       i, s.start, s.end, s.paragraph, s.token_count);
        ng_jbuf_string(b, doc->body + s.start, s.end - s.start);
        ng_jbuf_put(b, "}", 1);
    }
    ng_jbuf_put(b, "],", 2);
}

static void put_highlights(ng_jbuf *b, const ng_doc *doc)
{
    ng_jbuf_key(b, "highlights");
    ng_jbuf_put(b, "[", 1);
    for (size_t i = 0; i < doc->highlights.count; i++) {
        ng_highlight h = doc->highlights.items[i];
        if (i) ng_jbuf_put(b, ",", 1);
        ng_jbuf_printf(b, "{\"sentence\":%zu,\"score\":%.6g,\"text\":", h.sentence, h.score);
        ng_jbuf_string(b, h.text.ptr, h.text.len);
        ng_jbuf_put(b, "}", 1);
    }
    ng_jbuf_put(b, "]", 1);
}

static void put_str_key(ng_jbuf *b, const char *key, ng_str s)
{
    ng_jbuf_put(b, ",", 1);
    ng_jbuf_key(b, key);
    ng_jbuf_string(b, s.len ? s.ptr : NULL, s.len);
}

/* The quotes, only when they were analyzed (the output is unchanged
 * otherwise). */
static void put_quotes(ng_jbuf *b, const ng_doc *doc)
{
    if (!doc->quotes_analyzed) return;
    ng_jbuf_puts(b, ",\"quotes\":[");
    for (size_t i = 0; i < doc->quotes.count; i++) {
        ng_quote q = doc->quotes.items[i];
        if (i) ng_jbuf_put(b, ",", 1);
        ng_jbuf_puts(b, "{\"text\":");
        ng_jbuf_string(b, doc->body + q.start, q.end - q.start);
        ng_jbuf_printf(b, ",\"start\":%zu,\"end\":%zu", q.start, q.end);
        put_str_key(b, "speaker_mention", q.speaker_mention);
        put_str_key(b, "cue", q.cue);
        put_str_key(b, "speaker", q.speaker);
        ng_jbuf_printf(b, ",\"partial\":%s,\"kind\":\"%s\"}", q.partial ? "true" : "false",
                       q.reported ? "reported" : "direct");
    }
    ng_jbuf_put(b, "]", 1);
}

/* Entities (most salient first) and tags, only when they were analyzed. */
static void put_entities(ng_jbuf *b, const ng_doc *doc)
{
    if (!doc->entities_analyzed) return;
    ng_jbuf_puts(b, ",\"entities\":[");
    for (size_t i = 0; i < doc->entities.count; i++) {
        ng_entity e = doc->entities.items[i];
        ng_jbuf_puts(b, i ? ",{\"name\":" : "{\"name\":");
        ng_jbuf_string(b, e.name.ptr, e.name.len);
        ng_jbuf_printf(b, ",\"type\":\"%s\",\"mentions\":%zu,\"first\":%zu,\"salience\":%.4f}",
                       ng_entity_type_name(e.type), e.mentions, e.first, e.salience);
    }
    ng_jbuf_puts(b, "],\"tags\":[");
    for (size_t i = 0; i < doc->tags.count; i++) {
        ng_tag t = doc->tags.items[i];
        ng_jbuf_puts(b, i ? ",{\"text\":" : "{\"text\":");
        ng_jbuf_string(b, t.text.ptr, t.text.len);
        ng_jbuf_printf(b, ",\"score\":%.4f}", t.score);
    }
    ng_jbuf_put(b, "]", 1);
}

ng_status ng_doc_to_json(const ng_doc *doc, char **out, size_t *len, ng_error *err)
{
    if (!doc || !out) return ng_fail(err, NG_E_ARG, 0, "no document or output");
    ng_jbuf b;
    ng_jbuf_init(&b);
    ng_jbuf_put(&b, "{", 1);
    put_field(&b, doc, "id", NG_FIELD_ID);
    put_field(&b, doc, "format", NG_FIELD_FORMAT);
    put_field(&b, doc, "headline", NG_FIELD_HEADLINE);
    put_field(&b, doc, "byline", NG_FIELD_BYLINE);
    put_field(&b, doc, "dateline", NG_FIELD_DATELINE);
    put_field(&b, doc, "date", NG_FIELD_DATE);
    put_list(&b, doc, "page_highlights", NG_LIST_PAGE_HIGHLIGHTS);
    put_list(&b, doc, "page_related", NG_LIST_RELATED);
    put_list(&b, doc, "page_tags", NG_LIST_TAGS);
    put_list(&b, doc, "dropped_lines", NG_LIST_DROPPED);
    put_list(&b, doc, "credits", NG_LIST_CREDITS);
    put_list(&b, doc, "references", NG_LIST_REFERENCES);
    put_list(&b, doc, "warnings", NG_LIST_WARNINGS);
    ng_jbuf_printf(&b, "\"paragraph_count\":%zu,\"sentence_count\":%zu,\"token_count\":%zu,",
                   doc->para_starts.count, doc->sentences.count, doc->tokens.count);
    put_sentences(&b, doc);
    put_highlights(&b, doc);
    put_quotes(&b, doc);
    put_entities(&b, doc);
    ng_jbuf_put(&b, "}", 1);
    if (b.failed) {
        ng_jbuf_free(&b);
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory writing JSON");
    }
    *out = b.data;
    if (len) *len = b.len;
    return NG_OK;
}

ng_status ng_error_to_json(const char *id, const ng_error *e, char **out, size_t *len)
{
    if (!out || !e) return NG_E_ARG;
    ng_jbuf b;
    ng_jbuf_init(&b);
    ng_jbuf_put(&b, "{", 1);
    ng_jbuf_key(&b, "id");
    ng_jbuf_string(&b, id, id ? strlen(id) : 0);
    ng_jbuf_puts(&b, ",\"error\":{\"status\":");
    const char *name = ng_status_name(e->status);
    ng_jbuf_string(&b, name, strlen(name));
    ng_jbuf_puts(&b, ",\"message\":");
    ng_jbuf_string(&b, e->message, strnlen(e->message, sizeof e->message));
    if (e->line) ng_jbuf_printf(&b, ",\"line\":%zu", e->line);
    ng_jbuf_puts(&b, "}}");
    if (b.failed) {
        ng_jbuf_free(&b);
        return NG_E_NOMEM;
    }
    *out = b.data;
    if (len) *len = b.len;
    return NG_OK;
}
