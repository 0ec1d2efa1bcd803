/*
 * lookup.h - find a figure of a run by what it measures. A figure that is
 * not there is NAN: never 0, so that nothing can be computed from a
 * missing figure by accident.
 */
#ifndef BENCH_REPORT_LOOKUP_H
#define BENCH_REPORT_LOOKUP_H

#include <stddef.h>

#include "report/run.h"

/* env.csv's value of KEY, or NULL. */
const char *run_env(const struct rundir *r, const char *key);
/* facts.csv's value of (backend, key), or NULL. */
const char *run_fact(const struct rundir *r, const char *backend, const char *key);

/* The summary row of experiment ex, backend b, workload w (NULL: any) and
 * metric m; of several, the one with n_parallel 1, else the first in the
 * file. NULL when there is none. */
const struct sum_row *find_row(const struct rundir *r, const char *ex, const char *b, const char *w,
			       const char *m);
/* One statistic of that row; NAN when there is no row or no number. */
double figure(const struct rundir *r, const char *ex, const char *b, const char *w, const char *m,
	      enum stat st);
/* Row row's series for another backend (same experiment, workload,
 * parameter, n_parallel, metric), or NULL. */
const struct sum_row *peer_row(const struct rundir *r, const struct sum_row *row, const char *b);
/* p50 of density metric m for backend b at n_parallel n; NAN if absent. */
double density_at(const struct rundir *r, const char *b, int n, const char *m);
/* The largest density N that backend b ran with no failed instance; 0
 * when none. */
int density_max_ok(const struct rundir *r, const char *b);
/* The largest N with a density system figure for b, c and the process
 * alike; 0 when none. */
int density_common_n(const struct rundir *r, const char *b, const char *c);

/* The samples.csv values of one series at n_parallel 1 (workload w, NULL:
 * any), malloc'd; *n their count. NULL with *n = 0 when there are none
 * (or no memory). */
double *sample_values(const struct rundir *r, const char *ex, const char *b, const char *w,
		      const char *m, size_t *n);

/* Has backend b any figure (a summary row other than a count of
 * failures)? */
int has_figures(const struct rundir *r, const char *b);
/* Has the run any summary row of experiment ex? */
int has_experiment(const struct rundir *r, const char *ex);
/* Was backend b skipped (env.csv skip.<b>)? Its reason, or NULL. */
const char *skip_reason(const struct rundir *r, const char *b);
/* A backend that was not skipped, ran, and produced no figure: every
 * sample failed. Writes its reasons (env.csv fail.<b>.* and cut.<b>.*,
 * "; " between them) into buf; returns 1 when failed. */
int failed_backend(const struct rundir *r, const char *b, char *buf, size_t cap);
/* Why backend b has no figures for experiment ex, in a few words. */
void missing_reason(const struct rundir *r, const char *b, const char *ex, char *buf, size_t cap);

#endif
