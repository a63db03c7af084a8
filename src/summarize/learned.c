/* learned.c - scoring sentences with the tree model and the model's
 * selection plan (see learned.h). */
#include "summarize/learned.h"

#include "summarize/features.h"
#include "summarize/model.h"

ng_status ng_score_learned(ng_doc *doc, const ng_model *m, double *scores)
{
    size_t n = doc->sentences.count;
    float *f = ng_arena_alloc(&doc->arena, n * NG_FEATURE_COUNT * sizeof *f);
    if (!f || ng_features_compute(doc, f) != NG_OK) return NG_E_NOMEM;
    for (size_t s = 0; s < n; s++) scores[s] = ng_model_predict(m, f + s * NG_FEATURE_COUNT);
    return NG_OK;
}

/* A model parameter as an int clamped to [lo, hi]: the file is outside
 * input, and converting an out-of-range float to int is undefined. */
static int param_int(const ng_model *m, const char *name, float fallback, int lo, int hi)
{
    float v = ng_model_param_get(m, name, fallback);
    if (!(v >= (float)lo)) return lo; /* NaN too */
    if (v > (float)hi) return hi;
    return (int)v;
}

void ng_plan_from_model(const ng_model *m, const ng_summary_options *o, const ng_doc *doc, ng_plan *plan)
{
    plan->trigram_block = ng_model_param_get(m, "trigram_block", 1) != 0;
    plan->units = 1;
    plan->max_words = o->max_words ? o->max_words : param_int(m, "max_words", 0, 0, 100000);
    if (o->k) { /* the caller's k wins */
        plan->min_k = plan->max_k = o->k;
        plan->use_threshold = 0;
        return;
    }
    plan->min_k = param_int(m, "min_k", 3, 1, 100);
    plan->max_k = param_int(m, "max_k", 3, 1, 100);
    plan->use_threshold = ng_model_param_get(m, "use_threshold", 0) != 0;
    plan->threshold = ng_model_param_get(m, "threshold", 0);
    plan->budget_alpha = ng_model_param_get(m, "budget_alpha", 0);
    if (plan->budget_alpha > 0 && !o->max_words) {
        float row[NG_DOC_FEATURE_COUNT];
        ng_doc_features_compute(doc, row);
        double words = plan->budget_alpha * ng_model_predict_budget(m, row);
        if (words > 0) plan->max_words = words < 100000 ? (int)(words + 0.5) : 100000;
    }
    if (plan->min_k < 1) plan->min_k = 1;
    if (plan->max_k < plan->min_k) plan->max_k = plan->min_k;
}
