/* html_article.h - choosing the article's block(s) in a parsed HTML page:
 * the block with the best paragraph text (by length, commas, link density,
 * tag and class/id hints) and the siblings that belong to it. */
#ifndef NG_READ_HTML_ARTICLE_H
#define NG_READ_HTML_ARTICLE_H

#include <stddef.h>

#include <libxml/tree.h>

/* What the chooser knows of one element after ng_html_choose_article. */
typedef struct ng_html_node {
    double score;       /* paragraph score gathered from below */
    double weight;      /* class/id hint: +25 article-like, -25 chrome-like */
    size_t chars;       /* visible non-space bytes below */
    size_t link_chars;  /* of which inside <a> */
    size_t commas;      /* commas below */
    size_t prose;       /* characters below in paragraph runs mostly outside links */
    unsigned scored : 1;   /* received paragraph score */
    unsigned unlikely : 1; /* class/id names page chrome (menu, sidebar ...) */
    unsigned chosen : 1;   /* the article block or one of its siblings */
} ng_html_node;

typedef struct ng_html_article {
    ng_html_node *nodes; /* indexed by (uintptr_t)element->_private - 1 */
    size_t count, cap;
    xmlNode *top;        /* the best block, NULL when the page has no text */
    int strip_unlikely;  /* unlikely elements were left out of the scores */
    int keep_comments;   /* chosen with comment sections in (a forum thread) */
} ng_html_article;

/* Scores root's elements and marks the chosen ones; skip(n) tells elements
 * whose text is never article text (scripts, hidden ...).  Sets each
 * element's _private.  Returns 0, or -1 when out of memory.  Free with
 * ng_html_article_free. */
int ng_html_choose_article(ng_html_article *a, xmlNode *root, int (*skip)(const xmlNode *n),
                           int (*skip_open)(const xmlNode *n));

/* The chooser's record of element n, or NULL for a node it did not see. */
const ng_html_node *ng_html_node_of(const ng_html_article *a, const xmlNode *n);

/* Link characters over all characters below n (0 when it has none). */
double ng_html_link_density(const ng_html_node *info);

/* Class/id weight of n: +25 for each of class and id that reads like
 * content (article, body, content, entry, main, post, story, text),
 * -25 for each that reads like chrome (comment, footer, share, promo,
 * related, sidebar, widget ...). */
double ng_html_class_weight(const xmlNode *n);

/* True when needle (lower case) occurs in s (NULL: false), ignoring case. */
int ng_html_has_ci(const char *s, const char *needle);

/* Whether n's class or id names chrome only by the word "widget": a page
 * builder (Elementor) calls every block of the article a widget. */
int ng_html_only_widget_class(const xmlNode *n);

void ng_html_article_free(ng_html_article *a);

#endif
