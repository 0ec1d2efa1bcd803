/* Unit tests: phase stamp lines (runtime/lib/phases.c). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "internal.h"

static void test_line(void **state)
{
	char buf[128], name[32];
	unsigned long long ns;
	uint64_t before, after;
	int p[2], n;

	assert_int_equal(pipe(p), 0);
	before = mc_now_ns();
	mc_phase(p[1], "root_pivoted");
	after = mc_now_ns();
	n = read(p[0], buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	/* one line: "name ns\n" */
	assert_int_equal(buf[n - 1], '\n');
	assert_ptr_equal(strchr(buf, '\n'), buf + n - 1);
	assert_int_equal(sscanf(buf, "%31s %llu", name, &ns), 2);
	assert_string_equal(name, "root_pivoted");
	assert_true(ns >= before && ns <= after);
	close(p[0]);
	close(p[1]);
}

static void test_no_fd(void **state)
{
	/* -1: no stamps, no error */
	mc_phase(-1, "start");
}

static void test_long_name(void **state)
{
	char name[200], buf[256];
	int p[2], n;

	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(pipe(p), 0);
	mc_phase(p[1], name);
	n = read(p[0], buf, sizeof(buf) - 1);
	assert_true(n > 0 && n < 64);
	assert_int_equal(buf[n - 1], '\n');
	close(p[0]);
	close(p[1]);
}

/* A stamp must not change errno: the child stamps between a failing call
 * and the report of its errno, and a signal handler may stamp too. Here
 * the write itself fails (a closed descriptor), which sets errno. */
static void test_keeps_errno(void **state)
{
	int p[2];

	assert_int_equal(pipe(p), 0);
	close(p[0]);
	close(p[1]);
	errno = ENOENT;
	mc_phase(p[1], "exec");
	assert_int_equal(errno, ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_line),
	    cmocka_unit_test(test_no_fd),
	    cmocka_unit_test(test_long_name),
	    cmocka_unit_test(test_keeps_errno),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
