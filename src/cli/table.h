/* table.h - the --format markdown|csv|tsv outputs of summarize and analyze:
 * the format names and the cells of CSV (RFC 4180 quoting) and TSV rows
 * (tabs and line breaks in a cell become spaces). */
#ifndef NG_CLI_TABLE_H
#define NG_CLI_TABLE_H

#include <stddef.h>

#include "output/jbuf.h"

typedef enum ng_out_format {
    NG_OUT_TEXT = 0, /* the command's own text (bullets, quote lines) */
    NG_OUT_MARKDOWN,
    NG_OUT_CSV,
    NG_OUT_TSV
} ng_out_format;

/* Parses "markdown", "csv" or "tsv"; returns 0, or -1 for anything else. */
int ng_out_format_parse(const char *name, ng_out_format *out);

/* Appends one cell: a separator first unless first, then the text quoted
 * or cleaned for the format (CSV or TSV). */
void ng_table_cell(ng_jbuf *b, ng_out_format f, int first, const char *s, size_t len);

/* Appends the end of a row. */
void ng_table_end_row(ng_jbuf *b, ng_out_format f);

/* Appends a header row from a NULL-terminated list of column names. */
void ng_table_header(ng_jbuf *b, ng_out_format f, const char *const *names);

/* Appends s with Markdown's inline specials (\ ` * _ [ ] < > |) escaped and
 * line breaks as spaces. */
void ng_markdown_text(ng_jbuf *b, const char *s, size_t len);

#endif
