/* eval_report.h - the self-contained HTML report of `nutgraf eval`. */
#ifndef NG_CLI_EVAL_REPORT_H
#define NG_CLI_EVAL_REPORT_H

#include <stdio.h>

#include "nutgraf.h"

/* What the report says about the run besides the evaluator's scores. */
typedef struct ng_eval_report_info {
    const char *input;  /* the data file's name */
    size_t errors;      /* records that could not be scored */
    int k, max_words;   /* the options of the requested methods */
    double read_summarize_rate, score_rate; /* articles per second */
} ng_eval_report_info;

/* Writes the whole page to f: the table, a scatter of per-article ROUGE-1
 * against Lead-3's for every other system, and mean ROUGE-1 by article
 * length as grouped bars.  Inline CSS and SVG only.  res holds one result
 * per system.  Returns 0, or -1 when writing failed. */
int ng_eval_write_report(FILE *f, const ng_eval *ev, const ng_eval_result *res,
                         const ng_eval_report_info *info);

#endif
