/* bootstrap.c - the paired bootstrap significance test used by `nutgraf
 * eval`: resamples documents with replacement (splitmix64, fixed seed) and
 * reports the mean difference of two systems' per-document scores, its 95%
 * interval and a one-sided p-value (share of resamples where the difference
 * is <= 0). */
#include <stdlib.h>

#include "core/doc.h"
#include "nutgraf.h"

#define NG_BOOT_DEFAULT_SEED UINT64_C(0x6e75746772616621) /* "nutgraf!" */

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* A uniform index in [0, n) without modulo bias. */
static size_t pick(uint64_t *state, size_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % (uint64_t)n;
    uint64_t v;
    do v = splitmix64(state);
    while (v >= limit);
    return (size_t)(v % (uint64_t)n);
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

ng_status ng_paired_bootstrap(const double *a, const double *b, size_t n, int resamples,
                              uint64_t seed, double *mean_diff, double *low, double *high,
                              double *p, ng_error *err)
{
    if (!a || !b || n == 0) return ng_fail(err, NG_E_ARG, 0, "paired bootstrap needs at least one pair");
    if (resamples <= 0) resamples = 1000;
    if (resamples > 1000000) return ng_fail(err, NG_E_ARG, 0, "too many bootstrap resamples (%d)", resamples);
    double *d = malloc(n * sizeof *d);
    double *means = malloc((size_t)resamples * sizeof *means);
    if (!d || !means) {
        free(d);
        free(means);
        return ng_fail(err, NG_E_NOMEM, 0, "out of memory for the bootstrap");
    }
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        d[i] = a[i] - b[i];
        total += d[i];
    }
    uint64_t state = seed ? seed : NG_BOOT_DEFAULT_SEED;
    size_t not_better = 0;
    for (int r = 0; r < resamples; r++) {
        double s = 0;
        for (size_t i = 0; i < n; i++) s += d[pick(&state, n)];
        means[r] = s / (double)n;
        /* A tiny tolerance so that equal systems count as "not better"
         * despite rounding in the sums. */
        if (means[r] <= 1e-12) not_better++;
    }
    qsort(means, (size_t)resamples, sizeof *means, cmp_double);
    size_t lo = (size_t)(0.025 * resamples), hi = (size_t)(0.975 * resamples);
    if (hi >= (size_t)resamples) hi = (size_t)resamples - 1;
    if (mean_diff) *mean_diff = total / (double)n;
    if (low) *low = means[lo];
    if (high) *high = means[hi];
    if (p) *p = (double)not_better / (double)resamples;
    free(d);
    free(means);
    return NG_OK;
}
