/* Unit tests: uid/gid map lines (runtime/lib/idmap.c). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "internal.h"

static void test_format(void **state)
{
	char buf[64];

	assert_int_equal(mc_idmap_format(buf, sizeof(buf), 0, 1000, 1), 9);
	assert_string_equal(buf, "0 1000 1\n");
	assert_true(mc_idmap_format(buf, sizeof(buf), 0, 100000, 65536) > 0);
	assert_string_equal(buf, "0 100000 65536\n");
}

static void test_bad(void **state)
{
	char buf[64], tiny[4];

	assert_int_equal(mc_idmap_format(buf, sizeof(buf), 0, 1000, 0), -EINVAL);
	assert_int_equal(mc_idmap_format(buf, sizeof(buf), 0, 4294967295u, 2), -EINVAL);
	assert_int_equal(mc_idmap_format(buf, sizeof(buf), 4294967295u, 0, 2), -EINVAL);
	assert_int_equal(mc_idmap_format(tiny, sizeof(tiny), 0, 1000, 1), -ENOSPC);
}

static void test_outside(void **state)
{
	unsigned out, count;

	mc_idmap_outside(1000, &out, &count);
	assert_int_equal(out, 1000);
	assert_int_equal(count, 1);
	mc_idmap_outside(0, &out, &count);
	assert_int_equal(out, 100000);
	assert_int_equal(count, 65536);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_bad),
	    cmocka_unit_test(test_outside),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
