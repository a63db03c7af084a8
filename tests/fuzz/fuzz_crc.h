/* fuzz_crc.h - for the model-file fuzz targets: run a loader on the input
 * as it is, then on a copy whose trailing CRC-32 is made right, so that the
 * checks behind the checksum are reached too. */
#ifndef NG_FUZZ_CRC_H
#define NG_FUZZ_CRC_H

#include <stdlib.h>
#include <string.h>

#include "summarize/model.h"

static inline void fuzz_with_and_without_crc(const uint8_t *data, size_t size,
                                             void (*load)(const unsigned char *, size_t))
{
    load(data, size);
    if (size < 12 || size > (1u << 20)) return;
    unsigned char *copy = malloc(size);
    if (!copy) return;
    memcpy(copy, data, size);
    uint32_t crc = ng_crc32(copy, size - 4);
    for (int i = 0; i < 4; i++) copy[size - 4 + i] = (unsigned char)(crc >> (8 * i));
    load(copy, size);
    free(copy);
}

#endif
