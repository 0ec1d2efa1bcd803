/* test_procmem.c - the memory figures' raw readings (bench/measure/procmem.c):
 * pss, uss and rss from real smaps_rollup texts (tests/fixtures/procmem/,
 * read from a `minivm run` VMM and from cat on an AMD EPYC PVM host),
 * MemAvailable from a real /proc/meminfo, the `system` arithmetic, and a
 * live process tree summed whole. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "measure/procmem.h"

#define FIXTURES "tests/fixtures/procmem/"

static char *slurp(const char *name)
{
	static char buf[8192];
	FILE *f = fopen(name, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_rollup_vmm(void **state)
{
	struct procmem m = {0};

	(void)state;
	procmem_parse_rollup(slurp(FIXTURES "minivm.smaps_rollup"), &m);
	/* Pss, not Rss (308) nor Pss_Dirty (120); uss = Private_Clean +
	 * Private_Dirty (176 + 120). */
	assert_int_equal(m.pss_kib, 300);
	assert_int_equal(m.rss_kib, 308);
	assert_int_equal(m.uss_kib, 296);
	assert_int_equal(m.nprocs, 1);
}

static void test_rollup_shared(void **state)
{
	struct procmem m = {0};

	(void)state;
	/* cat maps libc shared with every process: rss 1776, pss 217,
	 * uss 44 + 112. */
	procmem_parse_rollup(slurp(FIXTURES "cat.smaps_rollup"), &m);
	assert_int_equal(m.pss_kib, 217);
	assert_int_equal(m.rss_kib, 1776);
	assert_int_equal(m.uss_kib, 156);
	/* A second process adds to the sums. */
	procmem_parse_rollup(slurp(FIXTURES "minivm.smaps_rollup"), &m);
	assert_int_equal(m.pss_kib, 517);
	assert_int_equal(m.rss_kib, 2084);
	assert_int_equal(m.uss_kib, 452);
	assert_int_equal(m.nprocs, 2);
}

static void test_meminfo(void **state)
{
	(void)state;
	/* MemAvailable, not MemFree (21746400) nor MemTotal. */
	assert_int_equal(procmem_parse_meminfo(slurp(FIXTURES "meminfo")), 23450780);
	assert_int_equal(procmem_parse_meminfo("MemAvailable:   42 kB\n"), 42);
	assert_int_equal(procmem_parse_meminfo("MemTotal: 9 kB\nMemFree: 5 kB\n"), -1);
	assert_int_equal(procmem_parse_meminfo("XMemAvailable: 7 kB\n"), -1);
}

static void test_system_per_instance(void **state)
{
	(void)state;
	/* 4 instances took 400 KiB of MemAvailable: 100 each. */
	assert_true(procmem_system_per_instance(1000, 600, 4) == 100.0);
	/* It rose (noise): kept, negative. */
	assert_true(procmem_system_per_instance(600, 1000, 4) == -100.0);
	assert_true(isnan(procmem_system_per_instance(-1, 600, 4)));
	assert_true(isnan(procmem_system_per_instance(1000, -1, 4)));
	assert_true(isnan(procmem_system_per_instance(1000, 600, 0)));
}

/* Touch mib MiB of private memory, then wait to be killed. */
static void hold(int mib, int ready_fd)
{
	size_t len = (size_t)mib << 20;
	char *p = malloc(len);

	if (p == NULL)
		_exit(1);
	memset(p, 1, len);
	/* Send a byte of the buffer: the compiler may not drop the memset. */
	if (write(ready_fd, p + len - 1, 1) != 1)
		_exit(1);
	for (;;)
		pause();
}

static void test_tree_live(void **state)
{
	int fds[2], n_kids, rc;
	char c[2];
	pid_t child, kids[4];
	struct procmem m = {0}, gone;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		/* The child and a grandchild, 8 MiB each: an instance of two
		 * host processes, like a VMM with a helper. */
		if (fork() == 0)
			hold(8, fds[1]);
		hold(8, fds[1]);
	}
	/* Both have touched their memory once both bytes are in. Read, then
	 * end both before any assertion (a failed one returns at once). */
	rc = read(fds[0], c, 1) == 1 && read(fds[0], c + 1, 1) == 1 ? 0 : -1;
	if (rc == 0)
		rc = procmem_tree(child, &m);
	n_kids = procmem_children(child, kids, 4);
	for (int i = 0; i < n_kids; i++)
		kill(kids[i], SIGKILL);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(fds[0]);
	close(fds[1]);
	assert_int_equal(rc, 0);
	assert_int_equal(n_kids, 1);
	assert_int_equal(m.nprocs, 2);
	assert_true(m.rss_kib >= 16 * 1024);
	assert_true(m.uss_kib >= 16 * 1024);
	assert_true(m.pss_kib >= 16 * 1024 && m.pss_kib <= m.rss_kib);
	assert_int_equal(procmem_tree(child, &gone), -1); /* reaped: nothing to read */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rollup_vmm), cmocka_unit_test(test_rollup_shared),
	    cmocka_unit_test(test_meminfo),    cmocka_unit_test(test_system_per_instance),
	    cmocka_unit_test(test_tree_live),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
