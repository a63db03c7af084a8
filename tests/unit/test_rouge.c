/* test_rouge.c - the ROUGE scorer against the golden outputs of ROUGE-1.5.5
 * and rouge-score 0.1.2 in $NG_SHARED/data/rouge: every per-document R, P and
 * F, every printed average and confidence bound, the plain means, the edge
 * cases, and the stems of stems.tsv (all three columns). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/rouge.h"
#include "nutgraf.h"

static char g_dir[4096];
static int g_have_data;

static const char *rouge_dir(void)
{
    return g_dir;
}

/* ------------------------------------------------------------- loading */

typedef struct corpus {
    size_t n;
    ng_rouge_summary *sums;
    ng_str *strs;
    char **owned;
    size_t nowned;
} corpus;

static void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->nowned; i++) free(c->owned[i]);
    free(c->owned);
    free(c->strs);
    free(c->sums);
    memset(c, 0, sizeof *c);
}

static char *dupn(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    assert_non_null(p);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

/* Turns JSON arrays of sentences into summaries. */
static void corpus_from_arrays(corpus *c, json_t *const *arrays, size_t n)
{
    memset(c, 0, sizeof *c);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += json_array_size(arrays[i]);
    c->n = n;
    c->sums = calloc(n ? n : 1, sizeof *c->sums);
    c->strs = calloc(total ? total : 1, sizeof *c->strs);
    c->owned = calloc(total ? total : 1, sizeof *c->owned);
    assert_true(c->sums && c->strs && c->owned);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        c->sums[i].sentences = c->strs + k;
        c->sums[i].count = json_array_size(arrays[i]);
        for (size_t j = 0; j < c->sums[i].count; j++) {
            json_t *s = json_array_get(arrays[i], j);
            assert_true(json_is_string(s));
            char *p = dupn(json_string_value(s), json_string_length(s));
            c->owned[c->nowned++] = p;
            c->strs[k].ptr = p;
            c->strs[k].len = json_string_length(s);
            k++;
        }
    }
}

static int load_jsonl(corpus *c, const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", rouge_dir(), name);
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    json_t **arr = NULL;
    size_t n = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    while ((len = getline(&line, &lcap, f)) > 0) {
        json_error_t e;
        json_t *j = json_loadb(line, (size_t)len, 0, &e);
        assert_non_null(j);
        assert_true(json_is_array(j));
        if (n == cap) {
            cap = cap ? 2 * cap : 1024;
            arr = realloc(arr, cap * sizeof *arr);
            assert_non_null(arr);
        }
        arr[n++] = j;
    }
    free(line);
    fclose(f);
    corpus_from_arrays(c, arr, n);
    for (size_t i = 0; i < n; i++) json_decref(arr[i]);
    free(arr);
    return 0;
}

static json_t *load_json(const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", rouge_dir(), name);
    json_error_t e;
    json_t *j = json_load_file(path, 0, &e);
    if (!j) fail_msg("cannot read %s: %s", path, e.text);
    return j;
}

/* ROUGE-1.5.5 flags as the golden files record them. */
static void parse_options(const char *s, ng_rouge_options *o, char *wlabel, size_t wcap)
{
    ng_rouge_options_init(o);
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    char *save = NULL;
    for (char *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (!strcmp(t, "-c")) o->confidence = atof(strtok_r(NULL, " ", &save));
        else if (!strcmp(t, "-r")) o->resamples = atoi(strtok_r(NULL, " ", &save));
        else if (!strcmp(t, "-n")) o->max_n = atoi(strtok_r(NULL, " ", &save));
        else if (!strcmp(t, "-m")) o->stem = 1;
        else if (!strcmp(t, "-s")) o->stopwords = 1;
        else if (!strcmp(t, "-a")) continue;
        else if (!strcmp(t, "-l")) o->word_limit = atol(strtok_r(NULL, " ", &save));
        else if (!strcmp(t, "-b")) o->byte_limit = atol(strtok_r(NULL, " ", &save));
        else if (!strcmp(t, "-f")) o->best = strtok_r(NULL, " ", &save)[0] == 'B';
        else if (!strcmp(t, "-2")) {
            o->skip_distance = atoi(strtok_r(NULL, " ", &save));
            if (o->skip_mode == NG_ROUGE_SKIP_NONE) o->skip_mode = NG_ROUGE_SKIP_S;
        } else if (!strcmp(t, "-U")) o->skip_mode = NG_ROUGE_SKIP_BOTH;
        else if (!strcmp(t, "-w")) {
            const char *w = strtok_r(NULL, " ", &save);
            o->weight = atof(w);
            snprintf(wlabel, wcap, "%s", w);
            o->weight_label = wlabel;
        } else fail_msg("unknown option %s in golden file", t);
    }
}

/* Two five-decimal values are equal when they print the same. */
static int same5(double a, double b)
{
    char x[32], y[32];
    snprintf(x, sizeof x, "%.5f", a);
    snprintf(y, sizeof y, "%.5f", b);
    return !strcmp(x, y);
}

typedef struct tally {
    size_t checked, bad;
} tally;

static void check5(tally *t, double got, double want, const char *what, size_t doc,
                   const char *metric)
{
    t->checked++;
    if (!same5(got, want)) {
        if (t->bad < 10)
            print_message("  mismatch %s doc %zu %s: got %.5f want %.5f\n", what, doc, metric,
                          got, want);
        t->bad++;
    }
}

static const char *const prf_keys[3] = {"R", "P", "F"};

static double prf_get(ng_rouge_prf v, int k)
{
    return k == 0 ? v.r : k == 1 ? v.p : v.f;
}

/* Scores system against refs with the golden file's options and checks all. */
static void check_rouge155(const char *system, const char *options_name, int nref)
{
    if (!g_have_data) skip();
    char name[256];
    snprintf(name, sizeof name, "dev-%s.rouge155-%s.json", system, options_name);
    json_t *gold = load_json(name);
    corpus sys, refs[3];
    snprintf(name, sizeof name, "dev-%s.sys.jsonl", system);
    assert_int_equal(load_jsonl(&sys, name), 0);
    for (int k = 0; k < nref; k++) {
        if (nref == 1) snprintf(name, sizeof name, "dev-%s.ref.jsonl", system);
        else snprintf(name, sizeof name, "dev-%s.ref%d.jsonl", system, k + 1);
        assert_int_equal(load_jsonl(&refs[k], name), 0);
        assert_int_equal(refs[k].n, sys.n);
    }
    ng_rouge_options o;
    char wl[32];
    parse_options(json_string_value(json_object_get(gold, "options")), &o, wl, sizeof wl);
    ng_rouge *r = NULL;
    ng_error err;
    assert_int_equal(ng_rouge_new(&o, &r, &err), NG_OK);
    json_t *per_doc = json_object_get(gold, "per_doc");
    assert_int_equal(json_array_size(per_doc), sys.n);
    assert_int_equal((size_t)json_integer_value(json_object_get(gold, "n_docs")), sys.n);
    for (size_t i = 0; i < sys.n; i++) {
        ng_rouge_summary rs[3];
        for (int k = 0; k < nref; k++) rs[k] = refs[k].sums[i];
        assert_int_equal(ng_rouge_add(r, &sys.sums[i], rs, (size_t)nref, &err), NG_OK);
    }
    json_t *avg = json_object_get(gold, "average");
    json_t *mean = json_object_get(gold, "mean_of_docs");
    assert_int_equal(json_object_size(avg), ng_rouge_metric_count(r));
    tally docs = {0, 0}, avgs = {0, 0}, means = {0, 0};
    for (size_t m = 0; m < ng_rouge_metric_count(r); m++) {
        const char *mn = ng_rouge_metric_name(r, m);
        json_t *ga = json_object_get(avg, mn);
        if (!ga) fail_msg("golden file has no %s", mn);
        for (size_t i = 0; i < sys.n; i++) {
            json_t *d = json_object_get(json_array_get(per_doc, i), mn);
            ng_rouge_prf v = ng_rouge_doc(r, i, m);
            for (int k = 0; k < 3; k++)
                check5(&docs, prf_get(v, k), json_real_value(json_object_get(d, prf_keys[k])),
                       prf_keys[k], i + 1, mn);
        }
        ng_rouge_average a;
        assert_int_equal(ng_rouge_average_of(r, m, &a, &err), NG_OK);
        for (int k = 0; k < 3; k++) {
            char ci[8];
            snprintf(ci, sizeof ci, "%s_ci", prf_keys[k]);
            json_t *bounds = json_object_get(ga, ci);
            check5(&avgs, prf_get(a.average, k), json_number_value(json_object_get(ga, prf_keys[k])),
                   "Average", 0, mn);
            check5(&avgs, prf_get(a.low, k), json_number_value(json_array_get(bounds, 0)),
                   "CI low", 0, mn);
            check5(&avgs, prf_get(a.high, k), json_number_value(json_array_get(bounds, 1)),
                   "CI high", 0, mn);
            double want = json_number_value(json_object_get(json_object_get(mean, mn), prf_keys[k]));
            means.checked++;
            if (fabs(prf_get(a.mean, k) - want) > 1e-9) {
                print_message("  mean_of_docs %s %s: got %.10f want %.10f\n", mn, prf_keys[k],
                              prf_get(a.mean, k), want);
                means.bad++;
            }
        }
    }
    print_message("%s/%s: %zu per-doc values (%zu mismatches), %zu averages and bounds (%zu), "
                  "%zu means (%zu)\n",
                  system, options_name, docs.checked, docs.bad, avgs.checked, avgs.bad,
                  means.checked, means.bad);
    ng_rouge_free(r);
    corpus_free(&sys);
    for (int k = 0; k < nref; k++) corpus_free(&refs[k]);
    json_decref(gold);
    assert_int_equal(docs.bad, 0);
    assert_int_equal(avgs.bad, 0);
    assert_int_equal(means.bad, 0);
}

#define GOLDEN(fn, sys, opt, nref) \
    static void fn(void **state) { (void)state; check_rouge155(sys, opt, nref); }

GOLDEN(test_lead3_a, "lead3", "a", 1)
GOLDEN(test_lead3_b, "lead3", "b", 1)
GOLDEN(test_lead3_nostem_l75, "lead3", "nostem-l75", 1)
GOLDEN(test_lead3_stop_b275, "lead3", "stop-b275", 1)
GOLDEN(test_ots_a, "ots", "a", 1)
GOLDEN(test_ots_b, "ots", "b", 1)
GOLDEN(test_lexrank_a, "lexrank", "a", 1)
GOLDEN(test_lexrank_b, "lexrank", "b", 1)
GOLDEN(test_multiref_b, "multiref", "b", 3)
GOLDEN(test_multiref_a_fB, "multiref", "a-fB", 3)

/* ------------------------------------------------------------ rouge-score */

static void check_rougescore(const char *system, int stem, int nref)
{
    if (!g_have_data) skip();
    char name[256];
    snprintf(name, sizeof name, "dev-%s.rougescore-%s.json", system, stem ? "stem" : "nostem");
    json_t *gold = load_json(name);
    corpus sys, refs[3];
    snprintf(name, sizeof name, "dev-%s.sys.jsonl", system);
    assert_int_equal(load_jsonl(&sys, name), 0);
    for (int k = 0; k < nref; k++) {
        if (nref == 1) snprintf(name, sizeof name, "dev-%s.ref.jsonl", system);
        else snprintf(name, sizeof name, "dev-%s.ref%d.jsonl", system, k + 1);
        assert_int_equal(load_jsonl(&refs[k], name), 0);
    }
    ng_rouge_options o;
    ng_rouge_options_init(&o);
    o.impl = NG_ROUGE_SCORE;
    o.stem = stem;
    ng_rouge *r = NULL;
    ng_error err;
    assert_int_equal(ng_rouge_new(&o, &r, &err), NG_OK);
    json_t *per_doc = json_object_get(gold, "per_doc");
    size_t n = json_array_size(per_doc);
    assert_true(n > 0 && n <= sys.n);
    for (size_t i = 0; i < n; i++) {
        ng_rouge_summary rs[3];
        for (int k = 0; k < nref; k++) rs[k] = refs[k].sums[i];
        assert_int_equal(ng_rouge_add(r, &sys.sums[i], rs, (size_t)nref, &err), NG_OK);
    }
    tally t = {0, 0};
    for (size_t m = 0; m < ng_rouge_metric_count(r); m++) {
        const char *mn = ng_rouge_metric_name(r, m);
        for (size_t i = 0; i < n; i++) {
            json_t *d = json_object_get(json_array_get(per_doc, i), mn);
            ng_rouge_prf v = ng_rouge_doc(r, i, m);
            for (int k = 0; k < 3; k++) {
                double want = json_number_value(json_object_get(d, prf_keys[k]));
                t.checked++;
                if (fabs(prf_get(v, k) - want) > 1e-6) {
                    if (t.bad < 10)
                        print_message("  mismatch doc %zu %s %s: got %.9f want %.9f\n", i + 1, mn,
                                      prf_keys[k], prf_get(v, k), want);
                    t.bad++;
                }
            }
        }
        ng_rouge_average a;
        assert_int_equal(ng_rouge_average_of(r, m, &a, &err), NG_OK);
        json_t *gm = json_object_get(json_object_get(gold, "mean"), mn);
        for (int k = 0; k < 3; k++) {
            t.checked++;
            if (fabs(prf_get(a.mean, k) - json_number_value(json_object_get(gm, prf_keys[k]))) > 1e-6)
                t.bad++;
        }
    }
    print_message("%s rouge-score %s: %zu values (%zu mismatches)\n", system,
                  stem ? "stem" : "nostem", t.checked, t.bad);
    ng_rouge_free(r);
    corpus_free(&sys);
    for (int k = 0; k < nref; k++) corpus_free(&refs[k]);
    json_decref(gold);
    assert_int_equal(t.bad, 0);
}

static void test_rougescore_lead3_stem(void **state)
{
    (void)state;
    check_rougescore("lead3", 1, 1);
}

static void test_rougescore_lead3_nostem(void **state)
{
    (void)state;
    check_rougescore("lead3", 0, 1);
}

static void test_rougescore_multiref_stem(void **state)
{
    (void)state;
    check_rougescore("multiref", 1, 3);
}

/* ------------------------------------------------------------ edge cases */

static void test_edge_cases(void **state)
{
    (void)state;
    if (!g_have_data) skip();
    char path[4200];
    snprintf(path, sizeof path, "%s/edge-cases.jsonl", rouge_dir());
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    tally t = {0, 0};
    size_t cases = 0, crashes = 0;
    while ((len = getline(&line, &lcap, f)) > 0) {
        json_error_t e;
        json_t *c = json_loadb(line, (size_t)len, 0, &e);
        assert_non_null(c);
        cases++;
        json_t *arrays[2] = {json_object_get(c, "cand_sents"), json_object_get(c, "ref_sents")};
        corpus cp;
        corpus_from_arrays(&cp, arrays, 2);
        const char *preset;
        json_t *res;
        json_object_foreach(json_object_get(c, "rouge155"), preset, res)
        {
            ng_rouge_options o;
            char wl[32];
            parse_options(json_string_value(
                              json_object_get(json_object_get(c, "rouge155_options"), preset)),
                          &o, wl, sizeof wl);
            ng_rouge *r = NULL;
            ng_error err;
            assert_int_equal(ng_rouge_new(&o, &r, &err), NG_OK);
            ng_rouge_prf out[NG_ROUGE_MAX_METRICS];
            assert_int_equal(ng_rouge_score(r, &cp.sums[0], &cp.sums[1], 1, out, &err), NG_OK);
            if (json_object_get(res, "error")) {
                /* ROUGE-1.5.5 died (division by zero in wlcs): we warn. */
                crashes++;
                t.checked++;
                if (!ng_rouge_warning(r) || !strstr(ng_rouge_warning(r), "Illegal division")) {
                    print_message("  case %s preset %s: no warning\n",
                                  json_string_value(json_object_get(c, "name")), preset);
                    t.bad++;
                }
            } else {
                assert_null(ng_rouge_warning(r));
                for (size_t m = 0; m < ng_rouge_metric_count(r); m++) {
                    json_t *g = json_object_get(res, ng_rouge_metric_name(r, m));
                    assert_non_null(g);
                    for (int k = 0; k < 3; k++)
                        check5(&t, prf_get(out[m], k),
                               json_number_value(json_object_get(g, prf_keys[k])), prf_keys[k],
                               (size_t)json_integer_value(json_object_get(c, "id")),
                               ng_rouge_metric_name(r, m));
                }
            }
            ng_rouge_free(r);
        }
        const char *mode;
        json_object_foreach(json_object_get(c, "rougescore"), mode, res)
        {
            ng_rouge_options o;
            ng_rouge_options_init(&o);
            o.impl = NG_ROUGE_SCORE;
            o.stem = !strcmp(mode, "stem");
            ng_rouge *r = NULL;
            ng_error err;
            assert_int_equal(ng_rouge_new(&o, &r, &err), NG_OK);
            ng_rouge_prf out[NG_ROUGE_MAX_METRICS];
            assert_int_equal(ng_rouge_score(r, &cp.sums[0], &cp.sums[1], 1, out, &err), NG_OK);
            for (size_t m = 0; m < ng_rouge_metric_count(r); m++) {
                json_t *g = json_object_get(res, ng_rouge_metric_name(r, m));
                for (int k = 0; k < 3; k++) {
                    t.checked++;
                    double want = json_number_value(json_object_get(g, prf_keys[k]));
                    if (fabs(prf_get(out[m], k) - want) > 1e-6) {
                        print_message("  case %s rouge-score %s %s %s: got %.6f want %.6f\n",
                                      json_string_value(json_object_get(c, "name")), mode,
                                      ng_rouge_metric_name(r, m), prf_keys[k], prf_get(out[m], k),
                                      want);
                        t.bad++;
                    }
                }
            }
            ng_rouge_free(r);
        }
        corpus_free(&cp);
        json_decref(c);
    }
    free(line);
    fclose(f);
    print_message("edge cases: %zu cases, %zu values (%zu mismatches), %zu script crashes "
                  "reported as warnings\n",
                  cases, t.checked, t.bad, crashes);
    assert_int_equal(cases, 23);
    assert_int_equal(t.bad, 0);
}

/* ------------------------------------------------------------------ stems */

static void test_stems(void **state)
{
    (void)state;
    if (!g_have_data) skip();
    char path[4200];
    snprintf(path, sizeof path, "%s/stems.tsv", rouge_dir());
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024];
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    size_t n = 0, bad[3] = {0, 0, 0};
    while (fgets(line, sizeof line, f)) {
        char *save = NULL;
        char *tok = strtok_r(line, "\t\n", &save), *a = strtok_r(NULL, "\t\n", &save),
             *b = strtok_r(NULL, "\t\n", &save), *c = strtok_r(NULL, "\t\n", &save);
        assert_true(tok && a && b && c);
        size_t len = strlen(tok);
        assert_true(len < NG_ROUGE_STEM_MAX);
        char out[NG_ROUGE_STEM_MAX + 4];
        const char *s;
        size_t k = ng_rouge155_morph(tok, len, 1, out, &s);
        if (k != strlen(a) || memcmp(s, a, k)) bad[0]++;
        k = ng_rouge155_morph(tok, len, 0, out, &s);
        if (k != strlen(b) || memcmp(s, b, k)) bad[1]++;
        k = ng_nltk_porter(tok, len, out);
        if (k != strlen(c) || memcmp(out, c, k)) bad[2]++;
        n++;
    }
    fclose(f);
    print_message("stems.tsv: %zu words x 3 columns, mismatches %zu / %zu / %zu\n", n, bad[0],
                  bad[1], bad[2]);
    assert_int_equal(n, 76813);
    assert_int_equal(bad[0] + bad[1] + bad[2], 0);
}

/* --------------------------------------------------- behaviour without data */

static ng_rouge_summary one(ng_str *s, const char *text)
{
    s->ptr = text;
    s->len = strlen(text);
    ng_rouge_summary r = {s, 1};
    return r;
}

static void test_quirks_by_hand(void **state)
{
    (void)state;
    ng_rouge_options o;
    ng_rouge_options_init(&o);
    o.max_n = 2;
    o.stem = 1;
    o.weight = 1.2;
    o.skip_mode = NG_ROUGE_SKIP_BOTH;
    ng_rouge *r = NULL;
    ng_error err;
    assert_int_equal(ng_rouge_new(&o, &r, &err), NG_OK);
    assert_int_equal(ng_rouge_metric_count(r), 6);
    assert_string_equal(ng_rouge_metric_name(r, 3), "ROUGE-W-1.2");
    assert_string_equal(ng_rouge_metric_name(r, 5), "ROUGE-SU4");
    ng_str a, b;
    ng_rouge_summary sys = one(&a, "The children were running"), ref = one(&b, "a child runs");
    ng_rouge_prf out[6];
    assert_int_equal(ng_rouge_score(r, &sys, &ref, 1, out, &err), NG_OK);
    /* children -> child (WordNet), running -> run: 2 of 4 peer words hit */
    assert_true(same5(out[0].p, 0.5));
    assert_true(same5(out[0].r, 0.66667));
    /* F from the rounded P and R */
    assert_true(same5(out[0].f, (0.5 * 0.66667) / (0.5 * 0.5 + 0.5 * 0.66667)));
    /* '<' ends a sentence in the SEE file */
    ng_rouge_summary lt = one(&a, "a < b holds"), full = one(&b, "a b holds");
    assert_int_equal(ng_rouge_score(r, &lt, &full, 1, out, &err), NG_OK);
    assert_true(same5(out[0].p, 1.0));
    assert_true(same5(out[0].r, 0.33333));
    /* an empty reference under -w: the script dies, we warn and go on */
    ng_rouge_summary empty = one(&b, "");
    assert_int_equal(ng_rouge_score(r, &full, &empty, 1, out, &err), NG_OK);
    assert_non_null(ng_rouge_warning(r));
    assert_true(out[3].r == 0 && out[3].p == 0 && out[3].f == 0);
    /* invalid UTF-8 is an error */
    ng_rouge_summary bad = one(&a, "caf\xc3");
    assert_int_equal(ng_rouge_score(r, &bad, &full, 1, out, &err), NG_E_FORMAT);
    assert_non_null(strstr(err.message, "UTF-8"));
    ng_rouge_free(r);
    /* bad options */
    ng_rouge_options_init(&o);
    o.max_n = 5;
    assert_int_equal(ng_rouge_new(&o, &r, &err), NG_E_ARG);
    assert_null(r);
    ng_rouge_options_init(&o);
    o.alpha = 2;
    assert_int_equal(ng_rouge_new(&o, &r, &err), NG_E_ARG);
}

static void test_perl_rand(void **state)
{
    (void)state;
    /* perl -e 'srand(0); printf "%.17g\n", rand()' */
    ng_perl_rng g;
    ng_perl_srand(&g, 0);
    double x = ng_perl_rand(&g);
    /* x1 = (a * 0x330E + c) mod 2^48 */
    uint64_t want = (0x5DEECE66DULL * 0x330EULL + 0xBULL) & 0xFFFFFFFFFFFFULL;
    assert_true(x == (double)want / 281474976710656.0);
    assert_true(x >= 0 && x < 1);
}

int main(void)
{
    const char *shared = getenv("NG_SHARED");
    snprintf(g_dir, sizeof g_dir, "%s/data/rouge", shared && *shared ? shared : "../shared");
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/edge-cases.jsonl", g_dir);
    FILE *f = fopen(probe, "r");
    if (f) {
        fclose(f);
        g_have_data = 1;
    } else {
        printf("SKIP test_rouge golden checks: no ROUGE data at %s (set NG_SHARED)\n", g_dir);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quirks_by_hand),
        cmocka_unit_test(test_perl_rand),
        cmocka_unit_test(test_stems),
        cmocka_unit_test(test_edge_cases),
        cmocka_unit_test(test_lead3_a),
        cmocka_unit_test(test_lead3_b),
        cmocka_unit_test(test_lead3_nostem_l75),
        cmocka_unit_test(test_lead3_stop_b275),
        cmocka_unit_test(test_ots_a),
        cmocka_unit_test(test_ots_b),
        cmocka_unit_test(test_lexrank_a),
        cmocka_unit_test(test_lexrank_b),
        cmocka_unit_test(test_multiref_b),
        cmocka_unit_test(test_multiref_a_fB),
        cmocka_unit_test(test_rougescore_lead3_stem),
        cmocka_unit_test(test_rougescore_lead3_nostem),
        cmocka_unit_test(test_rougescore_multiref_stem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
