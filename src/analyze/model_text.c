/* model_text.c - the line fields of the analysis stage's text model files
 * (see model_text.h). */
#include "analyze/model_text.h"

#include <math.h>
#include <stdlib.h>

int ng_mt_next_field(const char *line, size_t n, size_t *i, char *buf)
{
    while (*i < n && (line[*i] == ' ' || line[*i] == '\t')) (*i)++;
    size_t k = 0;
    while (*i < n && line[*i] != ' ' && line[*i] != '\t') {
        if (k + 1 >= NG_MT_FIELD_MAX) return 0;
        buf[k++] = line[(*i)++];
    }
    buf[k] = 0;
    return k > 0;
}

int ng_mt_parse_weight(const char *s, float *w)
{
    char *end;
    double v = strtod(s, &end);
    if (*end || end == s || !isfinite(v) || fabs(v) > NG_MT_WEIGHT_MAX) return -1;
    *w = (float)v;
    return 0;
}
