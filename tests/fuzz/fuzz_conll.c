/* fuzz_conll.c - libFuzzer target for the CoNLL-2003 reader: parse, convert
 * to IOB2, take spans and score the gold tags against themselves (which must
 * give F1 = 100 whenever there is an entity). */
#include <stdint.h>
#include <stdlib.h>

#include "analyze/ner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_ner_corpus c = {0};
    if (ng_conll_parse((const char *)data, size, &c, NULL) != NG_OK) return 0;
    ng_ner_score s = {0};
    ng_ner_score_add(&s, c.gold, c.gold, c.ntok);
    double p, r, f;
    ng_ner_score_prf(&s, NG_NER_TYPES, &p, &r, &f);
    ng_ner_span spans[64];
    size_t n = ng_ner_spans(c.gold, c.ntok, spans, 64);
    if (n && (f < 99.999 || f > 100.001)) abort(); /* percent */
    ng_conll_free(&c);
    return 0;
}
