/* test_api.c - what a binding relies on: NULL options, zeroed structs and
 * the *_options_init() functions all mean the command's defaults; the
 * version and the built-in models' checksums can be asked for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <string.h>
#include <unistd.h>

#include "nutgraf.h"
#include "summarize/model.h"

static const char *article =
    "{\"article\":\"LONDON (CNN) -- The city opened its new bridge on Monday after four years of work. "
    "But officials said 20,000 cars a day would cross it, a spokesman said. Residents, who had waited "
    "for years, cheered. The bridge cost $40 million (pictured), more than planned. Critics said the "
    "money should have gone to schools. The mayor, who backed the plan, said it was worth it.\"}";

static ng_doc *read_article(void)
{
    ng_doc *doc = NULL;
    assert_int_equal(ng_doc_read(article, strlen(article), NULL, &doc, NULL), NG_OK);
    return doc;
}

/* The highlights of one summary, joined with '\n', malloc'd. */
static char *bullets(const ng_summary_options *o)
{
    ng_doc *doc = read_article();
    assert_int_equal(ng_summarize(doc, o, NULL), NG_OK);
    size_t cap = 4096, len = 0;
    char *out = calloc(1, cap);
    assert_non_null(out);
    for (size_t i = 0; i < ng_doc_highlight_count(doc); i++) {
        ng_str t = ng_doc_highlight(doc, i).text;
        assert_true(len + t.len + 2 < cap);
        memcpy(out + len, t.ptr, t.len);
        len += t.len;
        out[len++] = '\n';
    }
    ng_doc_free(doc);
    return out;
}

static void test_summary_defaults(void **state)
{
    (void)state;
    ng_summary_options init, zero;
    memset(&zero, 0, sizeof zero);
    ng_summary_options_init(&init);
    /* the command's defaults: learned and the default trimming rules with a model */
    ng_summary_options cli = {.method = ng_model_default() ? NG_METHOD_LEARNED : NG_METHOD_LEAD,
                              .trim = ng_model_default() ? NG_TRIM_DEFAULT : 0};
    assert_int_equal(init.method, cli.method);
    assert_int_equal(init.trim, cli.trim);
    assert_int_equal(init.k, 0);
    char *a = bullets(NULL), *b = bullets(&zero), *c = bullets(&init), *d = bullets(&cli);
    assert_string_equal(a, d);
    assert_string_equal(b, d);
    assert_string_equal(c, d);
    if (ng_model_default()) {
        /* trimming is on: the dateline and the leading "But" are gone */
        assert_null(strstr(a, "(CNN) --"));
        ng_summary_options lead = {.method = NG_METHOD_LEAD};
        char *l = bullets(&lead);
        assert_string_not_equal(l, a);
        free(l);
    }
    free(a);
    free(b);
    free(c);
    free(d);
    /* default method with chosen rules keeps the rules */
    ng_summary_options some = {.trim = NG_TRIM_DATELINE};
    char *s = bullets(&some);
    if (ng_model_default()) {
        ng_summary_options learned = {.method = NG_METHOD_LEARNED, .trim = NG_TRIM_DATELINE};
        char *t = bullets(&learned);
        assert_string_equal(s, t);
        free(t);
    }
    free(s);
    assert_string_equal(ng_method_name(NG_METHOD_DEFAULT), "default");
    ng_method m;
    assert_int_equal(ng_method_from_name("lead", &m), NG_OK);
    assert_int_equal(m, NG_METHOD_LEAD);
}

static void test_other_defaults(void **state)
{
    (void)state;
    ng_read_options ro;
    ng_read_options_init(&ro);
    assert_int_equal(ro.format, NG_FORMAT_AUTO);
    assert_int_equal(ro.max_bytes, NG_DEFAULT_MAX_BYTES);
    ng_analyze_options ao;
    ng_analyze_options_init(&ao);
    assert_int_equal(ao.max_tags, NG_DEFAULT_MAX_TAGS);
    assert_int_equal(ao.ner_passes, NG_DEFAULT_NER_PASSES);
    assert_null(ao.ner);
    assert_null(ao.work);
    ng_summary_options_init(NULL); /* harmless */
    ng_read_options_init(NULL);
    ng_analyze_options_init(NULL);
}

static void test_version_and_checksums(void **state)
{
    (void)state;
    assert_string_equal(ng_version(), NG_VERSION);
    assert_int_equal(ng_model_checksum(NULL), 0);
    assert_int_equal(ng_ner_model_checksum(NULL), 0);
    const ng_model *m = ng_model_default();
    if (m) {
        char desc[128], want[32];
        snprintf(want, sizeof want, "crc32=%08x", (unsigned)ng_model_checksum(m));
        assert_int_not_equal(ng_model_checksum(m), 0);
        assert_non_null(strstr(ng_model_describe(m, desc, sizeof desc), want));
    } else {
        printf("SKIP default model checksum: this build has none\n");
    }
    const ng_ner_model *n = ng_ner_model_default();
    if (n) assert_int_not_equal(ng_ner_model_checksum(n), 0);
    else printf("SKIP default tagger checksum: this build has none\n");
}

/* A model that has not been loaded from a file (saved, then compared):
 * the checksum it reports is the one the file carries. */
static void test_checksum_matches_file(void **state)
{
    (void)state;
    const ng_model *m = ng_model_default();
    if (!m) {
        printf("SKIP model save: this build has none\n");
        return;
    }
    char path[] = "/tmp/ng_test_api_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(ng_model_save(m, path, NULL), NG_OK);
    ng_model *back = NULL;
    assert_int_equal(ng_model_load(path, &back, NULL), NG_OK);
    assert_int_equal(ng_model_checksum(back), ng_model_checksum(m));
    back->checksum = 0; /* as a model fresh from ng_trainer_fit() */
    assert_int_equal(ng_model_checksum(back), ng_model_checksum(m));
    ng_model_free(back);
    close(fd);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_defaults),
        cmocka_unit_test(test_other_defaults),
        cmocka_unit_test(test_version_and_checksums),
        cmocka_unit_test(test_checksum_matches_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
