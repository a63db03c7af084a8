/* fuzz_cues.c - libFuzzer target for the verbs-of-saying list format
 * (models/cues.txt: sorted "form" or "form<TAB>cognition" lines after '#'
 * header lines): the input is searched as a list for words cut from
 * itself, and each of its lines is looked up in the built-in list.  A
 * lookup never reads outside the list and returns 0, 1 or 2. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/quotes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *list = malloc(size + 1); /* an exact-size copy: ASan sees overreads */
    if (!list) return 0;
    memcpy(list, data, size);
    for (size_t a = 0; a < size;) {
        const char *nl = memchr(list + a, '\n', size - a);
        size_t e = nl ? (size_t)(nl - list) : size;
        const char *tab = memchr(list + a, '\t', e - a);
        size_t w = tab ? (size_t)(tab - list) - a : e - a;
        int k = ng_quote_cue_lookup(list, size, list + a, w);
        if (k < 0 || k > 2) abort();
        k = ng_quote_cue_kind(list + a, w);
        if (k < 0 || k > 2) abort();
        a = e + 1;
    }
    if (ng_quote_cue_lookup(list, size, "said", 4) > 2) abort();
    free(list);
    return 0;
}
