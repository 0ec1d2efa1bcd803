/* Unit tests of minivm/lib/phases.c: the stamps both guests record and the
 * "name ns" lines they become. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vm.h"

static void test_lines_in_order(void **state)
{
	struct mv_phases p;
	char buf[256];
	size_t len;

	memset(&p, 0, sizeof(p));
	p.ns[MV_PHASE_START] = 7;
	p.ns[MV_PHASE_READY] = 18446744073709551615ULL; /* the widest value */
	p.ns[MV_PHASE_INIT_STARTED] = 1000;
	len = mv_phases_format(&p, buf, sizeof(buf));
	buf[len] = '\0';
	assert_string_equal(buf, "start 7\ninit_started 1000\nready 18446744073709551615\n");
}

static void test_first_stamp_counts(void **state)
{
	struct mv_phases p;
	uint64_t first;

	memset(&p, 0, sizeof(p));
	mv_phase_stamp(&p, MV_PHASE_FIRST_OUTPUT);
	first = p.ns[MV_PHASE_FIRST_OUTPUT];
	assert_true(first != 0);
	mv_phase_stamp(&p, MV_PHASE_FIRST_OUTPUT);
	assert_int_equal(p.ns[MV_PHASE_FIRST_OUTPUT], first);
	mv_phase_stamp(&p, MV_PHASE_COUNT); /* out of range: ignored */
}

/* A buffer too small gets whole lines only. */
static void test_only_whole_lines(void **state)
{
	struct mv_phases p;
	char buf[12];
	size_t len;

	memset(&p, 0, sizeof(p));
	p.ns[MV_PHASE_START] = 5;
	p.ns[MV_PHASE_KVM_OPENED] = 6;
	len = mv_phases_format(&p, buf, sizeof(buf));
	assert_int_equal(len, strlen("start 5\n"));
	assert_memory_equal(buf, "start 5\n", len);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lines_in_order),
	    cmocka_unit_test(test_first_stamp_counts),
	    cmocka_unit_test(test_only_whole_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
