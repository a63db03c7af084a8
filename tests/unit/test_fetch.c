/* test_fetch.c - ng_fetch without a server: URL recognition, options'
 * defaults, a non-http URL refused with NG_E_ARG, and a refused
 * connection (127.0.0.1 port 1) giving NG_E_NETWORK with a message naming
 * the host, from four threads at once (libcurl's one-time set-up runs
 * under pthread_once).  tests/cli/fetch.sh covers fetching from a local
 * server. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <string.h>

#include "nutgraf.h"

static void test_is_url(void **state)
{
    (void)state;
    assert_true(ng_is_url("http://example.com/"));
    assert_true(ng_is_url("HTTPS://example.com/a?b"));
    assert_false(ng_is_url("ftp://example.com/"));
    assert_false(ng_is_url("page.html"));
    assert_false(ng_is_url("http:/x"));
    assert_false(ng_is_url("-"));
    assert_false(ng_is_url(NULL));
}

static void test_options(void **state)
{
    (void)state;
    ng_fetch_options o;
    ng_fetch_options_init(&o);
    assert_int_equal(o.max_bytes, NG_DEFAULT_MAX_BYTES);
    assert_int_equal(o.connect_timeout_ms, NG_DEFAULT_CONNECT_TIMEOUT_MS);
    assert_int_equal(o.timeout_ms, NG_DEFAULT_FETCH_TIMEOUT_MS);
    ng_fetched f;
    ng_error err;
    assert_int_equal(ng_fetch("file:///etc/passwd", NULL, &f, &err), NG_E_ARG);
    assert_null(f.bytes);
    assert_int_equal(ng_fetch("http://x/", NULL, NULL, &err), NG_E_ARG);
    ng_fetched_free(NULL);
    ng_fetched_free(&f);
    assert_string_equal(ng_status_name(NG_E_NETWORK), "network");
}

static void *refused(void *arg)
{
    ng_status *out = arg;
    ng_fetch_options o = {0, 2000, 5000};
    ng_fetched f;
    ng_error err;
    *out = ng_fetch("http://127.0.0.1:1/page.html", &o, &f, &err);
    if (*out == NG_E_NETWORK && !strstr(err.message, "127.0.0.1")) *out = NG_E_FORMAT;
    ng_fetched_free(&f);
    return NULL;
}

static void test_refused_threads(void **state)
{
    (void)state;
    pthread_t th[4];
    ng_status st[4];
    for (int i = 0; i < 4; i++) assert_int_equal(pthread_create(&th[i], NULL, refused, &st[i]), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(st[i], NG_E_NETWORK);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_is_url),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_refused_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
