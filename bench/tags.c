/* tags.c - benchmark (not a test) of what topic tags are made of: over the
 * first 200 stories of ../shared/data/cnndm/dev.jsonl, the share of
 * ng_analyze()'s tags that are entity names or noun phrases.  A key phrase
 * is judged by WordNet (an outside judge, /usr/share/wordnet from Debian's
 * wordnet-base), weighing each word's parts of speech by 1 + its
 * sense-tagged count: a noun phrase when its last word is a noun at least
 * half as often as it is anything else, and each word before it a noun or
 * adjective at least half as often as a verb or an adverb.  Prints the phrases judged not to be noun phrases.  Prints
 * SKIP without the data or WordNet.
 *
 * Usage: build/bench/tags [DEV.jsonl [STORIES]]   (NG_WORDNET: the dict
 * folder) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nutgraf.h"

#define STORIES 200
#define WORD_MAX 64

/* One WordNet index file: its lines, sorted by lemma as WordNet ships
 * them, and an exceptions file (inflected form -> base). */
typedef struct windex {
    char *text, **lines;
    size_t n;
    char *exc, **elines;
    size_t ne;
} windex;

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    if (b) b[n] = '\0';
    fclose(f);
    return b;
}

/* Splits text into its lines, skipping WordNet's licence lines (they start
 * with two spaces). */
static char **split_lines(char *text, size_t *n)
{
    size_t cap = 1024;
    char **l = malloc(cap * sizeof *l);
    *n = 0;
    for (char *p = text; l && p && *p;) {
        char *e = strchr(p, '\n');
        if (e) *e = '\0';
        if (p[0] != ' ') {
            if (*n == cap) {
                cap *= 2;
                char **m = realloc(l, cap * sizeof *l);
                if (!m) return l;
                l = m;
            }
            l[(*n)++] = p;
        }
        p = e ? e + 1 : NULL;
    }
    return l;
}

static int load_index(const char *dir, const char *pos, windex *w)
{
    char path[4096];
    memset(w, 0, sizeof *w);
    snprintf(path, sizeof path, "%s/index.%s", dir, pos);
    if (!(w->text = slurp(path))) return 0;
    w->lines = split_lines(w->text, &w->n);
    snprintf(path, sizeof path, "%s/%s.exc", dir, pos);
    if ((w->exc = slurp(path))) w->elines = split_lines(w->exc, &w->ne);
    return w->lines != NULL;
}

static void free_index(windex *w)
{
    free(w->text);
    free(w->lines);
    free(w->exc);
    free(w->elines);
}

/* The line of a sorted file whose first field is word, or NULL. */
static const char *find_line(char **lines, size_t n, const char *word)
{
    size_t lo = 0, hi = n, len = strlen(word);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strncmp(lines[mid], word, len);
        if (!c) c = lines[mid][len] == ' ' ? 0 : 1;
        if (!c) return lines[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* A lemma's weight in one part of speech: 1 + its sense-tagged count
 * (the field before the synset offsets), 0 when absent. */
static long lemma_weight(const windex *w, const char *lemma)
{
    const char *l = find_line(w->lines, w->n, lemma);
    if (!l) return 0;
    /* lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offsets */
    char buf[2048];
    snprintf(buf, sizeof buf, "%s", l);
    char *f[256];
    size_t k = 0;
    for (char *t = strtok(buf, " "); t && k < 256; t = strtok(NULL, " ")) f[k++] = t;
    if (k < 4) return 1;
    long p = atol(f[3]);
    size_t at = 4 + (size_t)p + 1;
    return at < k ? 1 + atol(f[at]) : 1;
}

/* WordNet's regular endings per part of speech (morphy's rules). */
static const char *const ENDS[4][9][2] = {
    {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"},
     {"ies", "y"}, {NULL, NULL}},
    {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
     {NULL, NULL}},
    {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}, {NULL, NULL}},
    {{NULL, NULL}},
};

/* The best weight of word in part of speech p over its base forms: the
 * word, its exception base, and the regular endings removed. */
static long weight(const windex *w, int p, const char *word)
{
    long best = lemma_weight(w, word);
    const char *e = w->elines ? find_line(w->elines, w->ne, word) : NULL;
    if (e) {
        char base[WORD_MAX];
        const char *sp = strchr(e, ' ');
        if (sp && sscanf(sp + 1, "%63s", base) == 1) {
            long x = lemma_weight(w, base);
            if (x > best) best = x;
        }
    }
    size_t n = strlen(word);
    for (size_t i = 0; ENDS[p][i][0]; i++) {
        size_t el = strlen(ENDS[p][i][0]);
        if (n <= el + 1 || strcmp(word + n - el, ENDS[p][i][0])) continue;
        char base[WORD_MAX];
        snprintf(base, sizeof base, "%.*s%s", (int)(n - el), word, ENDS[p][i][1]);
        long x = lemma_weight(w, base);
        if (x > best) best = x;
    }
    return best;
}

enum { NOUN, VERB, ADJ, ADV };

/* WordNet's weights of a lower-case word in each part of speech. */
static void weights(const windex *wn, const char *word, long *w)
{
    for (int p = 0; p < 4; p++) w[p] = weight(&wn[p], p, word);
}

static long most(long a, long b)
{
    return a > b ? a : b;
}

/* A key phrase is a noun phrase by WordNet's weights of its lower-cased
 * words. */
static int noun_phrase(const windex *wn, ng_str text)
{
    char words[8][WORD_MAX];
    size_t n = 0, len = 0;
    for (size_t i = 0; i <= text.len && n < 8; i++) {
        char c = i < text.len ? text.ptr[i] : ' ';
        if (c == ' ') {
            if (len) words[n++][len] = '\0';
            len = 0;
        } else if (len + 1 < WORD_MAX) {
            words[n][len++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        }
    }
    if (!n) return 0;
    /* the head: a noun at least half as often as anything else */
    long w[4];
    weights(wn, words[n - 1], w);
    if (!w[NOUN] || 2 * w[NOUN] < most(w[VERB], most(w[ADJ], w[ADV]))) return 0;
    /* a modifier: a noun or adjective at least half as often as a verb or
     * an adverb */
    for (size_t i = 0; i + 1 < n; i++) {
        weights(wn, words[i], w);
        long nominal = most(w[NOUN], w[ADJ]);
        if (!nominal || 2 * nominal < most(w[VERB], w[ADV])) return 0;
    }
    return 1;
}

int main(int argc, char **argv)
{
    const char *shared = getenv("NG_SHARED") ? getenv("NG_SHARED") : "../shared";
    const char *dict = getenv("NG_WORDNET") ? getenv("NG_WORDNET") : "/usr/share/wordnet";
    char def[4096];
    snprintf(def, sizeof def, "%s/data/cnndm/dev.jsonl", shared);
    const char *path = argc > 1 ? argv[1] : def;
    size_t stories = argc > 2 ? (size_t)atol(argv[2]) : STORIES;
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("SKIP bench/tags: cannot read %s\n", path);
        return 0;
    }
    static const char *const pos[] = {"noun", "verb", "adj", "adv"};
    windex wn[4];
    for (int p = 0; p < 4; p++)
        if (!load_index(dict, pos[p], &wn[p])) {
            printf("SKIP bench/tags: no WordNet index.%s in %s (Debian package wordnet-base)\n", pos[p], dict);
            fclose(f);
            return 0;
        }
    char *line = NULL;
    size_t cap = 0, done = 0, tags = 0, entities = 0, phrases = 0, nps = 0;
    ssize_t len;
    ng_read_options ro = {NG_FORMAT_JSON, 0};
    while (done < stories && (len = getline(&line, &cap, f)) > 0) {
        ng_doc *doc = NULL;
        if (ng_doc_read(line, (size_t)len, &ro, &doc, NULL) == NG_OK && ng_analyze(doc, NULL, NULL) == NG_OK) {
            for (size_t i = 0; i < ng_doc_tag_count(doc); i++) {
                ng_tag t = ng_doc_tag(doc, i);
                tags++;
                if (t.entity >= 0) {
                    entities++;
                    continue;
                }
                phrases++;
                if (noun_phrase(wn, t.text)) nps++;
                else printf("  not a noun phrase: %.*s\n", (int)t.text.len, t.text.ptr);
            }
        }
        ng_doc_free(doc);
        done++;
    }
    free(line);
    fclose(f);
    for (int p = 0; p < 4; p++) free_index(&wn[p]);
    printf("bench/tags: %zu stories of %s, %zu tags: %zu entity names, %zu key phrases (%zu noun phrases)\n",
           done, path, tags, entities, phrases, nps);
    printf("tags that are entity names or noun phrases: %.3f (%zu/%zu)\n",
           tags ? (double)(entities + nps) / (double)tags : 0.0, entities + nps, tags);
    return 0;
}
