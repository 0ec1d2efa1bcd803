/*
 * run.h - one run directory read back into memory (load.c), for the
 * report, the comparison and the JSON export. Every string points into
 * the CSV tables, which live as long as the struct.
 */
#ifndef BENCH_REPORT_RUN_H
#define BENCH_REPORT_RUN_H

#include <limits.h>

#include "files/csv.h"

/* The statistic columns of summary.csv, in the file's order. */
enum stat { ST_N, ST_MIN, ST_P50, ST_P95, ST_P99, ST_MAX, ST_MEAN, ST_STDDEV, ST_COUNT };
extern const char *const stat_names[ST_COUNT];

struct env_entry {
	const char *key, *value;
};

/* One summary.csv row: a series, identified by its first six columns. */
struct sum_row {
	const char *experiment, *backend, *workload, *parameter, *n_parallel, *metric, *unit;
	int n;			 /* n_parallel as a number */
	const char *s[ST_COUNT]; /* the statistics as written */
	double v[ST_COUNT];	 /* ... as numbers; NAN where not a number */
};

struct fact {
	const char *backend, *key, *value;
};

/* One numeric samples.csv value. */
struct sample {
	const char *experiment, *backend, *workload, *parameter, *metric;
	int n;
	double value;
};

/* One phases.csv stamp (startup experiment only). */
struct stamp {
	const char *backend, *workload, *iteration, *phase;
	double ns;
};

#define RUN_MAX_BACKENDS 32

struct rundir {
	char dir[PATH_MAX];
	struct csv_table t_env, t_summary, t_facts, t_samples, t_phases;
	struct env_entry *env;
	int nenv;
	struct sum_row *rows;
	int nrows;
	struct fact *facts;
	int nfacts;
	struct sample *samples;
	int nsamples;
	struct stamp *stamps;
	int nstamps;
	/* Every backend named in any file, in report order (roster.c). */
	const char *backends[RUN_MAX_BACKENDS];
	int nbackends;
};

/* Read DIR's env.csv and summary.csv (required), facts.csv, samples.csv
 * and phases.csv (when there). Returns 0, or -1 after one line of error
 * per problem ("PROG: ..."). */
int run_load(struct rundir *r, const char *dir, const char *prog);
/* Read only DIR's env.csv (the host a run was measured on, hostkind.h);
 * the other tables stay empty. 0, or -1 after one line of error. */
int run_load_env(struct rundir *r, const char *dir, const char *prog);
void run_free(struct rundir *r);

/* A number as the CSVs write them (12, -3.5, 1e6); 0 when s is not one. */
int parse_number(const char *s, double *v);

#endif
