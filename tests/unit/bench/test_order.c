/* test_order.c - the shuffled round-robin order: each round is every
 * backend exactly once, the order changes from round to round, and a seed
 * gives the same sequence every time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "measure/order.h"

static void assert_permutation(const int *perm, int n)
{
	int seen[16] = {0};

	for (int i = 0; i < n; i++) {
		assert_in_range(perm[i], 0, n - 1);
		seen[perm[i]]++;
	}
	for (int i = 0; i < n; i++)
		assert_int_equal(seen[i], 1);
}

static void test_every_backend_once(void **state)
{
	int perm[16];

	(void)state;
	for (int n = 1; n <= 16; n++)
		for (uint64_t round = 0; round < 50; round++) {
			order_round(7, round, n, perm);
			assert_permutation(perm, n);
		}
}

static void test_reproducible(void **state)
{
	int a[6], b[6];

	(void)state;
	for (uint64_t round = 0; round < 20; round++) {
		order_round(12345, round, 6, a);
		order_round(12345, round, 6, b);
		assert_memory_equal(a, b, sizeof(a));
	}
}

static void test_shuffled(void **state)
{
	int first[4], perm[4], differs = 0, first_pos_seen[4] = {0};

	(void)state;
	/* Over 40 rounds of 4 backends, the order must not stay the same, and
	 * every backend must get to go first at least once. */
	order_round(1, 0, 4, first);
	for (uint64_t round = 0; round < 40; round++) {
		order_round(1, round, 4, perm);
		differs |= memcmp(perm, first, sizeof(perm)) != 0;
		first_pos_seen[perm[0]] = 1;
	}
	assert_true(differs);
	for (int i = 0; i < 4; i++)
		assert_true(first_pos_seen[i]);
}

static void test_seed_matters(void **state)
{
	int a[8], b[8], differs = 0;

	(void)state;
	for (uint64_t round = 0; round < 10; round++) {
		order_round(1, round, 8, a);
		order_round(2, round, 8, b);
		differs |= memcmp(a, b, sizeof(a)) != 0;
	}
	assert_true(differs);
}

static void test_splitmix_known(void **state)
{
	/* SplitMix64's first outputs from state 0, as published with it. */
	uint64_t s = 0;

	(void)state;
	assert_true(splitmix64(&s) == 0xe220a8397b1dcdafull);
	assert_true(splitmix64(&s) == 0x6e789e6aa1b965f4ull);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_backend_once), cmocka_unit_test(test_reproducible),
	    cmocka_unit_test(test_shuffled),	       cmocka_unit_test(test_seed_matters),
	    cmocka_unit_test(test_splitmix_known),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
