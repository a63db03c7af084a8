/* fuzz_speaker_model.c - libFuzzer target for the speaker ranker's model
 * format (models/speaker.txt, read by ng_speaker_model_parse): the input,
 * copied to an exact-size buffer so that ASan sees any read past its end,
 * is parsed as a model; a model that parses must have a window of 1 to 5,
 * known groups and finite weights, and ranks the speakers of a small story
 * (any weights, any window) without fault. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "analyze/speaker.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char story[] =
    "The Transport Ministry paid for the bridge. \"It will open in May,\" said Tom Baxter, the "
    "engineer. \"We tested every cable.\"\n\nJane Walker runs Acme Corp. \"It is a proud day,\" "
    "she said. \"Not for them,\" it said.";

static void rank_story(const ng_speaker_model *m)
{
    ng_doc *doc = NULL;
    ng_read_options o = {NG_FORMAT_TEXT, 0};
    if (ng_doc_read(story, sizeof story - 1, &o, &doc, NULL) != NG_OK) abort();
    if (ng_analyze_speakers(doc, NULL, 1, NULL) != NG_OK) abort();
    if (ng_rank_speakers(doc, m) != NG_OK) abort();
    for (size_t i = 0; i < ng_doc_quote_count(doc); i++) {
        ng_quote q = ng_doc_quote(doc, i);
        if (q.speaker_mention.len && !q.speaker_mention.ptr) abort();
    }
    ng_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    static ng_speaker_model m;
    int r = ng_speaker_model_parse(copy, size, &m);
    free(copy);
    if (r != 0) {
        if (r != -1) abort();
        return 0;
    }
    if (m.window < 1 || m.window > 5 || m.groups > NG_SPK_G_ALL) abort();
    for (int t = 0; t < NG_SPK_TEMPLATES; t++)
        for (int v = 0; v < NG_SPK_VALUES; v++)
            if (!isfinite(m.w[t][v])) abort();
    rank_story(&m);
    return 0;
}
