/* quote_cues.c - `nutgraf quote-cues`: builds the list of verbs of saying
 * the quote finder ships (models/cues.txt, embedded in the library): every
 * inflected form of the verbs of WordNet's verb.communication and
 * verb.cognition files, kept or dropped by how often each form is the cue
 * of an attribution in PolNeAR's training split.  The threshold is chosen
 * by five-fold cross-validation on that split (each fold's forms judged by
 * the other four folds' counts, scored by the F1 of "this word is a cue"). */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/lines.h"
#include "core/hash.h"

#define FOLDS 5
#define FORM_MAX 40
#define LINE_MAX_BYTES ((size_t)64 * 1024 * 1024)

static void usage(FILE *out)
{
    fprintf(out,
"Usage: nutgraf quote-cues --polnear FILE --out FILE [OPTIONS]\n"
"\n"
"Writes the quote finder's verbs of saying, one lowercase word form a line,\n"
"sorted (byte order) after a '#' header, \"<TAB>cognition\" after the forms\n"
"of verbs of thinking only (\"believes\"): the verbs of WordNet's\n"
"verb.communication and verb.cognition lexicographer files (package\n"
"wordnet-base), in every inflection (-s, -ed, -ing and verb.exc's irregular\n"
"forms).  A form is kept when, in the PolNeAR training articles given, it is\n"
"part of an attribution's cue at least --min-ratio of the times it occurs;\n"
"a form seen fewer than --min-count times is judged by its verb's other\n"
"forms, and a verb seen that rarely is kept when it is a verb of\n"
"communication.  Without --min-ratio, five-fold cross-validation over the\n"
"articles chooses it and --min-count (the F1 of predicting which words are\n"
"cues).\n"
"The shipped list: nutgraf quote-cues --polnear polnear.train.jsonl.gz\n"
"  --out models/cues.txt   (then rebuild: the library embeds the file).\n"
"\n"
"Options:\n"
"  -p, --polnear FILE   PolNeAR JSON Lines (gzip or plain): train split only\n"
"  -o, --out FILE       where to write the list (\"-\": standard output)\n"
"      --wordnet DIR    WordNet's dict folder (default /usr/share/wordnet)\n"
"      --min-ratio R    keep forms that are cues at least R of the time\n"
"      --min-count N    occurrences needed to judge a form alone (default:\n"
"                       chosen with --min-ratio by cross-validation from\n"
"                       2, 3, 5, 10; 3 when --min-ratio is given)\n"
"  -h, --help           show this help\n"
"\n"
"Exit status: 0 success; 1 a source is missing or unreadable, or the output\n"
"cannot be written; 2 bad command line; 4 out of memory.\n");
}

typedef struct form {
    char text[FORM_MAX];
    int lemma; /* index into the lemma table */
    unsigned occ[FOLDS], cue[FOLDS];
} form;

typedef struct lemma {
    char text[FORM_MAX];
    int communication; /* from verb.communication (else verb.cognition) */
    int irregular;     /* verb.exc gives its past ("said"): no "-ed" form */
} lemma;

typedef struct table {
    form *forms;
    size_t nforms, capforms;
    int *slots; /* open addressing over forms, -1 empty */
    size_t nslots;
    lemma *lemmas;
    size_t nlemmas, caplemmas;
} table;

static int slot_of(const table *t, const char *s, size_t len)
{
    size_t i = ng_hash_bytes(s, len) & (t->nslots - 1);
    while (t->slots[i] >= 0) {
        const form *f = &t->forms[t->slots[i]];
        if (strlen(f->text) == len && !memcmp(f->text, s, len)) return (int)i;
        i = (i + 1) & (t->nslots - 1);
    }
    return (int)i;
}

static const form *find_form(const table *t, const char *s, size_t len)
{
    int i = slot_of(t, s, len);
    return t->slots[i] >= 0 ? &t->forms[t->slots[i]] : NULL;
}

/* Adds form s of lemma l (the first lemma to claim a form keeps it);
 * -1 when out of memory. */
static int add_form(table *t, const char *s, int l)
{
    size_t len = strlen(s);
    if (!len || len >= FORM_MAX) return 0;
    int i = slot_of(t, s, len);
    if (t->slots[i] >= 0) return 0;
    if (t->nforms + 1 >= t->nslots / 2) return -1; /* sized up front */
    if (t->nforms == t->capforms) {
        size_t nc = t->capforms ? t->capforms * 2 : 1024;
        form *nf = realloc(t->forms, nc * sizeof *nf);
        if (!nf) return -1;
        t->forms = nf;
        t->capforms = nc;
    }
    form *f = &t->forms[t->nforms];
    memset(f, 0, sizeof *f);
    memcpy(f->text, s, len + 1);
    f->lemma = l;
    t->slots[i] = (int)t->nforms++;
    return 0;
}

static int is_vowel(char c)
{
    return strchr("aeiou", c) != NULL;
}

/* The number of vowel groups of w (syllables, roughly). */
static int vowel_groups(const char *w)
{
    int n = 0;
    for (size_t i = 0; w[i]; i++) n += is_vowel(w[i]) && (i == 0 || !is_vowel(w[i - 1]));
    return n;
}

/* The regular inflections of lemma w: -s, -ed (unless verb.exc gives the
 * past) and -ing forms, with the final consonant doubled too in words of
 * one syllable ("stopped"; verb.exc lists longer ones: "admitted"). */
static int inflect(table *t, const char *w, int l, int irregular)
{
    char b[FORM_MAX + 8];
    size_t n = strlen(w);
    if (n + 5 >= FORM_MAX || n < 2) return add_form(t, w, l);
    char last = w[n - 1], prev = w[n - 2];
    int cons_y = last == 'y' && !is_vowel(prev);
    int cvc = !is_vowel(last) && is_vowel(prev) && !strchr("wxy", last) && (n < 3 || !is_vowel(w[n - 3])) &&
              vowel_groups(w) == 1;
    int rc = add_form(t, w, l);
    if (n > 1 && (last == 's' || last == 'x' || last == 'z' || !strcmp(w + n - 2, "ch") || !strcmp(w + n - 2, "sh")))
        snprintf(b, sizeof b, "%ses", w);
    else if (cons_y) snprintf(b, sizeof b, "%.*sies", (int)(n - 1), w);
    else snprintf(b, sizeof b, "%ss", w);
    rc |= add_form(t, b, l);
    if (last == 'e') snprintf(b, sizeof b, "%sd", w);
    else if (cons_y) snprintf(b, sizeof b, "%.*sied", (int)(n - 1), w);
    else snprintf(b, sizeof b, "%sed", w);
    if (!irregular) rc |= add_form(t, b, l);
    if (last == 'e' && prev != 'e') snprintf(b, sizeof b, "%.*sing", (int)(n - 1), w);
    else if (!strcmp(w + n - 2, "ie")) snprintf(b, sizeof b, "%.*sying", (int)(n - 2), w);
    else snprintf(b, sizeof b, "%sing", w);
    rc |= add_form(t, b, l);
    if (cvc) {
        snprintf(b, sizeof b, "%s%ced", w, last);
        if (!irregular) rc |= add_form(t, b, l);
        snprintf(b, sizeof b, "%s%cing", w, last);
        rc |= add_form(t, b, l);
    }
    return rc;
}

static int find_lemma(const table *t, const char *w)
{
    for (size_t i = 0; i < t->nlemmas; i++)
        if (!strcmp(t->lemmas[i].text, w)) return (int)i;
    return -1;
}

/* Adds the lemma (one word only); a verb of both files counts as
 * communication. */
static int add_lemma(table *t, const char *w, size_t len, int communication)
{
    char s[FORM_MAX];
    if (!len || len >= FORM_MAX || memchr(w, '_', len) || memchr(w, '-', len)) return 0;
    for (size_t i = 0; i < len; i++) s[i] = (char)tolower((unsigned char)w[i]);
    s[len] = 0;
    int l = find_lemma(t, s);
    if (l >= 0) {
        t->lemmas[l].communication |= communication;
        return 0;
    }
    if (t->nlemmas == t->caplemmas) {
        size_t nc = t->caplemmas ? t->caplemmas * 2 : 512;
        lemma *nl = realloc(t->lemmas, nc * sizeof *nl);
        if (!nl) return -1;
        t->lemmas = nl;
        t->caplemmas = nc;
    }
    memcpy(t->lemmas[t->nlemmas].text, s, len + 1);
    t->lemmas[t->nlemmas].irregular = 0;
    t->lemmas[t->nlemmas++].communication = communication;
    return 0;
}

/* Opens WordNet's file name in dir; -1 with a message when it cannot. */
static int open_wordnet(ng_line_reader *r, const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (!ng_line_reader_open(r, path, 1 << 20)) return 0;
    fprintf(stderr, "nutgraf quote-cues: %s: cannot open: %s\n", path, strerror(errno));
    return -1;
}

/* The verbs of data.verb whose lexicographer file is 31 (verb.cognition)
 * or 32 (verb.communication); -1 unreadable, -4 out of memory. */
static int read_verbs(table *t, const char *dir)
{
    ng_line_reader r;
    if (open_wordnet(&r, dir, "data.verb")) return -1;
    int rc = 0, got;
    while (rc == 0 && (got = ng_line_reader_next(&r)) == 1) {
        char *p = r.buf, *end;
        if (*p == ' ' || !*p) continue;
        strtoul(p, &end, 10); /* synset offset */
        long file = strtol(end, &end, 10);
        if (file != 31 && file != 32) continue;
        while (*end == ' ') end++;
        end++; /* the synset type */
        unsigned long words = strtoul(end, &end, 16);
        for (unsigned long i = 0; i < words && rc == 0; i++) {
            while (*end == ' ') end++;
            char *w = end;
            while (*end && *end != ' ') end++;
            rc = add_lemma(t, w, (size_t)(end - w), file == 32) ? -4 : 0;
            while (*end == ' ') end++;
            while (*end && *end != ' ') end++; /* lex_id */
        }
    }
    if (got < 0) rc = -1;
    ng_line_reader_free(&r);
    return rc;
}

/* The irregular forms of verb.exc ("said say") of the lemmas kept. */
static int read_exceptions(table *t, const char *dir)
{
    ng_line_reader r;
    if (open_wordnet(&r, dir, "verb.exc")) return -1;
    int rc = 0;
    while (rc == 0 && ng_line_reader_next(&r) == 1) {
        char formw[FORM_MAX], lem[FORM_MAX];
        if (sscanf(r.buf, "%39s %39s", formw, lem) != 2) continue;
        int l = find_lemma(t, lem);
        if (l < 0) continue;
        t->lemmas[l].irregular = 1;
        if (add_form(t, formw, l)) rc = -4;
    }
    ng_line_reader_free(&r);
    return rc;
}

/* Byte offsets of each code point of s, plus the end. */
static size_t *code_points(const char *s, size_t n, size_t *count)
{
    size_t *off = malloc((n + 1) * sizeof *off), k = 0;
    if (!off) return NULL;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) off[k++] = i;
    off[k] = n;
    *count = k;
    return off;
}

static size_t cp_byte(const size_t *off, size_t count, json_int_t cp)
{
    return cp < 0 ? 0 : (size_t)cp >= count ? off[count] : off[cp];
}

/* Counts, in one article, each listed form's occurrences and how many lie
 * in a cue. */
static int count_article(table *t, json_t *rec, int fold)
{
    const char *text = json_string_value(json_object_get(rec, "text"));
    json_t *quotes = json_object_get(rec, "quotes");
    if (!text) return 0;
    size_t n = strlen(text), ncp;
    size_t *off = code_points(text, n, &ncp);
    unsigned char *in_cue = calloc(n + 1, 1);
    if (!off || !in_cue) {
        free(off);
        free(in_cue);
        return -1;
    }
    for (size_t i = 0; i < json_array_size(quotes); i++) {
        json_t *cue = json_object_get(json_array_get(quotes, i), "cue");
        size_t a = cp_byte(off, ncp, json_integer_value(json_object_get(cue, "start")));
        size_t b = cp_byte(off, ncp, json_integer_value(json_object_get(cue, "end")));
        for (size_t k = a; k < b && k < n; k++) in_cue[k] = 1;
    }
    for (size_t i = 0; i < n;) {
        if (!isalpha((unsigned char)text[i])) { i++; continue; }
        size_t a = i;
        char w[FORM_MAX];
        while (i < n && isalpha((unsigned char)text[i])) i++;
        if (i - a >= FORM_MAX) continue;
        for (size_t k = a; k < i; k++) w[k - a] = (char)tolower((unsigned char)text[k]);
        form *f = (form *)find_form(t, w, i - a);
        if (!f) continue;
        f->occ[fold]++;
        f->cue[fold] += in_cue[a];
    }
    free(off);
    free(in_cue);
    return 0;
}

static int read_polnear(table *t, const char *path, size_t *articles)
{
    ng_line_reader r;
    if (ng_line_reader_open(&r, path, LINE_MAX_BYTES)) {
        fprintf(stderr, "nutgraf quote-cues: %s: cannot open: %s\n", path, strerror(errno));
        return -1;
    }
    int rc = 0, got;
    *articles = 0;
    while (rc == 0 && (got = ng_line_reader_next(&r)) == 1) {
        json_t *rec = json_loads(r.buf, 0, NULL);
        if (!rec) {
            fprintf(stderr, "nutgraf quote-cues: %s:%zu: not a JSON object, skipped\n", path, r.line_no);
            continue;
        }
        if (count_article(t, rec, (int)(*articles % FOLDS))) rc = -4;
        (*articles)++;
        json_decref(rec);
    }
    if (rc == 0 && got < 0) rc = -1;
    ng_line_reader_free(&r);
    return rc;
}

/* Sums of occurrences and cues over the folds other than skip (FOLDS: all). */
static void sums(const form *f, int skip, unsigned *occ, unsigned *cue)
{
    *occ = *cue = 0;
    for (int k = 0; k < FOLDS; k++)
        if (k != skip) *occ += f->occ[k], *cue += f->cue[k];
}

/* Whether form i is kept, judged by the counts of every fold but skip. */
static int keep(const table *t, size_t i, int skip, double ratio, unsigned min_count, const unsigned *lemma_occ,
                const unsigned *lemma_cue)
{
    unsigned occ, cue;
    const form *f = &t->forms[i];
    sums(f, skip, &occ, &cue);
    if (occ >= min_count) return cue >= ratio * occ && cue > 0;
    if (lemma_occ[f->lemma] >= min_count) return lemma_cue[f->lemma] >= ratio * lemma_occ[f->lemma];
    return t->lemmas[f->lemma].communication;
}

static void lemma_sums(const table *t, int skip, unsigned *occ, unsigned *cue)
{
    memset(occ, 0, t->nlemmas * sizeof *occ);
    memset(cue, 0, t->nlemmas * sizeof *cue);
    for (size_t i = 0; i < t->nforms; i++) {
        unsigned o, c;
        sums(&t->forms[i], skip, &o, &c);
        occ[t->forms[i].lemma] += o;
        cue[t->forms[i].lemma] += c;
    }
}

/* Mean F1 over the folds of predicting "this word is in a cue" by keep(). */
static double cross_validate(const table *t, double ratio, unsigned min_count, unsigned *lo, unsigned *lc)
{
    double f1 = 0;
    for (int k = 0; k < FOLDS; k++) {
        double tp = 0, fp = 0, fn = 0;
        lemma_sums(t, k, lo, lc);
        for (size_t i = 0; i < t->nforms; i++) {
            const form *f = &t->forms[i];
            if (keep(t, i, k, ratio, min_count, lo, lc)) tp += f->cue[k], fp += f->occ[k] - f->cue[k];
            else fn += f->cue[k];
        }
        f1 += tp ? 2 * tp / (2 * tp + fp + fn) : 0;
    }
    return f1 / FOLDS;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int write_list(const table *t, const char *outp, double ratio, unsigned min_count, unsigned *lo,
                      unsigned *lc, size_t articles, size_t *kept)
{
    const char **keepv = malloc((t->nforms + 1) * sizeof *keepv);
    char(*lines)[FORM_MAX + 16] = malloc((t->nforms + 1) * sizeof *lines);
    if (!keepv || !lines) {
        free(keepv);
        free(lines);
        return -4;
    }
    size_t n = 0;
    lemma_sums(t, FOLDS, lo, lc);
    for (size_t i = 0; i < t->nforms; i++) {
        if (!keep(t, i, FOLDS, ratio, min_count, lo, lc)) continue;
        const form *f = &t->forms[i];
        snprintf(lines[n], sizeof lines[n], "%s%s", f->text, t->lemmas[f->lemma].communication ? "" : "\tcognition");
        keepv[n] = lines[n];
        n++;
    }
    qsort(keepv, n, sizeof *keepv, cmp_str);
    FILE *out = strcmp(outp, "-") ? fopen(outp, "w") : stdout;
    if (!out) {
        fprintf(stderr, "nutgraf quote-cues: %s: cannot write: %s\n", outp, strerror(errno));
        free(keepv);
        free(lines);
        return -1;
    }
    fprintf(out, "# nutgraf quote cues 1: WordNet 3.0 verb.communication and verb.cognition forms kept by "
                 "PolNeAR train (%zu articles), min-ratio %.2f, min-count %u; %zu forms\n",
            articles, ratio, min_count, n);
    for (size_t i = 0; i < n; i++) fprintf(out, "%s\n", keepv[i]);
    int bad = ferror(out);
    if (out != stdout) bad |= fclose(out);
    else bad |= fflush(out);
    free(keepv);
    free(lines);
    *kept = n;
    if (bad) fprintf(stderr, "nutgraf quote-cues: %s: write failed\n", outp);
    return bad ? -1 : 0;
}

static int exit_of(int rc)
{
    return rc == -4 ? 4 : 1;
}

static int build(table *t, const char *wordnet, const char *polnear, const char *outp, double ratio,
                 unsigned min_count, int min_count_given)
{
    int rc = read_verbs(t, wordnet);
    if (rc == 0) rc = read_exceptions(t, wordnet);
    for (size_t i = 0; rc == 0 && i < t->nlemmas; i++)
        rc = inflect(t, t->lemmas[i].text, (int)i, t->lemmas[i].irregular) ? -4 : 0;
    size_t articles = 0, kept = 0;
    if (rc == 0) rc = read_polnear(t, polnear, &articles);
    unsigned *lo = calloc(t->nlemmas + 1, sizeof *lo), *lc = calloc(t->nlemmas + 1, sizeof *lc);
    if (rc == 0 && (!lo || !lc)) rc = -4;
    if (rc == 0 && ratio < 0) {
        double best = -1;
        static const double grid[] = {0.05, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6};
        static const unsigned counts[] = {2, 3, 5, 10};
        unsigned mc = min_count;
        for (size_t m = 0; m < sizeof counts / sizeof counts[0]; m++) {
            if (!min_count_given) mc = counts[m];
            for (size_t g = 0; g < sizeof grid / sizeof grid[0]; g++) {
                double f1 = cross_validate(t, grid[g], mc, lo, lc);
                fprintf(stderr, "min-ratio %.2f min-count %u: cross-validated F1 %.4f\n", grid[g], mc, f1);
                if (f1 > best) best = f1, ratio = grid[g], min_count = mc;
            }
            if (min_count_given) break;
        }
    }
    if (rc == 0) rc = write_list(t, outp, ratio, min_count, lo, lc, articles, &kept);
    if (rc == 0)
        fprintf(stderr, "%zu verbs, %zu forms, %zu articles: kept %zu forms (min-ratio %.2f) in %s\n", t->nlemmas,
                t->nforms, articles, kept, ratio, outp);
    if (rc == -4) fputs("nutgraf quote-cues: out of memory\n", stderr);
    free(lo);
    free(lc);
    return rc ? exit_of(rc) : 0;
}

int ng_cmd_quote_cues(int argc, char **argv)
{
    static const struct option opts[] = {{"polnear", required_argument, 0, 'p'}, {"out", required_argument, 0, 'o'},
                                         {"wordnet", required_argument, 0, 'w'}, {"min-ratio", required_argument, 0, 'r'},
                                         {"min-count", required_argument, 0, 'c'}, {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *polnear = NULL, *outp = NULL, *wordnet = "/usr/share/wordnet";
    double ratio = -1;
    long min_count = 3;
    int c, min_count_given = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "p:o:h", opts, NULL)) != -1) {
        char *end = NULL;
        switch (c) {
        case 'p': polnear = optarg; break;
        case 'o': outp = optarg; break;
        case 'w': wordnet = optarg; break;
        case 'r': ratio = strtod(optarg, &end); break;
        case 'c': min_count = strtol(optarg, &end, 10), min_count_given = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
        if (end && (*end || end == optarg || (c == 'r' && (ratio < 0 || ratio > 1)) ||
                    (c == 'c' && (min_count < 1 || min_count > 1000000)))) {
            fprintf(stderr, "nutgraf quote-cues: invalid value '%s' for --%s (see --help)\n", optarg,
                    c == 'r' ? "min-ratio" : "min-count");
            return 2;
        }
    }
    if (!polnear || !outp || optind < argc) {
        fputs("nutgraf quote-cues: --polnear and --out are required (see --help)\n", stderr);
        return 2;
    }
    table t;
    memset(&t, 0, sizeof t);
    t.nslots = 1 << 16;
    t.slots = malloc(t.nslots * sizeof *t.slots);
    if (!t.slots) {
        fputs("nutgraf quote-cues: out of memory\n", stderr);
        return 4;
    }
    memset(t.slots, 0xff, t.nslots * sizeof *t.slots);
    int rc = build(&t, wordnet, polnear, outp, ratio, (unsigned)min_count, min_count_given);
    free(t.slots);
    free(t.forms);
    free(t.lemmas);
    return rc;
}
