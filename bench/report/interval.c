/* interval.c - bootstrap intervals of ratios; see interval.h. */
#include <math.h>
#include <stdlib.h>

#include "measure/order.h"
#include "measure/stats.h"
#include "report/interval.h"

double stat_ratio(const double *m, const void *arg)
{
	(void)arg;
	return m[1] > 0 ? m[0] / m[1] : NAN;
}

double stat_median(const double *m, const void *arg)
{
	(void)arg;
	return m[0];
}

double stat_overhead_ratio(const double *m, const void *arg)
{
	double floor_kib = *(const double *)arg, base = m[1] - m[2];

	return (m[0] - m[2]) / (base < floor_kib ? floor_kib : base);
}

int straddles(const struct interval *iv, double bound)
{
	return iv->ok && iv->lo < bound && iv->hi > bound;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of n values drawn with replacement from s. */
static double resampled_median(const struct series_ref *s, double *draw, uint64_t *rng)
{
	for (size_t i = 0; i < s->n; i++)
		draw[i] = s->v[splitmix64(rng) % s->n];
	qsort(draw, s->n, sizeof(*draw), cmp_double);
	return percentile_sorted(draw, s->n, 50);
}

int bootstrap(const struct series_ref *s, int k, median_stat f, const void *arg,
	      struct interval *out)
{
	double medians[4], *stat, *draw;
	size_t longest = 0;
	uint64_t rng = BOOT_SEED;

	out->ok = 0;
	out->lo = out->hi = NAN;
	if (k < 1 || k > 4)
		return 0;
	for (int i = 0; i < k; i++) {
		if (s[i].n < BOOT_MIN_N)
			return 0;
		longest = s[i].n > longest ? s[i].n : longest;
	}
	stat = malloc(BOOT_REPS * sizeof(*stat));
	draw = malloc(longest * sizeof(*draw));
	if (stat == NULL || draw == NULL) {
		free(stat);
		free(draw);
		return -1;
	}
	for (int r = 0; r < BOOT_REPS; r++) {
		for (int i = 0; i < k; i++)
			medians[i] = resampled_median(&s[i], draw, &rng);
		stat[r] = f(medians, arg);
		if (!isfinite(stat[r]))
			goto done; /* a replicate with no ratio: no interval */
	}
	qsort(stat, BOOT_REPS, sizeof(*stat), cmp_double);
	out->lo = percentile_sorted(stat, BOOT_REPS, 2.5);
	out->hi = percentile_sorted(stat, BOOT_REPS, 97.5);
	out->ok = 1;
done:
	free(stat);
	free(draw);
	return 0;
}
