/* stats.h - the summary statistics of one series of samples. */
#ifndef BENCH_STATS_H
#define BENCH_STATS_H

#include <stddef.h>

struct summary {
	size_t n;
	double min, p50, p95, p99, max, mean, stddev;
};

/* Percentile p (0..100) of n sorted values; see stats.c for the method. */
double percentile_sorted(const double *sorted, size_t n, double p);
/* Summarize n values (the array is sorted in place). n == 0 gives all 0. */
void summarize(double *values, size_t n, struct summary *s);

#endif
