/*
 * selfcost.h - what the harness itself adds to each sample (selfcost.c):
 * env.csv's harness_overhead_ns, the floor under which a start-up figure
 * says nothing.
 */
#ifndef BENCH_SELFCOST_H
#define BENCH_SELFCOST_H

#include <stdint.h>

/* The median cost of the harness's bookkeeping per sample, in ns. */
int64_t measure_harness_overhead(void);

#endif
