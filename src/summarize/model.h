/* model.h - the learned summarizer's model: gradient-boosted trees trained
 * by XGBoost, stored in nutgraf's own versioned, checksummed file and
 * evaluated here without XGBoost.
 *
 * File layout (little-endian):
 *   "NGTREES1"  magic
 *   u32 format version (NG_MODEL_FORMAT), u32 feature version,
 *   u32 feature count, u32 tree count, u32 node count, f32 base score,
 *   u32 budget tree count, u32 document feature count, f32 budget base,
 *   u32 parameter count, then per parameter: char name[16], f32 value,
 *   u32 first node of each tree (the sentence scorer's trees, then the
 *   budget model's, which predicts the highlights' length in words),
 *   per node: i32 feature (-1 for a leaf), f32 threshold or leaf value,
 *             u32 yes (x < threshold), u32 no, u32 missing,
 *   u32 CRC-32 of every byte before it.
 */
#ifndef NG_MODEL_H
#define NG_MODEL_H

#include <stdint.h>

#include "nutgraf.h"

#define NG_MODEL_FORMAT 1u
#define NG_MODEL_MAX_BYTES ((size_t)64 * 1024 * 1024)
#define NG_MODEL_PARAM_NAME 16

typedef struct ng_tree_node {
    int32_t feature; /* -1: leaf */
    float value;     /* threshold, or the leaf's output */
    uint32_t yes, no, missing;
} ng_tree_node;

typedef struct ng_model_param {
    char name[NG_MODEL_PARAM_NAME];
    float value;
} ng_model_param;

struct ng_model {
    uint32_t feature_version;
    uint32_t nfeatures;
    uint32_t ntrees;
    uint32_t nnodes;
    float base_score;
    uint32_t nbudget;       /* trees after the first ntrees: the budget model */
    uint32_t ndocfeatures;
    float budget_base;
    uint32_t nparams;
    ng_model_param *params;
    /* The scorer's trees laid out as complete binary trees of flat_depth
     * levels (0: not flattened, walk the nodes): child of i is 2i+1 or
     * 2i+2, so evaluation is a few loads per level without branches on
     * node kinds. */
    uint32_t flat_depth;
    uint16_t *flat_feature; /* per tree, 2^depth - 1 inner nodes */
    float *flat_threshold;
    float *flat_leaf;       /* per tree, 2^depth leaves */
    uint32_t *roots;
    ng_tree_node *nodes;
    uint32_t checksum;
};

/* The sum of the trees' outputs plus the base score for one row of
 * nfeatures values. */
float ng_model_predict(const ng_model *m, const float *row);

/* The budget model's prediction (highlight words) for a document row, or
 * -1 when the model has none. */
float ng_model_predict_budget(const ng_model *m, const float *docrow);

/* A parameter by name, or fallback when absent. */
float ng_model_param_get(const ng_model *m, const char *name, float fallback);

/* Serialises a model (to malloc'd *out, *len bytes, caller frees). */
ng_status ng_model_write(const ng_model *m, unsigned char **out, size_t *len, ng_error *err);

/* CRC-32 (IEEE) of bytes, as zlib computes it. */
uint32_t ng_crc32(const unsigned char *p, size_t n);

#endif
