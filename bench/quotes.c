/* quotes.c - measures the quote finder by pattern: the hand-made cases
 * (tests/fixtures/quotes/cases.jsonl), textacy's direct-quotation cases, the
 * quotations marked in GUM's Wikinews articles and the example story; prints
 * detection precision and recall, speaker and partial-flag accuracy per
 * pattern (see quote_eval.h and quote_gum.h for how each source is matched).
 *
 * Then issue 11's figures with its word-share matching rule
 * (quote_match.h): for PolNeAR's test split (quote_polnear.h; speaker as
 * written) and GUM (no speakers marked), direct and reported recall and
 * precision, speaker accuracy over found quotes with a speaker and
 * end-to-end accuracy (found with the right speaker over all quotes with
 * a speaker); PolNeAR twice, with the rules' speakers (main's) and with
 * the learned ranker's (speaker_rank.c).
 *
 * Usage: build/bench/quotes [-v] [-p SPLIT]
 *   -v        list every miss and false report of the pattern table
 *   -p SPLIT  PolNeAR split to score (train, dev or test; default test)
 *   -P        list PolNeAR's misses, false reports and wrong speakers
 * Data comes from NG_SHARED (default ../shared) and NG_ROOT (default .); a
 * missing set is skipped.
 */
#include <stdio.h>
#include <string.h>

#include "quote_gum.h"
#include "quote_polnear.h"

int main(int argc, char **argv)
{
    FILE *log = NULL, *plog = NULL;
    const char *split = "test";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v")) log = stdout;
        else if (!strcmp(argv[i], "-p") && i + 1 < argc) split = argv[++i];
        else if (!strcmp(argv[i], "-P")) plog = stdout;
        else {
            fprintf(stderr, "usage: quotes [-v] [-P] [-p train|dev|test]\n");
            return 2;
        }
    }
    static qe_table t;
    char path[4096];
    size_t cases, right;
    qe_path(path, sizeof path, "NG_ROOT", ".", "tests/fixtures/quotes/cases.jsonl");
    if (qe_hand_file(path, &t, &cases, &right, log) < 0) printf("skipped: no %s\n", path);
    else printf("hand cases: %zu/%zu fully right\n", right, cases);
    if (qe_textacy(&t, log) < 0) printf("skipped: textacy cases not under NG_SHARED\n");
    qg_result g;
    if (qg_gum(&t, &g, log) < 0) printf("skipped: data/gum-news not under NG_SHARED\n");
    else printf("GUM: %zu articles, %zu gold pieces not in the body, %zu of %zu <q> spans reported as quotes\n",
                g.articles, g.not_in_body, g.q_reported, g.q_spans);
    int ex = qe_example(&t, log);
    if (ex < 0) printf("skipped: example story or its expectations missing\n");
    qe_print(&t, stdout);
    for (qp_rules = 1; qp_rules >= 0; qp_rules--) {
        qm_counts pc;
        if (qp_polnear(split, &pc, qp_rules ? NULL : plog) < 0) {
            printf("skipped: PolNeAR %s split not under NG_SHARED\n", split);
            break;
        }
        char name[96];
        snprintf(name, sizeof name, "polnear %s (%zu articles, %s speakers)", split, pc.docs,
                 qp_rules ? "rules'" : "ranked");
        qm_print(name, &pc, 2, stdout);
    }
    if (g.articles) {
        qm_print("gum (marked articles)", &g.rule, 1, stdout);
        printf("gum (marked articles) reported: %zu reported quotes (GUM marks no reported speech)\n", g.rule.sys[1]);
    }
    return 0;
}
