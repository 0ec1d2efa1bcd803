/* test_stats.c - percentiles and summaries on vectors worked out by hand
 * (and checked against numpy.percentile, which uses the same method). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "measure/stats.h"

static void test_percentile_odd(void **state)
{
	const double x[] = {1, 2, 3, 4, 5};

	(void)state;
	assert_float_equal(percentile_sorted(x, 5, 50), 3, 1e-9);
	assert_float_equal(percentile_sorted(x, 5, 0), 1, 1e-9);
	assert_float_equal(percentile_sorted(x, 5, 100), 5, 1e-9);
	/* h = 4 * 0.95 = 3.8: 4 + 0.8 * (5 - 4) */
	assert_float_equal(percentile_sorted(x, 5, 95), 4.8, 1e-9);
	assert_float_equal(percentile_sorted(x, 5, 25), 2, 1e-9);
}

static void test_percentile_even(void **state)
{
	const double x[] = {10, 20, 30, 40};
	const double ten[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

	(void)state;
	/* The median of an even count is the mean of the middle two. */
	assert_float_equal(percentile_sorted(x, 4, 50), 25, 1e-9);
	/* h = 3 * 0.95 = 2.85: 30 + 0.85 * 10 */
	assert_float_equal(percentile_sorted(x, 4, 95), 38.5, 1e-9);
	assert_float_equal(percentile_sorted(ten, 10, 95), 9.55, 1e-9);
	assert_float_equal(percentile_sorted(ten, 10, 99), 9.91, 1e-9);
	assert_float_equal(percentile_sorted(ten, 10, 50), 5.5, 1e-9);
}

static void test_percentile_tiny(void **state)
{
	const double one[] = {7};
	const double two[] = {1, 3};

	(void)state;
	assert_float_equal(percentile_sorted(one, 1, 50), 7, 1e-9);
	assert_float_equal(percentile_sorted(one, 1, 99), 7, 1e-9);
	assert_float_equal(percentile_sorted(two, 2, 50), 2, 1e-9);
	assert_float_equal(percentile_sorted(two, 2, 99), 2.98, 1e-9);
	assert_float_equal(percentile_sorted(NULL, 0, 50), 0, 1e-9);
}

static void test_summarize(void **state)
{
	/* Unsorted on purpose: summarize sorts. */
	double x[] = {9, 4, 2, 5, 4, 7, 4, 5};
	struct summary s;

	(void)state;
	summarize(x, 8, &s);
	assert_int_equal(s.n, 8);
	assert_float_equal(s.min, 2, 1e-9);
	assert_float_equal(s.max, 9, 1e-9);
	assert_float_equal(s.mean, 5, 1e-9);
	assert_float_equal(s.p50, 4.5, 1e-9);
	/* Sample standard deviation: sum of squared deviations 32, n-1 = 7. */
	assert_float_equal(s.stddev, 2.1380899352993950, 1e-9);
	/* h = 7 * 0.95 = 6.65 over 2 4 4 4 5 5 7 9: 7 + 0.65 * 2 */
	assert_float_equal(s.p95, 8.3, 1e-9);
	assert_float_equal(s.p99, 8.86, 1e-9);
}

static void test_summarize_edge(void **state)
{
	double one[] = {42};
	struct summary s;

	(void)state;
	summarize(one, 1, &s);
	assert_int_equal(s.n, 1);
	assert_float_equal(s.stddev, 0, 1e-12);
	assert_float_equal(s.p99, 42, 1e-12);
	summarize(NULL, 0, &s);
	assert_int_equal(s.n, 0);
	assert_float_equal(s.mean, 0, 1e-12);
}

static void test_summarize_large_values(void **state)
{
	/* ns-sized values with a small spread: a one-pass formula would lose
	 * the spread to rounding. */
	double x[] = {1e12 + 1, 1e12 + 2, 1e12 + 3};
	struct summary s;

	(void)state;
	summarize(x, 3, &s);
	assert_float_equal(s.stddev, 1, 1e-6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_percentile_odd),  cmocka_unit_test(test_percentile_even),
	    cmocka_unit_test(test_percentile_tiny), cmocka_unit_test(test_summarize),
	    cmocka_unit_test(test_summarize_edge),  cmocka_unit_test(test_summarize_large_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
