/* xgb.c - XGBoost training through its C API, loaded at run time, and the
 * conversion of its JSON tree dump into a nutgraf model (see xgb.h). */
#include "summarize/xgb.h"

#include <cJSON.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"

typedef uint64_t xgb_ulong;
typedef void *xgb_handle;

/* The few entry points training needs, resolved from libxgboost. */
typedef struct xgb_api {
    void *lib;
    const char *(*last_error)(void);
    int (*dmatrix_from_mat)(const float *, xgb_ulong, xgb_ulong, float, xgb_handle *);
    int (*dmatrix_set_float)(xgb_handle, const char *, const float *, xgb_ulong);
    int (*dmatrix_set_uint)(xgb_handle, const char *, const unsigned *, xgb_ulong);
    int (*dmatrix_free)(xgb_handle);
    int (*booster_create)(const xgb_handle *, xgb_ulong, xgb_handle *);
    int (*booster_set_param)(xgb_handle, const char *, const char *);
    int (*booster_update)(xgb_handle, int, xgb_handle);
    int (*booster_dump)(xgb_handle, const char *, int, const char *, xgb_ulong *, const char ***);
    int (*booster_free)(xgb_handle);
} xgb_api;

static int resolve(void *lib, const char *name, void *fp)
{
    void *sym = dlsym(lib, name);
    if (!sym) return -1;
    memcpy(fp, &sym, sizeof sym);
    return 0;
}

static ng_status load_api(xgb_api *api, ng_error *err)
{
    static const char *const names[] = {"libxgboost.so.0", "libxgboost.so", "libxgboost.so.2",
                                        "libxgboost.so.1.6.0"};
    memset(api, 0, sizeof *api);
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !api->lib; i++)
        api->lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!api->lib)
        return ng_fail(err, NG_E_MODEL, 0, "training needs libxgboost (Debian package libxgboost0): %s", dlerror());
    if (resolve(api->lib, "XGBGetLastError", &api->last_error) ||
        resolve(api->lib, "XGDMatrixCreateFromMat", &api->dmatrix_from_mat) ||
        resolve(api->lib, "XGDMatrixSetFloatInfo", &api->dmatrix_set_float) ||
        resolve(api->lib, "XGDMatrixSetUIntInfo", &api->dmatrix_set_uint) ||
        resolve(api->lib, "XGDMatrixFree", &api->dmatrix_free) ||
        resolve(api->lib, "XGBoosterCreate", &api->booster_create) ||
        resolve(api->lib, "XGBoosterSetParam", &api->booster_set_param) ||
        resolve(api->lib, "XGBoosterUpdateOneIter", &api->booster_update) ||
        resolve(api->lib, "XGBoosterDumpModelEx", &api->booster_dump) ||
        resolve(api->lib, "XGBoosterFree", &api->booster_free)) {
        dlclose(api->lib);
        return ng_fail(err, NG_E_MODEL, 0, "libxgboost lacks a C API function nutgraf needs");
    }
    return NG_OK;
}

/* ------------------------------------------------------- dump to model */

typedef struct node_vec {
    ng_tree_node *items;
    size_t count, cap;
} node_vec;

static int push_node(node_vec *v, ng_tree_node n)
{
    if (v->count == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 1024;
        ng_tree_node *p = realloc(v->items, cap * sizeof *p);
        if (!p) return -1;
        v->items = p;
        v->cap = cap;
    }
    v->items[v->count++] = n;
    return 0;
}

static const cJSON *child_with_id(const cJSON *node, int id)
{
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(node, "children")) {
        const cJSON *nid = cJSON_GetObjectItemCaseSensitive(c, "nodeid");
        if (cJSON_IsNumber(nid) && nid->valueint == id) return c;
    }
    return NULL;
}

/* Appends the subtree in preorder, so children always follow parents;
 * returns its index or -1 on a malformed dump. */
static long add_subtree(node_vec *v, const cJSON *node, size_t ncols, int depth)
{
    if (!node || depth > 64) return -1;
    size_t at = v->count;
    const cJSON *leaf = cJSON_GetObjectItemCaseSensitive(node, "leaf");
    if (cJSON_IsNumber(leaf)) return push_node(v, (ng_tree_node){-1, (float)leaf->valuedouble, 0, 0, 0}) ? -1 : (long)at;
    const cJSON *split = cJSON_GetObjectItemCaseSensitive(node, "split");
    const cJSON *cond = cJSON_GetObjectItemCaseSensitive(node, "split_condition");
    const cJSON *yes = cJSON_GetObjectItemCaseSensitive(node, "yes");
    const cJSON *no = cJSON_GetObjectItemCaseSensitive(node, "no");
    const cJSON *miss = cJSON_GetObjectItemCaseSensitive(node, "missing");
    if (!cJSON_IsString(split) || split->valuestring[0] != 'f' || !cJSON_IsNumber(cond) || !cJSON_IsNumber(yes) ||
        !cJSON_IsNumber(no))
        return -1;
    long f = strtol(split->valuestring + 1, NULL, 10);
    if (f < 0 || (size_t)f >= ncols) return -1;
    if (push_node(v, (ng_tree_node){(int32_t)f, (float)cond->valuedouble, 0, 0, 0})) return -1;
    long y = add_subtree(v, child_with_id(node, yes->valueint), ncols, depth + 1);
    long n = add_subtree(v, child_with_id(node, no->valueint), ncols, depth + 1);
    if (y < 0 || n < 0) return -1;
    v->items[at].yes = (uint32_t)y;
    v->items[at].no = (uint32_t)n;
    v->items[at].missing = cJSON_IsNumber(miss) && miss->valueint == no->valueint ? (uint32_t)n : (uint32_t)y;
    return (long)at;
}

ng_status ng_xgb_model_from_dump(const char *const *trees, size_t ntrees, size_t ncols,
                                 unsigned feature_version, ng_model **out, ng_error *err)
{
    node_vec v = {NULL, 0, 0};
    ng_model *m = calloc(1, sizeof *m);
    uint32_t *roots = calloc(ntrees ? ntrees : 1, sizeof *roots);
    if (!m || !roots) {
        free(m);
        free(roots);
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory");
    }
    ng_status st = NG_OK;
    for (size_t t = 0; t < ntrees && st == NG_OK; t++) {
        cJSON *root = cJSON_Parse(trees[t]);
        long at = add_subtree(&v, root, ncols, 0);
        if (at < 0) st = ng_fail(err, NG_E_MODEL, 0, "cannot read XGBoost's dump of tree %zu", t);
        else roots[t] = (uint32_t)at;
        cJSON_Delete(root);
    }
    if (st != NG_OK) {
        free(v.items);
        free(roots);
        free(m);
        return st;
    }
    m->feature_version = feature_version;
    m->nfeatures = (uint32_t)ncols;
    m->ntrees = (uint32_t)ntrees;
    m->nnodes = (uint32_t)v.count;
    m->roots = roots;
    m->nodes = v.items;
    m->base_score = 0; /* base_score 0.5 is a margin of 0 for logistic; a constant for ranking */
    *out = m;
    return NG_OK;
}

/* ------------------------------------------------------------ training */

static ng_status xgb_fail(const xgb_api *api, ng_error *err, const char *what)
{
    return ng_fail(err, NG_E_MODEL, 0, "XGBoost %s: %s", what, api->last_error ? api->last_error() : "?");
}

static ng_status set_params(const xgb_api *api, xgb_handle b, const ng_xgb_params *p, ng_error *err)
{
    char buf[64];
    struct { const char *k; const char *v; } kv[] = {
        {"objective", p->objective}, {"tree_method", "hist"}, {"base_score", "0.5"}, {"eval_metric", "logloss"},
        {"verbosity", "0"}};
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
        if (api->booster_set_param(b, kv[i].k, kv[i].v)) return xgb_fail(api, err, kv[i].k);
#define SETNUM(key, fmt, val)                                                         \
    do {                                                                              \
        snprintf(buf, sizeof buf, fmt, val);                                          \
        if (api->booster_set_param(b, key, buf)) return xgb_fail(api, err, key);      \
    } while (0)
    SETNUM("max_depth", "%d", p->max_depth);
    SETNUM("eta", "%g", p->eta);
    SETNUM("subsample", "%g", p->subsample);
    SETNUM("min_child_weight", "%g", p->min_child_weight);
    SETNUM("nthread", "%d", p->threads);
    SETNUM("seed", "%u", p->seed);
#undef SETNUM
    return NG_OK;
}

static ng_status train_booster(const xgb_api *api, xgb_handle dm, const ng_xgb_params *p, size_t ncols,
                               unsigned feature_version, ng_model **out, ng_error *err)
{
    xgb_handle b = NULL;
    if (api->booster_create(&dm, 1, &b)) return xgb_fail(api, err, "booster");
    ng_status st = set_params(api, b, p, err);
    for (int it = 0; st == NG_OK && it < p->rounds; it++)
        if (api->booster_update(b, it, dm)) st = xgb_fail(api, err, "training");
    xgb_ulong ntrees = 0;
    const char **dump = NULL;
    if (st == NG_OK && api->booster_dump(b, "", 0, "json", &ntrees, &dump)) st = xgb_fail(api, err, "dump");
    if (st == NG_OK) st = ng_xgb_model_from_dump(dump, (size_t)ntrees, ncols, feature_version, out, err);
    api->booster_free(b);
    return st;
}

ng_status ng_xgb_train(const float *rows, size_t nrows, size_t ncols, const float *labels,
                       const unsigned *groups, size_t ngroups, const ng_xgb_params *p,
                       unsigned feature_version, ng_model **out, ng_error *err)
{
    xgb_api api;
    ng_status st = load_api(&api, err);
    if (st != NG_OK) return st;
    xgb_handle dm = NULL;
    if (api.dmatrix_from_mat(rows, nrows, ncols, -999999.0f, &dm)) st = xgb_fail(&api, err, "matrix");
    if (st == NG_OK && api.dmatrix_set_float(dm, "label", labels, nrows)) st = xgb_fail(&api, err, "labels");
    if (st == NG_OK && ngroups && api.dmatrix_set_uint(dm, "group", groups, ngroups)) st = xgb_fail(&api, err, "groups");
    if (st == NG_OK) st = train_booster(&api, dm, p, ncols, feature_version, out, err);
    if (dm) api.dmatrix_free(dm);
    dlclose(api.lib);
    return st;
}
