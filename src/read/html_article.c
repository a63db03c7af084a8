/* html_article.c - choosing the article's block(s) in a parsed HTML page.
 *
 * One iterative pass (no recursion) cuts the visible text into paragraph
 * runs: the inline text between block boundaries, <br> included, so that
 * text in <div>s and after <br>s counts as well as <p>s.  A run of 25 or
 * more characters scores 1 + its commas + one per 100 characters (at most
 * 3), as Readability does; the score goes to the run's container (to the
 * parent of a <p>, <pre>, <td>, heading or block without block children)
 * and, divided by 2, 6, 9 and 12, to the four blocks above.  A block's
 * score starts from its tag (div +5, lists -3, headings -5) and its
 * class/id hints (+-25), and is scaled by 1 - its link density.  The best
 * block wins; when three of the five best share a container scoring at
 * least three quarters of the best, that container wins; a lone child
 * gives way to its parent.  Siblings that score a fifth of the winner, or
 * read like prose, join it.
 *
 * The choice then climbs to the highest container above it that holds
 * half again as much paragraph prose (runs mostly outside links), is at
 * least half prose and has a link density under 0.3: page builders cut
 * one article into many deeply nested sections.  A positive class hint
 * counts in full only on blocks of 500 characters or more.
 *
 * Elements whose class or id names page chrome (menu, sidebar, footer,
 * related, comments ...) are left out; when the result is under 425
 * characters or scores under 10 the pass is repeated with them in.  When
 * still under 425 characters, a pass with comment sections in (a forum
 * thread) wins if it gives more text.  Neither later pass may take the
 * site's <footer> (role=contentinfo) over what an earlier pass found: a
 * disclaimer there outweighs a short article.  A losing pass costs no rerun: the
 * earlier outcome is restored from a snapshot.
 *
 * Ownership: the node records live in a heap array the caller frees with
 * ng_html_article_free; element->_private holds index + 1. */
#include "read/html_article.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"

#define MIN_RUN 25          /* characters for a run to count as a paragraph */
#define RETRY_CHARS 425     /* chosen text under this: retry with chrome in */
#define TOP_CANDIDATES 5
#define RETRY_SCORE 10      /* chosen block scoring under this: retry with chrome in */
#define HINT_FULL_CHARS 500 /* a positive class hint counts in full from here */

/* ------------------------------------------------------------ hints */

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

int ng_html_has_ci(const char *s, const char *needle)
{
    if (!s) return 0;
    size_t n = strlen(needle);
    for (; *s; s++) {
        size_t i = 0;
        while (i < n && s[i] && lower(s[i]) == needle[i]) i++;
        if (i == n) return 1;
    }
    return 0;
}

#define has_ci ng_html_has_ci

static int has_any(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (has_ci(s, *words)) return 1;
    return 0;
}

static int tag_is(const xmlNode *n, const char *const *tags)
{
    if (n->type != XML_ELEMENT_NODE || !n->name) return 0;
    for (; *tags; tags++)
        if (!xmlStrcasecmp(n->name, (const xmlChar *)*tags)) return 1;
    return 0;
}

static const char *const positive_words[] = {"article", "body", "content", "entry", "hentry", "h-entry",
                                             "main", "page", "post", "text", "blog", "story", NULL};
static const char *const negative_words[] = {
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "gdpr", "masthead",
    "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
    "skyscraper", "sponsor", "shopping", "tags", "widget", "newsletter", "subscribe", "signup", NULL};
static const char *const unlikely_words[] = {
    "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap",
    "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies",
    "rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break",
    "agegate", "pagination", "pager", "popup", "yom-remote", "newsletter", NULL};
static const char *const maybe_words[] = {"and", "article", "body", "column", "content", "main",
                                          "mathjax", "shadow", NULL};

static double hint_weight(const char *v)
{
    if (!v || !*v) return 0;
    double w = 0;
    if (has_any(v, negative_words)) w -= 25;
    if (has_any(v, positive_words)) w += 25;
    return w;
}

double ng_html_class_weight(const xmlNode *n)
{
    char *cls = (char *)xmlGetProp(n, (const xmlChar *)"class");
    char *id = (char *)xmlGetProp(n, (const xmlChar *)"id");
    double w = hint_weight(cls) + hint_weight(id);
    xmlFree(cls);
    xmlFree(id);
    return w;
}

/* Whether v names chrome by a negative word other than "widget". */
static int chrome_besides_widget(const char *v)
{
    if (!v) return 0;
    for (const char *const *w = negative_words; *w; w++)
        if (strcmp(*w, "widget") && has_ci(v, *w)) return 1;
    return 0;
}

int ng_html_only_widget_class(const xmlNode *n)
{
    char *cls = (char *)xmlGetProp(n, (const xmlChar *)"class");
    char *id = (char *)xmlGetProp(n, (const xmlChar *)"id");
    int r = (has_ci(cls, "widget") || has_ci(id, "widget")) && !chrome_besides_widget(cls) &&
            !chrome_besides_widget(id);
    xmlFree(cls);
    xmlFree(id);
    return r;
}

static int is_unlikely(const xmlNode *n)
{
    if (tag_is(n, (const char *const[]){"html", "body", "a", "main", "article", NULL})) return 0;
    char *role = (char *)xmlGetProp(n, (const xmlChar *)"role");
    int r = role && has_any(role, (const char *const[]){"menu", "complementary", "navigation", "alert",
                                                        "dialog", NULL});
    xmlFree(role);
    if (r) return 1;
    char *cls = (char *)xmlGetProp(n, (const xmlChar *)"class");
    char *id = (char *)xmlGetProp(n, (const xmlChar *)"id");
    r = (has_any(cls, unlikely_words) && !has_any(cls, maybe_words)) ||
        (has_any(id, unlikely_words) && !has_any(id, maybe_words));
    xmlFree(cls);
    xmlFree(id);
    return r;
}

static const char *const block_tags[] = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "br", NULL};

/* Paragraph-like blocks: their runs score their parent. */
static const char *const paragraph_tags[] = {"p", "pre", "td", "h2", "h3", "h4", "h5", "h6", NULL};

static double tag_score(const xmlNode *n)
{
    if (tag_is(n, (const char *const[]){"div", NULL})) return 5;
    if (tag_is(n, (const char *const[]){"pre", "td", "blockquote", NULL})) return 3;
    if (tag_is(n, (const char *const[]){"address", "ol", "ul", "dl", "dd", "dt", "li", "form", NULL})) return -3;
    if (tag_is(n, (const char *const[]){"h1", "h2", "h3", "h4", "h5", "h6", "th", NULL})) return -5;
    return 0;
}

/* ------------------------------------------------------------ records */

const ng_html_node *ng_html_node_of(const ng_html_article *a, const xmlNode *n)
{
    if (!a || !n || n->type != XML_ELEMENT_NODE) return NULL;
    uintptr_t i = (uintptr_t)n->_private;
    return i && i <= a->count ? &a->nodes[i - 1] : NULL;
}

static ng_html_node *node_of(ng_html_article *a, const xmlNode *n)
{
    return (ng_html_node *)ng_html_node_of(a, n);
}

double ng_html_link_density(const ng_html_node *info)
{
    return info && info->chars ? (double)info->link_chars / (double)info->chars : 0.0;
}

static int add_node(ng_html_article *a, xmlNode *n)
{
    if (a->count == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 256;
        ng_html_node *p = realloc(a->nodes, cap * sizeof *p);
        if (!p) return -1;
        a->nodes = p;
        a->cap = cap;
    }
    memset(&a->nodes[a->count], 0, sizeof a->nodes[0]);
    a->nodes[a->count].weight = ng_html_class_weight(n);
    a->nodes[a->count].unlikely = (unsigned)is_unlikely(n);
    n->_private = (void *)(uintptr_t)(++a->count);
    return 0;
}

static void give_score(ng_html_article *a, xmlNode *n, double s)
{
    ng_html_node *info = node_of(a, n);
    if (!info) return;
    if (!info->scored) {
        info->scored = 1;
        info->score = tag_score(n) + info->weight;
    }
    info->score += s;
}

/* ------------------------------------------------------------ scoring pass */

typedef struct frame {
    xmlNode *n;
    size_t run_chars, run_commas; /* the open run of inline text */
    size_t run_links;             /* of its characters, those inside <a> */
    double run_score;             /* scores of this block's finished runs */
    int had_block;                /* a block child was seen */
    int in_link;
} frame;

typedef struct pass {
    ng_html_article *a;
    frame *f;
    size_t depth, cap;
    int (*skip)(const xmlNode *n);
    int failed;
} pass;

static void end_run(ng_html_article *a, frame *f)
{
    if (f->run_chars >= MIN_RUN && f->run_links * 2 < f->run_chars) node_of(a, f->n)->prose += f->run_chars;
    if (f->run_chars >= MIN_RUN) {
        double len_bonus = (double)f->run_chars / 100.0;
        f->run_score += 1.0 + (double)f->run_commas + (len_bonus > 3 ? 3 : len_bonus);
    }
    f->run_chars = f->run_commas = f->run_links = 0;
}

static void count_text(pass *p, const char *s)
{
    frame *f = &p->f[p->depth - 1];
    ng_html_node *info = node_of(p->a, f->n);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (ng_is_space(c) || (c & 0xC0) == 0x80) continue; /* one count per character */
        f->run_chars++;
        info->chars++;
        if (f->in_link) info->link_chars++, f->run_links++;
        if (c == ',') {
            f->run_commas++;
            info->commas++;
        }
    }
}

/* Hands the block's run scores to its container and four blocks above. */
static void spread_score(ng_html_article *a, xmlNode *n, double s, int to_parent)
{
    static const double divider[] = {1, 2, 6, 9, 12};
    xmlNode *target = to_parent ? n->parent : n;
    for (size_t k = 0; k < 5 && target && target->type == XML_ELEMENT_NODE; k++, target = target->parent)
        give_score(a, target, s / divider[k]);
}

static void leave_element(pass *p)
{
    frame *f = &p->f[p->depth - 1];
    end_run(p->a, f);
    ng_html_node *info = node_of(p->a, f->n);
    if (f->run_score > 0)
        spread_score(p->a, f->n, f->run_score, tag_is(f->n, paragraph_tags) || !f->had_block);
    p->depth--;
    if (p->depth) {
        ng_html_node *up = node_of(p->a, p->f[p->depth - 1].n);
        up->chars += info->chars;
        up->link_chars += info->link_chars;
        up->commas += info->commas;
        up->prose += info->prose;
    }
}

/* Enters element n; returns nonzero to visit its children. */
static int enter_element(pass *p, xmlNode *n)
{
    if (!node_of(p->a, n) && add_node(p->a, n)) {
        p->failed = 1;
        return 0;
    }
    ng_html_node *info = node_of(p->a, n);
    if (p->depth && (p->skip(n) || (p->a->strip_unlikely && info->unlikely))) return 0;
    if (p->depth && tag_is(n, block_tags)) {
        frame *up = &p->f[p->depth - 1];
        end_run(p->a, up);
        if (!tag_is(n, (const char *const[]){"br", NULL})) up->had_block = 1;
    }
    if (p->depth + 1 > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        frame *nf = realloc(p->f, cap * sizeof *nf);
        if (!nf) {
            p->failed = 1;
            return 0;
        }
        p->f = nf;
        p->cap = cap;
    }
    int in_link = p->depth ? p->f[p->depth - 1].in_link : 0;
    p->f[p->depth++] = (frame){n, 0, 0, 0, 0, 0, in_link || tag_is(n, (const char *const[]){"a", NULL})};
    return 1;
}

static void score_tree(pass *p, xmlNode *root)
{
    xmlNode *n = root;
    for (;;) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) descend = enter_element(p, n);
        else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content && p->depth)
            count_text(p, (const char *)n->content);
        if (p->failed) return;
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        if (descend) leave_element(p);
        for (;;) {
            if (n == root) return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            leave_element(p);
        }
    }
}

/* ------------------------------------------------------------ choosing */

static double final_score(const ng_html_article *a, const xmlNode *n)
{
    const ng_html_node *info = ng_html_node_of(a, n);
    if (!info || !info->scored) return 0;
    double score = info->score;
    /* an article-like class counts in full on a block with some text only:
     * a short "author-box__text" is not the article */
    if (info->weight > 0 && info->chars < HINT_FULL_CHARS)
        score -= info->weight * (1.0 - (double)info->chars / HINT_FULL_CHARS);
    return score * (1.0 - ng_html_link_density(info));
}

static int is_page_root(const xmlNode *n)
{
    return !n || n->type != XML_ELEMENT_NODE || tag_is(n, (const char *const[]){"html", "body", NULL});
}

static xmlNode *best_candidate(const ng_html_article *a, xmlNode *root, xmlNode **top, size_t ntop)
{
    double best[TOP_CANDIDATES] = {0};
    for (size_t i = 0; i < ntop; i++) top[i] = NULL;
    for (xmlNode *n = root; n;) {
        double s = final_score(a, n);
        const ng_html_node *info = ng_html_node_of(a, n);
        if (info && info->scored && !is_page_root(n)) {
            for (size_t i = 0; i < ntop; i++)
                if (!top[i] || s > best[i]) {
                    memmove(top + i + 1, top + i, (ntop - i - 1) * sizeof *top);
                    memmove(best + i + 1, best + i, (ntop - i - 1) * sizeof *best);
                    top[i] = n;
                    best[i] = s;
                    break;
                }
        }
        /* next element in document order */
        if (n->children && n->type == XML_ELEMENT_NODE) n = n->children;
        else {
            while (n && n != root && !n->next) n = n->parent;
            n = n && n != root ? n->next : NULL;
        }
    }
    return top[0];
}

static int is_ancestor(const xmlNode *anc, const xmlNode *n)
{
    for (; n; n = n->parent)
        if (n == anc) return 1;
    return 0;
}

/* When three of the best share a container that scores close to the best,
 * the article is split into parts: take the container. */
static xmlNode *common_container(const ng_html_article *a, xmlNode *best, xmlNode **top)
{
    double s = final_score(a, best);
    for (xmlNode *anc = best->parent; anc && !is_page_root(anc); anc = anc->parent) {
        size_t inside = 0;
        for (size_t i = 1; i < TOP_CANDIDATES && top[i]; i++)
            if (final_score(a, top[i]) >= 0.75 * s && is_ancestor(anc, top[i])) inside++;
        if (inside >= 2) return anc;
    }
    return best;
}

/* The article is often cut into many parts deeper than the score spreads
 * (page builders nest each paragraph in sections, columns and widgets):
 * climbs to the highest container above best that holds clearly more
 * paragraph text, mostly prose and few links. */
static xmlNode *prose_container(const ng_html_article *a, xmlNode *best)
{
    const ng_html_node *b = ng_html_node_of(a, best);
    xmlNode *pick = best;
    if (!b) return best;
    for (xmlNode *anc = best->parent; anc && !is_page_root(anc); anc = anc->parent) {
        const ng_html_node *info = ng_html_node_of(a, anc);
        if (!info) break;
        if (info->prose * 2 >= b->prose * 3 && info->prose * 2 >= info->chars &&
            ng_html_link_density(info) < 0.3)
            pick = anc;
    }
    return pick;
}

static size_t element_children(const xmlNode *n)
{
    size_t k = 0;
    for (const xmlNode *c = n->children; c; c = c->next) k += c->type == XML_ELEMENT_NODE;
    return k;
}

static int ends_sentence_text(const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    int r = 0;
    if (t) {
        size_t len = strlen((const char *)t);
        while (len && ng_is_space(t[len - 1])) len--;
        r = len && (t[len - 1] == '.' || t[len - 1] == '!' || t[len - 1] == '?');
    }
    xmlFree(t);
    return r;
}

/* Marks top and the siblings that belong with it. */
static void choose_siblings(ng_html_article *a, xmlNode *top)
{
    double s = final_score(a, top);
    double threshold = s * 0.2 > 10 ? s * 0.2 : 10;
    char *top_cls = (char *)xmlGetProp(top, (const xmlChar *)"class");
    node_of(a, top)->chosen = 1;
    if (!top->parent || top->parent->type != XML_ELEMENT_NODE) {
        xmlFree(top_cls);
        return;
    }
    for (xmlNode *c = top->parent->children; c; c = c->next) {
        ng_html_node *info = node_of(a, c);
        if (c == top || !info || (a->strip_unlikely && info->unlikely)) continue;
        double bonus = 0;
        char *cls = (char *)xmlGetProp(c, (const xmlChar *)"class");
        if (cls && top_cls && *cls && !strcmp(cls, top_cls)) bonus = s * 0.2;
        xmlFree(cls);
        double ld = ng_html_link_density(info);
        int keep = info->scored && final_score(a, c) + bonus >= threshold;
        if (!keep && tag_is(c, (const char *const[]){"p", NULL})) {
            if (info->chars > 80 && ld < 0.25) keep = 1;
            else if (info->chars && info->chars <= 80 && ld == 0 && ends_sentence_text(c)) keep = 1;
        }
        if (keep) info->chosen = 1;
    }
    xmlFree(top_cls);
}

static size_t chosen_chars(const ng_html_article *a)
{
    size_t k = 0;
    for (size_t i = 0; i < a->count; i++)
        if (a->nodes[i].chosen) k += a->nodes[i].chars;
    return k;
}

static int run_pass(ng_html_article *a, xmlNode *root, int (*skip)(const xmlNode *n))
{
    for (size_t i = 0; i < a->count; i++) {
        double w = a->nodes[i].weight;
        unsigned u = a->nodes[i].unlikely;
        memset(&a->nodes[i], 0, sizeof a->nodes[i]);
        a->nodes[i].weight = w;
        a->nodes[i].unlikely = u;
    }
    pass p = {a, NULL, 0, 0, skip, 0};
    score_tree(&p, root);
    free(p.f);
    if (p.failed) return -1;
    xmlNode *top[TOP_CANDIDATES];
    xmlNode *best = best_candidate(a, root, top, TOP_CANDIDATES);
    if (!best) {
        a->top = NULL;
        return 0;
    }
    best = common_container(a, best, top);
    best = prose_container(a, best);
    while (best->parent && !is_page_root(best->parent) && element_children(best->parent) == 1)
        best = best->parent;
    a->top = best;
    choose_siblings(a, best);
    return 0;
}

/* Passes 1 and 2: without, then with the chrome-sounding elements. */
/* A pass's outcome, kept so that a later pass that loses costs no rerun. */
typedef struct snapshot {
    ng_html_node *nodes;
    size_t count;
    xmlNode *top;
    int strip_unlikely, keep_comments;
} snapshot;

static int snap_take(const ng_html_article *a, snapshot *s)
{
    s->nodes = malloc((a->count ? a->count : 1) * sizeof *s->nodes);
    if (!s->nodes) return -1;
    if (a->count) memcpy(s->nodes, a->nodes, a->count * sizeof *s->nodes);
    s->count = a->count;
    s->top = a->top;
    s->strip_unlikely = a->strip_unlikely;
    s->keep_comments = a->keep_comments;
    return 0;
}

/* Back to the snapshot.  Records made since (elements first met by the
 * later pass) keep their index and class hints and lose their scores, as
 * a rerun of the snapshot's pass would leave them. */
static void snap_restore(ng_html_article *a, snapshot *s)
{
    if (s->count) memcpy(a->nodes, s->nodes, s->count * sizeof *s->nodes);
    for (size_t i = s->count; i < a->count; i++) {
        double w = a->nodes[i].weight;
        unsigned u = a->nodes[i].unlikely;
        memset(&a->nodes[i], 0, sizeof a->nodes[i]);
        a->nodes[i].weight = w;
        a->nodes[i].unlikely = u;
    }
    a->top = s->top;
    a->strip_unlikely = s->strip_unlikely;
    a->keep_comments = s->keep_comments;
    free(s->nodes);
    s->nodes = NULL;
}

/* Inside a <footer> or role=contentinfo block that is not in an
 * <article>: the site's footer, not the story's. */
static int in_page_footer(const xmlNode *n)
{
    int footer = 0;
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        if (tag_is(n, (const char *const[]){"article", NULL})) return 0;
        if (tag_is(n, (const char *const[]){"footer", NULL})) footer = 1;
        char *role = (char *)xmlGetProp(n, (const xmlChar *)"role");
        if (role && !xmlStrcasecmp((const xmlChar *)role, (const xmlChar *)"contentinfo")) footer = 1;
        xmlFree(role);
    }
    return footer;
}

/* Passes 1 and 2: without, then with the chrome-sounding elements. */
static int choose_in(ng_html_article *a, xmlNode *root, int (*skip)(const xmlNode *n))
{
    memset(a, 0, sizeof *a);
    a->strip_unlikely = 1;
    if (run_pass(a, root, skip)) return -1;
    if (a->top && chosen_chars(a) >= RETRY_CHARS && final_score(a, a->top) >= RETRY_SCORE) return 0;
    xmlNode *first = a->top;
    size_t first_chars = first ? chosen_chars(a) : 0;
    snapshot s = {0};
    if (first && snap_take(a, &s)) return -1;
    a->strip_unlikely = 0;
    if (run_pass(a, root, skip)) {
        free(s.nodes);
        return -1;
    }
    /* the retry found no more, or took the site's footer (a disclaimer
     * or an "about us" there is longer than a short article) */
    if (first && (chosen_chars(a) <= first_chars || in_page_footer(a->top))) snap_restore(a, &s);
    free(s.nodes);
    return 0;
}

/* When passes 1 and 2 find no article of some length, a pass with comment
 * sections in (skip_open): on a forum the thread is the content.  It wins
 * when it gives more text. */
int ng_html_choose_article(ng_html_article *a, xmlNode *root, int (*skip)(const xmlNode *n),
                           int (*skip_open)(const xmlNode *n))
{
    if (choose_in(a, root, skip)) return -1;
    if (!skip_open || (a->top && chosen_chars(a) >= RETRY_CHARS)) return 0;
    size_t have = a->top ? chosen_chars(a) : 0;
    snapshot s = {0};
    if (snap_take(a, &s)) return -1;
    a->keep_comments = 1;
    a->strip_unlikely = 0;
    if (run_pass(a, root, skip_open)) {
        free(s.nodes);
        return -1;
    }
    if (!(a->top && chosen_chars(a) > have) || (have && in_page_footer(a->top))) snap_restore(a, &s);
    free(s.nodes);
    return 0;
}

void ng_html_article_free(ng_html_article *a)
{
    free(a->nodes);
    memset(a, 0, sizeof *a);
}
