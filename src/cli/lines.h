/* lines.h - reading JSON Lines input one bounded line at a time, from a
 * FILE or from a file that may be gzip-compressed. */
#ifndef NG_CLI_LINES_H
#define NG_CLI_LINES_H

#include <stdio.h>

typedef struct ng_line_reader {
    FILE *f;
    void *gz;         /* a gzFile when opened with ng_line_reader_open */
    char *buf; /* malloc'd, NUL-terminated line without its '\n' */
    size_t len, cap;
    size_t max;       /* longest line kept; longer ones are skipped */
    size_t line_no;   /* 1-based number of the line last read */
    int too_long;     /* the last line was over max (buf is empty) */
    char ahead[65536]; /* read-ahead */
    size_t pos, avail;
    int gz_error;
} ng_line_reader;

void ng_line_reader_init(ng_line_reader *r, FILE *f, size_t max);
/* Opens path ("-" for standard input), gzip-compressed or not.  Returns 0,
 * or -1 with errno set. */
int ng_line_reader_open(ng_line_reader *r, const char *path, size_t max);
/* Reads the next line.  Returns 1 with a line, 0 at the end, -1 when out of
 * memory or on a read error. */
int ng_line_reader_next(ng_line_reader *r);
/* Frees the buffer and closes what ng_line_reader_open opened. */
void ng_line_reader_free(ng_line_reader *r);

#endif
