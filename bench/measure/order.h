/*
 * order.h - the order in which backends take their turns: round-robin,
 * every backend once per round, in an order shuffled afresh each round.
 * The shuffle comes from a seeded generator, so a run can be repeated
 * exactly (the seed is written to env.csv).
 */
#ifndef BENCH_ORDER_H
#define BENCH_ORDER_H

#include <stdint.h>

/* Fill perm[0..n-1] with a permutation of 0..n-1 for round `round`. */
void order_round(uint64_t seed, uint64_t round, int n, int *perm);
/* SplitMix64: one step of the generator (exposed for the tests). */
uint64_t splitmix64(uint64_t *state);

#endif
