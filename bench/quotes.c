/* quotes.c - measures the quote finder by pattern: the hand-made cases
 * (tests/fixtures/quotes/cases.jsonl), textacy's direct-quotation cases, the
 * quotations marked in GUM's Wikinews articles and the example story; prints
 * detection precision and recall, speaker and partial-flag accuracy per
 * pattern (see quote_eval.h and quote_gum.h for how each source is matched).
 *
 * Usage: build/bench/quotes [-v]   (-v lists every miss and false report)
 * Data comes from NG_SHARED (default ../shared) and NG_ROOT (default .); a
 * missing set is skipped.
 */
#include <stdio.h>
#include <string.h>

#include "quote_gum.h"

int main(int argc, char **argv)
{
    FILE *log = argc > 1 && !strcmp(argv[1], "-v") ? stdout : NULL;
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
    return 0;
}
