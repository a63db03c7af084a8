/* status.c - names of statuses, formats and methods, and their parsers. */
#include <string.h>

#include "nutgraf.h"

const char *ng_status_name(ng_status status)
{
    switch (status) {
    case NG_OK: return "ok";
    case NG_E_ARG: return "argument";
    case NG_E_IO: return "io";
    case NG_E_EMPTY: return "empty";
    case NG_E_BINARY: return "binary";
    case NG_E_TOO_BIG: return "too_big";
    case NG_E_JSON: return "json";
    case NG_E_FORMAT: return "format";
    case NG_E_NOMEM: return "nomem";
    case NG_E_MODEL: return "model";
    case NG_E_MISMATCH: return "mismatch";
    case NG_E_NETWORK: return "network";
    }
    return "unknown";
}

static const char *const format_names[] = {"auto", "text", "story", "json", "html"};

const char *ng_format_name(ng_format format)
{
    if ((int)format < 0 || (size_t)format >= sizeof format_names / sizeof format_names[0])
        return "unknown";
    return format_names[format];
}

ng_status ng_format_from_name(const char *name, ng_format *out)
{
    if (!name || !out) return NG_E_ARG;
    if (!strcmp(name, "jsonl")) name = "json";
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (!strcmp(name, format_names[i])) {
            *out = (ng_format)i;
            return NG_OK;
        }
    return NG_E_ARG;
}

static const char *const method_names[] = {"default", "lead", "textrank", "learned"};

const char *ng_version(void) { return NG_VERSION; }

void ng_read_options_init(ng_read_options *opts)
{
    if (!opts) return;
    memset(opts, 0, sizeof *opts);
    opts->format = NG_FORMAT_AUTO;
    opts->max_bytes = NG_DEFAULT_MAX_BYTES;
}

const char *ng_method_name(ng_method method)
{
    if ((int)method < 0 || (size_t)method >= sizeof method_names / sizeof method_names[0])
        return "unknown";
    return method_names[method];
}

ng_status ng_method_from_name(const char *name, ng_method *out)
{
    if (!name || !out) return NG_E_ARG;
    for (size_t i = 0; i < sizeof method_names / sizeof method_names[0]; i++)
        if (!strcmp(name, method_names[i])) {
            *out = (ng_method)i;
            return NG_OK;
        }
    return NG_E_ARG;
}
