/* fuzz_reported_model.c - libFuzzer target for the reported-speech
 * classifier's model format (models/reported.txt, read by
 * ng_rep_model_parse): the input, copied to an exact-size buffer so that
 * ASan sees any read past its end, is parsed as a model; a model that
 * parses must have finite weights and threshold, and with it the
 * candidates of a small story are scored and chosen (any weights, any
 * threshold) without fault: the chosen ones are valid, in body order and
 * do not overlap. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "analyze/reported.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char story[] =
    "Mayor Ann Cole said the bridge would reopen in May, adding that repairs would cost millions. "
    "Hate crimes rose sharply last year, according to the FBI.\n\nThe senator declined to comment. "
    "\"It will open in May,\" said Tom Baxter, who told reporters the budget was tight.";

static void choose_story(const ng_rep_model *m)
{
    ng_doc *doc = NULL;
    ng_read_options o = {NG_FORMAT_TEXT, 0};
    if (ng_doc_read(story, sizeof story - 1, &o, &doc, NULL) != NG_OK) abort();
    if (ng_analyze(doc, NULL, NULL) != NG_OK) abort();
    static ng_rep_cand c[NG_REP_MAX_CANDS];
    double score[NG_REP_MAX_CANDS];
    size_t chosen[NG_REP_MAX_CHOSEN];
    for (size_t si = 0; si < doc->sentences.count; si++) {
        size_t n = ng_rep_candidates(doc, si, m, c);
        if (n > NG_REP_MAX_CANDS) abort();
        for (size_t k = 0; k < n; k++) score[k] = ng_rep_score(m, &c[k]);
        size_t nch = ng_rep_choose(c, n, score, m->threshold, chosen);
        for (size_t k = 0; k < nch; k++) {
            if (chosen[k] >= n || c[chosen[k]].k0 >= c[chosen[k]].k1) abort();
            if (k && c[chosen[k]].k0 < c[chosen[k - 1]].k1) abort();
        }
    }
    ng_doc_free(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    static ng_rep_model m;
    int r = ng_rep_model_parse(copy, size, &m);
    free(copy);
    if (r != 0) {
        if (r != -1) abort();
        return 0;
    }
    if (!isfinite(m.threshold) || m.ncues > NG_REP_CUE_SLOTS / 2) abort();
    for (size_t i = 0; i < NG_REP_SIZE; i++)
        if (!isfinite(m.w[i])) abort();
    choose_story(&m);
    return 0;
}
