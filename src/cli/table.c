/* table.c - CSV, TSV and Markdown cells for --format (see table.h). */
#include "cli/table.h"

#include <string.h>

int ng_out_format_parse(const char *name, ng_out_format *out)
{
    if (!strcmp(name, "markdown") || !strcmp(name, "md")) *out = NG_OUT_MARKDOWN;
    else if (!strcmp(name, "csv")) *out = NG_OUT_CSV;
    else if (!strcmp(name, "tsv")) *out = NG_OUT_TSV;
    else return -1;
    return 0;
}

/* CSV: quoted when the cell holds a comma, a quote or a line break. */
static void csv_cell(ng_jbuf *b, const char *s, size_t len)
{
    int quote = 0;
    for (size_t i = 0; i < len && !quote; i++) quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        ng_jbuf_put(b, s, len);
        return;
    }
    ng_jbuf_put(b, "\"", 1);
    size_t from = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '"') {
            ng_jbuf_put(b, s + from, i + 1 - from); /* the quote, then its double */
            ng_jbuf_put(b, "\"", 1);
            from = i + 1;
        }
    ng_jbuf_put(b, s + from, len - from);
    ng_jbuf_put(b, "\"", 1);
}

/* TSV has no quoting: tabs and line breaks become spaces. */
static void tsv_cell(ng_jbuf *b, const char *s, size_t len)
{
    size_t from = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
            ng_jbuf_put(b, s + from, i - from);
            ng_jbuf_put(b, " ", 1);
            from = i + 1;
        }
    ng_jbuf_put(b, s + from, len - from);
}

void ng_table_cell(ng_jbuf *b, ng_out_format f, int first, const char *s, size_t len)
{
    if (!first) ng_jbuf_put(b, f == NG_OUT_TSV ? "\t" : ",", 1);
    if (!s) return;
    if (f == NG_OUT_TSV) tsv_cell(b, s, len);
    else csv_cell(b, s, len);
}

void ng_table_end_row(ng_jbuf *b, ng_out_format f)
{
    (void)f; /* CSV and TSV rows both end in a line feed */
    ng_jbuf_puts(b, "\n");
}

void ng_table_header(ng_jbuf *b, ng_out_format f, const char *const *names)
{
    for (size_t i = 0; names[i]; i++) ng_table_cell(b, f, i == 0, names[i], strlen(names[i]));
    ng_table_end_row(b, f);
}

void ng_markdown_text(ng_jbuf *b, const char *s, size_t len)
{
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!strchr("\\`*_[]<>|\n\r", c) || c == '\0') continue;
        ng_jbuf_put(b, s + from, i - from);
        if (c == '\n' || c == '\r') ng_jbuf_put(b, " ", 1);
        else {
            ng_jbuf_put(b, "\\", 1);
            ng_jbuf_put(b, &c, 1);
        }
        from = i + 1;
    }
    ng_jbuf_put(b, s + from, len - from);
}
