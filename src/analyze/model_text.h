/* model_text.h - the line fields of the analysis stage's text model files
 * (speaker.txt, reported.txt): one reader for both formats. */
#ifndef NG_MODEL_TEXT_H
#define NG_MODEL_TEXT_H

#include <stddef.h>

#define NG_MT_FIELD_MAX 48 /* longest field, NUL included */
#define NG_MT_WEIGHT_MAX 1e6

/* Copies the next space- or tab-separated field of line[*i, n) into buf
 * (NG_MT_FIELD_MAX bytes, NUL ended) and advances *i past it.  Returns 1,
 * or 0 when there is no field or it is too long. */
int ng_mt_next_field(const char *line, size_t n, size_t *i, char *buf);

/* Reads a whole finite decimal number of magnitude at most
 * NG_MT_WEIGHT_MAX into *w.  Returns 0, or -1 leaving *w alone. */
int ng_mt_parse_weight(const char *s, float *w);

#endif
