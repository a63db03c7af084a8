/* train_ner.c - `nutgraf train-ner` (trains the named-entity tagger on
 * CoNLL-2003 files with optional word clusters from `nutgraf ner-clusters`,
 * keeping the epoch with the best dev F1) and
 * `nutgraf eval-ner` (conlleval-style scores of a model on a CoNLL file). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyze/ner.h"
#include "cli/cli.h"

#define CONLL_MAX_BYTES ((size_t)512 * 1024 * 1024)

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The bytes of a file of at most CONLL_MAX_BYTES (the caller frees them),
 * or NULL with the reason printed and the exit status in *rc. */
static char *read_bounded(const char *cmd, const char *path, size_t *len, int *rc)
{
    ng_error err = {0};
    char *bytes = ng_read_file(path, CONLL_MAX_BYTES, len, &err);
    if (!bytes) {
        ng_report(cmd, path, &err);
        *rc = ng_exit_for(err.status);
        return NULL;
    }
    if (*len > CONLL_MAX_BYTES) {
        free(bytes);
        fprintf(stderr, "nutgraf %s: %s: over %zu bytes\n", cmd, path, CONLL_MAX_BYTES);
        *rc = NG_EXIT_INPUT;
        return NULL;
    }
    return bytes;
}

/* Reads a lexicon file into lex; an exit status. */
static int read_lexicon(const char *path, ng_ner_gaz *lex)
{
    size_t len = 0;
    int rc = NG_EXIT_OK;
    char *bytes = read_bounded("train-ner", path, &len, &rc);
    if (!bytes) return rc;
    ng_error err = {0};
    ng_status st = ng_ner_lex_parse(bytes, len, lex, &err);
    free(bytes);
    if (st) {
        ng_ner_gaz_free(lex);
        ng_report("train-ner", path, &err);
        return ng_exit_for(st);
    }
    return NG_EXIT_OK;
}

static int read_conll(const char *cmd, const char *path, ng_ner_corpus *c)
{
    size_t len = 0;
    int rc = NG_EXIT_OK;
    char *bytes = read_bounded(cmd, path, &len, &rc);
    if (!bytes) return rc;
    ng_error err = {0};
    ng_status st = ng_conll_parse(bytes, len, c, &err);
    free(bytes);
    if (st) {
        ng_report(cmd, path, &err);
        return ng_exit_for(st);
    }
    if (!c->nsent) {
        ng_conll_free(c);
        fprintf(stderr, "nutgraf %s: %s: no sentences\n", cmd, path);
        return NG_EXIT_INPUT;
    }
    return NG_EXIT_OK;
}

static void print_scores(FILE *out, const ng_ner_score *s)
{
    double p, r, f;
    ng_ner_score_prf(s, NG_NER_TYPES, &p, &r, &f);
    fprintf(out, "processed %zu tokens with %zu phrases; found: %zu phrases; correct: %zu.\n", s->tokens,
            s->gold[NG_NER_TYPES], s->pred[NG_NER_TYPES], s->correct[NG_NER_TYPES]);
    fprintf(out, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
            s->tokens ? 100.0 * (double)s->tokens_correct / (double)s->tokens : 0.0, p, r, f);
    for (int t = 0; t < NG_NER_TYPES; t++) {
        ng_ner_score_prf(s, t, &p, &r, &f);
        fprintf(out, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %zu\n", ng_ner_type_name(t), p, r,
                f, s->pred[t]);
    }
}

static void train_usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf train-ner --train FILE --dev FILE --out MODEL [OPTIONS]\n"
"\n"
"Trains the named-entity tagger (PER, ORG, LOC, MISC) on CoNLL-2003 files\n"
"(`word POS chunk NER` a line, IOB1 or IOB2 tags): an averaged structured\n"
"perceptron over hashed features (word clusters among them, with\n"
"--clusters, and names from outside the training data, with --lexicon),\n"
"then by default a second pass over the first pass's tags of\n"
"the whole document.  Prints the dev F1 after each epoch and keeps each\n"
"pass's best epoch.  Training is deterministic for the same options.\n"
"\n"
"Options:\n"
"  -t, --train FILE     training data\n"
"  -d, --dev FILE       development data (to choose the epoch)\n"
"  -o, --out MODEL      where to write the model\n"
"  -c, --clusters FILE  word clusters from `nutgraf ner-clusters`, stored in\n"
"                       the model (default: none)\n"
"  -l, --lexicon FILE   names from `nutgraf ner-lexicon` (\"TYPE<TAB>phrase\"\n"
"                       lines), stored in the model (default: none)\n"
"  -e, --epochs N       epochs of each pass (default 10)\n"
"      --passes N       1, or 2 (default): a second pass that retags each\n"
"                       story with document-level features (what the same\n"
"                       words and phrases were tagged as elsewhere in it)\n"
"      --bits N         2^N feature buckets (default %d)\n"
"      --seed N         shuffle seed (default 42)\n"
"      --members N      each pass the average of N perceptrons trained with\n"
"                       shuffle seeds S, S+1, ... for --seed S (default 1)\n"
"      --folds N        the second pass learns from first-pass tags of models\n"
"                       each trained without one of N folds of the documents\n"
"                       (default 2)\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 success; 1 unreadable data or a bad lexicon line; 2 bad\n"
"command line; 4 internal error; 5 a bad cluster file.\n", NG_NER_DEFAULT_BITS);
}

static void on_epoch(void *ctx, int pass, int epoch, double f1, const ng_ner_score *dev)
{
    (void)dev;
    double *t0 = ctx;
    const char *what = pass == 0 ? "jackknife" : pass == 1 ? "pass 1" : "pass 2";
    if (f1 >= 0) printf("%-9s epoch %2d  dev F1 %6.2f  (%.1fs)\n", what, epoch, f1, now_s() - *t0);
    else printf("%-9s epoch %2d  (%.1fs)\n", what, epoch, now_s() - *t0);
    fflush(stdout);
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

int ng_cmd_train_ner(int argc, char **argv)
{
    static const struct option opts[] = {
        {"train", required_argument, 0, 't'}, {"dev", required_argument, 0, 'd'},
        {"out", required_argument, 0, 'o'},   {"epochs", required_argument, 0, 'e'},
        {"bits", required_argument, 0, 'b'},  {"seed", required_argument, 0, 's'},
        {"clusters", required_argument, 0, 'c'}, {"passes", required_argument, 0, 'p'},
        {"members", required_argument, 0, 'm'}, {"folds", required_argument, 0, 'F'},
        {"lexicon", required_argument, 0, 'l'},
        {"help", no_argument, 0, 'h'},        {0, 0, 0, 0}};
    const char *train = NULL, *dev = NULL, *outp = NULL, *clusters = NULL, *lexicon = NULL;
    ng_ner_train_options to;
    memset(&to, 0, sizeof to);
    to.epochs = 10;
    to.bits = NG_NER_DEFAULT_BITS;
    to.seed = 42;
    to.passes = 2;
    optind = 1;
    int c;
    long v;
    while ((c = getopt_long(argc, argv, "t:d:o:e:c:l:h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': clusters = optarg; break;
        case 'l': lexicon = optarg; break;
        case 'p':
            if (parse_long(optarg, 1, 2, &v)) goto bad;
            to.passes = (int)v;
            break;
        case 'm':
            if (parse_long(optarg, 1, 64, &v)) goto bad;
            to.members = (int)v;
            break;
        case 'F':
            if (parse_long(optarg, 2, 20, &v)) goto bad;
            to.folds = (int)v;
            break;
        case 't': train = optarg; break;
        case 'd': dev = optarg; break;
        case 'o': outp = optarg; break;
        case 'e':
            if (parse_long(optarg, 1, 1000, &v)) goto bad;
            to.epochs = (int)v;
            break;
        case 'b':
            if (parse_long(optarg, 8, 24, &v)) goto bad;
            to.bits = (uint32_t)v;
            break;
        case 's':
            if (parse_long(optarg, 1, 0x7fffffffL, &v)) goto bad;
            to.seed = (uint32_t)v;
            break;
        case 'h': train_usage(stdout); return NG_EXIT_OK;
        default: train_usage(stderr); return NG_EXIT_USAGE;
        }
    }
    if (!train || !outp || optind != argc) {
        train_usage(stderr);
        return NG_EXIT_USAGE;
    }
    ng_ner_gaz lex;
    memset(&lex, 0, sizeof lex);
    if (lexicon) {
        int lrc = read_lexicon(lexicon, &lex);
        if (lrc) return lrc;
        to.lexicon = &lex;
    }
    ng_ner_clusters cl;
    memset(&cl, 0, sizeof cl);
    if (clusters) {
        ng_error cerr = {0};
        ng_status cst = ng_ner_clusters_load_file(clusters, &cl, &cerr);
        if (cst) {
            ng_report("train-ner", clusters, &cerr);
            ng_ner_gaz_free(&lex);
            return cst == NG_E_IO ? NG_EXIT_INPUT : ng_exit_for(cst);
        }
        to.clusters = &cl;
    }
    ng_ner_corpus tc, dc;
    memset(&dc, 0, sizeof dc);
    int rc = read_conll("train-ner", train, &tc);
    if (rc) {
        ng_ner_clusters_free(&cl);
        ng_ner_gaz_free(&lex);
        return rc;
    }
    if (dev && (rc = read_conll("train-ner", dev, &dc))) {
        ng_conll_free(&tc);
        ng_ner_clusters_free(&cl);
        ng_ner_gaz_free(&lex);
        return rc;
    }
    printf("train: %zu sentences, %zu tokens%s\n", tc.nsent, tc.ntok, dev ? "" : " (no dev: keeping the last epoch)");
    fflush(stdout);
    double t0 = now_s();
    to.on_epoch = on_epoch;
    to.ctx = &t0;
    ng_ner_model m;
    ng_error err = {0};
    int best = 0;
    ng_status st = ng_ner_train(&tc, dev ? &dc : NULL, &to, &m, &best, &err);
    if (!st) {
        st = ng_ner_model_save_file(&m, outp, &err);
        if (!st) printf("kept epoch %d; wrote %s\n", best, outp);
        ng_ner_model_free(&m);
    }
    if (st) ng_report("train-ner", outp, &err);
    ng_ner_clusters_free(&cl);
    ng_ner_gaz_free(&lex);
    ng_conll_free(&tc);
    ng_conll_free(&dc);
    return st ? ng_exit_for(st) : NG_EXIT_OK;
bad:
    fprintf(stderr, "nutgraf train-ner: bad value '%s' for --%s\n", optarg,
            c == 'e' ? "epochs" : c == 'b' ? "bits" : c == 'p' ? "passes" : c == 'm' ? "members" : c == 'F' ? "folds" : "seed");
    return NG_EXIT_USAGE;
}

/* Writes each token as "word gold predicted" (IOB2), a blank line after
 * each sentence: what conlleval reads.  Prints why and returns -1 on
 * failure. */
static int write_tagged(const char *path, const ng_ner_corpus *c, const uint8_t *pred)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "nutgraf eval-ner: %s: cannot create: %s\n", path, strerror(errno));
        return -1;
    }
    for (size_t s = 0; s < c->nsent; s++) {
        for (size_t i = c->sent[s].first; i < c->sent[s].first + c->sent[s].n; i++)
            fprintf(f, "%s %s %s\n", c->word[i], ng_ner_tag_name(c->gold[i]), ng_ner_tag_name(pred[i]));
        fputc('\n', f);
    }
    if (ferror(f) | fclose(f)) {
        fprintf(stderr, "nutgraf eval-ner: %s: write error\n", path);
        return -1;
    }
    return 0;
}

static void eval_usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf eval-ner --model MODEL FILE\n"
"\n"
"Tags a CoNLL-2003 file (IOB1 or IOB2 gold tags) with the named-entity model\n"
"and prints conlleval-style precision, recall and F1, overall and by type,\n"
"and the tagging speed in tokens per second.\n"
"\n"
"Options:\n"
"  -m, --model MODEL  the model written by train-ner\n"
"      --passes N     1: score the first pass only (what `nutgraf analyze`\n"
"                     runs by default); 2 (default): every pass\n"
"  -o, --output FILE  also write each token as \"word gold predicted\", a blank\n"
"                     line between sentences (conlleval's input)\n"
"  -h, --help         show this help\n"
"\n"
"Exit status: 0 success; 1 unreadable data or the output cannot be written;\n"
"2 bad command line; 5 bad model.\n");
}

int ng_cmd_eval_ner(int argc, char **argv)
{
    static const struct option opts[] = {
        {"model", required_argument, 0, 'm'}, {"passes", required_argument, 0, 'p'},
        {"output", required_argument, 0, 'o'}, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    const char *model = NULL, *outp = NULL;
    int out_rc = NG_EXIT_OK;
    int passes = 0;
    long v;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "m:o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'm': model = optarg; break;
        case 'o': outp = optarg; break;
        case 'p':
            if (parse_long(optarg, 1, 2, &v)) {
                fprintf(stderr, "nutgraf eval-ner: invalid value '%s' for --passes (1 or 2)\n", optarg);
                return NG_EXIT_USAGE;
            }
            passes = (int)v;
            break;
        case 'h': eval_usage(stdout); return NG_EXIT_OK;
        default: eval_usage(stderr); return NG_EXIT_USAGE;
        }
    }
    if (!model || optind + 1 != argc) {
        eval_usage(stderr);
        return NG_EXIT_USAGE;
    }
    ng_ner_model m;
    ng_error err = {0};
    ng_status st = ng_ner_model_load_file(model, &m, &err);
    if (st) {
        ng_report("eval-ner", model, &err);
        return ng_exit_for(st);
    }
    ng_ner_corpus cor;
    int rc = read_conll("eval-ner", argv[optind], &cor);
    if (rc) {
        ng_ner_model_free(&m);
        return rc;
    }
    uint8_t *pred = malloc(cor.ntok + 1);
    ng_ner_score sc;
    double t0 = now_s();
    st = pred ? ng_ner_evaluate(&m, &cor, passes, pred, &sc, &err) : NG_E_NOMEM;
    double dt = now_s() - t0;
    if (!st) {
        print_scores(stdout, &sc);
        if (outp && write_tagged(outp, &cor, pred)) out_rc = ng_exit_for(NG_E_IO);
        printf("speed: %.0f tokens/s (%zu tokens in %.3fs)\n", dt > 0 ? (double)cor.ntok / dt : 0.0, cor.ntok, dt);
    } else {
        if (!pred) snprintf(err.message, sizeof err.message, "out of memory");
        ng_report("eval-ner", argv[optind], &err);
    }
    free(pred);
    ng_conll_free(&cor);
    ng_ner_model_free(&m);
    return st ? ng_exit_for(st) : out_rc;
}
