/* fuzz_archive_record.c - libFuzzer target for the archive's stored-record
 * decoder: the input as a stored record (header, deflated JSON) through
 * ng_arch_record_decode and, when it decodes, ng_arch_record_fields; and
 * the input as record JSON straight into ng_arch_record_fields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "archive/archive_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *json = NULL;
    size_t len = 0;
    ng_arch_fields f;
    ng_error err;
    if (ng_arch_record_decode(data, size, &json, &len, &err) == NG_OK) {
        if (strlen(json) > len) abort();
        if (ng_arch_record_fields(json, len, &f, &err) == NG_OK) ng_arch_fields_free(&f);
        free(json);
    }
    if (ng_arch_record_fields((const char *)data, size, &f, &err) == NG_OK) {
        if (!f.id || !f.body || !f.entities || !f.tags) abort();
        ng_arch_fields_free(&f);
    }
    return 0;
}
