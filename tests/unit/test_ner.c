/* test_ner.c - the named-entity tagger: CoNLL reading, IOB1 spans,
 * conlleval-style scoring, word clusters (learning on a synthetic corpus,
 * the table's section and file, corrupt sections), the model file (round
 * trip with clusters and a lexicon, corruption) and a tiny training run.  With
 * $NG_SHARED, also reads the CoNLL-2003 dev set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "analyze/ner.h"
#include "summarize/model.h"

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

static void train_toy_lex(ng_ner_corpus *c, ng_ner_model *m, const ng_ner_clusters *cl, const ng_ner_gaz *lex)
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
    o.clusters = cl;
    o.lexicon = lex;
    int best = 0;
    assert_int_equal(ng_ner_train(c, c, &o, m, &best, &err), NG_OK);
    assert_true(best >= 1 && best <= 3);
}

static void train_toy_with(ng_ner_corpus *c, ng_ner_model *m, const ng_ner_clusters *cl)
{
    train_toy_lex(c, m, cl, NULL);
}

static void train_toy(ng_ner_corpus *c, ng_ner_model *m)
{
    train_toy_with(c, m, NULL);
}

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static const uint16_t *cluster_of(const ng_ner_clusters *c, const char *w)
{
    return ng_ner_clusters_get(c, ng_ner_cluster_key(w, strlen(w)));
}

/* Words that share contexts share clusters: animals come after "the" and
 * before a verb, places after "in" and before "today". */
static void test_cluster_learn(void **state)
{
    (void)state;
    static const char *const animal[] = {"dog", "cat", "horse", "cow", "sheep", "goat"};
    static const char *const place[] = {"Paris", "London", "Rome", "Berlin", "Madrid", "Vienna"};
    static const char *const verb[] = {"ran", "walked", "jumped", "slept"};
    ng_ner_cluster_learner *l = NULL;
    ng_error err = {0};
    assert_int_equal(ng_ner_cluster_learner_new(&l, &err), NG_OK);
    uint32_t seed = 7;
    char doc[4096];
    for (int d = 0; d < 200; d++) {
        size_t len = 0;
        for (int s = 0; s < 10; s++)
            len += (size_t)snprintf(doc + len, sizeof doc - len, "the %s %s in %s today . ", animal[lcg(&seed) % 6],
                                    verb[lcg(&seed) % 4], place[lcg(&seed) % 6]);
        /* half the documents as raw text: punctuation stuck to words */
        if (d & 1) {
            for (size_t i = 0; i + 2 < len; i++)
                if (doc[i] == ' ' && doc[i + 1] == '.') memmove(doc + i, doc + i + 1, len-- - i);
        }
        assert_int_equal(ng_ner_cluster_learner_add(l, doc, len, !(d & 1), &err), NG_OK);
    }
    size_t ntok = 0, nwords = 0;
    ng_ner_cluster_learner_stats(l, &ntok, &nwords);
    assert_int_equal(nwords, 6 + 6 + 4 + 4 + 1); /* with "." and "<doc>" */
    assert_int_equal(ntok, 200 * 10 * 7 + 200);
    ng_ner_cluster_options o = {2, {3, 5, 0}, 5, 1000, 100, 8, 20, 42, NULL, NULL};
    ng_ner_clusters c;
    assert_int_equal(ng_ner_cluster_learn(l, &o, &c, &err), NG_OK);
    assert_int_equal(c.levels, 2);
    assert_int_equal(c.count, 20);
    for (int lv = 0; lv < 2; lv++) {
        const uint16_t *a0 = cluster_of(&c, "dog"), *p0 = cluster_of(&c, "paris");
        assert_non_null(a0);
        assert_non_null(p0);
        for (int i = 1; i < 6; i++) {
            assert_int_equal(cluster_of(&c, animal[i])[lv], a0[lv]);
            assert_int_equal(cluster_of(&c, place[i])[lv], p0[lv]);
        }
        if (lv == 1) assert_int_not_equal(a0[lv], p0[lv]); /* the finer level tells them apart */
        assert_true(a0[lv] < c.k[lv]);
        assert_int_not_equal(cluster_of(&c, "ran")[lv], a0[lv]);
    }
    /* keys ignore case and digits */
    assert_true(ng_ner_cluster_key("PARIS", 5) == ng_ner_cluster_key("paris", 5));
    assert_true(ng_ner_cluster_key("1996", 4) == ng_ner_cluster_key("2013", 4));
    assert_null(cluster_of(&c, "unicorn"));
    /* too few words for the clusters asked for */
    o.k[1] = 50;
    ng_ner_clusters c2;
    assert_int_equal(ng_ner_cluster_learn(l, &o, &c2, &err), NG_E_EMPTY);
    ng_ner_cluster_learner_free(l);

    /* the file: round trip, then corruption */
    char path[] = "/tmp/ng_test_clustersXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(ng_ner_clusters_save_file(&c, path, &err), NG_OK);
    ng_ner_clusters back;
    assert_int_equal(ng_ner_clusters_load_file(path, &back, &err), NG_OK);
    assert_int_equal(back.count, c.count);
    for (int i = 0; i < 6; i++)
        assert_memory_equal(cluster_of(&back, place[i]), cluster_of(&c, place[i]), 2 * sizeof(uint16_t));
    ng_ner_clusters_free(&back);
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    fseek(f, 20, SEEK_SET);
    fputc(0x5a, f);
    fclose(f);
    assert_int_equal(ng_ner_clusters_load_file(path, &back, &err), NG_E_MODEL);
    remove(path);
    ng_ner_clusters_free(&c);
}

/* Sections with a bad level count, cluster count, word count, id, length
 * or a truncation are refused, even behind a right checksum. */
static void test_cluster_section_corrupt(void **state)
{
    (void)state;
    ng_ner_clusters c;
    memset(&c, 0, sizeof c);
    c.levels = 2;
    c.k[0] = 4;
    c.k[1] = 8;
    uint16_t ids[2] = {3, 7};
    assert_int_equal(ng_ner_clusters_put(&c, 12345, ids), NG_OK);
    ng_wbuf w = {0};
    ng_ner_clusters_write(&c, &w);
    assert_false(w.bad);
    ng_ner_clusters back;
    ng_error err = {0};
    ng_rbuf r = {w.p, w.len, 0, 0};
    assert_int_equal(ng_ner_clusters_read(&r, &back, &err), NG_OK);
    assert_int_equal(r.pos, w.len);
    assert_int_equal(cluster_of(&back, "x") == NULL, 1);
    assert_int_equal(ng_ner_clusters_get(&back, 12345)[1], 7);
    ng_ner_clusters_free(&back);
    /* header fields: levels 4, k 1, k 65535, 0 words, 2^21 words, zlen past the end */
    static const struct { size_t at; uint32_t v; } bad[] = {
        {0, 4}, {4, 1}, {8, 65535}, {12, 0}, {12, 1u << 21}, {16, 1u << 30}, {12, 2}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        unsigned char *p = malloc(w.len);
        assert_non_null(p);
        memcpy(p, w.p, w.len);
        for (int b = 0; b < 4; b++) p[bad[i].at + b] = (unsigned char)(bad[i].v >> (8 * b));
        ng_rbuf rb = {p, w.len, 0, 0};
        assert_int_equal(ng_ner_clusters_read(&rb, &back, &err), NG_E_MODEL);
        assert_int_equal(back.count, 0);
        free(p);
    }
    for (size_t cut = 0; cut < w.len; cut++) {
        ng_rbuf rb = {w.p, cut, 0, 0};
        assert_int_equal(ng_ner_clusters_read(&rb, &back, &err), NG_E_MODEL);
    }
    free(w.p);
    /* an id past its level's cluster count */
    ids[1] = 8;
    assert_int_equal(ng_ner_clusters_put(&c, 12345, ids), NG_OK);
    memset(&w, 0, sizeof w);
    ng_ner_clusters_write(&c, &w);
    ng_rbuf rb = {w.p, w.len, 0, 0};
    assert_int_equal(ng_ner_clusters_read(&rb, &back, &err), NG_E_MODEL);
    free(w.p);
    ng_ner_clusters_free(&c);
}

/* Document features: what a word was tagged as elsewhere in the story. */
static void test_doc_features(void **state)
{
    (void)state;
    /* "Jordan" twice tagged PER, once in a sentence of its own; "Smith"
     * once only */
    static const char *const words[] = {"Jordan", "scored", ".", "Jordan", "won", ".", "Smith", "won", ".", "Jordan"};
    static const ng_ner_sentence sents[] = {{0, 3, 0}, {3, 3, 0}, {6, 3, 0}, {9, 1, 0}};
    const uint8_t B = NG_NER_B(NG_NER_PER);
    uint8_t tags1[10] = {B, 0, 0, B, 0, 0, B, 0, 0, 0};
    ng_ner_work wk = {0};
    uint32_t out[10 * NG_NER_DOC_FEATS];
    assert_int_equal(ng_ner_doc_features(words, sents, 4, tags1, 0xfffff, &wk, out), NG_OK);
    const size_t D = NG_NER_DOC_FEATS;
    /* the first two Jordans see the same elsewhere (one PER, one O) */
    assert_memory_equal(out + 0 * D, out + 3 * D, 4 * sizeof *out);
    /* Smith (seen nowhere else) differs from Jordan */
    assert_int_not_equal(out[6 * D + 0], out[0 * D + 0]);
    /* the last Jordan (tagged O) sees two PERs elsewhere: unlike the others */
    assert_int_not_equal(out[9 * D + 0], out[0 * D + 0]);
    ng_ner_work_free(&wk);
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

/* Averaged members and more jackknife folds still learn the toy, and one
 * member with two folds is the default model, weight for weight. */
static void test_training_options(void **state)
{
    (void)state;
    ng_ner_corpus c, c2;
    ng_ner_model plain, m;
    train_toy(&c, &plain);
    char *text = toy_corpus();
    assert_non_null(text);
    ng_error err = {0};
    assert_int_equal(ng_conll_parse(text, strlen(text), &c2, &err), NG_OK);
    free(text);
    ng_ner_train_options o;
    memset(&o, 0, sizeof o);
    o.epochs = 3;
    o.bits = 12;
    o.members = 1;
    o.folds = 2;
    assert_int_equal(ng_ner_train(&c2, &c2, &o, &m, NULL, &err), NG_OK);
    size_t nw = (size_t)NG_NER_TAGS << 12;
    assert_memory_equal(m.w, plain.w, nw * sizeof *m.w);
    assert_memory_equal(m.w2, plain.w2, nw * sizeof *m.w2);
    ng_ner_model_free(&m);
    o.members = 3;
    o.folds = 3;
    assert_int_equal(ng_ner_train(&c2, &c2, &o, &m, NULL, &err), NG_OK);
    assert_true(memcmp(m.w, plain.w, nw * sizeof *m.w) != 0);
    const char *sent[] = {"Later", "Zorblat", "went", "to", "Quuxville", "."};
    uint8_t tags[6];
    ng_ner_work wk = {0};
    assert_int_equal(ng_ner_tag(&m, &wk, sent, 6, tags, &err), NG_OK);
    assert_int_equal(tags[1], NG_NER_B(NG_NER_PER));
    assert_int_equal(tags[4], NG_NER_B(NG_NER_LOC));
    ng_ner_work_free(&wk);
    ng_ner_model_free(&m);
    ng_ner_model_free(&plain);
    ng_conll_free(&c);
    ng_conll_free(&c2);
}

static void test_model_file(void **state)
{
    (void)state;
    ng_ner_corpus c;
    ng_ner_model m, back;
    ng_ner_clusters cl;
    memset(&cl, 0, sizeof cl);
    cl.levels = 3;
    cl.k[0] = cl.k[1] = cl.k[2] = 4;
    static const char *const words[] = {"Zorblat", "Quuxville", "said", "visited", "the"};
    for (uint16_t i = 0; i < 5; i++) {
        uint16_t ids[3] = {(uint16_t)(i % 4), (uint16_t)((i + 1) % 4), (uint16_t)((i + 2) % 4)};
        assert_int_equal(ng_ner_clusters_put(&cl, ng_ner_cluster_key(words[i], strlen(words[i])), ids), NG_OK);
    }
    ng_error err = {0};
    ng_ner_gaz lex = {0};
    const char *names = "LOC\tQuuxville\nPER\tZorblat Quux\n";
    assert_int_equal(ng_ner_lex_parse(names, strlen(names), &lex, &err), NG_OK);
    train_toy_lex(&c, &m, &cl, &lex);
    ng_ner_clusters_free(&cl);
    ng_ner_gaz_free(&lex);
    assert_int_equal(m.cl.count, 5);
    assert_int_equal(m.lex.count, 5);
    unsigned char *bytes;
    size_t len;
    assert_int_equal(ng_ner_model_write(&m, &bytes, &len, &err), NG_OK);
    assert_int_equal(ng_ner_model_load(bytes, len, &back, &err), NG_OK);
    assert_int_equal(back.bits, m.bits);
    assert_memory_equal(back.trans, m.trans, sizeof m.trans);
    assert_non_null(m.w2); /* two passes by default */
    assert_memory_equal(back.trans2, m.trans2, sizeof m.trans2);
    /* the file keeps the packed weights decoding uses: the same as packing
     * the trained ones */
    assert_null(back.w);
    for (int p = 0; p < 2; p++) {
        assert_int_equal(ng_ner_compact_build(p ? m.w2 : m.w, m.bits, &m.packed[p]), NG_OK);
        const ng_ner_compact *a = &m.packed[p], *b = &back.packed[p];
        assert_non_null(b->blocks);
        assert_int_equal(b->nrows, a->nrows);
        assert_true(b->scale == a->scale);
        size_t nblocks = ((size_t)1 << m.bits) / 64;
        assert_memory_equal(b->blocks, a->blocks, 2 * nblocks * sizeof *a->blocks);
        assert_memory_equal(b->rows, a->rows, a->nrows * NG_NER_TAGS * sizeof *a->rows);
    }
    assert_int_equal(back.gaz.count, m.gaz.count);
    assert_int_equal(back.lex.count, 5);
    assert_memory_equal(back.lex.key, m.lex.key, m.lex.cap * sizeof *m.lex.key);
    assert_memory_equal(back.lex.mask, m.lex.mask, m.lex.cap);
    assert_int_equal(back.cl.count, 5);
    assert_int_equal(back.cl.levels, 3);
    for (int i = 0; i < 5; i++)
        assert_memory_equal(cluster_of(&back.cl, words[i]), cluster_of(&m.cl, words[i]), 3 * sizeof(uint16_t));
    ng_ner_score s1, s2;
    uint8_t *pred = malloc(c.ntok);
    assert_non_null(pred);
    assert_int_equal(ng_ner_evaluate(&m, &c, 0, pred, &s1, &err), NG_OK);
    assert_int_equal(ng_ner_evaluate(&back, &c, 0, pred, &s2, &err), NG_OK);
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
    /* a bad cluster count behind a right checksum: the section starts
     * after the header, transitions, gazetteer and lexicon */
    size_t at = 8 + 7 * 4 + 2 * (NG_NER_TAGS + 1) * NG_NER_TAGS * 4; /* two passes' transitions */
    at += 4 + (size_t)m.gaz.count * 12 + 4 + (size_t)m.lex.count * 12 + 4; /* at k[0] */
    assert_int_equal(bytes[at], 4);
    bytes[at] = 1;
    uint32_t crc = ng_crc32(bytes, len - 4);
    for (int b = 0; b < 4; b++) bytes[len - 4 + b] = (unsigned char)(crc >> (8 * b));
    assert_int_equal(ng_ner_model_load(bytes, len, &back, &err), NG_E_MODEL);
    assert_non_null(strstr(err.message, "cluster"));
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
        cmocka_unit_test(test_training_options),
        cmocka_unit_test(test_model_file), cmocka_unit_test(test_shared_dev),
        cmocka_unit_test(test_cluster_learn), cmocka_unit_test(test_cluster_section_corrupt),
        cmocka_unit_test(test_doc_features),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
