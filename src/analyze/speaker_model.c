/* speaker_model.c - reads the speaker ranker's text model (models/speaker.txt,
 * written by bench/train_speakers.c and embedded at build time):
 *
 *   # nutgraf speaker model 1 ...
 *   window 2
 *   groups 63
 *   dist 17 0.52
 *
 * '#' lines after the first are comments; every other line must be one of
 * the three forms, with a known template, a value below NG_SPK_VALUES and
 * a finite weight.  The parser treats the bytes as outside input: no NUL
 * is needed, nothing is read past n, any malformed line refuses the file.
 * The built-in model is parsed once (pthread_once) and then only read. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/speaker.h"
#include "analyze/model_text.h"

#define HEADER "# nutgraf speaker model 1"

extern const unsigned char ng_speaker_model_bytes[];
extern const size_t ng_speaker_model_bytes_len;

/* A whole decimal integer in [lo, hi], or -1. */
static long parse_int(const char *s, long lo, long hi)
{
    char *end;
    long v = strtol(s, &end, 10);
    return *end || end == s || v < lo || v > hi ? -1 : v;
}

static int template_index(const char *name)
{
    for (int t = 0; t < NG_SPK_TEMPLATES; t++)
        if (!strcmp(name, ng_speaker_template_name(t))) return t;
    return -1;
}

/* One line that is not a comment; 0 or -1. */
static int parse_line(const char *line, size_t n, ng_speaker_model *m)
{
    char a[NG_MT_FIELD_MAX], b[NG_MT_FIELD_MAX], c[NG_MT_FIELD_MAX], d[NG_MT_FIELD_MAX];
    size_t i = 0;
    if (!ng_mt_next_field(line, n, &i, a) || !ng_mt_next_field(line, n, &i, b)) return -1;
    int has_c = ng_mt_next_field(line, n, &i, c);
    if (i < n && ng_mt_next_field(line, n, &i, d)) return -1;
    if (!has_c && !strcmp(a, "window")) return (m->window = (int)parse_int(b, 1, 5)) < 0 ? -1 : 0;
    if (!has_c && !strcmp(a, "groups")) {
        long g = parse_int(b, 0, NG_SPK_G_ALL);
        m->groups = (unsigned)g;
        return g < 0 ? -1 : 0;
    }
    int t = has_c ? template_index(a) : -1;
    long v = t < 0 ? -1 : parse_int(b, 0, NG_SPK_VALUES - 1);
    return v < 0 ? -1 : ng_mt_parse_weight(c, &m->w[t][v]);
}

int ng_speaker_model_parse(const char *s, size_t n, ng_speaker_model *m)
{
    if (!s || !m) return -1;
    memset(m, 0, sizeof *m);
    m->window = 2;
    m->groups = NG_SPK_G_ALL;
    size_t hl = strlen(HEADER);
    if (n < hl || memcmp(s, HEADER, hl)) return -1;
    const char *nl = memchr(s, '\n', n);
    for (size_t a = nl ? (size_t)(nl - s) + 1 : n; a < n;) {
        nl = memchr(s + a, '\n', n - a);
        size_t e = nl ? (size_t)(nl - s) : n;
        size_t len = e - a;
        if (len && s[e - 1] == '\r') len--;
        if (len && s[a] != '#' && parse_line(s + a, len, m) < 0) return -1;
        a = e + 1;
    }
    return 0;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static ng_speaker_model builtin; /* written once under pthread_once, then only read */
static int builtin_ok;

static void load_builtin(void)
{
    builtin_ok = ng_speaker_model_parse((const char *)ng_speaker_model_bytes, ng_speaker_model_bytes_len,
                                        &builtin) == 0;
}

const ng_speaker_model *ng_speaker_model_default(void)
{
    pthread_once(&once, load_builtin);
    return builtin_ok ? &builtin : NULL;
}
