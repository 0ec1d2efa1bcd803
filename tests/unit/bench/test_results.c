/* test_results.c - samples become rows at once and a summary with the
 * right statistics; env.csv keys are set, replaced and quoted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "files/results.h"
#include "testdir.h"

static void test_format_number(void **state)
{
	char buf[48];

	(void)state;
	format_number(buf, sizeof(buf), 42);
	assert_string_equal(buf, "42");
	format_number(buf, sizeof(buf), -7);
	assert_string_equal(buf, "-7");
	format_number(buf, sizeof(buf), 1.5);
	assert_string_equal(buf, "1.500");
	format_number(buf, sizeof(buf), 24550284);
	assert_string_equal(buf, "24550284");
}

static void test_samples_and_summary(void **state)
{
	(void)state;
	assert_int_equal(results_open(test_dir), 0);
	for (int i = 0; i < 4; i++)
		record("startup", "process", "noop", "", 1, i, "startup", "us", 10 * (i + 1));
	record("memory", "process", "mem", "16", 1, 0, "pss", "KiB", 16500);
	record_phase("startup", "process", "noop", 0, "exec", 1234);
	record_fact("process", "net_ifaces", "lo+eth0");
	assert_true(results_has("startup", "process"));
	assert_false(results_has("startup", "microvm"));
	/* Rows are there before the run ends. */
	assert_non_null(
	    strstr(test_dir_slurp("samples.csv"), "startup,process,noop,,1,3,startup,us,40\n"));
	assert_string_equal(test_dir_slurp("phases.csv"),
			    "experiment,backend,workload,iteration,phase,ns\n"
			    "startup,process,noop,0,exec,1234\n");
	assert_int_equal(results_write_summary(test_dir), 0);
	/* 10 20 30 40: p50 25, p95 38.5, p99 39.7, mean 25, stddev 12.910 */
	assert_non_null(strstr(test_dir_slurp("summary.csv"),
			       "startup,process,noop,,1,startup,us,4,10,25,"
			       "38.500,39.700,40,25,12.910\n"));
	assert_non_null(
	    strstr(test_dir_slurp("summary.csv"), "memory,process,mem,16,1,pss,KiB,1,16500,"));
	results_close();
}

static void test_env(void **state)
{
	(void)state;
	env_set("interrupted", "yes");
	env_set("order", "shuffled, seeded");
	env_setf("cores", "%d", 2);
	env_set("interrupted", "no");
	assert_string_equal(env_get("interrupted"), "no");
	assert_null(env_get("missing"));
	assert_int_equal(env_write(test_dir), 0);
	assert_string_equal(test_dir_slurp("env.csv"),
			    "key,value\ninterrupted,no\norder,\"shuffled, seeded\"\ncores,2\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_format_number),
	    cmocka_unit_test(test_samples_and_summary),
	    cmocka_unit_test(test_env),
	};
	return cmocka_run_group_tests(tests, test_dir_make, test_dir_remove);
}
