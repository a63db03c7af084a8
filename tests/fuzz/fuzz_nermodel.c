/* fuzz_nermodel.c - libFuzzer target for NER model files: load arbitrary
 * bytes (half the runs with the checksum fixed so the fields behind it are
 * reached) and, for a file that loads, tag a sentence and a two-sentence
 * document (both passes, clusters, document features) with it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"
#include "fuzz_crc.h"
#include "summarize/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void try_load(const unsigned char *p, size_t len)
{
    ng_ner_model m;
    memset(&m, 0, sizeof m);
    if (ng_ner_model_load(p, len, &m, NULL) != NG_OK) return;
    static const char *const words[] = {"Michael", "Posner", "visited", "Beijing", "on", "Thursday", "."};
    uint8_t tags[7];
    ng_ner_work wk;
    memset(&wk, 0, sizeof wk);
    ng_ner_tag(&m, &wk, words, 7, tags, NULL);
    static const char *const doc[] = {"Posner", "met", "Michael", "Posner", ".", "POSNER", "LEFT", "BEIJING"};
    static const ng_ner_sentence sents[2] = {{0, 5, 0}, {5, 3, 0}};
    uint8_t dtags[8];
    ng_ner_tag_document(&m, &wk, doc, sents, 2, dtags, NULL);
    ng_ner_work_free(&wk);
    ng_ner_model_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_with_and_without_crc(data, size, try_load);
    return 0;
}
