/*
 * order.c - shuffled round-robin order (see order.h).
 *
 * Why shuffle: a machine's noise drifts (another job starts, the CPU
 * warms up and slows). Taking the backends in turn, one sample each, lets
 * that drift fall on all of them alike; shuffling each round also removes
 * any bias from always going first or last (caches warmed by the one
 * before, the page cache filled by it).
 */
#include "order.h"

/* SplitMix64 (Steele, Lea, Flood 2014): a tiny generator with good
 * statistical quality; plenty for shuffling a handful of backends. */
uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void order_round(uint64_t seed, uint64_t round, int n, int *perm)
{
	/* Each round has its own stream, so round r's order does not depend
	 * on how many rounds came before it. */
	uint64_t state = seed ^ (round * 0xd1b54a32d192ed03ull);

	for (int i = 0; i < n; i++)
		perm[i] = i;
	/* Fisher-Yates: swap each position with a random one at or before it. */
	for (int i = n - 1; i > 0; i--) {
		int j = (int)(splitmix64(&state) % (uint64_t)(i + 1));
		int t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
}
