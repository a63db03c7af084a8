/* lines.h - small tests on one line of a page that the structure stage
 * combines: bullets, navigation, bylines, prose, credits. */
#ifndef NG_LINES_H
#define NG_LINES_H

#include <stddef.h>

#include "text/ascii.h" /* ng_has_prefix_ci, ng_contains_ci */

/* Bytes of a bullet marker and the spaces after it ("• ", "* ", "- ",
 * "· ", "– "), or 0. */
size_t ng_bullet_len(const char *s, size_t len);

/* Words (runs of non-space bytes). */
size_t ng_word_count(const char *s, size_t len);

/* The line ends like a sentence: . ! ? : ; or a closing quote or bracket
 * after one. */
int ng_ends_like_sentence(const char *s, size_t len);

/* Site navigation and page furniture: "Skip to main content", "Share",
 * "Story highlights", "Advertisement"... */
int ng_is_nav_line(const char *s, size_t len);

/* "By Jo Ling Kent, CNN", "By JOHN DOE Associated Press". */
int ng_is_byline(const char *s, size_t len);

/* "CNN's Jane Doe contributed to this report.", "Reporting by ...". */
int ng_is_credit(const char *s, size_t len);

/* "Comments (12)", "Leave a comment": the start of readers' comments. */
int ng_is_comments_marker(const char *s, size_t len);

/* A heading that opens a box of links to other stories ("Related posts",
 * "You may also like", "More stories"). */
int ng_is_related_heading(const char *s, size_t len);

/* "PUBLISHED: 12:01 GMT, 5 May 2013", "Updated 10:03 AM ET, Thu May 5". */
int ng_is_timestamp_line(const char *s, size_t len);

/* A promo, navigation or transcript line opening s: "READ MORE: ...",
 * "Watch the video: ...", "Click here to ...", "Related: ...", "TRANSCRIPT",
 * "ROLL CALL".  Returns how many bytes it runs (to its end: " . ", a stop
 * and a space, or the end of s), or 0 when s opens with none or the line
 * would run over 300 bytes. */
size_t ng_promo_len(const char *s, size_t len);

#endif
