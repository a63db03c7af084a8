/* lines.c - the one-line tests of lines.h. */
#include "structure/lines.h"

#include <string.h>

#include "text/ascii.h"

static int equals_ci(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && ng_has_prefix_ci(s, len, word);
}

size_t ng_bullet_len(const char *s, size_t len)
{
    static const char *const marks[] = {"\xE2\x80\xA2", "\xC2\xB7", "\xE2\x80\x93", "\xE2\x96\xAA",
                                        "\xE2\x97\x8F", "*", "-"};
    for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
        size_t n = strlen(marks[m]);
        if (len > n && !memcmp(s, marks[m], n) && (s[n] == ' ' || s[n] == '\t')) {
            while (n < len && (s[n] == ' ' || s[n] == '\t')) n++;
            return n;
        }
    }
    return 0;
}

size_t ng_word_count(const char *s, size_t len)
{
    size_t words = 0;
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        int space = s[i] == ' ' || s[i] == '\t';
        if (!space && !in_word) words++;
        in_word = !space;
    }
    return words;
}

int ng_ends_like_sentence(const char *s, size_t len)
{
    /* Step back over closing quotes and brackets. */
    while (len) {
        unsigned char c = (unsigned char)s[len - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']') { len--; continue; }
        if (len >= 3 && (unsigned char)s[len - 3] == 0xE2 && (unsigned char)s[len - 2] == 0x80 &&
            ((unsigned char)s[len - 1] == 0x9D || (unsigned char)s[len - 1] == 0x99)) {
            len -= 3;
            continue;
        }
        break;
    }
    if (!len) return 0;
    char c = s[len - 1];
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return 1;
    return len >= 3 && !memcmp(s + len - 3, "\xE2\x80\xA6", 3);
}

int ng_is_nav_line(const char *s, size_t len)
{
    static const char *const nav[] = {
        "skip to main content", "skip to content", "skip to navigation", "jump to content",
        "menu", "search", "sign in", "log in", "login", "subscribe", "share", "share this",
        "share this story", "share on facebook", "share on twitter", "tweet", "email", "print",
        "advertisement", "ad", "close", "home", "story highlights", "highlights",
        "follow us", "read more", "next article", "previous article", "top stories",
        "most popular", "trending", "loading...", "watch", "back to top", "more", "related",
        "related stories", "related articles", "recommended", "editor's note:"};
    while (len && (s[len - 1] == ':' || s[len - 1] == ' ')) len--;
    for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++)
        if (equals_ci(s, len, nav[i])) return 1;
    return 0;
}

int ng_is_byline(const char *s, size_t len)
{
    if (!ng_has_prefix_ci(s, len, "by ")) return 0;
    size_t words = ng_word_count(s, len);
    if (words < 2 || words > 12) return 0;
    /* The name after "By" starts with a capital: "By Jo", "By JOHN", "By ." */
    size_t i = 3;
    while (i < len && s[i] == ' ') i++;
    return i < len && ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.');
}

/* A sentence end inside s: ". " (or ? !) then a capital or a quote, where
 * the word before the stop is not a single initial ("Amy B. Cole"). */
static int has_inner_sentence_break(const char *s, size_t len)
{
    for (size_t i = 1; i + 2 < len; i++) {
        if (!(s[i] == '.' || s[i] == '?' || s[i] == '!') || s[i + 1] != ' ') continue;
        char next = s[i + 2];
        if (!((next >= 'A' && next <= 'Z') || next == '"')) continue;
        int initial = i >= 2 && s[i - 1] >= 'A' && s[i - 1] <= 'Z' && (s[i - 2] == ' ' || s[i - 2] == '.');
        if (s[i] == '.' && (initial || (i == 1 && s[0] >= 'A' && s[0] <= 'Z'))) continue;
        return 1;
    }
    return 0;
}

int ng_is_credit(const char *s, size_t len)
{
    if (len > 400 || ng_word_count(s, len) > 40 || has_inner_sentence_break(s, len)) return 0;
    return ng_contains_ci(s, len, "contributed to this report") ||
           ng_contains_ci(s, len, "contributed to this story") ||
           ng_contains_ci(s, len, "contributed reporting") ||
           ng_contains_ci(s, len, "contributed to reporting") ||
           ng_has_prefix_ci(s, len, "reporting by ") ||
           ng_has_prefix_ci(s, len, "additional reporting by ") ||
           ng_has_prefix_ci(s, len, "editing by ") || ng_has_prefix_ci(s, len, "writing by ");
}

int ng_is_comments_marker(const char *s, size_t len)
{
    if (ng_word_count(s, len) > 6) return 0;
    const char *p = s;
    size_t n = len;
    while (n && ((*p >= '0' && *p <= '9') || *p == ' ')) { p++; n--; }
    return ng_has_prefix_ci(p, n, "comments") || ng_has_prefix_ci(p, n, "comment (") ||
           ng_has_prefix_ci(p, n, "leave a comment") || ng_has_prefix_ci(p, n, "add your comment") ||
           ng_has_prefix_ci(p, n, "join the conversation") ||
           ng_has_prefix_ci(p, n, "join the discussion") || ng_has_prefix_ci(p, n, "post a comment") ||
           ng_has_prefix_ci(p, n, "reader comments");
}

int ng_is_related_heading(const char *s, size_t len)
{
    if (ng_word_count(s, len) > 5) return 0;
    static const char *const starts[] = {"related posts", "related articles", "related stories", "related content",
                                         "related reading", "you may also like", "you might also like",
                                         "more stories", "more articles", "recommended for you", "read next",
                                         "recent posts", "popular posts", "latest posts", NULL};
    for (const char *const *w = starts; *w; w++)
        if (ng_has_prefix_ci(s, len, *w)) return 1;
    return 0;
}

int ng_is_timestamp_line(const char *s, size_t len)
{
    if (ng_word_count(s, len) > 14) return 0;
    return ng_has_prefix_ci(s, len, "published") || ng_has_prefix_ci(s, len, "updated") ||
           ng_has_prefix_ci(s, len, "last updated") || ng_has_prefix_ci(s, len, "posted") ||
           ng_has_prefix_ci(s, len, "first published");
}

/* The end of a promo line from i: past " . " (a flattened headline's stop),
 * past ". " "! " "? " before a capital or quote, or the end of s. */
static size_t promo_end(const char *s, size_t len, size_t i)
{
    for (; i < len; i++) {
        if (s[i] == ' ' && i + 2 < len && s[i + 1] == '.' && s[i + 2] == ' ') return i + 3;
        if (s[i] == ' ' && i + 2 == len && s[i + 1] == '.') return len;
        if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && i + 2 < len && s[i + 1] == ' ' &&
            ((s[i + 2] >= 'A' && s[i + 2] <= 'Z') || s[i + 2] == '"'))
            return i + 2;
    }
    return len;
}

size_t ng_promo_len(const char *s, size_t len)
{
    /* Labels, matched with their exact case: "Read more:" opens a promo,
     * "Read more about it in the report." does not. */
    static const char *const labels[] = {"READ MORE:", "Read more:", "Read More:", "READ:", "MORE:",
                                         "WATCH:", "Watch:", "WATCH VIDEO:", "Watch the video",
                                         "WATCH THE VIDEO", "VIDEO:", "Video:", "PHOTOS:", "Photos:",
                                         "RELATED:", "Related:", "SEE ALSO:", "See also:", "Click here",
                                         "CLICK HERE", "Scroll down for video", "SCROLL DOWN FOR VIDEO"};
    static const char *const heads[] = {"TRANSCRIPT", "ROLL CALL"};
    if (!len || !s[0] || !strchr("RMWVPSCT", s[0])) return 0; /* the letters they all start with */
    for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
        size_t n = strlen(heads[k]);
        if (len < n || memcmp(s, heads[k], n)) continue;
        size_t i = n;
        while (i < len && s[i] == ' ') i++;
        if (i < len && (s[i] == '.' || s[i] == ':')) i++;
        while (i < len && s[i] == ' ') i++;
        if (i == len || i > n + 1) return i; /* alone on its line, or "TRANSCRIPT . " */
    }
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
        if (s[0] != labels[k][0]) continue;
        size_t n = strlen(labels[k]);
        if (len < n || memcmp(s, labels[k], n)) continue;
        size_t end = promo_end(s, len, n);
        if (end > 300) return 0;
        while (end < len && s[end] == ' ') end++;
        return end;
    }
    return 0;
}
