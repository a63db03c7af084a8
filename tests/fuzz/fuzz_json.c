/* fuzz_json.c - libFuzzer target for the JSON record reader: ng_doc_read
 * with NG_FORMAT_JSON, then the document (or the error) written as JSON and
 * freed; and ng_json_record_id, whose id must be a NUL-terminated string
 * that fits its buffer (a small buffer too, to reach the cut). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nutgraf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ng_read_options opts = {.format = NG_FORMAT_JSON, .max_bytes = 1 << 20};
    ng_doc *doc = NULL;
    ng_error err;
    ng_status st = ng_doc_read((const char *)data, size, &opts, &doc, &err);
    char id[NG_RECORD_ID_MAX], small[5];
    if (ng_json_record_id((const char *)data, size, id, sizeof id) && strlen(id) >= sizeof id) abort();
    if (ng_json_record_id((const char *)data, size, small, sizeof small) && strlen(small) >= sizeof small)
        abort();
    char *out = NULL;
    size_t len = 0;
    if (st == NG_OK) {
        for (size_t i = 0; i < ng_doc_list_count(doc, NG_LIST_REFERENCES); i++)
            if (!ng_doc_list_item(doc, NG_LIST_REFERENCES, i).ptr) abort();
        if (ng_doc_to_json(doc, &out, &len, NULL) == NG_OK && strlen(out) != len) abort();
    } else if (ng_error_to_json("fuzz", &err, &out, &len) == NG_OK && strlen(out) != len) {
        abort();
    }
    free(out);
    ng_doc_free(doc);
    return 0;
}
