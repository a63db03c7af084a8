/* test_junk.c - the unpublishable-bullet test (eval/junk.h) on the bullets
 * issue 13 quotes and on bullets a newsroom would publish. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "summarize/junk.h"

static unsigned kinds(const char *s, int first) { return ng_junk_kinds(s, strlen(s), first, 0); }

static void test_broken_bullets(void **state)
{
    (void)state;
    assert_int_equal(kinds("Friday.", 0), NG_JUNK_SHORT);
    assert_int_equal(kinds("Screens are rectangles.", 0), NG_JUNK_SHORT);
    assert_true(kinds("TRANSCRIPT .", 0) & NG_JUNK_PROMO);
    assert_true(kinds("ROLL CALL .", 0) & NG_JUNK_SHORT);
    assert_int_equal(kinds("READ MORE: The ten best beaches in Europe this year.", 0), NG_JUNK_PROMO);
    assert_int_equal(kinds("Watch the video of the storm here:", 0), NG_JUNK_PROMO);
    assert_int_equal(kinds("To see the full gallery of pictures, click here now.", 0), NG_JUNK_PROMO);
    assert_int_equal(kinds("Related: Storms hit the coast of Maine again.", 0), NG_JUNK_PROMO);
    assert_int_equal(kinds("\"This is going to be a test for Serena Williams.", 0), NG_JUNK_QUOTES);
    assert_int_equal(kinds("He was the writer of the book \"Eat.", 0), NG_JUNK_QUOTES);
    assert_int_equal(kinds("It's me going up against the city when the attorneys won't help,\" Hoskin said.", 0),
                     NG_JUNK_QUOTES);
    assert_int_equal(kinds("and the death toll rose to 40 on Sunday.", 0), NG_JUNK_OPENING);
    assert_int_equal(kinds("(That would be the 50th anniversary of the series.)", 0), NG_JUNK_OPENING);
    assert_int_equal(kinds("He regularly goes head to head with the best players.", 1), NG_JUNK_PRONOUN);
    assert_int_equal(kinds("Her book was published in six languages last year.", 1), NG_JUNK_PRONOUN);
}

static void test_publishable_bullets(void **state)
{
    (void)state;
    assert_int_equal(kinds("The death toll rose to 40 on Sunday, officials said.", 1), 0);
    assert_int_equal(kinds("\"We will rebuild,\" the mayor said on Tuesday.", 1), 0);
    assert_int_equal(kinds("\xE2\x80\x9CWe will rebuild,\xE2\x80\x9D the mayor said.", 1), 0);
    /* a pronoun is fine after the first bullet, and "Hero" or "Theme" is no pronoun */
    assert_int_equal(kinds("He regularly goes head to head with the best players.", 0), 0);
    assert_int_equal(kinds("Hero of the day was a firefighter from Ohio.", 1), 0);
    assert_int_equal(kinds("Readers sent more than 400 letters to the paper.", 1), 0);
    /* lower-case text (ptb_lower) is not judged by its case, but its pronouns are */
    assert_int_equal(ng_junk_kinds("the storm hit on sunday .", 25, 1, 1), 0);
    assert_int_equal(ng_junk_kinds("he said the storm hit .", 23, 1, 1), NG_JUNK_PRONOUN);
    assert_string_equal(ng_junk_kind_name(NG_JUNK_QUOTES), "quotes");
    assert_null(ng_junk_kind_name(0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_broken_bullets),
        cmocka_unit_test(test_publishable_bullets),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
