/* fuzz_rouge.c - libFuzzer target for ROUGE's handling of outside text: the
 * input is split into a system summary and a reference (at the first NUL
 * byte, else in the middle), each into sentences at '\n', and scored with
 * ROUGE-1.5.5 option set b (stemming, skip-bigrams, ROUGE-W), with
 * stopwords and byte limits, and with rouge-score. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nutgraf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_SENTS 64

static size_t split(const char *s, size_t len, ng_str *out)
{
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= len && n < MAX_SENTS; i++)
        if (i == len || s[i] == '\n') {
            out[n++] = (ng_str){s + start, i - start};
            start = i + 1;
        }
    return n;
}

static void score(const ng_rouge_options *o, const ng_rouge_summary *sys, const ng_rouge_summary *ref)
{
    ng_rouge *r = NULL;
    if (ng_rouge_new(o, &r, NULL) != NG_OK) abort();
    ng_rouge_prf out[16];
    if (ng_rouge_add(r, sys, ref, 1, NULL) == NG_OK) {
        ng_rouge_score(r, sys, ref, 1, out, NULL);
        for (size_t m = 0; m < ng_rouge_metric_count(r); m++) {
            ng_rouge_average avg;
            if (ng_rouge_average_of(r, m, &avg, NULL) == NG_OK && (avg.average.f < 0 || avg.average.f > 1))
                abort();
        }
    }
    ng_rouge_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nul = memchr(s, 0, size);
    size_t cut = nul ? (size_t)(nul - s) : size / 2;
    ng_str a[MAX_SENTS], b[MAX_SENTS];
    ng_rouge_summary sys = {a, split(s, cut, a)};
    size_t rest = nul ? cut + 1 : cut;
    ng_rouge_summary ref = {b, split(s + rest, size - rest, b)};

    ng_rouge_options o;
    ng_rouge_options_init(&o);
    o.max_n = 2;
    o.stem = 1;
    o.weight = 1.2;
    o.skip_mode = NG_ROUGE_SKIP_BOTH;
    o.skip_distance = 4;
    o.resamples = 10;
    score(&o, &sys, &ref);
    o.stopwords = 1;
    o.byte_limit = 75;
    o.weight = 0;
    o.best = 1;
    score(&o, &sys, &ref);
    ng_rouge_options_init(&o);
    o.impl = NG_ROUGE_SCORE;
    o.stem = 1;
    score(&o, &sys, &ref);
    return 0;
}
