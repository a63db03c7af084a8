/* test_entities.c - ng_analyze(): the example story's entities (every
 * entity its expectations list, with its type) and speakers after entity
 * resolution; inline stories for grouping (last names, acronyms, aliases,
 * "X-style", hyphenated pairs, "pro-" prefixes, pronouns; longer names with
 * another head, last names, well-known abbreviations, a person the tagger
 * mostly calls a place; pronouns that disagree with a person's earlier
 * ones; a name longer than the words compared), salience order and tags;
 * persons sharing a last name ("Jeb Bush", "George W. Bush"), names cut at
 * line breaks and sentence words, types from names, roles, teams and
 * members, tags that are never verbs or quantifiers;
 * and the error paths (NULL document, a model file that does not load). */
#include <jansson.h>
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

/* The index of the entity named name, or -1. */
static int find_entity(const ng_doc *doc, const char *name)
{
    for (size_t i = 0; i < ng_doc_entity_count(doc); i++)
        if (str_is(ng_doc_entity(doc, i).name, name)) return (int)i;
    return -1;
}

static int has_tag(const ng_doc *doc, const char *text)
{
    for (size_t i = 0; i < ng_doc_tag_count(doc); i++)
        if (str_is(ng_doc_tag(doc, i).text, text)) return 1;
    return 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static const char *type_key(ng_entity_type t)
{
    return ng_entity_type_name(t);
}

static void test_example_entities(void **state)
{
    (void)state;
    const char *root = getenv("NG_ROOT") ? getenv("NG_ROOT") : ".";
    const char *shared = getenv("NG_SHARED") ? getenv("NG_SHARED") : "../shared";
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/china-human-rights-dialogue.expected.json", shared);
    json_t *exp = json_load_file(path, 0, NULL);
    if (!exp) {
        print_message("SKIP test_entities example: no %s\n", path);
        skip();
    }
    snprintf(path, sizeof path, "%s/examples/china-human-rights-dialogue.txt", root);
    const char *text = slurp(path);
    assert_non_null(text);
    ng_doc *doc = analyze(text);
    json_t *inc = json_object_get(exp, "entities_include");
    const char *type;
    json_t *names;
    size_t listed = 0, found = 0;
    json_object_foreach(inc, type, names) {
        for (size_t i = 0; i < json_array_size(names); i++) {
            const char *name = json_string_value(json_array_get(names, i));
            int e = find_entity(doc, name);
            listed++;
            if (e >= 0 && !strcmp(type_key(ng_doc_entity(doc, (size_t)e).type), type)) found++;
            else print_message("entity %s (%s): %s\n", name, type, e < 0 ? "missing" : "wrong type");
        }
    }
    print_message("example: %zu/%zu listed entities found with their type\n", found, listed);
    assert_int_equal(found, listed);
    /* the story is about Posner, the U.S. and China */
    assert_int_equal(find_entity(doc, "Michael Posner"), 0);
    assert_true(find_entity(doc, "United States") < 4 && find_entity(doc, "China") < 4);
    assert_true(has_tag(doc, "Michael Posner") && has_tag(doc, "human rights") && has_tag(doc, "China"));
    assert_true(ng_doc_tag_count(doc) <= NG_DEFAULT_MAX_TAGS);
    /* speakers stay right once they are resolved to entities */
    json_t *quotes = json_object_get(exp, "quotes");
    size_t direct[64], ndirect = 0; /* the expectations list direct quotes */
    for (size_t k = 0; k < ng_doc_quote_count(doc) && ndirect < 64; k++)
        if (!ng_doc_quote(doc, k).reported) direct[ndirect++] = k;
    assert_int_equal(ndirect, json_array_size(quotes));
    size_t right = 0;
    for (size_t i = 0; i < json_array_size(quotes); i++) {
        const char *want = json_string_value(json_object_get(json_array_get(quotes, i), "speaker"));
        ng_str got = ng_doc_quote(doc, direct[i]).speaker;
        right += want ? str_is(got, want) : got.len == 0;
    }
    print_message("example: %zu/%zu speakers right after entity resolution\n", right,
                  json_array_size(quotes));
    assert_true(right >= 20);
    ng_doc_free(doc);
    json_decref(exp);
}

/* Mentions of one entity by the entity's index, counting pronouns. */
static size_t mentions_of(const ng_doc *doc, int e, size_t *pronouns)
{
    size_t n = 0;
    *pronouns = 0;
    for (size_t i = 0; i < ng_doc_mention_count(doc); i++) {
        ng_mention m = ng_doc_mention(doc, i);
        if ((int)m.entity != e) continue;
        n++;
        *pronouns += (size_t)m.pronoun;
    }
    return n;
}

static void test_grouping(void **state)
{
    (void)state;
    ng_doc *doc = analyze(
        "WASHINGTON -- Senator Maria Gonzalez met officials of the United Nations on Monday.\n\n"
        "Gonzalez said the U.N. had to act. She spoke for an hour.\n\n"
        "The United States and the U.S. Treasury were not at the meeting, Gonzalez said.\n\n"
        "A Chicago-based group and the U.S.-Mexico commission sent letters.");
    int g = find_entity(doc, "Maria Gonzalez");
    assert_true(g >= 0);
    assert_int_equal(ng_doc_entity(doc, (size_t)g).type, NG_ENTITY_PERSON);
    size_t pronouns, n = mentions_of(doc, g, &pronouns);
    assert_int_equal(n, ng_doc_entity(doc, (size_t)g).mentions);
    assert_true(n >= 4 && pronouns >= 1);
    assert_true(find_entity(doc, "Gonzalez") < 0);
    int un = find_entity(doc, "United Nations");
    assert_true(un >= 0);
    assert_true(ng_doc_entity(doc, (size_t)un).mentions >= 2);
    assert_true(find_entity(doc, "U.N.") < 0);
    assert_true(find_entity(doc, "United States") >= 0);
    assert_true(find_entity(doc, "Chicago") >= 0);
    assert_true(find_entity(doc, "Mexico") >= 0);
    assert_true(find_entity(doc, "U.S.-Mexico") < 0);
    /* most salient first; the first mention's offset is in the body */
    assert_int_equal(g, 0);
    assert_true(ng_doc_entity(doc, 0).salience == 1.0);
    for (size_t i = 1; i < ng_doc_entity_count(doc); i++) {
        ng_entity e = ng_doc_entity(doc, i);
        assert_true(e.salience <= ng_doc_entity(doc, i - 1).salience);
        assert_true(e.first < ng_doc_body(doc).len);
    }
    /* out of range gives zeros */
    assert_null(ng_doc_entity(doc, 999).name.ptr);
    assert_int_equal(ng_doc_mention(doc, 99999).end, 0);
    assert_null(ng_doc_tag(doc, 99).text.ptr);
    ng_doc_free(doc);
}

/* A longer name with another last word names another thing, a last name
 * goes to the person it ends, and a well-known abbreviation keeps its
 * meaning. */
static void test_grouping_heads(void **state)
{
    (void)state;
    ng_doc *doc = analyze(
        "NEW YORK -- New York will vote on a new flag, the New York Times reported on "
        "Monday.\n\n"
        "Voters in New York can choose from five designs.\n\n"
        "Senator Lewis Hamilton spoke first. Then lawyer Hamilton Brooks spoke for an hour. "
        "Hamilton said the law was unfair.\n\n"
        "Researchers at the University of Sheffield said the US had no plan. US officials did "
        "not reply.");
    ng_str body = ng_doc_body(doc);
    int nz = find_entity(doc, "New York"), herald = find_entity(doc, "New York Times");
    int lewis = find_entity(doc, "Lewis Hamilton"), brooks = find_entity(doc, "Hamilton Brooks");
    int us = find_entity(doc, "United States"), sheffield = find_entity(doc, "University of Sheffield");
    assert_true(nz >= 0 && herald >= 0 && nz != herald);
    assert_true(lewis >= 0 && brooks >= 0 && lewis != brooks);
    assert_true(us >= 0 && sheffield >= 0 && us != sheffield);
    size_t seen_nz = 0, seen_hamilton = 0, seen_us = 0;
    for (size_t i = 0; i < ng_doc_mention_count(doc); i++) {
        ng_mention m = ng_doc_mention(doc, i);
        ng_str text = {body.ptr + m.start, m.end - m.start};
        /* every "New York" is the state, not the newspaper */
        if (str_is(text, "New York")) {
            assert_int_equal(m.entity, nz);
            seen_nz++;
        }
        /* a bare last name is the person it ends, not a later one it starts */
        if (str_is(text, "Hamilton")) {
            assert_int_equal(m.entity, lewis);
            seen_hamilton++;
        }
        /* "US" is the United States, not the University of Sheffield */
        if (str_is(text, "US")) {
            assert_int_equal(m.entity, us);
            seen_us++;
        }
    }
    assert_true(seen_nz >= 2 && seen_hamilton >= 1 && seen_us == 2);
    ng_doc_free(doc);
}

/* A person whose last name the tagger mostly calls a place stays one
 * entity and still takes "she". */
static void test_grouping_mistyped_person(void **state)
{
    (void)state;
    ng_doc *doc = analyze(
        "Former church member Valeska Paris said she was held on a ship for two years.\n\n"
        "Paris said she was made to clean engines. Paris told reporters she had been afraid to "
        "leave.\n\n"
        "Paris, now 32, said she left in 2007. Paris wrote a book about the ship. Paris lives "
        "in Sydney.");
    int vp = find_entity(doc, "Valeska Paris");
    assert_true(vp >= 0);
    assert_true(find_entity(doc, "Paris") < 0);
    size_t pronouns, n = mentions_of(doc, vp, &pronouns);
    assert_int_equal(n - pronouns, 6);
    assert_true(pronouns >= 3);
    ng_doc_free(doc);
}

/* A lower-case part before a hyphen is no name of its own. */
static void test_grouping_prefixes(void **state)
{
    (void)state;
    ng_doc *doc = analyze("Protesters from pro-Beijing groups met anti-American activists and "
                          "members of al-Qaeda. The U.S.-China talks went on in Beijing.");
    assert_true(find_entity(doc, "pro") < 0 && find_entity(doc, "anti") < 0);
    assert_true(find_entity(doc, "al") < 0 && find_entity(doc, "Qaeda") < 0);
    assert_true(find_entity(doc, "al-Qaeda") >= 0);
    int beijing = find_entity(doc, "Beijing");
    assert_true(beijing >= 0);
    assert_int_equal(ng_doc_entity(doc, (size_t)beijing).mentions, 2);
    assert_true(find_entity(doc, "China") >= 0 && find_entity(doc, "United States") >= 0);
    ng_doc_free(doc);
}

/* A pronoun skips the latest person when that person's earlier pronouns
 * disagree. */
static void test_pronoun_disagreement(void **state)
{
    (void)state;
    const char *text = "Mayor Anna Berg met John Smith in Oslo on Monday.\n\n"
                       "Smith said he was glad to be there. Berg said she was not. He left the "
                       "city early.";
    ng_doc *doc = analyze(text);
    int smith = find_entity(doc, "John Smith");
    assert_true(smith >= 0);
    ng_str body = ng_doc_body(doc);
    size_t last = 0;
    while (last + 7 <= body.len && memcmp(body.ptr + last, "He left", 7)) last++;
    assert_true(last + 7 <= body.len);
    size_t seen = 0;
    for (size_t i = 0; i < ng_doc_mention_count(doc); i++) {
        ng_mention m = ng_doc_mention(doc, i);
        if (!m.pronoun) continue;
        int he = body.ptr[m.start] == 'h' || body.ptr[m.start] == 'H';
        /* "he" is Smith, "she" is not */
        assert_int_equal((int)m.entity == smith, he);
        seen += m.start == last;
    }
    assert_int_equal(seen, 1);
    ng_doc_free(doc);
}

/* A name longer than the words compared still spans all of them. */
static void test_long_name(void **state)
{
    (void)state;
    const char *name = "Mary & Leigh Block Museum of Art at Northwestern University";
    ng_doc *doc = analyze("There was an Edward Steichen and Andy Warhol exhibit at the Mary & Leigh "
                          "Block Museum of Art at Northwestern University in Evanston, Illinois.");
    int e = find_entity(doc, name);
    assert_true(e >= 0);
    ng_str body = ng_doc_body(doc);
    size_t found = 0;
    for (size_t i = 0; i < ng_doc_mention_count(doc); i++) {
        ng_mention m = ng_doc_mention(doc, i);
        if ((int)m.entity != e) continue;
        assert_int_equal(m.end - m.start, strlen(name));
        assert_memory_equal(body.ptr + m.start, name, strlen(name));
        found++;
    }
    assert_int_equal(found, 1);
    ng_doc_free(doc);
}

/* The entity a pronoun mention at the n-th occurrence of word links to,
 * or -1. */
static int pronoun_entity(const ng_doc *doc, const char *word)
{
    ng_str body = ng_doc_body(doc);
    for (size_t i = 0; i < ng_doc_mention_count(doc); i++) {
        ng_mention m = ng_doc_mention(doc, i);
        ng_str t = {body.ptr + m.start, m.end - m.start};
        if (m.pronoun && str_is(t, word)) return (int)m.entity;
    }
    return -1;
}

static void test_pronoun_gender(void **state)
{
    (void)state;
    ng_doc *doc = analyze("The senator asked to meet Lisa Park, the wife of the jailed writer Tom Wu. "
                          "She has not been charged.");
    int she = pronoun_entity(doc, "She");
    assert_true(she >= 0);
    assert_true(str_is(ng_doc_entity(doc, (size_t)she).name, "Lisa Park"));
    ng_doc_free(doc);
    doc = analyze("Mrs. Ellen Dunn spoke first. Officials praised the visit of President Karl Olsen to "
                  "Oslo in June, where he said little.");
    int he = pronoun_entity(doc, "he");
    assert_true(he >= 0);
    assert_true(str_is(ng_doc_entity(doc, (size_t)he).name, "Karl Olsen"));
    ng_doc_free(doc);
}

static void test_speaker_resolution(void **state)
{
    (void)state;
    ng_doc *doc = analyze("Prime Minister Anna Berg visited the factory in Oslo on Friday.\n\n"
                          "\"We need more jobs here,\" Berg told workers.");
    assert_int_equal(ng_doc_quote_count(doc), 1);
    assert_true(str_is(ng_doc_quote(doc, 0).speaker, "Anna Berg"));
    assert_true(str_is(ng_doc_quote(doc, 0).speaker_mention, "Berg"));
    ng_doc_free(doc);
}

static void test_tags(void **state)
{
    (void)state;
    ng_doc *doc = analyze(
        "Climate change is hitting farmers in Kenya, officials said on Tuesday.\n\n"
        "Kenya has seen three years of drought linked to climate change.\n\n"
        "Farmers in Kenya say climate change has cut their harvests by half.\n\n"
        "The government of Kenya plans new wells.");
    assert_true(has_tag(doc, "Kenya"));
    assert_true(has_tag(doc, "climate change"));
    for (size_t i = 1; i < ng_doc_tag_count(doc); i++)
        assert_true(ng_doc_tag(doc, i).score <= ng_doc_tag(doc, i - 1).score);
    ng_doc_free(doc);

    /* a plural and its singular are one tag; numbers and common verbs none */
    doc = analyze("Rebels seized two oil fields near the coast on Monday.\n\n"
                  "The oil fields produce most of the oil.  One oil field was burning.\n\n"
                  "Two more oil fields may fall, two officials said.  Two men posted videos.");
    int fields = 0;
    for (size_t i = 0; i < ng_doc_tag_count(doc); i++) {
        ng_str t = ng_doc_tag(doc, i).text;
        fields += str_is(t, "oil fields") || str_is(t, "oil field");
        assert_false(str_is(t, "two") || str_is(t, "posted"));
    }
    assert_int_equal(fields, 1);
    ng_doc_free(doc);

    ng_analyze_options o = {NULL, 1, NULL, 0};
    ng_read_options ro = {NG_FORMAT_TEXT, 0};
    const char *t = "Kenya and Kenya again. Kenya is dry; climate change and climate change.";
    assert_int_equal(ng_doc_read(t, strlen(t), &ro, &doc, NULL), NG_OK);
    assert_int_equal(ng_analyze(doc, &o, NULL), NG_OK);
    assert_int_equal(ng_doc_tag_count(doc), 1);
    ng_doc_free(doc);
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

/* The type of an entity found by name_type() and after_the() in entities.c:
 * a news outlet, an East Asian given name, a first word that heads a name,
 * an institution's word alone, and a
 * person-tagged name after "the" that no other mention calls a person. */
static ng_entity_type type_of(const ng_doc *doc, const char *name)
{
    int i = find_entity(doc, name);
    assert_true(i >= 0);
    return ng_doc_entity(doc, (size_t)i).type;
}

static void test_type_cues(void **state)
{
    (void)state;
    ng_doc *doc = analyze("Wikinews interviewed the curator on Monday.\n\n"
                          "The curator told Wikinews that the show would travel.\n\n"
                          "The Guardian reported the sale a week later. The Guardian said it was a record.\n\n"
                          "Eunice Yung of the New People's Party was elected. So was Yau Wai-ching.\n\n"
                          "Yau Wai-ching said she was pleased. Eunice Yung thanked her voters.");
    assert_int_equal(type_of(doc, "Wikinews"), NG_ENTITY_ORG);
    assert_int_not_equal(type_of(doc, "Guardian"), NG_ENTITY_PERSON);
    assert_int_equal(type_of(doc, "Yau Wai-ching"), NG_ENTITY_PERSON);
    assert_int_equal(type_of(doc, "Eunice Yung"), NG_ENTITY_PERSON);
    ng_doc_free(doc);

    /* a first word that heads a name, an institution's word alone, the US */
    doc = analyze("Students of the Instituto Gonzaga protested in Palermo on Monday.\n\n"
                  "Lawyers for the school told the Court on Tuesday that it had no money.\n\n"
                  "The school's head said the US could not help. Troops left Fort Bragg.");
    assert_int_equal(type_of(doc, "Instituto Gonzaga"), NG_ENTITY_ORG);
    assert_int_equal(type_of(doc, "Court"), NG_ENTITY_ORG);
    assert_int_equal(type_of(doc, "United States"), NG_ENTITY_LOC);
    assert_int_equal(type_of(doc, "Fort Bragg"), NG_ENTITY_LOC);
    ng_doc_free(doc);

    /* the last word of a team's name is the team ("Korea" of "South Korea") */
    doc = analyze("Sweden defeated South Korea 1 - 0 on Monday in Nizhny Novgorod.\n\n"
                  "Korea substituted Park Joo-Ho in the 28th minute. Korea had few chances after that.");
    assert_int_equal(type_of(doc, "South Korea"), NG_ENTITY_ORG);
    assert_int_equal(type_of(doc, "Korea"), NG_ENTITY_ORG);
    ng_doc_free(doc);

    /* a person's name modifying a noun after "the" stays a person's, and so
     * does a title after "the" */
    doc = analyze("The Pope Emeritus prayed in the garden. The Pope Emeritus then rested.");
    int pe = find_entity(doc, "Pope Emeritus");
    if (pe >= 0) assert_int_equal(ng_doc_entity(doc, (size_t)pe).type, NG_ENTITY_PERSON);
    ng_doc_free(doc);
    doc = analyze("Barack Obama spoke on Monday. The Obama administration later denied the report.\n\n"
                  "Critics of the Obama administration said Obama had been warned.");
    assert_int_equal(type_of(doc, "Barack Obama"), NG_ENTITY_PERSON);
    ng_doc_free(doc);
    doc = analyze("The Obama administration denied the report on Monday, officials said.");
    int o = find_entity(doc, "Obama");
    if (o >= 0) assert_int_equal(ng_doc_entity(doc, (size_t)o).type, NG_ENTITY_PERSON);
    ng_doc_free(doc);
}

/* A quote's speaker is its entity's canonical name, not the quote rules'
 * name with the sentence's first word or a title before it ("When George
 * W. Bush", "Police Chief Keizo Okumoto"). */
static void test_speaker_names(void **state)
{
    (void)state;
    ng_doc *doc = analyze("Jeb Bush spoke at the conference on Friday. When George W. Bush was president, liberals "
                          "mocked him.\n\n"
                          "Bush stressed the need to secure the border. \"We should give them a path to legal "
                          "status,\" he said.\n\n"
                          "Police Chief Keizo Okumoto said the roads were closed. \"Stay home,\" Okumoto said.");
    size_t named = 0;
    for (size_t i = 0; i < ng_doc_quote_count(doc); i++) {
        ng_str sp = ng_doc_quote(doc, i).speaker;
        if (!sp.len) continue;
        named++;
        assert_false(sp.len >= 5 && !memcmp(sp.ptr, "When ", 5));
        assert_false(sp.len >= 7 && !memcmp(sp.ptr, "Police ", 7));
    }
    assert_true(named >= 2);
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

    /* a verb after "to" opens no topic ("raise awareness"), though its
     * noun may be one */
    doc = analyze("The charity held a concert to raise awareness of the disease on Saturday. Fans travelled to "
                  "raise awareness too.\n\n"
                  "Organisers said the campaign would continue to raise awareness next year. The disease "
                  "affects thousands of children.\n\n"
                  "Doctors said the disease can be treated when it is found early. Families of children with "
                  "the disease thanked the fans.");
    int disease = 0;
    for (size_t i = 0; i < ng_doc_tag_count(doc); i++) {
        ng_str t = ng_doc_tag(doc, i).text;
        assert_false(str_is(t, "raise awareness") || str_is(t, "raise"));
        disease |= str_is(t, "disease");
    }
    assert_true(disease);
    ng_doc_free(doc);
    assert_true(ng_tag_words_sorted());
}

static void test_errors(void **state)
{
    (void)state;
    ng_error err;
    assert_int_equal(ng_analyze(NULL, NULL, &err), NG_E_ARG);
    ng_ner_model *m = (ng_ner_model *)1;
    assert_int_equal(ng_ner_model_open("/nonexistent/ner.ngm", &m, &err), NG_E_MODEL);
    assert_null(m);
    assert_non_null(ng_ner_model_default());
    /* no words at all: nothing found, no failure */
    ng_doc *doc = analyze("... -- !!!");
    assert_int_equal(ng_doc_entity_count(doc), 0);
    assert_int_equal(ng_doc_tag_count(doc), 0);
    ng_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_example_entities), cmocka_unit_test(test_grouping),
        cmocka_unit_test(test_grouping_heads), cmocka_unit_test(test_grouping_mistyped_person),
        cmocka_unit_test(test_grouping_prefixes), cmocka_unit_test(test_pronoun_disagreement),
        cmocka_unit_test(test_pronoun_gender), cmocka_unit_test(test_long_name),
        cmocka_unit_test(test_speaker_resolution), cmocka_unit_test(test_tags),
        cmocka_unit_test(test_jeb_and_george), cmocka_unit_test(test_labidi),
        cmocka_unit_test(test_line_break_and_opening_words), cmocka_unit_test(test_types), cmocka_unit_test(test_type_cues), cmocka_unit_test(test_speaker_names),
        cmocka_unit_test(test_tags_are_topics),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
