/* test_interval.c - the bootstrap intervals on synthetic samples: two
 * series within noise of each other give an interval that holds 1 (and
 * the start-up rule says "inconclusive"); well apart, one that does not;
 * the same samples always give the same interval; too few give none. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "report/interval.h"
#include "report/rules.h"

/* n values around `centre`, spread ±spread (a fixed zig-zag, no RNG). */
static void series(double *v, int n, double centre, double spread)
{
	for (int i = 0; i < n; i++)
		v[i] = centre + spread * (double)((i * 7) % n - n / 2) / (n / 2);
}

static void ratio_ci(const double *a, const double *b, int n, struct interval *ci)
{
	struct series_ref s[2] = {{a, (size_t)n}, {b, (size_t)n}};

	assert_int_equal(bootstrap(s, 2, stat_ratio, NULL, ci), 0);
}

static void test_within_noise(void **state)
{
	double vm[20], ctr[20];
	struct interval ci;
	struct startup_figures f;
	struct judgement j;

	(void)state;
	/* A VM 1% slower than the container, each ±10% noise. */
	series(vm, 20, 2020, 200);
	series(ctr, 20, 2000, 200);
	ratio_ci(vm, ctr, 20, &ci);
	assert_true(ci.ok);
	assert_true(ci.lo < 1 && ci.hi > 1);
	f = (struct startup_figures){2020, 2200, 2000, 2180, ci};
	rule_faster(&f, &j);
	assert_int_equal(j.outcome, OUT_INCONCLUSIVE);
	assert_non_null(strstr(j.evidence, "95% CI"));
	/* Without the interval the same p50s said "partly" (1% slower). */
	f.ci.ok = 0;
	rule_faster(&f, &j);
	assert_int_equal(j.outcome, OUT_PARTLY);
}

static void test_well_apart(void **state)
{
	double vm[20], ctr[20];
	struct interval ci;
	struct startup_figures f;
	struct judgement j;

	(void)state;
	series(vm, 20, 4000, 100);
	series(ctr, 20, 2000, 100);
	ratio_ci(vm, ctr, 20, &ci);
	assert_true(ci.ok);
	assert_true(ci.lo > 1.8 && ci.hi < 2.2);
	assert_false(straddles(&ci, 1.5));
	f = (struct startup_figures){4000, 4100, 2000, 2100, ci};
	rule_faster(&f, &j);
	assert_int_equal(j.outcome, OUT_HOLDS);
}

static void test_straddles_margin(void **state)
{
	double vm[20], ctr[20];
	struct interval ci;
	struct startup_figures f;
	struct judgement j;

	(void)state;
	/* 1.5x the container, with noise: the margin is inside the interval. */
	series(vm, 20, 3000, 600);
	series(ctr, 20, 2000, 100);
	ratio_ci(vm, ctr, 20, &ci);
	assert_true(straddles(&ci, 1.5));
	f = (struct startup_figures){3000, 3600, 2000, 2100, ci};
	rule_faster(&f, &j);
	assert_int_equal(j.outcome, OUT_INCONCLUSIVE);
}

static void test_fixed_seed(void **state)
{
	double vm[20], ctr[20];
	struct interval a, b;

	(void)state;
	series(vm, 20, 2500, 300);
	series(ctr, 20, 2000, 300);
	ratio_ci(vm, ctr, 20, &a);
	ratio_ci(vm, ctr, 20, &b);
	assert_true(a.ok && b.ok);
	assert_true(a.lo == b.lo && a.hi == b.hi);
	assert_true(a.lo < 1.25 && a.hi > 1.25);
}

static void test_too_few(void **state)
{
	double vm[5] = {1, 2, 3, 4, 5}, ctr[5] = {1, 2, 3, 4, 5};
	struct interval ci;

	(void)state;
	ratio_ci(vm, ctr, BOOT_MIN_N - 1 < 5 ? BOOT_MIN_N - 1 : 5, &ci);
	assert_false(ci.ok);
	assert_false(straddles(&ci, 1)); /* no interval holds nothing */
}

static void test_overhead_ratio(void **state)
{
	const double floor_kib = RULE_FLOOR_KIB;
	const double m1[3] = {600, 110, 100}; /* VM 500 over, container 10 over */
	const double m2[3] = {600, 300, 100}; /* container 200 over */

	(void)state;
	/* The container's overhead below the floor counts as the floor. */
	assert_float_equal(stat_overhead_ratio(m1, &floor_kib), 500 / 64.0, 1e-9);
	assert_float_equal(stat_overhead_ratio(m2, &floor_kib), 2.5, 1e-9);
}

static void test_combine_inconclusive(void **state)
{
	const enum outcome h_i[2] = {OUT_HOLDS, OUT_INCONCLUSIVE};
	const enum outcome n_i[2] = {OUT_FAILS, OUT_INCONCLUSIVE};
	const enum outcome i_u[2] = {OUT_INCONCLUSIVE, OUT_NOT_MEASURED};

	(void)state;
	assert_string_equal(combine(h_i, 2), "holds with a caveat");
	assert_string_equal(combine(n_i, 2), "inconclusive");
	assert_string_equal(combine(i_u, 2), "inconclusive");
	assert_string_equal(outcome_word(OUT_INCONCLUSIVE), "inconclusive");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_within_noise),
	    cmocka_unit_test(test_well_apart),
	    cmocka_unit_test(test_straddles_margin),
	    cmocka_unit_test(test_fixed_seed),
	    cmocka_unit_test(test_too_few),
	    cmocka_unit_test(test_overhead_ratio),
	    cmocka_unit_test(test_combine_inconclusive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
