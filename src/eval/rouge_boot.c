/* rouge_boot.c - ROUGE-1.5.5's averaging: Perl's srand()/rand() (drand48 since
 * Perl 5.20) and computeAverages(), whose printed Average_X is the mean of
 * bootstrap sample means, with the confidence bounds taken from the sorted
 * samples. */
#include <stdlib.h>
#include <string.h>

#include "eval/rouge.h"

#define DRAND48_A 0x5DEECE66DULL
#define DRAND48_C 0xBULL
#define DRAND48_MASK 0xFFFFFFFFFFFFULL

void ng_perl_srand(ng_perl_rng *rng, uint32_t seed)
{
    rng->x = (((uint64_t)seed << 16) + 0x330EULL) & DRAND48_MASK;
}

double ng_perl_rand(ng_perl_rng *rng)
{
    rng->x = (DRAND48_A * rng->x + DRAND48_C) & DRAND48_MASK;
    return (double)rng->x / 281474976710656.0; /* ldexp(x, -48), exact */
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Perl reads an element past the end of an array as undef, i.e. 0. */
static double at(const double *s, int r, long i)
{
    return i >= 0 && i < r ? s[i] : 0.0;
}

ng_status ng_rouge_bootstrap(const double (*scores)[3], size_t n, int resamples,
                             double confidence, double avg[3], double low[3],
                             double high[3])
{
    int r = resamples > 0 ? resamples : 0;
    double *samples = malloc(sizeof(double) * 3 * (size_t)(r ? r : 1));
    if (!samples) return NG_E_NOMEM;
    double *sr = samples, *sp = samples + r, *sf = samples + 2 * (size_t)r;
    double dn = (double)n;
    for (int i = 0; i < r; i++) {
        ng_perl_rng rng;
        ng_perl_srand(&rng, (uint32_t)i);
        double a = 0, b = 0, c = 0;
        for (size_t k = 0; k < n; k++) {
            size_t idx = (size_t)(dn * ng_perl_rand(&rng));
            if (idx >= n) idx = n - 1;
            a += scores[idx][0];
            b += scores[idx][1];
            c += scores[idx][2];
        }
        if (n > 0) {
            a /= dn;
            b /= dn;
            c /= dn;
        }
        sr[i] = a;
        sp[i] = b;
        sf[i] = c;
    }
    double delta = r * ((100 - confidence) / 2.0) / 100.0;
    long ci_ua = (long)(r - delta - 1), ci_ub = ci_ua + 1;
    long ci_la = (long)delta, ci_lb = ci_la + 1;
    double ci_r = r - delta - 1 - (double)ci_ua;
    for (int m = 0; m < 3; m++) {
        double *s = samples + (size_t)m * (size_t)r;
        qsort(s, (size_t)r, sizeof *s, cmp_double);
        double sum = 0;
        for (int i = 0; i < r; i++) sum += s[i];
        /* Perl divides by the number of samples; with -r 0 that dies, here 0. */
        avg[m] = ng_rouge_round5(r ? sum / r : 0.0);
        low[m] = ng_rouge_round5(at(s, r, ci_la) + (at(s, r, ci_lb) - at(s, r, ci_la)) * ci_r);
        high[m] = ng_rouge_round5(at(s, r, ci_ua) + (at(s, r, ci_ub) - at(s, r, ci_ua)) * ci_r);
    }
    free(samples);
    return NG_OK;
}
