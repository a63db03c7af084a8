/* fuzz_nerlexicon.c - libFuzzer target for the entity tagger's lexicon:
 * the "TYPE<TAB>phrase" file `train-ner --lexicon` reads (then its
 * features on a sentence), and the word lists `nutgraf ner-lexicon` reads
 * (WordNet data files, zone1970.tab, name lists), whose sorted output must
 * read back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void lexicon(const char *p, size_t len)
{
    ng_ner_gaz lex;
    memset(&lex, 0, sizeof lex);
    ng_error err;
    if (ng_ner_lex_parse(p, len, &lex, &err) == NG_OK) {
        static const char *const words[] = {"New", "York", "CITY", "Posner", "said", "."};
        ng_ner_gaz gaz = {0};
        uint8_t scratch[12];
        uint16_t cid[6 * NG_NER_CLUSTER_LEVELS];
        uint32_t out[6 * NG_NER_FEATS];
        ng_ner_features(&gaz, &lex, NULL, words, 6, 0xfffff, scratch, cid, out);
    }
    ng_ner_gaz_free(&lex);
}

static void names(const char *p, size_t len)
{
    ng_ner_names b;
    memset(&b, 0, sizeof b);
    if (ng_ner_names_add_wordnet(&b, p, len, 0) || ng_ner_names_add_wordnet(&b, p, len, 1) ||
        ng_ner_names_add_zones(&b, p, len) || ng_ner_names_add_list(&b, p, len, NG_NER_MISC)) {
        ng_ner_names_free(&b);
        return;
    }
    char *tsv;
    size_t n;
    if (ng_ner_names_tsv(&b, &tsv, &n) == NG_OK) {
        ng_ner_gaz lex;
        memset(&lex, 0, sizeof lex);
        if (ng_ner_lex_parse(tsv, n, &lex, NULL) != NG_OK) abort(); /* what it writes must read back */
        ng_ner_gaz_free(&lex);
        free(tsv);
    }
    ng_ner_names_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *p = malloc(size + 1);
    if (!p) return 0;
    memcpy(p, data, size);
    lexicon(p, size);
    names(p, size);
    free(p);
    return 0;
}
