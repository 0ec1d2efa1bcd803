/* test_csv_read.c - reading results files back: what csv.c writes comes
 * back field for field (quotes, commas, line breaks), CRLF and empty lines
 * are tolerated, and a malformed file is an error, never a crash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "files/csv.h"
#include "testdir.h"

/* Write text to file NAME in the test directory; returns its path. */
static const char *put(const char *name, const char *text)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", test_dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void test_round_trip(void **state)
{
	const char *row[] = {"a,b", "say \"hi\"", "two\nlines", "", "plain"};
	char text[512], line[256];
	struct csv_table t;

	(void)state;
	strcpy(text, "c1,c2,c3,c4,c5\n");
	assert_true(csv_format_row(line, sizeof(line), row, 5) > 0);
	strcat(text, line);
	strcat(text, line);
	assert_int_equal(csv_read(put("rt.csv", text), &t), 0);
	assert_int_equal(t.ncols, 5);
	assert_int_equal(t.nrows, 2);
	for (int r = 0; r < 2; r++)
		for (int c = 0; c < 5; c++)
			assert_string_equal(csv_field(&t, r, c), row[c]);
	csv_table_free(&t);
}

static void test_crlf_and_empty_lines(void **state)
{
	struct csv_table t;

	(void)state;
	assert_int_equal(csv_read(put("crlf.csv", "key,value\r\n\r\nhost,vm\r\n\ncores,2"), &t), 0);
	assert_int_equal(t.nrows, 2);
	assert_string_equal(csv_field(&t, 0, 1), "vm");
	assert_string_equal(csv_field(&t, 1, 0), "cores");
	assert_string_equal(csv_field(&t, 1, 1), "2"); /* no newline at the end */
	csv_table_free(&t);
}

static void test_columns(void **state)
{
	static const char *const need[] = {"value", "key", NULL};
	static const char *const more[] = {"key", "unit", NULL};
	struct csv_table t;

	(void)state;
	assert_int_equal(csv_read(put("cols.csv", "key,value\nx,\n"), &t), 0);
	assert_int_equal(csv_column(&t, "value"), 1);
	assert_int_equal(csv_column(&t, "unit"), -1);
	assert_string_equal(csv_field(&t, 0, 1), ""); /* an empty last field */
	assert_string_equal(csv_field(&t, 5, 0), ""); /* out of range: empty, no crash */
	assert_int_equal(csv_require(&t, "cols.csv", need), 0);
	assert_int_equal(csv_require(&t, "cols.csv", more), -1);
	csv_table_free(&t);
}

static void test_malformed(void **state)
{
	struct csv_table t;
	char missing[128];

	(void)state;
	/* a row wider than the header */
	assert_int_equal(csv_read(put("wide.csv", "a,b\n1,2,3\n"), &t), -1);
	/* a quote never closed */
	assert_int_equal(csv_read(put("open.csv", "a,b\n\"1,2\n"), &t), -1);
	/* no header at all */
	assert_int_equal(csv_read(put("empty.csv", ""), &t), -1);
	snprintf(missing, sizeof(missing), "%s/none.csv", test_dir);
	assert_int_equal(csv_read(missing, &t), -1);
	assert_null(t.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_crlf_and_empty_lines),
	    cmocka_unit_test(test_columns),
	    cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, test_dir_make, test_dir_remove);
}
