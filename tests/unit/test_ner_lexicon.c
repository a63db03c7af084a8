/* test_ner_lexicon.c - the named-entity tagger's lexicon: reading
 * "TYPE<TAB>phrase" lines (comments, CRLF, long phrases, bad lines with
 * their line number), its features (case-insensitive words, phrases only
 * over capitalised words), and building it from WordNet, time-zone and
 * name-list lines into sorted, distinct lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/ner.h"

static ng_status parse(const char *text, ng_ner_gaz *lex, ng_error *err)
{
    memset(lex, 0, sizeof *lex);
    return ng_ner_lex_parse(text, strlen(text), lex, err);
}

static void test_parse(void **state)
{
    (void)state;
    ng_ner_gaz lex;
    ng_error err = {0};
    /* two phrases of two words: a key for each phrase and each word; the
     * phrase of seven words is skipped */
    assert_int_equal(parse("# names\nPER\tPeter Blackburn\r\nLOC\tHong Kong\n\nMISC\tA B C D E F G\n", &lex, &err),
                     NG_OK);
    assert_int_equal(lex.count, 6);
    ng_ner_gaz_free(&lex);
    /* the same word under two types is one key with both */
    assert_int_equal(parse("LOC\tJordan\nPER\tJordan\n", &lex, &err), NG_OK);
    assert_int_equal(lex.count, 2);
    ng_ner_gaz_free(&lex);
    assert_int_equal(parse("PER\tAda\nLOC\tParis\nPLACE\tRome\n", &lex, &err), NG_E_FORMAT);
    assert_int_equal(err.line, 3);
    assert_non_null(strstr(err.message, "line 3"));
    ng_ner_gaz_free(&lex);
    assert_int_equal(parse("PER Ada\n", &lex, &err), NG_E_FORMAT); /* no tab */
    ng_ner_gaz_free(&lex);
    assert_int_equal(parse("", &lex, &err), NG_OK);
    assert_int_equal(lex.count, 0);
}

/* Feature 40 (the word's lexicon types and case) and 41 (the phrase
 * match) of words[i] with and without the lexicon. */
static void lexicon_features(const ng_ner_gaz *lex, const char *const *words, size_t n, uint32_t *out)
{
    ng_ner_gaz gaz = {0};
    uint8_t scratch[2 * 8];
    uint16_t cid[8 * NG_NER_CLUSTER_LEVELS];
    assert_true(n <= 8);
    ng_ner_features(&gaz, lex, NULL, words, n, 0xfffff, scratch, cid, out);
}

static void test_features(void **state)
{
    (void)state;
    ng_ner_gaz lex, none = {0};
    ng_error err = {0};
    assert_int_equal(parse("LOC\tXanadu City\n", &lex, &err), NG_OK);
    const size_t F = NG_NER_FEATS;
    static const char *const caps[] = {"In", "Xanadu", "City", "today"};
    static const char *const shout[] = {"IN", "XANADU", "CITY", "TODAY"};
    static const char *const lower[] = {"in", "xanadu", "city", "today"};
    static const char *const half[] = {"In", "Xanadu", "today", "."};
    uint32_t with[4 * NG_NER_FEATS], without[4 * NG_NER_FEATS], other[4 * NG_NER_FEATS];
    lexicon_features(&lex, caps, 4, with);
    lexicon_features(&none, caps, 4, without);
    /* the name's words and phrase are seen; the others look the same */
    for (size_t i = 1; i <= 2; i++) {
        assert_int_not_equal(with[i * F + 40], without[i * F + 40]);
        assert_int_not_equal(with[i * F + 41], without[i * F + 41]);
    }
    assert_int_equal(with[0 * F + 41], without[0 * F + 41]);
    assert_int_equal(with[3 * F + 41], without[3 * F + 41]);
    /* the phrase's first word and its inside differ */
    assert_int_not_equal(with[1 * F + 41], with[2 * F + 41]);
    /* capitals match as well: the same phrase features */
    lexicon_features(&lex, shout, 4, other);
    assert_int_equal(other[1 * F + 41], with[1 * F + 41]);
    assert_int_equal(other[2 * F + 41], with[2 * F + 41]);
    /* lower case: the word is known but not capitalised, and no phrase */
    lexicon_features(&lex, lower, 4, other);
    assert_int_not_equal(other[1 * F + 40], with[1 * F + 40]);
    assert_int_not_equal(other[1 * F + 40], without[1 * F + 40]);
    assert_int_equal(other[1 * F + 41], without[1 * F + 41]);
    /* half the phrase is no phrase */
    lexicon_features(&lex, half, 4, other);
    assert_int_equal(other[1 * F + 41], without[1 * F + 41]);
    ng_ner_gaz_free(&lex);
}

static const char wordnet_nouns[] =
    "  1 This software and database is being provided to you, the LICENSEE, by\n"
    "09044862 15 n 02 United_States 0 US 0 001 @i 08544813 n 0000 | North American republic\n"
    "11078287 18 n 01 Winston_Churchill 0 002 @i 10650162 n 0000 @i 10467395 n 0000 | statesman\n"
    "09738400 18 n 01 American 0 001 @ 09636339 n 0000 | a native of America\n"
    "10694258 18 n 01 teacher 0 001 @ 10045713 n 0000 | a person whose occupation is teaching\n"
    "08000000 14 n 01 St._Louis_Cardinals 0 001 @i 08079319 n 0000 | a baseball team\n"
    "05000000 26 n 01 Foo 0 001 @i 05000001 n 0000 | an instance of a state\n"
    "broken\n"
    "06000000 1";

static const char wordnet_adjectives[] =
    "02958126 03 a 01 French 0 001 \\ 08906923 n 0101 | of France\n"
    "00001740 00 a 01 able 0 000 | having the means\n"
    "01234567 00 s 01 Elizabethan(a) 0 000 | of the time of Elizabeth I\n";

static const char zones[] =
    "# tzdb timezone descriptions\n"
    "US\t+404251-0740023\tAmerica/New_York\tEastern (most areas)\n"
    "GB,GG,IM,JE\t+513030-0000731\tEurope/London\n"
    "XX\tnothing\n";

static void test_names(void **state)
{
    (void)state;
    ng_ner_names b;
    memset(&b, 0, sizeof b);
    assert_int_equal(ng_ner_names_add_wordnet(&b, wordnet_nouns, strlen(wordnet_nouns), 0), NG_OK);
    assert_int_equal(ng_ner_names_add_wordnet(&b, wordnet_adjectives, strlen(wordnet_adjectives), 1), NG_OK);
    assert_int_equal(ng_ner_names_add_zones(&b, zones, strlen(zones)), NG_OK);
    const char *list = "Ada\nZoe\n\nlowercase\nAda\n";
    assert_int_equal(ng_ner_names_add_list(&b, list, strlen(list), NG_NER_PER), NG_OK);
    const char *skip[] = {"Korea, Republic of", "A Coruna [La Coruna]", "One Two Three Four Five Six Seven",
                          "united kingdom", "   "};
    for (size_t i = 0; i < sizeof skip / sizeof *skip; i++)
        assert_int_equal(ng_ner_names_add(&b, NG_NER_LOC, skip[i], strlen(skip[i])), NG_OK);
    const char *firm = "O'Neill-Smith & Co.", *coast = " C\xc3\xb4te d'Ivoire/Sud ";
    assert_int_equal(ng_ner_names_add(&b, NG_NER_ORG, firm, strlen(firm)), NG_OK);
    assert_int_equal(ng_ner_names_add(&b, NG_NER_LOC, coast, strlen(coast)), NG_OK);
    assert_int_equal(ng_ner_names_add(&b, NG_NER_TYPES, "Nowhere", 7), NG_E_ARG);
    char *tsv;
    size_t len;
    assert_int_equal(ng_ner_names_tsv(&b, &tsv, &len), NG_OK);
    const char *want = "LOC\tC\xc3\xb4te d'Ivoire / Sud\n"
                       "LOC\tLondon\n"
                       "LOC\tNew York\n"
                       "LOC\tUS\n"
                       "LOC\tUnited States\n"
                       "MISC\tAmerican\n"
                       "MISC\tElizabethan\n"
                       "MISC\tFrench\n"
                       "ORG\tO'Neill-Smith & Co.\n"
                       "ORG\tSt. Louis Cardinals\n"
                       "PER\tAda\n"
                       "PER\tChurchill\n"
                       "PER\tWinston Churchill\n"
                       "PER\tZoe\n";
    assert_string_equal(tsv, want);
    assert_int_equal(len, strlen(want));
    /* what it writes, the tagger reads */
    ng_ner_gaz lex = {0};
    ng_error err = {0};
    assert_int_equal(ng_ner_lex_parse(tsv, len, &lex, &err), NG_OK);
    assert_true(lex.count > 14);
    ng_ner_gaz_free(&lex);
    free(tsv);
    ng_ner_names_free(&b);
    /* nothing gathered: an empty file */
    assert_int_equal(ng_ner_names_tsv(&b, &tsv, &len), NG_OK);
    assert_int_equal(len, 0);
    assert_string_equal(tsv, "");
    free(tsv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_features),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
