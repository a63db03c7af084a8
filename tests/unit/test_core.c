/* test_core.c - the arena (alignment, limits), UTF-8 repair and binary
 * detection, and folding for matching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "text/fold.h"
#include "text/utf8.h"

static void test_arena_alignment_and_limit(void **state)
{
    (void)state;
    ng_arena a;
    ng_arena_init(&a, 200 * 1024);
    char *p = ng_arena_alloc(&a, 3);
    void *q = ng_arena_alloc(&a, 8);
    assert_non_null(p);
    assert_int_equal((uintptr_t)q % 16, 0);
    assert_null(ng_arena_alloc(&a, 1024 * 1024)); /* over the limit */
    assert_non_null(ng_arena_alloc(&a, 1000));    /* still usable after a refusal */
    char *s = ng_arena_strndup(&a, "hello world", 5);
    assert_string_equal(s, "hello");
    int *z = ng_arena_calloc(&a, 100, sizeof(int));
    for (int i = 0; i < 100; i++) assert_int_equal(z[i], 0);
    assert_null(ng_arena_calloc(&a, SIZE_MAX / 2, 4)); /* overflow refused */
    ng_arena_free(&a);
    assert_null(a.head);
}

static void test_repair(void **state)
{
    (void)state;
    ng_arena a;
    ng_arena_init(&a, 0);
    ng_utf8_report r;
    size_t len;
    const char in[] = "ok\r\nA\xC3\xA9" "B\xC3\x28" "C\xED\xA0\x80" "D\0E\xF0\x9F\x98\x80";
    char *out = ng_utf8_repair(&a, in, sizeof in - 1, &len, &r);
    assert_non_null(out);
    assert_string_equal(out, "ok\nA\xC3\xA9" "B\xEF\xBF\xBD(C\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "DE\xF0\x9F\x98\x80");
    assert_int_equal(r.invalid, 4);
    assert_int_equal(r.nul_bytes, 1);
    assert_int_equal(r.first_bad, 8);
    ng_arena_free(&a);
}

static void test_binary(void **state)
{
    (void)state;
    assert_false(ng_looks_binary("Plain text, caf\xC3\xA9.\n", 18));
    assert_false(ng_looks_binary("Latin-1 caf\xE9 text is still text here.", 37));
    assert_true(ng_looks_binary("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    unsigned char junk[64];
    for (int i = 0; i < 64; i++) junk[i] = (unsigned char)(0x80 + (i * 37) % 120);
    assert_true(ng_looks_binary((const char *)junk, sizeof junk));
}

static void test_fold(void **state)
{
    (void)state;
    char out[NG_FOLD_MAX];
    size_t n = ng_fold("Posner", 6, out);
    assert_int_equal(n, 6);
    assert_memory_equal(out, "posner", 6);
    n = ng_fold("\xE2\x80\x9CHello\xE2\x80\x9D", 11, out);
    assert_int_equal(n, 7);
    assert_memory_equal(out, "\"hello\"", 7);
    /* NFD "e" + combining acute folds to the NFC precomposed form. */
    n = ng_fold("CAFE\xCC\x81", 6, out);
    assert_int_equal(n, 5);
    assert_memory_equal(out, "caf\xC3\xA9", 5);
    n = ng_fold("Stra\xC3\x9F" "e", 7, out); /* sharp s case-folds to ss */
    assert_memory_equal(out, "strasse", n);
    n = ng_fold("don\xE2\x80\x99t", 7, out);
    assert_int_equal(n, 5);
    assert_memory_equal(out, "don't", 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alignment_and_limit),
        cmocka_unit_test(test_repair),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
