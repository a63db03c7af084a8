/* test_tokenize.c - the news-English tokenizer: token boundaries for
 * contractions, possessives, hyphens, numbers, URLs, abbreviations, quotes,
 * dashes and ellipses; flags; offsets; non-ASCII text; empty, blank and
 * broken input; running out of memory; and the word lists it relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "text/abbrev.h"
#include "text/tokenize.h"

/* Tokens of s joined by '|' into out (which holds cap bytes). */
static size_t joined(const char *s, char *out, size_t cap)
{
    ng_arena a;
    ng_arena_init(&a, 0);
    ng_token_vec v = {0};
    assert_int_equal(ng_tokenize(&a, s, strlen(s), 0, &v), NG_OK);
    size_t o = 0;
    out[0] = 0;
    for (size_t i = 0; i < v.count; i++)
        o += (size_t)snprintf(out + o, cap - o, "%s%.*s", i ? "|" : "", (int)v.items[i].len,
                              s + v.items[i].start);
    size_t n = v.count;
    ng_arena_free(&a);
    return n;
}

#define assert_tokens(text, expected)                 \
    do {                                              \
        char buf_[1024];                              \
        joined((text), buf_, sizeof buf_);            \
        assert_string_equal(buf_, (expected));        \
    } while (0)

/* The flags of the first token of s that reads exactly as word. */
static uint32_t flags_of(const char *s, const char *word)
{
    ng_arena a;
    ng_arena_init(&a, 0);
    ng_token_vec v = {0};
    assert_int_equal(ng_tokenize(&a, s, strlen(s), 0, &v), NG_OK);
    uint32_t f = 0xdeadbeef;
    for (size_t i = 0; i < v.count && f == 0xdeadbeef; i++)
        if (v.items[i].len == strlen(word) && memcmp(s + v.items[i].start, word, v.items[i].len) == 0)
            f = v.items[i].flags;
    ng_arena_free(&a);
    assert_int_not_equal(f, 0xdeadbeef); /* the token must exist */
    return f;
}

static void test_contractions(void **state)
{
    (void)state;
    assert_tokens("I don't think we've seen it.", "I|do|n't|think|we|'ve|seen|it|.");
    assert_tokens("can't won't ain't", "ca|n't|wo|n't|ai|n't");
    assert_tokens("DON'T I'm you're she'd they'll", "DO|N'T|I|'m|you|'re|she|'d|they|'ll");
    assert_tokens("don\xE2\x80\x99t we\xE2\x80\x99ve", "do|n\xE2\x80\x99t|we|\xE2\x80\x99ve");
    /* apostrophes inside names stay */
    assert_tokens("O'Brien rock'n'roll o'clock y'all", "O'Brien|rock'n'roll|o'clock|y'all");
    /* "n't" at the very start still reads as one piece */
    assert_tokens("n't", "n't");
}

static void test_possessives(void **state)
{
    (void)state;
    assert_tokens("China's U.S.'s Jr.'s", "China|'s|U.S.|'s|Jr.|'s");
    assert_tokens("China\xE2\x80\x99s plan", "China|\xE2\x80\x99s|plan");
    /* a plural possessive leaves its apostrophe as a (closing) quote */
    assert_tokens("the states' rights", "the|states|'|rights");
    assert_true(flags_of("the states' rights", "'") & NG_TOKEN_QUOTE);
    assert_true(flags_of("China's", "'s") & NG_TOKEN_STOP);
    assert_true(flags_of("don't", "n't") & NG_TOKEN_WORD);
}

static void test_hyphens_and_dashes(void **state)
{
    (void)state;
    assert_tokens("U.S.-China well-known U.S-China 20-year-old e-mail",
                  "U.S.-China|well-known|U.S-China|20-year-old|e-mail");
    assert_tokens("war--peace pre- and post-war", "war|--|peace|pre|-|and|post-war");
    assert_tokens("a \xE2\x80\x94 b \xE2\x80\x93 c --- d", "a|\xE2\x80\x94|b|\xE2\x80\x93|c|---|d");
    assert_int_equal(flags_of("a -- b", "--"), NG_TOKEN_PUNCT);
    assert_int_equal(flags_of("a \xE2\x80\x94 b", "\xE2\x80\x94"), NG_TOKEN_PUNCT);
    /* Unicode hyphen (U+2010) joins like '-' */
    assert_tokens("well\xE2\x80\x90known", "well\xE2\x80\x90known");
}

static void test_numbers(void **state)
{
    (void)state;
    assert_tokens("3.5 1,200 $5.1 billion 10% .50 $.50", "3.5|1,200|$5.1|billion|10%|.50|$.50");
    assert_tokens("11.18.2014 10:30 1/2 5th 1990s", "11.18.2014|10:30|1/2|5th|1990s");
    assert_tokens("\xC2\xA3" "20 \xE2\x82\xAC" "1,5", "\xC2\xA3" "20|\xE2\x82\xAC" "1,5");
    /* a stop or a comma after a number is not part of it */
    assert_tokens("in 2014. Then", "in|2014|.|Then");
    assert_tokens("bought 1,000.That", "bought|1,000|.|That");
    assert_tokens("1, 2, 3", "1|,|2|,|3");
    assert_int_equal(flags_of("$5.1 billion", "$5.1"), NG_TOKEN_NUMBER);
    assert_int_equal(flags_of("10% of", "10%"), NG_TOKEN_NUMBER);
    assert_int_equal(flags_of("the 5th", "5th"), NG_TOKEN_NUMBER | NG_TOKEN_WORD);
    /* a lone currency sign is punctuation */
    assert_int_equal(flags_of("costs $ more", "$"), NG_TOKEN_PUNCT);
}

static void test_urls(void **state)
{
    (void)state;
    assert_tokens("See http://www.cnn.com/2015/a_b.html. Now",
                  "See|http://www.cnn.com/2015/a_b.html|.|Now");
    assert_tokens("(www.cnn.com), CNN.com/world and jane.doe@example.com.",
                  "(|www.cnn.com|)|,|CNN.com/world|and|jane.doe@example.com|.");
    assert_int_equal(flags_of("at https://x.org/a?b=1", "https://x.org/a?b=1"), NG_TOKEN_URL);
    assert_int_equal(flags_of("mail jane-doe@cnn.co.uk now", "jane-doe@cnn.co.uk"), NG_TOKEN_URL);
    /* glued words are not taken for a host name */
    assert_tokens("world.Today is.", "world|.|Today|is|.");
    assert_tokens("user@ host", "user|@|host");
}

static void test_abbreviations(void **state)
{
    (void)state;
    assert_tokens("Mr. Smith of the U.S. and U.N. at 5 a.m.", "Mr.|Smith|of|the|U.S.|and|U.N.|at|5|a.m.");
    assert_tokens("George W. Bush, e.g. this, a Ph.D. and Apple Inc.",
                  "George|W.|Bush|,|e.g.|this|,|a|Ph.D.|and|Apple|Inc.");
    assert_tokens("U.S.A. J.R.R. Tolkien", "U.S.A.|J.R.R.|Tolkien");
    assert_tokens("Mr.Smith", "Mr.|Smith");
    /* an ordinary word keeps its stop apart, as does an abbreviation
     * before an ellipsis */
    assert_tokens("the end. etc...", "the|end|.|etc|...");
    assert_tokens("a. b", "a|.|b");
    assert_int_equal(flags_of("the U.S. said", "U.S."), NG_TOKEN_WORD | NG_TOKEN_CAPITAL);
}

static void test_quotes(void **state)
{
    (void)state;
    assert_tokens("\"Hi,\" she said.", "\"|Hi|,|\"|she|said|.");
    assert_tokens("\xE2\x80\x9CYes.\xE2\x80\x9D \xE2\x80\x98No\xE2\x80\x99",
                  "\xE2\x80\x9C|Yes|.|\xE2\x80\x9D|\xE2\x80\x98|No|\xE2\x80\x99");
    assert_tokens("``PTB'' text 'so'", "``|PTB|''|text|'|so|'");
    uint32_t q = NG_TOKEN_QUOTE | NG_TOKEN_PUNCT;
    assert_int_equal(flags_of("\"Hi\"", "\""), q);
    assert_int_equal(flags_of("\xE2\x80\x9CHi", "\xE2\x80\x9C"), q);
    assert_int_equal(flags_of("'Hi", "'"), q);
    assert_int_equal(flags_of("``Hi", "``"), q);
    assert_int_equal(flags_of("x \xC2\xAB" "a", "\xC2\xAB"), q);
}

static void test_ellipses_and_stops(void **state)
{
    (void)state;
    assert_tokens("wait... what\xE2\x80\xA6 . . . done....", "wait|...|what|\xE2\x80\xA6|. . .|done|....");
    assert_tokens("Really?! No!!! Why?", "Really|?!|No|!!!|Why|?");
    assert_tokens("compounds. . . . The", "compounds|.|. . .|The");
    assert_tokens("[...]", "[|...|]");
    assert_int_equal(flags_of("so . . . then", ". . ."), NG_TOKEN_PUNCT);
}

static void test_flags(void **state)
{
    (void)state;
    const char *s = "The cat and China ran 3 Mr. x";
    assert_int_equal(flags_of(s, "The"), NG_TOKEN_WORD | NG_TOKEN_CAPITAL | NG_TOKEN_STOP);
    assert_int_equal(flags_of(s, "cat"), NG_TOKEN_WORD);
    assert_int_equal(flags_of(s, "and"), NG_TOKEN_WORD | NG_TOKEN_STOP);
    assert_int_equal(flags_of(s, "China"), NG_TOKEN_WORD | NG_TOKEN_CAPITAL);
    assert_int_equal(flags_of(s, "3"), NG_TOKEN_NUMBER);
    assert_int_equal(flags_of(s, "Mr."), NG_TOKEN_WORD | NG_TOKEN_CAPITAL);
    assert_int_equal(flags_of("x, y", ","), NG_TOKEN_PUNCT);
    /* the scanner's private bits never leak into the public flags */
    assert_int_equal(flags_of(s, "x") & ~0x7fu, 0);
}

static void test_offsets_and_base(void **state)
{
    (void)state;
    ng_arena a;
    ng_arena_init(&a, 0);
    ng_token_vec v = {0};
    const char *s = "  ab\tcd\n\xC3\xA9t\xC3\xA9!";
    assert_int_equal(ng_tokenize(&a, s, strlen(s), 100, &v), NG_OK);
    assert_int_equal(v.count, 4);
    assert_int_equal(v.items[0].start, 102);
    assert_int_equal(v.items[0].len, 2);
    assert_int_equal(v.items[1].start, 105);
    assert_int_equal(v.items[2].start, 108);
    assert_int_equal(v.items[2].len, 5); /* "été" is 5 bytes */
    assert_int_equal(v.items[3].start, 113);
    assert_int_equal(v.items[0].word, 0);
    /* a second call appends after what is there */
    assert_int_equal(ng_tokenize(&a, "x y", 3, 0, &v), NG_OK);
    assert_int_equal(v.count, 6);
    assert_int_equal(v.items[5].start, 2);
    ng_arena_free(&a);
}

static void test_unicode(void **state)
{
    (void)state;
    assert_tokens("\xC5\x81\xC3\xB3" "d\xC5\xBA caf\xC3\xA9 Z\xC3\xBCrich's",
                  "\xC5\x81\xC3\xB3" "d\xC5\xBA|caf\xC3\xA9|Z\xC3\xBCrich|'s");
    assert_true(flags_of("\xC5\x81\xC3\xB3" "d\xC5\xBA", "\xC5\x81\xC3\xB3" "d\xC5\xBA") & NG_TOKEN_CAPITAL);
    /* no-break, thin and zero-width spaces separate tokens */
    assert_tokens("a\xC2\xA0" "b\xE2\x80\x89" "c\xE2\x80\x8B" "d", "a|b|c|d");
    /* decomposed accents (e + U+0301) stay inside the word */
    assert_tokens("cafe\xCC\x81 ok", "cafe\xCC\x81|ok");
    /* other scripts and symbols */
    assert_tokens("\xE5\x8C\x97\xE4\xBA\xAC \xF0\x9F\x98\x80 x", "\xE5\x8C\x97\xE4\xBA\xAC|\xF0\x9F\x98\x80|x");
    assert_tokens("Test\xEF\xBC\x8E" "Does", "Test|\xEF\xBC\x8E|Does");
}

static void test_empty_and_blank(void **state)
{
    (void)state;
    ng_arena a;
    ng_arena_init(&a, 0);
    ng_token_vec v = {0};
    assert_int_equal(ng_tokenize(&a, "", 0, 0, &v), NG_OK);
    assert_int_equal(ng_tokenize(&a, NULL, 0, 0, &v), NG_OK);
    assert_int_equal(ng_tokenize(&a, " \t\n\r\xC2\xA0 ", 7, 0, &v), NG_OK);
    assert_int_equal(v.count, 0);
    /* only the first len bytes count, NUL or not */
    assert_int_equal(ng_tokenize(&a, "ab cd", 2, 0, &v), NG_OK);
    assert_int_equal(v.count, 1);
    assert_int_equal(v.items[0].len, 2);
    ng_arena_free(&a);
}

/* Tokens are in order, inside the text, never empty or overlapping, and
 * every byte that is not whitespace belongs to one. */
static void check_cover(const char *s, size_t n)
{
    ng_arena a;
    ng_arena_init(&a, 0);
    ng_token_vec v = {0};
    assert_int_equal(ng_tokenize(&a, s, n, 0, &v), NG_OK);
    size_t pos = 0;
    for (size_t i = 0; i < v.count; i++) {
        assert_true(v.items[i].start >= pos);
        assert_true(v.items[i].len > 0);
        for (size_t k = pos; k < v.items[i].start; k++)
            assert_true((unsigned char)s[k] <= 0x20 || (unsigned char)s[k] >= 0x7f);
        pos = v.items[i].start + v.items[i].len;
        assert_true(pos <= n);
    }
    ng_arena_free(&a);
}

static void test_broken_input_is_safe(void **state)
{
    (void)state;
    /* The contract asks for valid UTF-8; broken bytes must still never
     * stall the scanner or read past the end. */
    const char *cases[] = {"\xff\xfe abc", "abc\xE2\x80", "\xE2", "x\xC3", "don\xE2\x80",
                           "U.S", "U.", "'", "\"", "$", "-", ". .", "a@b.", "http://",
                           "www.", "3.", "1,", "n'", "x'", "..", "\xE2\x80\x99"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) check_cover(cases[i], strlen(cases[i]));
    char junk[256];
    for (int i = 0; i < 256; i++) junk[i] = (char)(255 - i);
    check_cover(junk, sizeof junk);
    const char *news = "(CNN) -- \"It's 3.5% of $1,200,\" said Mr. O'Neil, a U.S.-based "
                       "analyst... www.cnn.com \xE2\x80\x94 e-mail a@b.org!? 'Yes.'";
    check_cover(news, strlen(news));
}

static void test_out_of_memory(void **state)
{
    (void)state;
    ng_arena a;
    ng_arena_init(&a, 64); /* too small for the first vector block */
    ng_token_vec v = {0};
    assert_int_equal(ng_tokenize(&a, "one two three", 13, 0, &v), NG_E_NOMEM);
    ng_arena_free(&a);
}

static void test_word_lists(void **state)
{
    (void)state;
    assert_true(ng_abbrev_lists_sorted());
    assert_int_equal(ng_abbrev_lookup("Mr", 2), NG_AB_TITLE);
    assert_int_equal(ng_abbrev_lookup("u.s", 3), NG_AB_TERMINAL);
    assert_int_equal(ng_abbrev_lookup("GEN", 3), NG_AB_PREFIX);
    assert_int_equal(ng_abbrev_lookup("jan", 3), NG_AB_MID);
    assert_int_equal(ng_abbrev_lookup("sat", 3), NG_AB_NONE);
    assert_int_equal(ng_abbrev_lookup("averyveryverylongword", 21), NG_AB_NONE);
    assert_true(ng_is_stopword("The", 3));
    assert_true(ng_is_stopword("n't", 3));
    assert_false(ng_is_stopword("China", 5));
    assert_true(ng_is_continuation("Army", 4));
    assert_false(ng_is_continuation("army", 4));
    assert_true(ng_is_starter_extra("However", 7));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contractions),
        cmocka_unit_test(test_possessives),
        cmocka_unit_test(test_hyphens_and_dashes),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_urls),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_ellipses_and_stops),
        cmocka_unit_test(test_flags),
        cmocka_unit_test(test_offsets_and_base),
        cmocka_unit_test(test_unicode),
        cmocka_unit_test(test_empty_and_blank),
        cmocka_unit_test(test_broken_input_is_safe),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_word_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
