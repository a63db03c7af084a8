/* train.c - `nutgraf train`: trains the learned summarizer on JSON Lines
 * records with reference highlights (gzip or plain) and writes a model. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/lines.h"

#define TUNE_EVERY 20 /* every 20th record is held back to choose the plan */

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf train --data FILE.jsonl[.gz] --out MODEL [OPTIONS]\n"
"\n"
"Trains the learned highlight model: each record's sentences get features\n"
"and a label from the greedy ROUGE oracle against its \"highlights\";\n"
"gradient-boosted trees are trained with XGBoost (libxgboost is needed for\n"
"training only); then every %dth record, held back from training, is used to\n"
"choose how many bullets to take and when to stop.  The model file is\n"
"versioned and checksummed.  Training is deterministic for the same data\n"
"and options.\n"
"\n"
"Options:\n"
"  -d, --data FILE      training records (JSON Lines, optionally gzip)\n"
"  -o, --out MODEL      where to write the model\n"
"      --max-docs N     use the first N records only\n"
"      --rounds N       boosting rounds (default 60)\n"
"      --depth N        tree depth (default 4)\n"
"      --eta X          learning rate (default 0.3)\n"
"      --threads N      XGBoost threads (default 2)\n"
"      --seed N         random seed (default 42)\n"
"      --objective S    binary:logistic (default) or rank:pairwise\n"
"      --drop GROUP     hold a feature group constant, for ablations: position,\n"
"                       length, centrality or content (repeatable)\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 success; 1 unreadable data; 2 bad command line; 4 internal\n"
"error; 5 training failed (for example libxgboost missing).\n", TUNE_EVERY);
}

typedef struct train_args {
    const char *data, *out;
    long max_docs;
    ng_train_options opts;
} train_args;

static int parse_args(int argc, char **argv, train_args *a)
{
    static const struct option opts[] = {
        {"data", required_argument, 0, 'd'}, {"out", required_argument, 0, 'o'},
        {"max-docs", required_argument, 0, 'M'}, {"rounds", required_argument, 0, 'r'},
        {"depth", required_argument, 0, 'D'}, {"eta", required_argument, 0, 'e'},
        {"threads", required_argument, 0, 't'}, {"seed", required_argument, 0, 's'},
        {"objective", required_argument, 0, 'O'}, {"drop", required_argument, 0, 'X'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    ng_train_options_init(&a->opts);
    int c;
    char *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:o:h", opts, NULL)) != -1) {
        errno = 0;
        switch (c) {
        case 'd': a->data = optarg; break;
        case 'o': a->out = optarg; break;
        case 'M': a->max_docs = strtol(optarg, &end, 10); if (*end || a->max_docs <= 0) goto bad; break;
        case 'r': a->opts.rounds = (int)strtol(optarg, &end, 10); if (*end || a->opts.rounds <= 0 || a->opts.rounds > 100000) goto bad; break;
        case 'D': a->opts.max_depth = (int)strtol(optarg, &end, 10); if (*end || a->opts.max_depth <= 0 || a->opts.max_depth > 20) goto bad; break;
        case 'e': a->opts.eta = strtod(optarg, &end); if (*end || a->opts.eta <= 0 || a->opts.eta > 1) goto bad; break;
        case 't': a->opts.threads = (int)strtol(optarg, &end, 10); if (*end || a->opts.threads <= 0) goto bad; break;
        case 's': a->opts.seed = (unsigned)strtoul(optarg, &end, 10); if (*end) goto bad; break;
        case 'O': a->opts.objective = optarg; break;
        case 'X': {
            uint64_t m = ng_feature_group_mask(optarg);
            if (!m) goto bad;
            a->opts.drop_features |= m;
            break;
        }
        case 'h': usage(stdout); return 1;
        default: fprintf(stderr, "nutgraf train: see 'nutgraf train --help'\n"); return -1;
        }
    }
    if (!a->data || !a->out) {
        fprintf(stderr, "nutgraf train: --data and --out are required (see --help)\n");
        return -1;
    }
    return 0;
bad:
    fprintf(stderr, "nutgraf train: invalid value '%s' (see --help)\n", optarg);
    return -1;
}

/* Reads every record into the trainer.  Returns an exit status. */
static int feed(ng_trainer *t, const train_args *a, size_t *used, size_t *skipped)
{
    ng_line_reader r;
    if (ng_line_reader_open(&r, a->data, NG_DEFAULT_MAX_BYTES)) {
        fprintf(stderr, "nutgraf train: %s: cannot open: %s\n", a->data, strerror(errno));
        return NG_EXIT_INPUT;
    }
    ng_read_options ro = {NG_FORMAT_JSON, 0};
    int rc, tty = ng_stderr_is_tty();
    size_t n = 0;
    while ((rc = ng_line_reader_next(&r)) == 1 && (a->max_docs == 0 || (long)n < a->max_docs)) {
        if (r.too_long || r.len == 0) continue;
        ng_doc *doc = NULL;
        ng_error err;
        n++;
        if (ng_doc_read(r.buf, r.len, &ro, &doc, &err) == NG_OK &&
            ng_trainer_add(t, doc, n % TUNE_EVERY == 0, &err) == NG_OK)
            (*used)++;
        else
            (*skipped)++;
        ng_doc_free(doc);
        if (tty && n % 1000 == 0) fprintf(stderr, "\rnutgraf train: %zu records", n);
    }
    if (tty) fputc('\n', stderr);
    ng_line_reader_free(&r);
    if (rc < 0) {
        fprintf(stderr, "nutgraf train: %s: read error\n", a->data);
        return NG_EXIT_INPUT;
    }
    return NG_EXIT_OK;
}

int ng_cmd_train(int argc, char **argv)
{
    train_args a;
    int p = parse_args(argc, argv, &a);
    if (p) return p > 0 ? NG_EXIT_OK : NG_EXIT_USAGE;
    ng_trainer *t = NULL;
    ng_error err;
    if (ng_trainer_new(&a.opts, &t, &err) != NG_OK) {
        fprintf(stderr, "nutgraf train: %s\n", err.message);
        return ng_exit_for(err.status);
    }
    size_t used = 0, skipped = 0;
    time_t t0 = time(NULL);
    int rc = feed(t, &a, &used, &skipped);
    ng_model *m = NULL;
    if (rc == NG_EXIT_OK && ng_trainer_fit(t, &m, &err) != NG_OK) {
        fprintf(stderr, "nutgraf train: %s\n", err.message);
        rc = ng_exit_for(err.status);
    }
    if (rc == NG_EXIT_OK && ng_model_save(m, a.out, &err) != NG_OK) {
        fprintf(stderr, "nutgraf train: %s\n", err.message);
        rc = NG_EXIT_INPUT;
    }
    if (rc == NG_EXIT_OK) {
        char desc[160];
        printf("%s", ng_trainer_report(t));
        printf("records used %zu, skipped %zu; %s; %ld s\nwrote %s\n", used, skipped,
               ng_model_describe(m, desc, sizeof desc), (long)(time(NULL) - t0), a.out);
    }
    ng_model_free(m);
    ng_trainer_free(t);
    return rc;
}
