/* ner_default.c - the public face of the tagger's model: loading a model
 * file for ng_analyze(), and the model built into the library (the bytes
 * of models/ner.ngm, embedded at build time by tools/embed.c), parsed once
 * on first use and read-only afterwards. */
#include <pthread.h>
#include <stdlib.h>

#include "analyze/ner.h"

extern const unsigned char ng_default_ner_model_bytes[];
extern const size_t ng_default_ner_model_bytes_len;

/* Models loaded for tagging keep only the packed weights (ner_compact.c);
 * the dense table is tens of MB that decoding never reads. */
static void drop_dense(ng_ner_model *m)
{
    if (!m->packed[0].blocks) return;
    free(m->w);
    m->w = NULL;
    if (!m->packed[1].blocks) return;
    free(m->w2);
    m->w2 = NULL;
}

ng_status ng_ner_model_open(const char *path, ng_ner_model **out, ng_error *err)
{
    if (!out) return NG_E_ARG;
    *out = NULL;
    ng_ner_model *m = malloc(sizeof *m);
    if (!m) return NG_E_NOMEM;
    ng_status st = ng_ner_model_load_file(path, m, err);
    if (st != NG_OK) {
        free(m);
        return st;
    }
    drop_dense(m);
    *out = m;
    return NG_OK;
}

void ng_ner_model_release(ng_ner_model *model)
{
    if (!model) return;
    ng_ner_model_free(model);
    free(model);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static ng_ner_model builtin; /* written once under pthread_once, then only read */
static int builtin_ok;

static void load_builtin(void)
{
    if (ng_default_ner_model_bytes_len == 0) return;
    builtin_ok = ng_ner_model_load(ng_default_ner_model_bytes, ng_default_ner_model_bytes_len,
                                   &builtin, NULL) == NG_OK;
    if (builtin_ok) drop_dense(&builtin);
}

const ng_ner_model *ng_ner_model_default(void)
{
    pthread_once(&once, load_builtin);
    return builtin_ok ? &builtin : NULL;
}
