/* fuzz_model.c - libFuzzer target for model files: ng_model_load_memory on
 * arbitrary bytes, and, for one that loads, a summary with it.  The CRC-32
 * guards the parser from most random inputs, so half the runs fix the
 * checksum first to reach the field checks behind it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nutgraf.h"
#include "fuzz_crc.h"
#include "summarize/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char story[] = "The council voted on Monday to close the old library. Residents said they "
                            "would protest. The mayor, who backed the plan, said money was short. A new "
                            "library will open in 2027, officials said.";

static void try_model(const unsigned char *bytes, size_t len)
{
    ng_model *m = NULL;
    if (ng_model_load_memory(bytes, len, &m, NULL) != NG_OK) {
        if (m) abort();
        return;
    }
    ng_doc *doc = NULL;
    if (ng_doc_read(story, sizeof story - 1, NULL, &doc, NULL) == NG_OK) {
        ng_summary_options o = {.method = NG_METHOD_LEARNED, .model = m, .trim = NG_TRIM_ALL};
        ng_summarize(doc, &o, NULL);
        ng_doc_free(doc);
    }
    ng_model_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_with_and_without_crc(data, size, try_model);
    return 0;
}
