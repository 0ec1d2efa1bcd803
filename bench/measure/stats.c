/*
 * stats.c - n, min, p50, p95, p99, max, mean, stddev of a series.
 *
 * Percentile method: linear interpolation between the two nearest ranks,
 * the one R calls type 7 and numpy uses by default, so that a reader can
 * check any figure with numpy.percentile(values, p):
 *
 *   h = (n - 1) * p / 100,  P = x[floor(h)] + (h - floor(h)) * (x[floor(h)+1] - x[floor(h)])
 *
 * with x sorted ascending and indices from 0. So p50 of an odd n is the
 * middle value, of an even n the mean of the two middle values; p0 is the
 * minimum and p100 the maximum.
 *
 * stddev is the sample standard deviation (divisor n - 1), 0 for n = 1.
 */
#include <math.h>
#include <stdlib.h>

#include "stats.h"

double percentile_sorted(const double *sorted, size_t n, double p)
{
	double h, frac;
	size_t lo;

	if (n == 0)
		return 0;
	if (p <= 0)
		return sorted[0];
	if (p >= 100)
		return sorted[n - 1];
	h = (double)(n - 1) * p / 100.0;
	lo = (size_t)floor(h);
	frac = h - (double)lo;
	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void summarize(double *values, size_t n, struct summary *s)
{
	double sum = 0, sq = 0;

	*s = (struct summary){.n = n};
	if (n == 0)
		return;
	qsort(values, n, sizeof(*values), cmp_double);
	for (size_t i = 0; i < n; i++)
		sum += values[i];
	s->mean = sum / (double)n;
	/* Two passes: the deviations from the mean, not sum-of-squares minus
	 * square-of-sum, which loses precision for large values like ns. */
	for (size_t i = 0; i < n; i++)
		sq += (values[i] - s->mean) * (values[i] - s->mean);
	s->stddev = n > 1 ? sqrt(sq / (double)(n - 1)) : 0;
	s->min = values[0];
	s->max = values[n - 1];
	s->p50 = percentile_sorted(values, n, 50);
	s->p95 = percentile_sorted(values, n, 95);
	s->p99 = percentile_sorted(values, n, 99);
}
