/* test_eval.c - the evaluation harness: Lead-3 always present, per-document
 * scores equal to ng_rouge_score for the same summary, and the paired
 * bootstrap (same seed, same answer; clear wins and losses). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "nutgraf.h"

static const char *const records[] = {
    "{\"id\":\"a\",\"article\":\"The mayor opened the new bridge on Monday. Thousands of people walked across it. "
    "The bridge cost 40 million dollars. Critics said the money was wasted. The mayor disagreed.\","
    "\"highlights\":[\"The mayor opened a new bridge .\",\"It cost 40 million dollars .\"]}",
    "{\"id\":\"b\",\"article\":\"Heavy rain flooded the valley overnight. Rescue teams saved twelve families. "
    "Roads remain closed. The river is expected to fall by Friday.\","
    "\"highlights\":[\"Rain flooded the valley .\",\"Twelve families were rescued .\"]}",
    "{\"id\":\"c\",\"article\":\"A rare bird was seen in the park. Birdwatchers came from far away. "
    "The bird usually lives in the north. Experts think the storm blew it south.\","
    "\"highlights\":[\"A rare bird was seen in the park .\"]}",
};

static ng_doc *read_doc(const char *json)
{
    ng_doc *doc = NULL;
    ng_read_options ro = {NG_FORMAT_JSON, 0};
    assert_int_equal(ng_doc_read(json, strlen(json), &ro, &doc, NULL), NG_OK);
    return doc;
}

static void lead_always_included(void **state)
{
    (void)state;
    ng_method m[] = {NG_METHOD_TEXTRANK};
    ng_eval *ev = NULL;
    assert_int_equal(ng_eval_new(m, 1, NULL, &ev, NULL), NG_OK);
    assert_int_equal(ng_eval_system_count(ev), 2);
    assert_string_equal(ng_eval_system_name(ev, 0), "lead3");
    assert_string_equal(ng_eval_system_name(ev, 1), "textrank");
    ng_eval_free(ev);
    /* lead with k = 3 is Lead-3 itself; with k = 2 it is another system. */
    ng_method l[] = {NG_METHOD_LEAD};
    assert_int_equal(ng_eval_new(l, 1, NULL, &ev, NULL), NG_OK);
    assert_int_equal(ng_eval_system_count(ev), 1);
    ng_eval_free(ev);
    ng_eval_options o = {2, 0, NULL, 0, 0};
    assert_int_equal(ng_eval_new(l, 1, &o, &ev, NULL), NG_OK);
    assert_int_equal(ng_eval_system_count(ev), 2);
    assert_string_equal(ng_eval_system_name(ev, 1), "lead");
    ng_eval_free(ev);
    assert_int_equal(ng_eval_new(NULL, 0, NULL, &ev, NULL), NG_OK);
    assert_int_equal(ng_eval_system_count(ev), 1);
    ng_eval_free(ev);
}

static void doc_scores_match_rouge(void **state)
{
    (void)state;
    ng_method m[] = {NG_METHOD_LEAD};
    ng_eval_options o = {2, 0, NULL, 0, 0};
    ng_eval *ev = NULL;
    assert_int_equal(ng_eval_new(m, 1, &o, &ev, NULL), NG_OK);
    ng_rouge_options ro;
    ng_rouge_options_init(&ro);
    ro.max_n = 2;
    ro.stem = 1;
    ng_rouge *rouge = NULL;
    assert_int_equal(ng_rouge_new(&ro, &rouge, NULL), NG_OK);
    for (size_t d = 0; d < sizeof records / sizeof records[0]; d++) {
        ng_doc *doc = read_doc(records[d]);
        assert_int_equal(ng_eval_add_doc(ev, doc, NULL), NG_OK);
        ng_str refs[8];
        size_t nrefs = ng_doc_list_count(doc, NG_LIST_REFERENCES);
        assert_true(nrefs > 0 && nrefs <= 8);
        for (size_t i = 0; i < nrefs; i++) refs[i] = ng_doc_list_item(doc, NG_LIST_REFERENCES, i);
        ng_rouge_summary ref = {refs, nrefs};
        for (size_t s = 0; s < 2; s++) {
            /* The summary the harness scored: Lead-3 (3) or lead k = 2. */
            size_t want = s == 0 ? 3 : 2;
            assert_int_equal(ng_eval_last_count(ev, s), want);
            ng_str sys[3];
            ng_str body = ng_doc_body(doc);
            for (size_t i = 0; i < want; i++) {
                ng_sentence sen = ng_doc_sentence(doc, i);
                sys[i].ptr = body.ptr + sen.start;
                sys[i].len = sen.end - sen.start;
                ng_str got = ng_eval_last_sentence(ev, s, i);
                assert_int_equal(got.len, sys[i].len);
                assert_memory_equal(got.ptr, sys[i].ptr, got.len);
            }
            ng_rouge_summary summ = {sys, want};
            ng_rouge_prf prf[3];
            assert_int_equal(ng_rouge_score(rouge, &summ, &ref, 1, prf, NULL), NG_OK);
            for (size_t mt = 0; mt < NG_EVAL_METRICS; mt++)
                assert_true(fabs(ng_eval_doc_f(ev, s, d, mt) - prf[mt].f) < 1e-12);
        }
        ng_doc_free(doc);
    }
    assert_int_equal(ng_eval_doc_count(ev), 3);
    ng_eval_result r0, r1;
    assert_int_equal(ng_eval_result_of(ev, 0, &r0, NULL), NG_OK);
    assert_int_equal(ng_eval_result_of(ev, 1, &r1, NULL), NG_OK);
    assert_true(r0.p[0] == 1.0 && r0.diff[0] == 0.0);
    assert_true(r0.low[0] <= r0.f[0] + 1e-9 && r0.f[0] <= r0.high[0] + 1e-9);
    assert_true(r0.mean_words > r1.mean_words);
    /* A document without references is refused and not stored. */
    ng_doc *bare = read_doc("{\"id\":\"x\",\"article\":\"One sentence. Two sentences.\"}");
    ng_error err;
    assert_int_equal(ng_eval_add_doc(ev, bare, &err), NG_E_FORMAT);
    assert_int_equal(ng_eval_doc_count(ev), 3);
    ng_doc_free(bare);
    ng_rouge_free(rouge);
    ng_eval_free(ev);
}

static void bootstrap_deterministic(void **state)
{
    (void)state;
    double a[50], b[50];
    for (int i = 0; i < 50; i++) {
        a[i] = 0.3 + 0.01 * ((i * 37) % 11) - 0.05;
        b[i] = 0.3 + 0.01 * ((i * 53) % 13) - 0.06;
    }
    double m1, l1, h1, p1, m2, l2, h2, p2;
    assert_int_equal(ng_paired_bootstrap(a, b, 50, 1000, 7, &m1, &l1, &h1, &p1, NULL), NG_OK);
    assert_int_equal(ng_paired_bootstrap(a, b, 50, 1000, 7, &m2, &l2, &h2, &p2, NULL), NG_OK);
    assert_true(m1 == m2 && l1 == l2 && h1 == h2 && p1 == p2);
    assert_true(l1 <= m1 && m1 <= h1);
    /* Another seed moves the interval a little, not the mean. */
    assert_int_equal(ng_paired_bootstrap(a, b, 50, 1000, 8, &m2, &l2, &h2, &p2, NULL), NG_OK);
    assert_true(m1 == m2);
    assert_true(fabs(l1 - l2) < 0.01);
    assert_int_equal(ng_paired_bootstrap(a, b, 0, 1000, 7, &m1, &l1, &h1, &p1, NULL), NG_E_ARG);
}

static void bootstrap_win_and_loss(void **state)
{
    (void)state;
    double a[40], b[40];
    for (int i = 0; i < 40; i++) {
        b[i] = 0.25 + 0.005 * (i % 7);
        a[i] = b[i] + 0.05 + 0.002 * (i % 5); /* always better */
    }
    double m, l, h, p;
    assert_int_equal(ng_paired_bootstrap(a, b, 40, 1000, 0, &m, &l, &h, &p, NULL), NG_OK);
    assert_true(m > 0.05 && l > 0);
    assert_true(p < 0.001);
    assert_int_equal(ng_paired_bootstrap(b, a, 40, 1000, 0, &m, &l, &h, &p, NULL), NG_OK);
    assert_true(m < 0 && h < 0);
    assert_true(p > 0.999);
    /* Identical systems: never better, p = 1. */
    assert_int_equal(ng_paired_bootstrap(a, a, 40, 1000, 0, &m, &l, &h, &p, NULL), NG_OK);
    assert_true(m == 0 && p == 1.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lead_always_included),
        cmocka_unit_test(doc_scores_match_rouge),
        cmocka_unit_test(bootstrap_deterministic),
        cmocka_unit_test(bootstrap_win_and_loss),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
