/* fuzz_read.c - libFuzzer target for the whole public read path: the input
 * is read with every format (auto-detected and each one forced), then each
 * document that comes out is analyzed (quotes, entities, tags), summarized
 * with lead and textrank, walked
 * through the accessors and written as JSON; failures are written as error
 * JSON.  Everything is freed before returning. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nutgraf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touches every sentence, token and word so that bad offsets surface. */
static void walk_doc(const ng_doc *doc)
{
    ng_str body = ng_doc_body(doc);
    volatile unsigned sum = 0;
    for (size_t i = 0; i < ng_doc_sentence_count(doc); i++) {
        ng_sentence s = ng_doc_sentence(doc, i);
        if (s.start > s.end || s.end > body.len) abort();
        if (s.end > s.start) sum += (unsigned char)body.ptr[s.end - 1];
    }
    for (size_t i = 0; i < ng_doc_token_count(doc); i++) {
        ng_token t = ng_doc_token(doc, i);
        if (t.start + t.len > body.len) abort();
        ng_str w = ng_doc_word(doc, t.word);
        if (w.len) sum += (unsigned char)w.ptr[w.len - 1];
    }
    for (int l = 0; l < NG_LIST_COUNT_; l++)
        for (size_t i = 0; i < ng_doc_list_count(doc, (ng_list)l); i++)
            sum += (unsigned)ng_doc_list_item(doc, (ng_list)l, i).len;
    (void)sum;
}

static void write_json(const ng_doc *doc)
{
    char *out = NULL;
    size_t len = 0;
    if (ng_doc_to_json(doc, &out, &len, NULL) == NG_OK && (!out || strlen(out) != len)) abort();
    free(out);
}

/* The analysis: every quote and mention lies inside the body and in
 * order, every mention names an entity, every tag has text. */
static void quotes(ng_doc *doc)
{
    if (ng_analyze(doc, NULL, NULL) != NG_OK) return;
    size_t body = ng_doc_body(doc).len, prev = 0;
    for (size_t i = 0; i < ng_doc_quote_count(doc); i++) {
        ng_quote q = ng_doc_quote(doc, i);
        if (q.start > q.end || q.end > body || q.start < prev) abort();
        if (q.reported != 0 && q.reported != 1) abort();
        prev = q.start;
    }
    prev = 0;
    for (size_t i = 0; i < ng_doc_mention_count(doc); i++) {
        ng_mention m = ng_doc_mention(doc, i);
        if (m.start >= m.end || m.end > body || m.start < prev) abort();
        if (m.entity >= ng_doc_entity_count(doc)) abort();
        prev = m.start;
    }
    for (size_t i = 0; i < ng_doc_entity_count(doc); i++) {
        ng_entity e = ng_doc_entity(doc, i);
        if (!e.name.len || e.mentions == 0 || e.salience < 0 || e.salience > 1) abort();
    }
    for (size_t i = 0; i < ng_doc_tag_count(doc); i++)
        if (!ng_doc_tag(doc, i).text.len) abort();
}

static void summarize(ng_doc *doc)
{
    quotes(doc);
    ng_summary_options lead = {.method = NG_METHOD_LEAD, .k = 3};
    ng_summary_options rank = {.method = NG_METHOD_TEXTRANK, .k = 3, .max_words = 60};
    ng_summarize(doc, &lead, NULL);
    write_json(doc);
    ng_summarize(doc, &rank, NULL);
    for (size_t i = 0; i < ng_doc_highlight_count(doc); i++)
        if (ng_doc_highlight(doc, i).sentence >= ng_doc_sentence_count(doc)) abort();
    write_json(doc);
    /* The learned method with every trimming rule: a bullet is never longer
     * than its sentence and the quotation marks put back (two at each end,
     * three bytes each when curly), and for the first, the analysed story's
     * longest person name with "'s" in place of a pronoun (NG_NAMES_OFF:
     * never). */
    size_t name_max = 0;
    for (size_t i = 0; i < ng_doc_entity_count(doc); i++)
        if (ng_doc_entity(doc, i).name.len > name_max) name_max = ng_doc_entity(doc, i).name.len;
    ng_summary_options learned = {.method = NG_METHOD_LEARNED, .trim = NG_TRIM_ALL};
    for (int off = 0; off < 2; off++) {
        learned.names = off ? NG_NAMES_OFF : NG_NAMES_ANALYSIS;
        if (!ng_model_default() || ng_summarize(doc, &learned, NULL) != NG_OK) break;
        for (size_t i = 0; i < ng_doc_highlight_count(doc); i++) {
            ng_highlight h = ng_doc_highlight(doc, i);
            ng_sentence s = ng_doc_sentence(doc, h.sentence);
            size_t room = 12 + (i == 0 && !off ? name_max + 2 : 0);
            if (!h.text.ptr || h.text.len > s.end - s.start + room) abort();
        }
        write_json(doc);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ng_format formats[] = {NG_FORMAT_AUTO, NG_FORMAT_TEXT, NG_FORMAT_STORY,
                                        NG_FORMAT_JSON, NG_FORMAT_HTML};
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        ng_read_options opts = {.format = formats[f], .max_bytes = 1 << 20};
        ng_doc *doc = NULL;
        ng_error err;
        ng_status st = ng_doc_read((const char *)data, size, &opts, &doc, &err);
        if (st == NG_OK) {
            walk_doc(doc);
            summarize(doc);
        } else {
            if (doc) abort(); /* an error leaves no document */
            char *out = NULL;
            size_t len = 0;
            if (ng_error_to_json("fuzz", &err, &out, &len) == NG_OK) free(out);
        }
        ng_doc_free(doc);
    }
    return 0;
}
