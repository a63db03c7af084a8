/* ner_lexicon.c - `nutgraf ner-lexicon`: gathers names of people,
 * organizations, places and other things from word lists Debian installs
 * (WordNet and tzdata by default; iso-codes and a first-name list when
 * asked) into the "TYPE<TAB>phrase" file that `nutgraf train-ner
 * --lexicon` stores in the tagger's model. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ner.h"
#include "cli/cli.h"
#include "cli/lines.h"

#define SOURCE_MAX_BYTES ((size_t)256 * 1024 * 1024)
#define SOURCE_LINE_MAX ((size_t)1024 * 1024)

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf ner-lexicon --out FILE [OPTIONS]\n"
"\n"
"Writes the named-entity tagger's lexicon: names from outside its training\n"
"data, one \"TYPE<TAB>phrase\" line each (TYPE PER, ORG, LOC or MISC), sorted.\n"
"Give the file to `nutgraf train-ner --lexicon`, which stores it in the model.\n"
"The sources (\"none\" leaves one out):\n"
"  WordNet 3.0 (package wordnet-base): the proper nouns of data.noun by their\n"
"    lexicographer file (people PER, with their last names; groups ORG;\n"
"    locations and natural objects LOC; events, acts and writings MISC),\n"
"    capitalised nouns for people (\"American\": MISC) and groups (ORG), and\n"
"    the capitalised adjectives of data.adj (MISC);\n"
"  tzdata: the cities of zone1970.tab as LOC;\n"
"  and only when their paths are given (the shipped model leaves them out:\n"
"  they did not help on CoNLL-2003's dev set):\n"
"  iso-codes' JSON: country names (ISO 3166-1), regions (3166-2) as LOC, and\n"
"    the names of living individual languages (639-3) as MISC;\n"
"  a list of first names, one a line, as PER (miscfiles installs one as\n"
"    /usr/share/dict/propernames.gz).\n"
"\n"
"Options:\n"
"  -o, --out FILE       where to write the lexicon (\"-\": standard output)\n"
"      --wordnet DIR    WordNet's dict folder (default /usr/share/wordnet)\n"
"      --zones FILE     (default /usr/share/zoneinfo/zone1970.tab)\n"
"      --iso-codes DIR  iso-codes' JSON folder, e.g. /usr/share/iso-codes/json\n"
"                       (default none)\n"
"      --names FILE     first names, gzip or plain (default none)\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 success; 1 a source is missing or unreadable, or the output\n"
"cannot be written; 2 bad command line; 4 out of memory.\n");
}

/* The bytes of a file, gzip-compressed or not, lines joined by '\n' (the
 * caller frees them); NULL with a message printed on failure. */
static char *read_source(const char *path, size_t *len)
{
    ng_line_reader r;
    if (ng_line_reader_open(&r, path, SOURCE_LINE_MAX)) {
        fprintf(stderr, "nutgraf ner-lexicon: %s: cannot open: %s\n", path, strerror(errno));
        return NULL;
    }
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = ng_line_reader_next(&r)) == 1) {
        if (n + r.len + 2 > SOURCE_MAX_BYTES) {
            rc = -2;
            break;
        }
        if (n + r.len + 2 > cap) {
            size_t nc = cap ? cap * 2 : 65536;
            while (nc < n + r.len + 2) nc *= 2;
            char *t = realloc(buf, nc);
            if (!t) {
                rc = -1;
                break;
            }
            buf = t;
            cap = nc;
        }
        memcpy(buf + n, r.buf, r.len);
        n += r.len;
        buf[n++] = '\n';
    }
    ng_line_reader_free(&r);
    if (rc < 0) {
        fprintf(stderr, "nutgraf ner-lexicon: %s: %s\n", path, rc == -2 ? "too large" : "read error");
        free(buf);
        return NULL;
    }
    if (!buf && !(buf = malloc(1))) return NULL;
    *len = n;
    return buf;
}

static int skipped(const char *path)
{
    return !strcmp(path, "none");
}

static ng_status add_wordnet(ng_ner_names *b, const char *dir)
{
    static const char *const files[2] = {"data.noun", "data.adj"};
    for (int k = 0; k < 2; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[k]);
        size_t len;
        char *bytes = read_source(path, &len);
        if (!bytes) return NG_E_IO;
        ng_status st = ng_ner_names_add_wordnet(b, bytes, len, k);
        free(bytes);
        if (st) return st;
    }
    return NG_OK;
}

/* Adds the string members keys[] of each object of the array under `list`
 * in an iso-codes JSON file; with need_key, only objects whose need_key is
 * each of need_val (NULL-terminated pairs). */
static ng_status add_iso(ng_ner_names *b, const char *dir, const char *file, const char *list, int type,
                         const char *const *keys, const char *const *need)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    size_t len;
    char *bytes = read_source(path, &len);
    if (!bytes) return NG_E_IO;
    json_error_t je;
    json_t *root = json_loadb(bytes, len, 0, &je);
    free(bytes);
    json_t *arr = root ? json_object_get(root, list) : NULL;
    if (!json_is_array(arr)) {
        fprintf(stderr, "nutgraf ner-lexicon: %s: not iso-codes JSON (no \"%s\" list)\n", path, list);
        json_decref(root);
        return NG_E_IO;
    }
    ng_status st = NG_OK;
    size_t i;
    json_t *item;
    json_array_foreach(arr, i, item) {
        int ok = 1;
        for (const char *const *p = need; p && *p && ok; p += 2) {
            json_t *v = json_object_get(item, p[0]);
            ok = json_is_string(v) && !strcmp(json_string_value(v), p[1]);
        }
        for (const char *const *k = keys; ok && *k && !st; k++) {
            json_t *v = json_object_get(item, *k);
            if (json_is_string(v)) st = ng_ner_names_add(b, type, json_string_value(v), json_string_length(v));
        }
        if (st) break;
    }
    json_decref(root);
    return st;
}

static ng_status add_iso_codes(ng_ner_names *b, const char *dir)
{
    static const char *const country[] = {"name", "common_name", "official_name", NULL};
    static const char *const name[] = {"name", NULL};
    static const char *const living[] = {"type", "L", "scope", "I", NULL};
    ng_status st = add_iso(b, dir, "iso_3166-1.json", "3166-1", NG_NER_LOC, country, NULL);
    if (!st) st = add_iso(b, dir, "iso_3166-2.json", "3166-2", NG_NER_LOC, name, NULL);
    if (!st) st = add_iso(b, dir, "iso_639-3.json", "639-3", NG_NER_MISC, name, living);
    return st;
}

static ng_status add_file(ng_ner_names *b, const char *path, int zones)
{
    size_t len;
    char *bytes = read_source(path, &len);
    if (!bytes) return NG_E_IO;
    ng_status st = zones ? ng_ner_names_add_zones(b, bytes, len) : ng_ner_names_add_list(b, bytes, len, NG_NER_PER);
    free(bytes);
    return st;
}

static int write_out(const char *outp, const char *t, size_t len)
{
    FILE *f = strcmp(outp, "-") ? fopen(outp, "wb") : stdout;
    if (!f) {
        fprintf(stderr, "nutgraf ner-lexicon: %s: cannot create: %s\n", outp, strerror(errno));
        return ng_exit_for(NG_E_IO);
    }
    int bad = fwrite(t, 1, len, f) != len;
    bad |= f == stdout ? fflush(f) != 0 : fclose(f) != 0;
    if (bad) {
        fprintf(stderr, "nutgraf ner-lexicon: %s: write error\n", outp);
        return ng_exit_for(NG_E_IO);
    }
    return NG_EXIT_OK;
}

/* Prints how many lines of each type t has. */
static void print_counts(const char *t, size_t len, const char *outp)
{
    size_t count[NG_NER_TYPES] = {0}, lines = 0;
    for (size_t i = 0; i < len; i++) {
        if (i && t[i - 1] != '\n') continue;
        lines++;
        count[t[i] == 'P' ? 0 : t[i] == 'O' ? 1 : t[i] == 'L' ? 2 : 3]++;
    }
    fprintf(stderr, "wrote %s: %zu names (PER %zu, ORG %zu, LOC %zu, MISC %zu)\n", outp, lines, count[0], count[1],
            count[2], count[3]);
}

int ng_cmd_ner_lexicon(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, 'o'},       {"wordnet", required_argument, 0, 'w'},
        {"iso-codes", required_argument, 0, 'i'}, {"zones", required_argument, 0, 'z'},
        {"names", required_argument, 0, 'n'},     {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    const char *outp = NULL, *wordnet = "/usr/share/wordnet", *iso = "none", *zones = "/usr/share/zoneinfo/zone1970.tab",
               *names = "none";
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
        switch (c) {
        case 'o': outp = optarg; break;
        case 'w': wordnet = optarg; break;
        case 'i': iso = optarg; break;
        case 'z': zones = optarg; break;
        case 'n': names = optarg; break;
        case 'h': usage(stdout); return NG_EXIT_OK;
        default: usage(stderr); return NG_EXIT_USAGE;
        }
    }
    if (!outp || optind != argc) {
        usage(stderr);
        return NG_EXIT_USAGE;
    }
    ng_ner_names b;
    memset(&b, 0, sizeof b);
    ng_status st = NG_OK;
    if (!skipped(wordnet)) st = add_wordnet(&b, wordnet);
    if (!st && !skipped(iso)) st = add_iso_codes(&b, iso);
    if (!st && !skipped(zones)) st = add_file(&b, zones, 1);
    if (!st && !skipped(names)) st = add_file(&b, names, 0);
    char *t = NULL;
    size_t len = 0;
    if (!st) st = ng_ner_names_tsv(&b, &t, &len);
    ng_ner_names_free(&b);
    if (st == NG_E_NOMEM) fprintf(stderr, "nutgraf ner-lexicon: out of memory\n");
    if (st) return st == NG_E_IO ? NG_EXIT_INPUT : ng_exit_for(st);
    int rc = write_out(outp, t, len);
    if (!rc) print_counts(t, len, outp);
    free(t);
    return rc;
}
