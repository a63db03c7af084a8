/* test_ner_compact.c - tagging's fast path: the per-word cached emissions
 * of both passes equal the emissions summed from ng_ner_features() and
 * ng_ner_doc_features() on varied sentences (headline capitals, one word,
 * gazetteer and lexicon names, long ones, a cache that fills up), and the packed NER weights give exactly the dense rows:
 * NULL for all-zero rows, the same weights (to half a 16-bit step) for the
 * others, across 64-row
 * word boundaries; and a loaded model decodes the same with and without
 * the packed form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <string.h>

#include "analyze/ner.h"

static void test_rows(void **state)
{
    (void)state;
    const uint32_t bits = 10;
    size_t rows = (size_t)1 << bits;
    float *w = calloc(rows * NG_NER_TAGS, sizeof *w);
    assert_non_null(w);
    uint32_t seed = 7;
    for (size_t r = 0; r < rows; r++) {
        seed = seed * 1103515245u + 12345u;
        if ((seed >> 16) % 3 == 0 || r == 63 || r == 64 || r == rows - 1)
            w[r * NG_NER_TAGS + (seed >> 8) % NG_NER_TAGS] = (float)(seed % 1000) / 7.0f + 0.5f;
    }
    ng_ner_compact c;
    assert_int_equal(ng_ner_compact_build(w, bits, &c), NG_OK);
    size_t nz = 0;
    for (size_t r = 0; r < rows; r++) {
        const int16_t *row = ng_ner_compact_row(&c, (uint32_t)r);
        int zero = 1;
        for (int t = 0; t < NG_NER_TAGS; t++) zero &= w[r * NG_NER_TAGS + t] == 0.0f;
        if (zero) {
            assert_null(row);
            continue;
        }
        nz++;
        assert_non_null(row);
        for (int t = 0; t < NG_NER_TAGS; t++)
            assert_true(fabsf((float)row[t] * c.scale - w[r * NG_NER_TAGS + t]) <= c.scale * 0.5001f);
    }
    assert_int_equal(c.nrows, nz);
    assert_true(nz > rows / 5 && nz < rows / 2);
    ng_ner_compact_free(&c);
    assert_null(c.rows);
    free(w);
}

/* Decoding with the packed table and with the dense one agree. */
static void test_decode_same(void **state)
{
    (void)state;
    const ng_ner_model *m = (const ng_ner_model *)ng_ner_model_default();
    if (!m) skip();
    assert_non_null(m->packed[0].blocks);
    assert_non_null(m->packed[1].blocks); /* the shipped model has two passes */
    const char *words[] = {"Michael", "Posner", "met", "officials", "of", "the", "United", "Nations",
                           "in", "Beijing", "on", "Thursday", "."};
    size_t n = sizeof words / sizeof *words;
    ng_ner_work wk = {0};
    uint8_t a[16], b[16];
    assert_int_equal(ng_ner_tag(m, &wk, words, n, a, NULL), NG_OK);
    assert_null(m->w); /* the built-in model keeps only the packed weights */
    assert_null(m->w2);
    /* the same weights as dense floats, decoded without the cache */
    ng_ner_model dense;
    memset(&dense, 0, sizeof dense);
    dense.bits = m->bits;
    memcpy(dense.trans, m->trans, sizeof dense.trans);
    memcpy(dense.trans2, m->trans2, sizeof dense.trans2);
    dense.gaz = m->gaz;
    dense.cl = m->cl;
    size_t nw = (size_t)NG_NER_TAGS << m->bits;
    dense.w = malloc(nw * sizeof *dense.w);
    dense.w2 = malloc(nw * sizeof *dense.w2);
    assert_true(dense.w && dense.w2);
    ng_ner_compact_unpack(&m->packed[0], m->bits, dense.w);
    ng_ner_compact_unpack(&m->packed[1], m->bits, dense.w2);
    assert_int_equal(ng_ner_tag(&dense, &wk, words, n, b, NULL), NG_OK);
    assert_memory_equal(a, b, n);
    /* a story of three sentences, both passes */
    const char *story[] = {"Posner", "met", "Chinese", "officials", "in", "Beijing", ".",
                           "U.S.", "officials", "said", "the", "talks", "with", "China", "were", "hard", ".",
                           "Michael", "Posner", "leads", "the", "U.S.", "team", "."};
    ng_ner_sentence sents[3] = {{0, 7, 0}, {7, 10, 0}, {17, 7, 0}};
    uint8_t da[24], db[24];
    assert_int_equal(ng_ner_tag_document(m, &wk, story, sents, 3, da, NULL), NG_OK);
    assert_int_equal(ng_ner_tag_document(&dense, &wk, story, sents, 3, db, NULL), NG_OK);
    assert_memory_equal(da, db, 24);
    free(dense.w);
    free(dense.w2);
    assert_true(da[0] == NG_NER_B(NG_NER_PER) && da[13] == NG_NER_B(NG_NER_LOC));
    assert_true(a[0] == NG_NER_B(NG_NER_PER) && a[1] == NG_NER_I(NG_NER_PER));
    ng_ner_work_free(&wk);
}

/* The packed rows of buckets f[0..k) summed, times scale. */
static void packed_sum(const ng_ner_compact *p, const uint32_t *f, size_t k, int32_t *q)
{
    for (size_t j = 0; j < k; j++) {
        const int16_t *w = ng_ner_compact_row(p, f[j]);
        for (int t = 0; w && t < NG_NER_TAGS; t++) q[t] += w[t];
    }
}

/* Emissions of one sentence (as a story of its own) by both paths, for
 * both passes: equal, float for float. */
static void same_emissions(const ng_ner_model *m, ng_ner_work *wk, const char *const *words, size_t n)
{
    assert_int_equal(ng_ner_work_reserve(wk, n), NG_OK);
    assert_int_equal(ng_ner_wcache_reserve(&wk->cache, m, 2, n), NG_OK);
    float *fast = malloc(n * NG_NER_TAGS * sizeof *fast), *fast2 = malloc(n * NG_NER_TAGS * sizeof *fast2);
    int32_t *base2 = malloc(n * NG_NER_TAGS * sizeof *base2);
    uint32_t *feats = malloc(n * NG_NER_FEATS * sizeof *feats), *doc = malloc(n * NG_NER_DOC_FEATS * sizeof *doc);
    uint8_t *tags = malloc(n);
    assert_true(fast && fast2 && base2 && feats && doc && tags);
    ng_ner_emissions(m, wk, words, n, fast, base2);
    /* the path for long sentences, feature by feature, gives the same */
    float *direct = malloc(n * NG_NER_TAGS * sizeof *direct);
    int32_t *base2d = malloc(n * NG_NER_TAGS * sizeof *base2d);
    assert_true(direct && base2d);
    ng_ner_emissions_direct(m, wk, words, n, direct, base2d);
    assert_memory_equal(direct, fast, n * NG_NER_TAGS * sizeof *fast);
    assert_memory_equal(base2d, base2, n * NG_NER_TAGS * sizeof *base2);
    free(direct);
    free(base2d);
    uint32_t mask = ((uint32_t)1 << m->bits) - 1;
    ng_ner_features(&m->gaz, &m->lex, &m->cl, words, n, mask, wk->scratch, wk->cid, feats);
    for (size_t i = 0; i < n; i++) {
        int32_t q[NG_NER_TAGS] = {0};
        packed_sum(&m->packed[0], feats + i * NG_NER_FEATS, NG_NER_FEATS, q);
        for (int t = 0; t < NG_NER_TAGS; t++) assert_true(fast[i * NG_NER_TAGS + t] == (float)q[t] * m->packed[0].scale);
        tags[i] = (uint8_t)((i * 7 + n) % NG_NER_TAGS); /* any first-pass tags will do */
    }
    ng_ner_sentence se = {0, n, 0};
    assert_int_equal(ng_ner_doc_features(words, &se, 1, tags, mask, wk, doc), NG_OK);
    ng_ner_emissions2(m, n, base2, doc, fast2);
    for (size_t i = 0; i < n; i++) {
        int32_t q[NG_NER_TAGS] = {0};
        packed_sum(&m->packed[1], feats + i * NG_NER_FEATS, NG_NER_FEATS, q);
        packed_sum(&m->packed[1], doc + i * NG_NER_DOC_FEATS, NG_NER_DOC_FEATS, q);
        for (int t = 0; t < NG_NER_TAGS; t++)
            assert_true(fast2[i * NG_NER_TAGS + t] == (float)q[t] * m->packed[1].scale);
    }
    free(tags);
    free(doc);
    free(feats);
    free(base2);
    free(fast2);
    free(fast);
}

static void test_fast_path(void **state)
{
    (void)state;
    const ng_ner_model *m = (const ng_ner_model *)ng_ner_model_default();
    if (!m) skip();
    assert_true(m->lex.count > 0); /* so that the lexicon's features are compared too */
    const char *s1[] = {"Talks", "between", "China", "and", "the", "United", "States", "ended", "."};
    const char *s2[] = {"SOCCER", "-", "JAPAN", "GET", "LUCKY", "WIN", ",", "CHINA", "IN", "SURPRISE", "DEFEAT", "."};
    const char *s3[] = {"Beijing"};
    const char *s4[] = {"\"", "We", "oppose", "it", ",", "\"", "Foreign", "Ministry", "spokesman", "Hong", "Lei",
                        "said", "at", "a", "news", "briefing", "in", "New", "York", "City", "on", "Thursday", "."};
    ng_ner_work wk = {0};
    same_emissions(m, &wk, s1, sizeof s1 / sizeof *s1);
    same_emissions(m, &wk, s2, sizeof s2 / sizeof *s2);
    same_emissions(m, &wk, s3, 1);
    same_emissions(m, &wk, s4, sizeof s4 / sizeof *s4);
    /* more distinct words than the cache holds: it empties and refills */
    static char buf[3 * NG_NER_WCACHE_SLOTS][12];
    const char *many[64];
    for (size_t r = 0; r < 3 * NG_NER_WCACHE_SLOTS / 64; r++) {
        for (size_t i = 0; i < 64; i++) {
            snprintf(buf[r * 64 + i], sizeof buf[0], "%sw%zu", i % 3 ? "" : "X", r * 64 + i);
            many[i] = buf[r * 64 + i];
        }
        same_emissions(m, &wk, many, 64);
    }
    assert_true(wk.cache.used <= wk.cache.cap);
    same_emissions(m, &wk, s4, sizeof s4 / sizeof *s4);
    ng_ner_work_free(&wk);
}

/* A sentence longer than the word cache may hold is tagged feature by
 * feature, the cache staying within its bound. */
static void test_long_sentence(void **state)
{
    (void)state;
    const ng_ner_model *m = (const ng_ner_model *)ng_ner_model_default();
    if (!m) skip();
    size_t n = NG_NER_LONG_SENTENCE + 100;
    const char **words = malloc(n * sizeof *words);
    uint8_t *tags = malloc(n);
    assert_true(words && tags);
    static const char *const filler[] = {"the", "talks", "went", "on", "for", "days", "and", "nights", ","};
    for (size_t i = 0; i < n; i++) words[i] = filler[i % 9];
    size_t at = n / 2;
    words[at] = "said";
    words[at + 1] = "Michael";
    words[at + 2] = "Posner";
    words[at + 3] = ",";
    ng_ner_work wk = {0};
    assert_int_equal(ng_ner_tag(m, &wk, words, n, tags, NULL), NG_OK);
    assert_int_equal(tags[at + 1], NG_NER_B(NG_NER_PER));
    assert_int_equal(tags[at + 2], NG_NER_I(NG_NER_PER));
    assert_true(wk.cache.cap <= NG_NER_WCACHE_SLOTS);
    ng_ner_sentence se = {0, n, 0};
    assert_int_equal(ng_ner_tag_document(m, &wk, words, &se, 1, tags, NULL), NG_OK);
    assert_int_equal(tags[at + 1], NG_NER_B(NG_NER_PER));
    assert_true(wk.cache.cap <= NG_NER_WCACHE_SLOTS);
    ng_ner_work_free(&wk);
    free(words);
    free(tags);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_rows), cmocka_unit_test(test_decode_same),
                                       cmocka_unit_test(test_fast_path), cmocka_unit_test(test_long_sentence)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
