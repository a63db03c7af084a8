/* ner_default.c - the public face of the tagger's model: loading a model
 * file for ng_analyze(), and the model built into the library (the bytes
 * of models/ner.ngm, embedded at build time by tools/embed.c), parsed once
 * on first use and read-only afterwards.
 *
 * The built-in model's lexicon is derived from WordNet 3.0 (see
 * models/README.md):
 *
 * WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
 *
 * Permission to use, copy, modify and distribute this software and database
 * and its documentation for any purpose and without fee or royalty is hereby
 * granted, provided that you agree to comply with the following copyright
 * notice and statements, including the disclaimer, and that the same appear
 * on ALL copies of the software, database and documentation, including
 * modifications that you make for internal use or for distribution.
 *
 * THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY
 * MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF
 * EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS
 * OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR
 * THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
 * INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
 *
 * The name of Princeton University or Princeton may not be used in
 * advertising or publicity pertaining to distribution of the software and/or
 * database.  Title to copyright in this software, database and any associated
 * documentation shall at all times remain with Princeton University and
 * LICENSEE agrees to preserve same. */
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

uint32_t ng_ner_model_checksum(const ng_ner_model *model) { return model ? model->checksum : 0; }

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
