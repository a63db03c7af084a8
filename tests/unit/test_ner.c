/* test_ner.c - the named-entity tagger: CoNLL reading, IOB1 spans,
 * conlleval-style scoring, the model file (round trip, corruption) and a
 * tiny training run.  With $NG_SHARED, also reads the CoNLL-2003 dev set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/ner.h"

static const char snippet[] =
    "-DOCSTART- -X- O O\n"
    "\n"
    "EU NNP I-NP I-ORG\n"
    "rejects VBZ I-VP O\n"
    "German JJ I-NP I-MISC\n"
    "call NN I-NP O\n"
    ". . O O\n"
    "\n"
    "Peter NNP I-NP I-PER\n"
    "Blackburn NNP I-NP I-PER\n"
    "\n"
    "-DOCSTART- -X- O O\n"
    "\n"
    "In IN I-PP O\n"
    "Hong NNP I-NP I-LOC\n"
    "Kong NNP I-NP I-LOC\n"
    "Bank NNP I-NP B-LOC\n";

static void test_conll_read(void **state)
{
    (void)state;
    ng_ner_corpus c;
    ng_error err = {0};
    assert_int_equal(ng_conll_parse(snippet, strlen(snippet), &c, &err), NG_OK);
    assert_int_equal(c.ntok, 11);
    assert_int_equal(c.nsent, 3);
    assert_int_equal(c.ndocs, 2);
    assert_int_equal(c.sent[0].n, 5);
    assert_int_equal(c.sent[2].doc, 1);
    assert_string_equal(c.word[0], "EU");
    assert_string_equal(c.word[10], "Bank");
    assert_int_equal(c.gold[0], NG_NER_B(NG_NER_ORG));
    assert_int_equal(c.gold[6], NG_NER_I(NG_NER_PER));
    assert_int_equal(c.gold[8], NG_NER_B(NG_NER_LOC)); /* IOB1 read as IOB2 */
    assert_int_equal(c.gold[9], NG_NER_I(NG_NER_LOC));
    assert_int_equal(c.gold[10], NG_NER_B(NG_NER_LOC));
    ng_conll_free(&c);
    const char bad[] = "word POS chunk B-FOO\n";
    assert_int_equal(ng_conll_parse(bad, strlen(bad), &c, &err), NG_E_FORMAT);
    assert_int_equal(err.line, 1);
}

static void test_iob1_spans(void **state)
{
    (void)state;
    /* I-LOC I-LOC B-LOC O I-PER I-ORG */
    uint8_t tags[] = {NG_NER_I(NG_NER_LOC), NG_NER_I(NG_NER_LOC), NG_NER_B(NG_NER_LOC), 0,
                      NG_NER_I(NG_NER_PER), NG_NER_I(NG_NER_ORG)};
    ng_ner_span sp[8];
    assert_int_equal(ng_ner_spans(tags, 6, sp, 8), 4);
    assert_int_equal(sp[0].start, 0);
    assert_int_equal(sp[0].end, 2);
    assert_int_equal(sp[1].start, 2);
    assert_int_equal(sp[1].end, 3);
    assert_int_equal(sp[2].type, NG_NER_PER);
    assert_int_equal(sp[3].start, 5);
    assert_int_equal(sp[3].type, NG_NER_ORG);
    ng_ner_to_iob2(tags, 6);
    assert_int_equal(tags[0], NG_NER_B(NG_NER_LOC));
    assert_int_equal(tags[1], NG_NER_I(NG_NER_LOC));
    assert_int_equal(tags[4], NG_NER_B(NG_NER_PER));
    assert_int_equal(tags[5], NG_NER_B(NG_NER_ORG));
    assert_int_equal(ng_ner_spans(tags, 6, sp, 8), 4);
}

static void test_scoring(void **state)
{
    (void)state;
    enum { O = 0 };
    const uint8_t BP = NG_NER_B(NG_NER_PER), IP = NG_NER_I(NG_NER_PER), BL = NG_NER_B(NG_NER_LOC),
                  BO = NG_NER_B(NG_NER_ORG), IO = NG_NER_I(NG_NER_ORG);
    /* gold: PER[0,2) LOC[3,4) ORG[5,7); pred: PER[0,2) (right), LOC[3,4) as
     * ORG (wrong type), ORG[5,6) (wrong end), PER[7,8) (spurious) */
    uint8_t gold[] = {BP, IP, O, BL, O, BO, IO, O};
    uint8_t pred[] = {BP, IP, O, BO, O, BO, O, BP};
    ng_ner_score s;
    memset(&s, 0, sizeof s);
    ng_ner_score_add(&s, gold, pred, 8);
    assert_int_equal(s.gold[NG_NER_TYPES], 3);
    assert_int_equal(s.pred[NG_NER_TYPES], 4);
    assert_int_equal(s.correct[NG_NER_TYPES], 1);
    assert_int_equal(s.tokens, 8);
    assert_int_equal(s.tokens_correct, 5);
    double p, r, f;
    ng_ner_score_prf(&s, NG_NER_TYPES, &p, &r, &f);
    assert_float_equal(p, 25.0, 1e-9);
    assert_float_equal(r, 100.0 / 3, 1e-9);
    assert_float_equal(f, 2 * 25.0 * (100.0 / 3) / (25.0 + 100.0 / 3), 1e-9);
    ng_ner_score_prf(&s, NG_NER_PER, &p, &r, &f);
    assert_float_equal(p, 50.0, 1e-9);
    assert_float_equal(r, 100.0, 1e-9);
    ng_ner_score_prf(&s, NG_NER_LOC, &p, &r, &f);
    assert_float_equal(f, 0.0, 1e-9);
    ng_ner_score_prf(&s, NG_NER_MISC, &p, &r, &f);
    assert_float_equal(f, 0.0, 1e-9);
}

/* A toy corpus: "Zorblat" is always a person, "Quuxville" a place. */
static char *toy_corpus(void)
{
    static const char *const lines[] = {
        "Zorblat NNP I-NP B-PER\nsaid VBD I-VP O\nhello UH O O\n. . O O\n\n",
        "The DT I-NP O\nman NN I-NP O\nfrom IN I-PP O\nQuuxville NNP I-NP B-LOC\nleft VBD I-VP O\n\n",
        "Yesterday NN I-NP O\nZorblat NNP I-NP B-PER\nvisited VBD I-VP O\nQuuxville NNP I-NP B-LOC\n\n",
        "-DOCSTART- -X- O O\n\n",
    };
    size_t cap = 16384, len = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    for (int rep = 0; rep < 12; rep++)
        for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
            size_t n = strlen(lines[i]);
            if (len + n + 1 > cap) break;
            memcpy(buf + len, lines[i], n);
            len += n;
        }
    buf[len] = '\0';
    return buf;
}

static void train_toy(ng_ner_corpus *c, ng_ner_model *m)
{
    char *text = toy_corpus();
    assert_non_null(text);
    ng_error err = {0};
    assert_int_equal(ng_conll_parse(text, strlen(text), c, &err), NG_OK);
    free(text);
    ng_ner_train_options o;
    memset(&o, 0, sizeof o);
    o.epochs = 3;
    o.bits = 12;
    int best = 0;
    assert_int_equal(ng_ner_train(c, c, &o, m, &best, &err), NG_OK);
    assert_true(best >= 1 && best <= 3);
}

static void test_training(void **state)
{
    (void)state;
    ng_ner_corpus c;
    ng_ner_model m;
    train_toy(&c, &m);
    ng_ner_work wk = {0};
    ng_error err = {0};
    const char *sent[] = {"Later", "Zorblat", "went", "to", "Quuxville", "."};
    uint8_t tags[6];
    assert_int_equal(ng_ner_tag(&m, &wk, sent, 6, tags, &err), NG_OK);
    assert_int_equal(tags[0], 0);
    assert_int_equal(tags[1], NG_NER_B(NG_NER_PER));
    assert_int_equal(tags[2], 0);
    assert_int_equal(tags[4], NG_NER_B(NG_NER_LOC));
    ng_ner_work_free(&wk);
    ng_ner_model_free(&m);
    ng_conll_free(&c);
}

static void test_model_file(void **state)
{
    (void)state;
    ng_ner_corpus c;
    ng_ner_model m, back;
    train_toy(&c, &m);
    ng_error err = {0};
    unsigned char *bytes;
    size_t len;
    assert_int_equal(ng_ner_model_write(&m, &bytes, &len, &err), NG_OK);
    assert_int_equal(ng_ner_model_load(bytes, len, &back, &err), NG_OK);
    assert_int_equal(back.bits, m.bits);
    assert_memory_equal(back.w, m.w, ((size_t)NG_NER_TAGS << m.bits) * sizeof *m.w);
    assert_memory_equal(back.trans, m.trans, sizeof m.trans);
    assert_int_equal(back.gaz.count, m.gaz.count);
    ng_ner_score s1, s2;
    uint8_t *pred = malloc(c.ntok);
    assert_non_null(pred);
    assert_int_equal(ng_ner_evaluate(&m, &c, pred, &s1, &err), NG_OK);
    assert_int_equal(ng_ner_evaluate(&back, &c, pred, &s2, &err), NG_OK);
    assert_memory_equal(&s1, &s2, sizeof s1);
    free(pred);
    ng_ner_model_free(&back);
    /* one flipped byte anywhere, a truncation, a bad magic */
    for (size_t i = 0; i < len; i += len / 7 + 1) {
        bytes[i] ^= 0x41;
        assert_int_equal(ng_ner_model_load(bytes, len, &back, &err), NG_E_MODEL);
        bytes[i] ^= 0x41;
    }
    assert_int_equal(ng_ner_model_load(bytes, len - 9, &back, &err), NG_E_MODEL);
    assert_int_equal(ng_ner_model_load(bytes, 5, &back, &err), NG_E_MODEL);
    free(bytes);
    ng_ner_model_free(&m);
    ng_conll_free(&c);
}

static void test_shared_dev(void **state)
{
    (void)state;
    const char *shared = getenv("NG_SHARED");
    char path[1024];
    snprintf(path, sizeof path, "%s/data/ner/conll2003/eng.testa", shared ? shared : "../shared");
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("SKIP ner conll2003: no %s\n", path);
        return;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    assert_true(n > 0);
    char *buf = malloc((size_t)n);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    ng_ner_corpus c;
    ng_error err = {0};
    assert_int_equal(ng_conll_parse(buf, (size_t)n, &c, &err), NG_OK);
    free(buf);
    assert_int_equal(c.nsent, 3250);
    ng_ner_score s;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < c.nsent; i++)
        ng_ner_score_add(&s, c.gold + c.sent[i].first, c.gold + c.sent[i].first, c.sent[i].n);
    assert_int_equal(s.gold[NG_NER_TYPES], 5942);
    assert_int_equal(s.correct[NG_NER_TYPES], 5942);
    ng_conll_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_conll_read), cmocka_unit_test(test_iob1_spans),
        cmocka_unit_test(test_scoring),    cmocka_unit_test(test_training),
        cmocka_unit_test(test_model_file), cmocka_unit_test(test_shared_dev),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
