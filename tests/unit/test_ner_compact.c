/* test_ner_compact.c - the packed NER weights give exactly the dense rows:
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
    assert_non_null(m->packed.present);
    const char *words[] = {"Michael", "Posner", "met", "officials", "of", "the", "United", "Nations",
                           "in", "Beijing", "on", "Thursday", "."};
    size_t n = sizeof words / sizeof *words;
    ng_ner_work wk = {0};
    uint8_t a[16], b[16];
    assert_int_equal(ng_ner_tag(m, &wk, words, n, a, NULL), NG_OK);
    assert_null(m->w); /* the built-in model keeps only the packed weights */
    ng_ner_model dense;
    const char *shared = getenv("NG_ROOT") ? getenv("NG_ROOT") : ".";
    char path[4096];
    snprintf(path, sizeof path, "%s/models/ner.ngm", shared);
    assert_int_equal(ng_ner_model_load_file(path, &dense, NULL), NG_OK);
    ng_ner_compact_free(&dense.packed);
    assert_int_equal(ng_ner_tag(&dense, &wk, words, n, b, NULL), NG_OK);
    assert_memory_equal(a, b, n);
    ng_ner_model_free(&dense);
    assert_true(a[0] == NG_NER_B(NG_NER_PER) && a[1] == NG_NER_I(NG_NER_PER));
    ng_ner_work_free(&wk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_rows), cmocka_unit_test(test_decode_same)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
