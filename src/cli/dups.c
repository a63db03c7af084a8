/* dups.c - `nutgraf dups --db PATH [--threshold J] [--json]`: groups of
 * near-duplicate stories in the archive (MinHash with LSH bands, checked by
 * the exact word-shingle Jaccard). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/archive_cli.h"
#include "cli/cli.h"
#include "output/jbuf.h"

typedef struct dups_args {
    const char *db;
    double threshold;
    int json;
    size_t groups;
} dups_args;

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf dups --db PATH [--threshold J] [--json]\n"
"\n"
"Prints the groups of near-duplicate stories in the archive, one a line: the\n"
"lowest similarity inside the group, then the ids in stored order.  Two\n"
"stories are near-duplicates when the Jaccard similarity of their sets of\n"
"word 4-shingles (four consecutive words, case folded) is at least J.\n"
"Candidates are found with MinHash (100 hashes in 20 bands of 5), so the\n"
"work grows with the archive, not with its square; every candidate pair is\n"
"then checked with the exact Jaccard.  Pairs near J = 0.5 or lower may be\n"
"missed by the bands; at J >= 0.8 a pair is missed with odds under 1 in 1000.\n"
"\n"
"Options:\n"
"      --db PATH       the archive (required): an SQLite file, or a\n"
"                      postgresql://USER@HOST:PORT/DB URI for PostgreSQL\n"
"      --threshold J   0 < J <= 1 (default 0.8)\n"
"      --json          one JSON line per group: {\"ids\": [...], \"similarity\"}\n"
"  -h, --help          show this help\n"
"\n"
"Exit status: 0 success; 1 the archive could not be used; 2 bad command\n"
"line; 4 out of memory.\n");
}

static int parse_args(int argc, char **argv, dups_args *a)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'D'}, {"json", no_argument, 0, 'j'},
        {"threshold", required_argument, 0, 't'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    memset(a, 0, sizeof *a);
    a->threshold = 0.8;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'D': a->db = optarg; break;
        case 'j': a->json = 1; break;
        case 't':
            a->threshold = strtod(optarg, &end);
            if (!*optarg || *end || !(a->threshold > 0 && a->threshold <= 1)) {
                fprintf(stderr, "nutgraf dups: invalid value '%s' for --threshold (0 < J <= 1)\n", optarg);
                return -1;
            }
            break;
        case 'h': usage(stdout); return 1;
        default:
            fprintf(stderr, "nutgraf dups: see 'nutgraf dups --help'\n");
            return -1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "nutgraf dups: unexpected argument '%s' (see --help)\n", argv[optind]);
        return -1;
    }
    return 0;
}

static int print_group(void *ctx, const char *const *ids, size_t count, double similarity)
{
    dups_args *a = ctx;
    a->groups++;
    if (!a->json) {
        printf("%.3f", similarity);
        for (size_t i = 0; i < count; i++) printf(" %s", ids[i]);
        putchar('\n');
        return 0;
    }
    ng_jbuf b;
    ng_jbuf_init(&b);
    ng_jbuf_puts(&b, "{\"ids\":[");
    for (size_t i = 0; i < count; i++) {
        if (i) ng_jbuf_puts(&b, ",");
        ng_jbuf_string(&b, ids[i], strlen(ids[i]));
    }
    ng_jbuf_printf(&b, "],\"similarity\":%.4f}\n", similarity);
    int failed = b.failed;
    if (!failed) fwrite(b.data, 1, b.len, stdout);
    ng_jbuf_free(&b);
    return failed;
}

int ng_cmd_dups(int argc, char **argv)
{
    dups_args args;
    int p = parse_args(argc, argv, &args);
    if (p) return p > 0 ? NG_EXIT_OK : NG_EXIT_USAGE;
    int status = NG_EXIT_OK;
    ng_archive *a = ng_cli_archive_open("dups", args.db, &status);
    if (!a) return status;
    ng_error err = {NG_OK, 0, ""};
    ng_status st = ng_archive_dups(a, args.threshold, print_group, &args, &err);
    if (st != NG_OK) {
        fprintf(stderr, "nutgraf dups: %s\n", err.message);
        status = ng_exit_for(st);
    }
    ng_archive_close(a);
    return status;
}
