/* fuzz_nerclusters.c - libFuzzer target for word-cluster files (`nutgraf
 * ner-clusters` output, read by `nutgraf train-ner --clusters`): load
 * arbitrary bytes (half the runs with the checksum fixed so the fields
 * behind it are reached) and, for a file that loads, look words up. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"
#include "fuzz_crc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void try_load(const unsigned char *p, size_t len)
{
    ng_ner_clusters c;
    if (ng_ner_clusters_load(p, len, &c, NULL) != NG_OK) return;
    static const char *const words[] = {"the", "Beijing", "said", "Posner", "2010", ""};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        const uint16_t *ids = ng_ner_clusters_get(&c, ng_ner_cluster_key(words[i], strlen(words[i])));
        for (uint32_t l = 0; ids && l < c.levels; l++)
            if (ids[l] >= c.k[l] && ids[l] != NG_NER_CLUSTER_NONE) abort(); /* the reader checks every id */
    }
    ng_ner_clusters_free(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_with_and_without_crc(data, size, try_load);
    return 0;
}
