/*
 * test_cmdline.c - the default kernel command line and its options.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "cmdline.h"

/* word appears in line as a whole, space-separated word */
static int has_word(const char *line, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = strstr(line, word); p; p = strstr(p + 1, word))
		if ((p == line || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

static void defaults(void **state)
{
	char buf[1024];

	assert_int_equal(linux_cmdline_build(buf, sizeof(buf), 0, NULL), 0);
	assert_true(has_word(buf, "reboot=t"));
	assert_true(has_word(buf, "panic=-1"));
	assert_true(has_word(buf, "tsc=reliable"));
	assert_true(has_word(buf, "no_timer_check"));
	assert_true(has_word(buf, "i8042.noaux"));
	assert_true(has_word(buf, "i8042.dumbkbd"));
	assert_false(has_word(buf, "console=ttyS0")); /* only when asked */
	assert_true(buf[0] != ' ' && buf[strlen(buf) - 1] != ' ');
}

static void console_and_extra(void **state)
{
	char buf[1024];
	size_t len;

	assert_int_equal(linux_cmdline_build(buf, sizeof(buf), 1, "earlyprintk=serial -- /w x"), 0);
	assert_true(has_word(buf, "console=ttyS0"));
	len = strlen(buf);
	/* extra words come last: after "--" everything goes to /init */
	assert_string_equal(buf + len - strlen("earlyprintk=serial -- /w x"),
			    "earlyprintk=serial -- /w x");
	assert_int_equal(linux_cmdline_build(buf, sizeof(buf), 0, ""), 0);
	assert_false(buf[strlen(buf) - 1] == ' ');
}

static void too_small(void **state)
{
	char buf[1024];
	size_t need;

	assert_int_equal(linux_cmdline_build(buf, sizeof(buf), 0, NULL), 0);
	need = strlen(buf) + 1;
	assert_int_equal(linux_cmdline_build(buf, need, 0, NULL), 0);
	assert_int_equal(linux_cmdline_build(buf, need - 1, 0, NULL), -1);
	assert_int_equal(linux_cmdline_build(buf, need, 0, "x"), -1);
	assert_int_equal(linux_cmdline_build(buf, 0, 0, NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(defaults),
	    cmocka_unit_test(console_and_extra),
	    cmocka_unit_test(too_small),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
