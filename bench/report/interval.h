/*
 * interval.h - 95% intervals for the ratios the verdicts use: a
 * percentile bootstrap over samples.csv, with a fixed seed so that the
 * same CSVs always give the same interval.
 *
 * Method: each replicate draws every series anew, with replacement, as
 * many values as it has; takes each draw's median; and computes the
 * statistic (a ratio) from those medians. Over BOOT_REPS replicates the
 * 2.5th and 97.5th percentiles of the statistic are the interval.
 * Series shorter than BOOT_MIN_N give no interval: five values do not
 * tell their own spread.
 */
#ifndef BENCH_REPORT_INTERVAL_H
#define BENCH_REPORT_INTERVAL_H

#include <stddef.h>
#include <stdint.h>

#define BOOT_REPS  2000
#define BOOT_SEED  20261202u
#define BOOT_MIN_N 8

struct interval {
	int ok; /* 0: no interval (too few samples) */
	double lo, hi;
};

struct series_ref {
	const double *v;
	size_t n;
};

/* The statistic of one replicate from the medians of the k series. */
typedef double (*median_stat)(const double *medians, const void *arg);

/* Bootstrap the statistic f over the k series (k <= 4). Returns 0 (out
 * set, out->ok 0 when a series is short or a replicate gives no finite
 * value), or -1 when out of memory. */
int bootstrap(const struct series_ref *s, int k, median_stat f, const void *arg,
	      struct interval *out);

/* Ready-made statistics: medians[0] / medians[1]; the median; the overhead ratio
 * (m[0] - m[2]) / max(m[1] - m[2], floor), floor given by arg (a double). */
double stat_ratio(const double *m, const void *arg);
/* medians[0] itself: the interval of one series' median. */
double stat_median(const double *m, const void *arg);
double stat_overhead_ratio(const double *m, const void *arg);

/* Does the interval hold `bound` strictly inside it? A verdict that
 * depends on which side of the bound the ratio falls is then open. */
int straddles(const struct interval *iv, double bound);

#endif
