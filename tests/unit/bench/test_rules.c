/* test_rules.c - each verdict rule on its edge cases: the margins, the
 * memory floor, the run-time tolerance, and above all missing figures,
 * which must give "not measured", never a verdict. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "report/rules.h"

static enum outcome lighter(double vp, double cp, double vs, double cs, int n)
{
	struct memory_figures f = {vp, cp, vs, cs, n, {0, 0, 0}};
	struct judgement j;

	rule_lighter(&f, &j);
	return j.outcome;
}

static void test_lighter(void **state)
{
	(void)state;
	/* both metrics by the margin; both not larger; one each way */
	assert_int_equal(lighter(3000, 100, 4000, 300, 16), OUT_HOLDS);
	assert_int_equal(lighter(100, 3000, 300, 4000, 16), OUT_FAILS);
	assert_int_equal(lighter(3000, 100, 300, 4000, 16), OUT_PARTLY);
	/* larger but below the margin: 400 vs 300 is 1.33x */
	assert_int_equal(lighter(3000, 100, 400, 300, 0), OUT_PARTLY);
	/* exactly 1.5x holds */
	assert_int_equal(lighter(150, 100, 450, 300, 0), OUT_HOLDS);
	/* the floor: a container overhead of 10 KiB counts as 64 */
	assert_int_equal(lighter(96, 10, 96, 10, 0), OUT_HOLDS);
	assert_int_equal(lighter(95, 10, 95, 10, 0), OUT_PARTLY);
	/* equal is not lighter */
	assert_int_equal(lighter(300, 300, 300, 300, 0), OUT_FAILS);
	/* a system overhead below -64 KiB on either side is noise: no answer
	 * (a real run: 341 KiB against -828), whatever pss says */
	assert_int_equal(lighter(3000, 100, 341, -828, 1000), OUT_INCONCLUSIVE);
	assert_int_equal(lighter(3000, 100, -200, 300, 1000), OUT_INCONCLUSIVE);
	/* a little below zero is within the floor: judged as before */
	assert_int_equal(lighter(3000, 100, 341, -50, 1000), OUT_HOLDS);
}

static void test_lighter_missing(void **state)
{
	struct memory_figures f = {2581, 13, NAN, 353, 0, {0, 0, 0}};
	struct judgement j;

	(void)state;
	/* Nothing measured: no verdict and no evidence. */
	assert_int_equal(lighter(NAN, NAN, NAN, NAN, 0), OUT_NOT_MEASURED);
	assert_int_equal(lighter(3000, NAN, 4000, NAN, 16), OUT_NOT_MEASURED);
	/* One metric alone is part of the evidence, whatever it says: it
	 * holds only partly even when that metric fails (the docs' rule). */
	assert_int_equal(lighter(3000, 100, NAN, 300, 0), OUT_PARTLY);
	assert_int_equal(lighter(NAN, 100, 100, 3000, 0), OUT_PARTLY);
	/* The VM's density figure missing: the system metric is left out,
	 * not read as 0 (the awk report judged "416 KiB vs 0 KiB"). */
	rule_lighter(&f, &j);
	assert_int_equal(j.outcome, OUT_PARTLY);
	assert_string_equal(j.evidence, "pss overhead 2581 KiB vs 13.0 KiB (40.3×)");
}

static void test_lighter_evidence(void **state)
{
	struct memory_figures f = {2581, 13, 4089, 353, 16, {0, 0, 0}};
	struct judgement j;

	(void)state;
	rule_lighter(&f, &j);
	assert_string_equal(j.evidence,
			    "pss overhead 2581 KiB vs 13.0 KiB (40.3×); system overhead "
			    "4089 KiB vs 353 KiB (11.6×) at N = 16");
}

static enum outcome faster(double v50, double v95, double c50, double c95)
{
	struct startup_figures f = {v50, v95, c50, c95, {0, 0, 0}};
	struct judgement j;

	rule_faster(&f, &j);
	return j.outcome;
}

static void test_faster(void **state)
{
	struct startup_figures f = {3230, 3480, 2280, 2510, {0, 0, 0}};
	struct judgement j;

	(void)state;
	assert_int_equal(faster(3000, 3500, 2000, 2500), OUT_HOLDS);  /* exactly 1.5x */
	assert_int_equal(faster(3000, 2400, 2000, 2500), OUT_PARTLY); /* p95 not larger */
	assert_int_equal(faster(2500, 2600, 2000, 2500), OUT_PARTLY); /* 1.25x */
	assert_int_equal(faster(2000, 2600, 2000, 2500), OUT_FAILS);  /* equal */
	assert_int_equal(faster(1800, 1900, 2000, 2500), OUT_FAILS);  /* 0.9x */
	assert_int_equal(faster(3000, NAN, 2000, 2500), OUT_HOLDS);   /* p95 missing */
	assert_int_equal(faster(NAN, NAN, 2000, 2500), OUT_NOT_MEASURED);
	assert_int_equal(faster(3000, 3500, NAN, NAN), OUT_NOT_MEASURED);
	rule_faster(&f, &j);
	assert_string_equal(j.evidence, "p50 3.23 ms vs 2.28 ms (1.42×), p95 3.48 ms vs 2.51 ms");
}

static enum outcome power(double v0, double c0, double v1, double c1, double v2, double c2)
{
	struct cost_figures f = {{"cpu", "syscall", "io"}, {v0, v1, v2}, {c0, c1, c2}, {{0, 0, 0}}};
	struct judgement j;

	rule_power(&f, &j);
	return j.outcome;
}

static void test_power(void **state)
{
	struct cost_figures f = {
	    {"cpu", "syscall", "io"}, {1.03, 0.396, 9.42}, {1.01, 1.03, 1.07}, {{0, 0, 0}}};
	struct judgement j;

	(void)state;
	assert_int_equal(power(2, 1, 3, 1, 4, 1), OUT_HOLDS);
	assert_int_equal(power(1, 1, 1, 1, 1, 1), OUT_FAILS);	 /* all the same */
	assert_int_equal(power(2, 1, 1, 1, 0.5, 1), OUT_PARTLY); /* more on one */
	/* the tolerance: 10% above is still "the same", just over is more */
	assert_int_equal(power(1.1, 1, 1.1, 1, 1.1, 1), OUT_FAILS);
	assert_int_equal(power(1.11, 1, 1.11, 1, 1.11, 1), OUT_HOLDS);
	/* only the workloads measured on both sides count */
	assert_int_equal(power(2, 1, NAN, 1, 3, NAN), OUT_HOLDS);
	assert_int_equal(power(NAN, 1, NAN, 1, NAN, 1), OUT_NOT_MEASURED);
	rule_power(&f, &j);
	assert_string_equal(j.evidence, "cpu 1.03× vs 1.01× (same); syscall 0.396× vs 1.03× "
					"(less); io 9.42× vs 1.07× (more)");
}

static void test_os(void **state)
{
	struct os_figures holds = {"minivm 0.1", "no", "Linux 6.1", "yes"};
	struct os_figures both = {"Linux 6.1", "yes", "Linux 6.1", "yes"};
	struct os_figures own = {"minivm 0.1", "no", "Linux 6.2", "no"};
	struct os_figures none = {NULL, NULL, "Linux 6.1", "yes"};
	struct judgement j;

	(void)state;
	rule_os(&holds, &j);
	assert_int_equal(j.outcome, OUT_HOLDS);
	assert_string_equal(j.evidence, "inside: minivm 0.1 (kernel shared: no); container: Linux "
					"6.1 (kernel shared: yes)");
	rule_os(&both, &j);
	assert_int_equal(j.outcome, OUT_PARTLY);
	rule_os(&own, &j);
	assert_int_equal(j.outcome, OUT_FAILS);
	rule_os(&none, &j);
	assert_int_equal(j.outcome, OUT_NOT_MEASURED);
	assert_string_equal(j.evidence, "");
	assert_string_equal(rule_os_alone("yes"), "holds with a caveat");
	assert_string_equal(rule_os_alone("no"), "does not hold");
	assert_string_equal(rule_os_alone(NULL), "not measured");
}

static void test_parallel(void **state)
{
	struct isolation ctr = {4, 4, "", 1, 16}, vm8 = {4, 4, "", 1, 8}, vm16 = {0, 0, "", 1, 16};
	struct isolation vm0 = {4, 4, "", 0, 0};
	struct judgement j;

	(void)state;
	rule_parallel(&ctr, &vm8, &j);
	assert_int_equal(j.outcome, OUT_HOLDS);
	assert_string_equal(j.evidence, "up to N = 8 without a failure vs the container's 16; the "
					"VM's isolation checks: 4/4 pass");
	rule_parallel(&ctr, &vm16, &j);
	assert_int_equal(j.outcome, OUT_PARTLY);
	assert_non_null(strstr(j.evidence, "none recorded"));
	rule_parallel(&ctr, &vm0, &j); /* no VM density: nothing to compare */
	assert_int_equal(j.outcome, OUT_NOT_MEASURED);
	assert_string_equal(rule_parallel_alone(&ctr), "holds with a caveat");
}

static void test_parallel_container(void **state)
{
	struct isolation vm = {4, 4, "", 1, 8};
	struct isolation unchecked = {0, 0, "", 1, 16}, leaky = {4, 3, "pid=48213", 1, 16};
	struct isolation alone = {4, 4, "", 1, 1}, nodensity = {4, 4, "", 0, 0};
	struct judgement j;
	char why[200];

	(void)state;
	/* No checks recorded (the container failed every sample): no
	 * verdict, where the awk report said "does not hold". */
	rule_parallel(&unchecked, &vm, &j);
	assert_int_equal(j.outcome, OUT_NOT_MEASURED);
	assert_string_equal(j.evidence, "container: no isolation checks recorded");
	assert_string_equal(rule_parallel_alone(&unchecked), "not measured");
	rule_parallel(&nodensity, &vm, &j);
	assert_int_equal(j.outcome, OUT_NOT_MEASURED);
	/* A failed check, or no N >= 2: measured, and it does not hold. */
	rule_parallel(&leaky, &vm, &j);
	assert_int_equal(j.outcome, OUT_FAILS);
	assert_string_equal(j.evidence, "container: failed isolation checks: pid=48213");
	assert_int_equal(container_parallel(&alone, why, sizeof(why)), 0);
	assert_string_equal(why, "no density run with N ≥ 2 and no failure");
	assert_string_equal(rule_parallel_alone(&alone), "does not hold");
}

static void test_combine(void **state)
{
	const enum outcome none[2] = {OUT_NOT_MEASURED, OUT_NOT_MEASURED};
	const enum outcome one[2] = {OUT_HOLDS, OUT_NOT_MEASURED};
	const enum outcome mixed[2] = {OUT_HOLDS, OUT_FAILS};
	const enum outcome part[2] = {OUT_HOLDS, OUT_PARTLY};
	const enum outcome fails[2] = {OUT_FAILS, OUT_FAILS};

	(void)state;
	assert_string_equal(combine(none, 2), "not measured");
	assert_string_equal(combine(one, 2), "holds");
	assert_string_equal(combine(mixed, 2), "holds with a caveat");
	assert_string_equal(combine(part, 2), "holds with a caveat");
	assert_string_equal(combine(fails, 2), "does not hold");
	assert_string_equal(combine(none, 0), "not measured");
	assert_string_equal(outcome_word(OUT_PARTLY), "partly");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_lighter),
	    cmocka_unit_test(test_lighter_missing),
	    cmocka_unit_test(test_lighter_evidence),
	    cmocka_unit_test(test_faster),
	    cmocka_unit_test(test_power),
	    cmocka_unit_test(test_os),
	    cmocka_unit_test(test_parallel),
	    cmocka_unit_test(test_parallel_container),
	    cmocka_unit_test(test_combine),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
