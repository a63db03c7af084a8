/* dateline.c - recognising the dateline that opens a news story:
 * "PLACE (AGENCY) --", "(AGENCY)" and "PLACE --" with PLACE in capitals. */
#include <string.h>

#include "structure/structure.h"

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* Length of a dash ("--", "-", an en or em dash) at s, else 0. */
static size_t dash_len(const char *s, size_t len)
{
    if (len >= 2 && s[0] == '-' && s[1] == '-') return 2;
    if (len >= 3 && !memcmp(s, "\xE2\x80\x94", 3)) return 3;
    if (len >= 3 && !memcmp(s, "\xE2\x80\x93", 3)) return 3;
    if (len >= 1 && s[0] == '-') return 1;
    return 0;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
    return i;
}

/* A place name: up to 60 bytes of letters, spaces, commas, periods,
 * apostrophes and hyphens, starting with a capital, at most 7 words.
 * Returns its length (0 when none) and whether all letters are capitals,
 * or all before a comma ("VALENCIA, Spain"). */
static size_t place_len(const char *s, size_t len, int *all_caps)
{
    if (!len || !is_upper((unsigned char)s[0])) return 0;
    size_t i = 0, words = 1;
    int caps = 1, head_caps = 1, comma = 0;
    while (i < len && i < 60) {
        unsigned char c = (unsigned char)s[i];
        if (c == ',') comma = 1;
        if (is_lower(c)) {
            caps = 0;
            if (!comma) head_caps = 0;
        }
        else if (c == ' ') {
            words++;
            if (i + 1 < len && (s[i + 1] == '(' || s[i + 1] == '-' || (unsigned char)s[i + 1] == 0xE2)) break;
        } else if (!(is_upper(c) || c == ',' || c == '.' || c == '\'' || c == '-' || c >= 0x80))
            break;
        i++;
    }
    if (words > 7) return 0;
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == ',')) i--;
    *all_caps = caps || (comma && head_caps);
    return i;
}

/* "(AGENCY)": a parenthesis holding 1..30 bytes that start with a capital
 * and hold no digits.  Returns its length including the parentheses. */
static size_t agency_len(const char *s, size_t len)
{
    if (len < 3 || s[0] != '(' || !is_upper((unsigned char)s[1])) return 0;
    for (size_t i = 1; i < len && i <= 31; i++) {
        if (s[i] == ')') return i + 1;
        if (s[i] >= '0' && s[i] <= '9') return 0;
    }
    return 0;
}

/* The wires whose name in parentheses marks a dateline even without a
 * dash after it. */
static int is_wire(const char *s, size_t len)
{
    static const char *const wires[] = {"CNN", "AP", "Reuters", "AFP", "UPI", "Bloomberg", "EW.com", "Mashable",
                                        "CNN Student News", "The Hollywood Reporter", "RollingStone.com"};
    for (size_t i = 0; i < sizeof wires / sizeof wires[0]; i++)
        if (strlen(wires[i]) == len && !memcmp(wires[i], s, len)) return 1;
    return 0;
}

size_t ng_dateline_len(const char *s, size_t len, size_t *value_len)
{
    int caps = 0;
    size_t p = place_len(s, len, &caps);
    size_t i = skip_spaces(s, len, p);
    /* "BEIJING, March 3 (Reuters) -": the day of a date before the wire */
    if (p && i < len && s[i] >= '0' && s[i] <= '9') {
        size_t k = i;
        while (k < len && k < i + 2 && s[k] >= '0' && s[k] <= '9') k++;
        k = skip_spaces(s, len, k);
        if (k < len && s[k] == '(') i = k;
    }
    size_t a = agency_len(s + i, len - i);
    if (a) {
        size_t vlen = i + a;
        size_t j = skip_spaces(s, len, vlen);
        size_t d = dash_len(s + j, len - j);
        if (!d && j < len && s[j] == ':') d = 1;
        j = skip_spaces(s, len, j + d);
        if (j >= len) return 0; /* nothing follows: not a dateline */
        /* "Paris (France) said" is prose; "Kuala Lumpur (CNN)The ..." with
         * the text glued on, as CNN/DailyMail prints it, is a dateline. */
        if (p && !d && vlen < len && s[vlen] == ' ' && !is_wire(s + i + 1, a - 2)) return 0;
        /* "Stephanie Doetzer (DRadio Wissen), winner ..." is a name in apposition */
        if (!d && vlen < len && (s[vlen] == ',' || s[vlen] == ';')) return 0;
        *value_len = vlen;
        return j;
    }
    /* "LONDON --": the place must be in capitals, then a double or long dash. */
    if (p >= 3 && caps) {
        size_t d = dash_len(s + i, len - i);
        if (d >= 2 || (d == 1 && i > p)) {
            size_t j = skip_spaces(s, len, i + d);
            if (j < len) {
                *value_len = p;
                return j;
            }
        }
    }
    return 0;
}
