/* test_csv.c - RFC 4180 quoting, the schema headers, whole-row writes and
 * atomic files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "files/csv.h"
#include "testdir.h"

static void test_plain_fields(void **state)
{
	const char *f[] = {"startup", "process", "", "12.5"};
	char buf[128];

	(void)state;
	assert_int_equal(csv_format_row(buf, sizeof(buf), f, 4), 22);
	assert_string_equal(buf, "startup,process,,12.5\n");
}

static void test_quoting(void **state)
{
	const char *f[] = {"a,b", "say \"hi\"", "two\nlines", "cr\r", "plain"};
	char buf[128];

	(void)state;
	assert_true(csv_format_row(buf, sizeof(buf), f, 5) > 0);
	assert_string_equal(buf, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\",plain\n");
}

static void test_short_buffer(void **state)
{
	const char *f[] = {"0123456789", "0123456789"};
	char buf[16];

	(void)state;
	assert_int_equal(csv_format_row(buf, sizeof(buf), f, 2), -1);
}

static void test_schema_headers(void **state)
{
	(void)state;
	/* The column lists the report part reads (bench/README.md, "Files"). */
	assert_string_equal(CSV_SAMPLES, "experiment,backend,workload,parameter,n_parallel,"
					 "iteration,metric,unit,value");
	assert_string_equal(CSV_SUMMARY, "experiment,backend,workload,parameter,n_parallel,"
					 "metric,unit,n,min,p50,p95,p99,max,mean,stddev");
	assert_string_equal(CSV_PHASES, "experiment,backend,workload,iteration,phase,ns");
	assert_string_equal(CSV_ENV, "key,value");
	assert_string_equal(CSV_FACTS, "backend,key,value");
}

static void test_file_rows(void **state)
{
	struct csv c;
	const char *good[] = {"process", "hostname", "a,b"};
	const char *bad[] = {"process", "hostname"};

	(void)state;
	assert_int_equal(csv_open(&c, test_dir, "facts.csv", CSV_FACTS, 0), 0);
	assert_int_equal(csv_row(&c, good, 3), 0);
	/* A row with the wrong column count is refused, not written. */
	assert_int_equal(csv_row(&c, bad, 2), -1);
	/* Rows are in the file at once, before close. */
	assert_string_equal(test_dir_slurp("facts.csv"),
			    "backend,key,value\nprocess,hostname,\"a,b\"\n");
	assert_int_equal(csv_close(&c), 0);
}

static void test_atomic(void **state)
{
	struct csv c;
	const char *row[] = {"k", "v"};

	(void)state;
	assert_int_equal(csv_open(&c, test_dir, "env.csv", CSV_ENV, 1), 0);
	assert_int_equal(csv_row(&c, row, 2), 0);
	/* Not under its name until complete. */
	assert_null(test_dir_slurp("env.csv"));
	assert_int_equal(csv_close(&c), 0);
	assert_string_equal(test_dir_slurp("env.csv"), "key,value\nk,v\n");
	assert_null(test_dir_slurp("env.csv.tmp"));

	/* An abandoned rewrite leaves the old file as it was. */
	assert_int_equal(csv_open(&c, test_dir, "env.csv", CSV_ENV, 1), 0);
	csv_abandon(&c);
	assert_string_equal(test_dir_slurp("env.csv"), "key,value\nk,v\n");
	assert_null(test_dir_slurp("env.csv.tmp"));
}

static void test_open_fails_cleanly(void **state)
{
	struct csv c;

	(void)state;
	assert_int_equal(csv_open(&c, "/nonexistent/dir", "x.csv", CSV_ENV, 0), -1);
	assert_int_equal(c.fd, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_fields),       cmocka_unit_test(test_quoting),
	    cmocka_unit_test(test_short_buffer),       cmocka_unit_test(test_schema_headers),
	    cmocka_unit_test(test_file_rows),	       cmocka_unit_test(test_atomic),
	    cmocka_unit_test(test_open_fails_cleanly),
	};
	return cmocka_run_group_tests(tests, test_dir_make, test_dir_remove);
}
