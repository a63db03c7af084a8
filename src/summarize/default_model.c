/* default_model.c - the model built into the library: the bytes of
 * models/highlights.ngm (embedded at build time by tools/embed.c), parsed
 * once on first use and read-only afterwards. */
#include <pthread.h>
#include <stddef.h>

#include "nutgraf.h"

extern const unsigned char ng_default_model_bytes[];
extern const size_t ng_default_model_bytes_len;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static ng_model *parsed; /* written once under pthread_once, then only read */

static void load_default(void)
{
    if (ng_default_model_bytes_len == 0) return;
    if (ng_model_load_memory(ng_default_model_bytes, ng_default_model_bytes_len, &parsed, NULL) != NG_OK)
        parsed = NULL;
}

const ng_model *ng_model_default(void)
{
    pthread_once(&once, load_default);
    return parsed;
}
