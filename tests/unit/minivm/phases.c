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

/* A guest TSC stamp in host time: the clock pair plus ticks at khz, kept
 * only inside the window the VMM gives. */
static void test_tsc_stamp(void **state)
{
	/* A 2.5 GHz TSC: 2500 ticks per microsecond. */
	const struct mv_tsc_clock c = {.tsc = 1000000, .khz = 2500000, .mono_ns = 5000000};
	const uint64_t hour = 3600ULL * 2500000000ULL; /* ticks */

	assert_int_equal(mv_phase_from_tsc(&c, 1000000 + 2500, 0, UINT64_MAX), 5001000);
	assert_int_equal(mv_phase_from_tsc(&c, 1000000 + 2500 * 7, 5000000, 5007000), 5007000);
	assert_int_equal(mv_phase_from_tsc(&c, 1000000 + hour, 0, UINT64_MAX),
			 5000000 + 3600ULL * 1000000000ULL);		   /* no overflow */
	assert_int_equal(mv_phase_from_tsc(&c, 0, 0, UINT64_MAX), 0);	   /* not reached */
	assert_int_equal(mv_phase_from_tsc(&c, 999999, 0, UINT64_MAX), 0); /* before the clock */
	assert_int_equal(mv_phase_from_tsc(&c, 1000000 + 2500, 5002000, UINT64_MAX), 0);
	assert_int_equal(mv_phase_from_tsc(&c, 1000000 + 2500 * 9, 0, 5008000), 0);
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

/* A VM that passed a gate: its story starts at resumed; the stamps of its
 * construction, taken before its user's clock, are not written. Without
 * resumed (no gate, or it closed) they all are. */
static void test_gate_starts_at_resumed(void **state)
{
	struct mv_phases p;
	char buf[256];
	size_t len;

	memset(&p, 0, sizeof(p));
	p.ns[MV_PHASE_START] = 1;
	p.ns[MV_PHASE_VCPU_READY] = 2;
	p.ns[MV_PHASE_VM_DESTROYED] = 9;
	len = mv_phases_format(&p, buf, sizeof(buf));
	buf[len] = '\0';
	assert_string_equal(buf, "start 1\nvcpu_ready 2\nvm_destroyed 9\n");
	p.ns[MV_PHASE_RESUMED] = 5;
	p.ns[MV_PHASE_FIRST_SYSCALL] = 6;
	len = mv_phases_format(&p, buf, sizeof(buf));
	buf[len] = '\0';
	assert_string_equal(buf, "resumed 5\nfirst_syscall 6\nvm_destroyed 9\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lines_in_order),
	    cmocka_unit_test(test_first_stamp_counts),
	    cmocka_unit_test(test_tsc_stamp),
	    cmocka_unit_test(test_only_whole_lines),
	    cmocka_unit_test(test_gate_starts_at_resumed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
