/* Unit tests: the one clock and phase line (common/phase_stamp.h). */
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

#include "phase_stamp.h"

static void test_line(void **state)
{
	char buf[128], name[32];
	unsigned long long ns;
	int64_t before, after;
	int p[2], n;

	assert_int_equal(pipe(p), 0);
	before = now_ns();
	write_phase(p[1], "root_pivoted");
	after = now_ns();
	n = read(p[0], buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	/* one line: "name ns\n" */
	assert_int_equal(buf[n - 1], '\n');
	assert_ptr_equal(strchr(buf, '\n'), buf + n - 1);
	assert_int_equal(sscanf(buf, "%31s %llu", name, &ns), 2);
	assert_string_equal(name, "root_pivoted");
	assert_true(ns >= (unsigned long long)before && ns <= (unsigned long long)after);
	close(p[0]);
	close(p[1]);
}

static void test_no_fd(void **state)
{
	/* -1: no stamps, no error */
	write_phase(-1, "start");
}

/* A name too long for a line is dropped whole, so that no reader sees a
 * cut name; the next stamp is written as ever. */
static void test_long_name(void **state)
{
	char name[200], buf[256];
	int p[2], n;

	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(pipe(p), 0);
	write_phase(p[1], name);
	write_phase(p[1], "exec");
	n = read(p[0], buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_int_equal(strncmp(buf, "exec ", 5), 0);
	assert_ptr_equal(strchr(buf, '\n'), buf + n - 1);
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
	write_phase(p[1], "exec");
	assert_int_equal(errno, ENOENT);
}

/* The line itself: the widest value, and a buffer exactly the line's size
 * or one byte short (then nothing at all). */
static void test_phase_line(void **state)
{
	const char *want = "ready 18446744073709551615\n";
	char buf[64];

	memset(buf, '#', sizeof(buf));
	assert_int_equal(phase_line(buf, sizeof(buf), "ready", UINT64_MAX), strlen(want));
	assert_memory_equal(buf, want, strlen(want));
	assert_int_equal(phase_line(buf, strlen(want), "ready", UINT64_MAX), strlen(want));
	memset(buf, '#', sizeof(buf));
	assert_int_equal(phase_line(buf, strlen(want) - 1, "ready", UINT64_MAX), 0);
	assert_int_equal(buf[0], '#');
	assert_int_equal(phase_line(buf, sizeof(buf), "start", 0), strlen("start 0\n"));
	assert_memory_equal(buf, "start 0\n", strlen("start 0\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_line),       cmocka_unit_test(test_no_fd),
	    cmocka_unit_test(test_long_name),  cmocka_unit_test(test_keeps_errno),
	    cmocka_unit_test(test_phase_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
