/*
 * results.h - the run's files (schema in bench/README.md): samples.csv,
 * phases.csv and facts.csv get a row the moment a value is measured;
 * summary.csv and env.csv are rewritten whole (temp file + rename) after
 * each experiment, so every file is valid at every moment.
 */
#ifndef BENCH_RESULTS_H
#define BENCH_RESULTS_H

#include <stddef.h>
#include <stdint.h>

int results_open(const char *dir);
void results_close(void);

/* One measured value: a samples.csv row, kept for the summary. */
void record(const char *experiment, const char *backend, const char *workload,
	    const char *parameter, int n_parallel, int iteration, const char *metric,
	    const char *unit, double value);
void record_phase(const char *experiment, const char *backend, const char *workload, int iteration,
		  const char *phase, int64_t ns);
void record_fact(const char *backend, const char *key, const char *value);

/* Does the summary hold any series for this experiment and backend? */
int results_has(const char *experiment, const char *backend);
/* Has the backend any figure (a series other than a count of failures)? */
int results_has_figures(const char *backend);
/* Rewrite DIR/summary.csv from every value recorded so far. */
int results_write_summary(const char *dir);

/* env.csv: set (or replace) a key; write the whole file. */
void env_set(const char *key, const char *value);
void env_setf(const char *key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *env_get(const char *key);
int env_write(const char *dir);

/* A number as the files hold it: integers without a fraction, other
 * values with three decimals. */
void format_number(char *buf, size_t cap, double v);

#endif
