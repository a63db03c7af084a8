/* test_entities_apart.c - hand-made cases for entities that stay apart and
 * are typed right on news text: two persons sharing a last name ("Jeb
 * Bush" and "George W. Bush", "Mehrezia Labidi" and "Yassine Labidi"), a
 * bare surname going to the person the story is about, a name after a line
 * break, a name after a sentence-opening word ("Perhaps Smith"),
 * organizations, celestial bodies and awards by their words or the word
 * before them, and tags that are topics, never verbs, adverbs or
 * quantifiers.  They guard against regressions; GUM (test_gum_entities)
 * and bench/tags measure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include <string.h>

#include "analyze/analyze.h"
#include "nutgraf.h"

static ng_doc *analyze(const char *text)
{
    ng_doc *doc = NULL;
    ng_read_options o = {NG_FORMAT_TEXT, 0};
    assert_int_equal(ng_doc_read(text, strlen(text), &o, &doc, NULL), NG_OK);
    assert_int_equal(ng_analyze(doc, NULL, NULL), NG_OK);
    return doc;
}

static int str_is(ng_str s, const char *want)
{
    return s.len == strlen(want) && !memcmp(s.ptr, want, s.len);
}

static int find_entity(const ng_doc *doc, const char *name)
{
    for (size_t i = 0; i < ng_doc_entity_count(doc); i++)
        if (str_is(ng_doc_entity(doc, i).name, name)) return (int)i;
    return -1;
}

/* The entity of the named mention written as text at its k-th occurrence
 * (0-based), or -1. */
static int entity_of(const ng_doc *doc, const char *text, size_t k)
{
    ng_str body = ng_doc_body(doc);
    for (size_t i = 0; i < ng_doc_mention_count(doc); i++) {
        ng_mention m = ng_doc_mention(doc, i);
        ng_str s = {body.ptr + m.start, m.end - m.start};
        if (!m.pronoun && str_is(s, text) && k-- == 0) return (int)m.entity;
    }
    return -1;
}

static void test_jeb_and_george(void **state)
{
    (void)state;
    ng_doc *doc = analyze(
        "Jeb Bush is raising money for a run for the White House.\n\n"
        "Bush met donors in Miami on Monday. Jeb told them he would run his own race.\n\n"
        "Bush has been a governor of Florida. Bush spoke for an hour.\n\n"
        "His brother, George W. Bush, served two terms as president.\n\n"
        "Many of the donors worked for the campaigns of his father and his brother.\n\n"
        "Bush said on Tuesday that he would decide soon. Bush thanked the crowd.");
    int jeb = find_entity(doc, "Jeb Bush"), george = find_entity(doc, "George W. Bush");
    assert_true(jeb >= 0 && george >= 0 && jeb != george);
    /* the bare surname before and long after George is named goes to Jeb */
    assert_int_equal(entity_of(doc, "Bush", 0), jeb);
    assert_int_equal(entity_of(doc, "Bush", 2), jeb);
    assert_int_equal(entity_of(doc, "Bush", 4), jeb);
    ng_doc_free(doc);

    /* a surname right after a full name goes to that person */
    doc = analyze("Jeb Bush spoke first. Jeb Bush then left.\n\n"
                  "Later George W. Bush arrived. Bush said he was proud of his brother.");
    george = find_entity(doc, "George W. Bush");
    assert_true(george >= 0);
    assert_int_equal(entity_of(doc, "Bush", 0), george);
    ng_doc_free(doc);
}

static void test_labidi(void **state)
{
    (void)state;
    ng_doc *doc = analyze(
        "Prime Minister Habib Essid identified two suspects, Yassine Labidi and Saber Khachnaoui.\n\n"
        "Labidi was known to the security services, he said.\n\n"
        "Mehrezia Labidi, another member of parliament, said she was shocked by the attack.");
    int y = find_entity(doc, "Yassine Labidi"), m = find_entity(doc, "Mehrezia Labidi");
    assert_true(y >= 0 && m >= 0 && y != m);
    ng_doc_free(doc);
}

/* No canonical name holds a line break or starts with a sentence word. */
static void assert_clean_names(const ng_doc *doc)
{
    for (size_t i = 0; i < ng_doc_entity_count(doc); i++) {
        ng_str n = ng_doc_entity(doc, i).name;
        assert_null(memchr(n.ptr, '\n', n.len));
        assert_false(n.len >= 8 && !memcmp(n.ptr, "Perhaps ", 8));
        assert_false(n.len >= 3 && !memcmp(n.ptr, "As ", 3));
    }
}

static void test_line_break_and_opening_words(void **state)
{
    (void)state;
    ng_doc *doc = analyze("The senator wrote a letter to Moscow.\nAs Washington Post journalist Vincent Bzdek "
                          "notes in his book, this occurred close to an election.\nPerhaps Washington Post "
                          "editors knew.");
    assert_clean_names(doc);
    int post = find_entity(doc, "Washington Post");
    assert_true(post >= 0);
    assert_int_equal(entity_of(doc, "Washington Post", 1), post);
    ng_doc_free(doc);
}

static void test_types(void **state)
{
    (void)state;
    ng_doc *doc = analyze(
        "The militant group Boko Haram attacked a village in Nigeria on Sunday.\n\n"
        "Boko Haram has killed thousands of people since 2009, officials said.\n\n"
        "The probe flew past Jupiter last year and sent pictures back to Earth.\n\n"
        "Jupiter is the largest planet. Scientists on Earth were thrilled.\n\n"
        "The singer won a Grammy in 2012 and a second Grammy in 2015.\n\n"
        "She sang at the Nizhny Novgorod Stadium on Friday.");
    int b = find_entity(doc, "Boko Haram"), j = find_entity(doc, "Jupiter"), e = find_entity(doc, "Earth");
    int g = find_entity(doc, "Grammy"), s = find_entity(doc, "Nizhny Novgorod Stadium");
    assert_true(b >= 0 && j >= 0 && e >= 0 && g >= 0 && s >= 0);
    assert_int_equal(ng_doc_entity(doc, (size_t)b).type, NG_ENTITY_ORG);
    ng_entity_type tj = ng_doc_entity(doc, (size_t)j).type, te = ng_doc_entity(doc, (size_t)e).type;
    assert_true(tj == NG_ENTITY_LOC || tj == NG_ENTITY_MISC);
    assert_true(te == NG_ENTITY_LOC || te == NG_ENTITY_MISC);
    assert_int_equal(ng_doc_entity(doc, (size_t)g).type, NG_ENTITY_MISC);
    assert_int_equal(ng_doc_entity(doc, (size_t)s).type, NG_ENTITY_LOC);
    /* "she" is no award */
    for (size_t i = 0; i < ng_doc_mention_count(doc); i++)
        if (ng_doc_mention(doc, i).pronoun) assert_int_not_equal(ng_doc_mention(doc, i).entity, (size_t)g);
    ng_doc_free(doc);

    /* the members after a name make it a group */
    doc = analyze("Boko Haram militants attacked a school in Borno state on Monday.\n\n"
                  "Boko Haram has abducted hundreds of students, the army said.");
    b = find_entity(doc, "Boko Haram");
    assert_true(b >= 0);
    assert_int_equal(ng_doc_entity(doc, (size_t)b).type, NG_ENTITY_ORG);
    ng_doc_free(doc);

    /* a two-word person keeps a last name that heads places elsewhere */
    doc = analyze("Lisa Park told reporters she would stay. Park said she was tired.");
    int p = find_entity(doc, "Lisa Park");
    assert_true(p >= 0);
    assert_int_equal(ng_doc_entity(doc, (size_t)p).type, NG_ENTITY_PERSON);
    ng_doc_free(doc);
}

static void test_tags_are_topics(void **state)
{
    (void)state;
    ng_doc *doc = analyze(
        "Investigators found debris around the crash site. They found even more debris past the "
        "river.\n\n"
        "Many families will pay for the funerals. Many said they could not pay. Even so, many "
        "came.\n\n"
        "The debris was found around noon. Even the investigators were shocked by the debris.\n\n"
        "Officials said the crash site would stay closed, and many roads around it too. In the past, "
        "past crashes were found around there.");
    static const char *const bad[] = {"found", "even", "pay", "many", "around", "past", NULL};
    int debris = 0;
    for (size_t i = 0; i < ng_doc_tag_count(doc); i++) {
        ng_str t = ng_doc_tag(doc, i).text;
        for (size_t k = 0; bad[k]; k++) assert_false(str_is(t, bad[k]));
        debris |= str_is(t, "debris") || str_is(t, "crash site");
    }
    assert_true(debris);
    ng_doc_free(doc);
    assert_true(ng_tag_words_sorted());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jeb_and_george), cmocka_unit_test(test_labidi),
        cmocka_unit_test(test_line_break_and_opening_words), cmocka_unit_test(test_types),
        cmocka_unit_test(test_tags_are_topics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
