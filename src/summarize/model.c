/* model.c - loading, validating, writing and evaluating tree models (see
 * model.h).  Every field read from a file is bounds-checked: a corrupt or
 * hostile file gives NG_E_MODEL, never a crash. */
#include "summarize/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/bytes.h"
#include "core/doc.h"
#include "summarize/features.h"

#define MAGIC "NGTREES1"

/* zlib's CRC-32 (the same polynomial and conditioning as the files have
 * always carried) instead of a bit-at-a-time loop: checking the 3.3 MB
 * tagger model took 6% of a 2,000-story summarize run. */
uint32_t ng_crc32(const unsigned char *p, size_t n)
{
    return (uint32_t)crc32_z(0, p, n);
}

void ng_model_free(ng_model *m)
{
    if (!m) return;
    free(m->flat_feature);
    free(m->flat_threshold);
    free(m->flat_leaf);
    free(m->params);
    free(m->roots);
    free(m->nodes);
    free(m);
}

static ng_status check_nodes(const ng_model *m, ng_error *err)
{
    for (uint32_t t = 0; t < m->ntrees + m->nbudget; t++)
        if (m->roots[t] >= m->nnodes) return ng_fail(err, NG_E_MODEL, 0, "model: tree %u starts outside the nodes", t);
    uint32_t width = m->nfeatures > m->ndocfeatures ? m->nfeatures : m->ndocfeatures;
    for (uint32_t i = 0; i < m->nnodes; i++) {
        const ng_tree_node *n = &m->nodes[i];
        if (n->feature < 0) continue;
        /* A node may belong to either tree set; the budget trees are checked
         * against the document width below, when they are walked. */
        if ((uint32_t)n->feature >= width)
            return ng_fail(err, NG_E_MODEL, 0, "model: node %u uses feature %d of %u", i, n->feature, m->nfeatures);
        /* Children come after their parent, so evaluation always ends. */
        if (n->yes <= i || n->no <= i || n->missing <= i || n->yes >= m->nnodes || n->no >= m->nnodes ||
            n->missing >= m->nnodes)
            return ng_fail(err, NG_E_MODEL, 0, "model: node %u has a bad child", i);
    }
    return NG_OK;
}

static ng_status parse_body(ng_rbuf *r, ng_model *m, ng_error *err)
{
    uint32_t format = ng_rbuf_u32(r);
    if (!r->bad && format != NG_MODEL_FORMAT)
        return ng_fail(err, NG_E_MODEL, 0, "model: file format %u, this nutgraf reads %u", format, NG_MODEL_FORMAT);
    m->feature_version = ng_rbuf_u32(r);
    m->nfeatures = ng_rbuf_u32(r);
    m->ntrees = ng_rbuf_u32(r);
    m->nnodes = ng_rbuf_u32(r);
    m->base_score = ng_rbuf_f32(r);
    m->nbudget = ng_rbuf_u32(r);
    m->ndocfeatures = ng_rbuf_u32(r);
    m->budget_base = ng_rbuf_f32(r);
    m->nparams = ng_rbuf_u32(r);
    if (r->bad) return ng_fail(err, NG_E_MODEL, 0, "model: truncated header");
    if (m->nparams > 64 || m->ntrees > 100000 || m->nbudget > 100000 || m->nnodes > 10000000 ||
        m->nfeatures > 4096 || m->ndocfeatures > 4096 ||
        (size_t)m->nparams * 20 + (size_t)(m->ntrees + m->nbudget) * 4 + (size_t)m->nnodes * 20 > r->len - r->pos)
        return ng_fail(err, NG_E_MODEL, 0, "model: sizes do not fit the file");
    m->params = calloc(m->nparams ? m->nparams : 1, sizeof *m->params);
    m->roots = calloc(m->ntrees + m->nbudget ? m->ntrees + m->nbudget : 1, sizeof *m->roots);
    m->nodes = calloc(m->nnodes ? m->nnodes : 1, sizeof *m->nodes);
    if (!m->params || !m->roots || !m->nodes) return ng_fail(err, NG_E_NOMEM, 0, "out of memory loading the model");
    for (uint32_t i = 0; i < m->nparams; i++) {
        memcpy(m->params[i].name, r->p + r->pos, NG_MODEL_PARAM_NAME);
        m->params[i].name[NG_MODEL_PARAM_NAME - 1] = '\0';
        r->pos += NG_MODEL_PARAM_NAME;
        m->params[i].value = ng_rbuf_f32(r);
    }
    for (uint32_t t = 0; t < m->ntrees + m->nbudget; t++) m->roots[t] = ng_rbuf_u32(r);
    for (uint32_t i = 0; i < m->nnodes; i++) {
        m->nodes[i].feature = (int32_t)ng_rbuf_u32(r);
        m->nodes[i].value = ng_rbuf_f32(r);
        m->nodes[i].yes = ng_rbuf_u32(r);
        m->nodes[i].no = ng_rbuf_u32(r);
        m->nodes[i].missing = ng_rbuf_u32(r);
    }
    if (r->bad) return ng_fail(err, NG_E_MODEL, 0, "model: truncated");
    return check_nodes(m, err);
}

#define FLAT_MAX_DEPTH 8

/* Depth of the subtree at node i (0 for a leaf), or FLAT_MAX_DEPTH + 1 when
 * deeper than flattening allows. */
static uint32_t subtree_depth(const ng_model *m, uint32_t i, uint32_t level)
{
    const ng_tree_node *n = &m->nodes[i];
    if (n->feature < 0) return 0;
    if (level >= FLAT_MAX_DEPTH) return FLAT_MAX_DEPTH + 1;
    uint32_t a = subtree_depth(m, n->yes, level + 1), b = subtree_depth(m, n->no, level + 1);
    return 1 + (a > b ? a : b);
}

/* Writes node i's subtree at position pos of tree t's complete layout: a
 * leaf above the last level becomes inner nodes that always go left, with
 * its value in every leaf below. */
static void flatten_node(ng_model *m, uint32_t t, uint32_t i, uint32_t pos, uint32_t level)
{
    uint32_t inner = (1u << m->flat_depth) - 1;
    const ng_tree_node *n = &m->nodes[i];
    if (level == m->flat_depth) {
        m->flat_leaf[(size_t)t * (inner + 1) + (pos - inner)] = n->value;
        return;
    }
    size_t at = (size_t)t * inner + pos;
    if (n->feature < 0) {
        m->flat_feature[at] = 0;
        m->flat_threshold[at] = INFINITY; /* x < inf: always the first child */
        flatten_node(m, t, i, 2 * pos + 1, level + 1);
        flatten_node(m, t, i, 2 * pos + 2, level + 1);
        return;
    }
    m->flat_feature[at] = (uint16_t)n->feature;
    m->flat_threshold[at] = n->value;
    flatten_node(m, t, n->yes, 2 * pos + 1, level + 1);
    flatten_node(m, t, n->no, 2 * pos + 2, level + 1);
}

/* Lays the scorer's trees out flat when they are shallow enough; a model
 * that is not keeps walking nodes.  Returns -1 when out of memory. */
static int flatten(ng_model *m)
{
    uint32_t depth = 1;
    for (uint32_t t = 0; t < m->ntrees; t++) {
        uint32_t d = subtree_depth(m, m->roots[t], 0);
        if (d > FLAT_MAX_DEPTH) return 0;
        if (d > depth) depth = d;
    }
    size_t inner = ((size_t)1 << depth) - 1;
    m->flat_feature = malloc(m->ntrees * inner * sizeof *m->flat_feature + 1);
    m->flat_threshold = malloc(m->ntrees * inner * sizeof *m->flat_threshold + 1);
    m->flat_leaf = malloc(m->ntrees * (inner + 1) * sizeof *m->flat_leaf + 1);
    if (!m->flat_feature || !m->flat_threshold || !m->flat_leaf) return -1;
    m->flat_depth = depth;
    for (uint32_t t = 0; t < m->ntrees; t++) flatten_node(m, t, m->roots[t], 0, 0);
    return 0;
}

/* Every node reachable from a budget tree reads a document feature. */
static ng_status check_budget_features(const ng_model *m, ng_error *err)
{
    for (uint32_t t = m->ntrees; t < m->ntrees + m->nbudget; t++)
        for (uint32_t i = m->roots[t]; i < m->nnodes; i++) {
            if (t + 1 < m->ntrees + m->nbudget && i >= m->roots[t + 1]) break;
            if (m->nodes[i].feature >= (int32_t)m->ndocfeatures)
                return ng_fail(err, NG_E_MODEL, 0, "model: budget tree %u reads feature %d of %u", t,
                               m->nodes[i].feature, m->ndocfeatures);
        }
    return NG_OK;
}

ng_status ng_model_load_memory(const void *bytes, size_t len, ng_model **out, ng_error *err)
{
    if (!out) return ng_fail(err, NG_E_ARG, 0, "no place for the model");
    *out = NULL;
    const unsigned char *p = bytes;
    if (!p || len < 8 + 4 * 8 || memcmp(p, MAGIC, 8))
        return ng_fail(err, NG_E_MODEL, 0, "model: not a nutgraf model file (bad magic)");
    uint32_t stored = (uint32_t)p[len - 4] | (uint32_t)p[len - 3] << 8 | (uint32_t)p[len - 2] << 16 |
                      (uint32_t)p[len - 1] << 24;
    uint32_t actual = ng_crc32(p, len - 4);
    if (stored != actual)
        return ng_fail(err, NG_E_MODEL, 0, "model: checksum mismatch (stored %08x, computed %08x): the file is corrupt",
                       stored, actual);
    ng_model *m = calloc(1, sizeof *m);
    if (!m) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    ng_rbuf r = {p, len - 4, 8, 0};
    ng_status st = parse_body(&r, m, err);
    if (st == NG_OK && r.pos != r.len) st = ng_fail(err, NG_E_MODEL, 0, "model: %zu stray bytes", r.len - r.pos);
    if (st == NG_OK && (m->feature_version != NG_FEATURE_VERSION || m->nfeatures != NG_FEATURE_COUNT ||
                        (m->nbudget && m->ndocfeatures != NG_DOC_FEATURE_COUNT)))
        st = ng_fail(err, NG_E_MODEL, 0, "model: trained on features v%u (%u of them); this nutgraf computes v%u (%u)",
                     m->feature_version, m->nfeatures, NG_FEATURE_VERSION, NG_FEATURE_COUNT);
    if (st == NG_OK) st = check_budget_features(m, err);
    if (st != NG_OK) {
        ng_model_free(m);
        return st;
    }
    if (flatten(m)) {
        ng_model_free(m);
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory laying out the model");
    }
    m->checksum = actual;
    *out = m;
    return NG_OK;
}

ng_status ng_model_load(const char *path, ng_model **out, ng_error *err)
{
    if (out) *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return ng_fail(err, NG_E_MODEL, 0, "model %s: cannot open", path);
    unsigned char *buf = malloc(NG_MODEL_MAX_BYTES);
    size_t n = buf ? fread(buf, 1, NG_MODEL_MAX_BYTES, f) : 0;
    int more = buf && n == NG_MODEL_MAX_BYTES && fgetc(f) != EOF;
    fclose(f);
    if (!buf) return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    ng_status st = more ? ng_fail(err, NG_E_MODEL, 0, "model %s: over %zu bytes", path, NG_MODEL_MAX_BYTES)
                        : ng_model_load_memory(buf, n, out, err);
    free(buf);
    return st;
}

static float predict_flat(const ng_model *m, const float *row)
{
    uint32_t depth = m->flat_depth, inner = (1u << depth) - 1;
    const uint16_t *feature = m->flat_feature;
    const float *threshold = m->flat_threshold, *leaf = m->flat_leaf;
    float sum = m->base_score;
    for (uint32_t t = 0; t < m->ntrees; t++) {
        uint32_t i = 0;
        for (uint32_t d = 0; d < depth; d++) i = 2 * i + 1 + (row[feature[i]] >= threshold[i]);
        sum += leaf[i - inner];
        feature += inner;
        threshold += inner;
        leaf += inner + 1;
    }
    return sum;
}

float ng_model_predict(const ng_model *m, const float *row)
{
    if (m->flat_depth) return predict_flat(m, row);
    float sum = m->base_score;
    for (uint32_t t = 0; t < m->ntrees; t++) {
        const ng_tree_node *n = &m->nodes[m->roots[t]];
        while (n->feature >= 0) n = &m->nodes[row[n->feature] < n->value ? n->yes : n->no];
        sum += n->value;
    }
    return sum;
}

float ng_model_predict_budget(const ng_model *m, const float *docrow)
{
    if (!m->nbudget) return -1;
    float sum = m->budget_base;
    for (uint32_t t = m->ntrees; t < m->ntrees + m->nbudget; t++) {
        const ng_tree_node *n = &m->nodes[m->roots[t]];
        while (n->feature >= 0 && (uint32_t)n->feature < m->ndocfeatures)
            n = &m->nodes[docrow[n->feature] < n->value ? n->yes : n->no];
        if (n->feature < 0) sum += n->value;
    }
    return sum;
}

float ng_model_param_get(const ng_model *m, const char *name, float fallback)
{
    for (uint32_t i = 0; m && i < m->nparams; i++)
        if (!strcmp(m->params[i].name, name)) return m->params[i].value;
    return fallback;
}

uint32_t ng_model_checksum(const ng_model *m)
{
    if (!m) return 0;
    if (m->checksum) return m->checksum;
    /* a model just trained has no file yet: the CRC its file will carry */
    unsigned char *bytes = NULL;
    size_t len = 0;
    uint32_t crc = 0;
    if (ng_model_write(m, &bytes, &len, NULL) == NG_OK && len >= 4)
        crc = (uint32_t)bytes[len - 4] | (uint32_t)bytes[len - 3] << 8 | (uint32_t)bytes[len - 2] << 16 |
              (uint32_t)bytes[len - 1] << 24;
    free(bytes);
    return crc;
}

const char *ng_model_describe(const ng_model *m, char *buf, size_t len)
{
    snprintf(buf, len, "trees=%u+%u nodes=%u features=v%u crc32=%08x", m->ntrees, m->nbudget, m->nnodes,
             m->feature_version, ng_model_checksum(m));
    return buf;
}

/* ------------------------------------------------------------- writing */

ng_status ng_model_write(const ng_model *m, unsigned char **out, size_t *len, ng_error *err)
{
    ng_wbuf w = {NULL, 0, 0, 0};
    ng_wbuf_put(&w, MAGIC, 8);
    ng_wbuf_u32(&w, NG_MODEL_FORMAT);
    ng_wbuf_u32(&w, m->feature_version);
    ng_wbuf_u32(&w, m->nfeatures);
    ng_wbuf_u32(&w, m->ntrees);
    ng_wbuf_u32(&w, m->nnodes);
    ng_wbuf_f32(&w, m->base_score);
    ng_wbuf_u32(&w, m->nbudget);
    ng_wbuf_u32(&w, m->ndocfeatures);
    ng_wbuf_f32(&w, m->budget_base);
    ng_wbuf_u32(&w, m->nparams);
    for (uint32_t i = 0; i < m->nparams; i++) {
        char name[NG_MODEL_PARAM_NAME] = {0};
        size_t n = strnlen(m->params[i].name, NG_MODEL_PARAM_NAME - 1);
        memcpy(name, m->params[i].name, n);
        ng_wbuf_put(&w, name, NG_MODEL_PARAM_NAME);
        ng_wbuf_f32(&w, m->params[i].value);
    }
    for (uint32_t t = 0; t < m->ntrees + m->nbudget; t++) ng_wbuf_u32(&w, m->roots[t]);
    for (uint32_t i = 0; i < m->nnodes; i++) {
        ng_wbuf_u32(&w, (uint32_t)m->nodes[i].feature);
        ng_wbuf_f32(&w, m->nodes[i].value);
        ng_wbuf_u32(&w, m->nodes[i].yes);
        ng_wbuf_u32(&w, m->nodes[i].no);
        ng_wbuf_u32(&w, m->nodes[i].missing);
    }
    if (!w.bad) ng_wbuf_u32(&w, ng_crc32(w.p, w.len));
    if (w.bad) {
        free(w.p);
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory writing the model");
    }
    *out = w.p;
    *len = w.len;
    return NG_OK;
}
