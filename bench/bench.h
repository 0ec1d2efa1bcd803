/*
 * bench.h - what the harness's files share: the options of one run, the
 * clock, and the interrupt flag.
 */
#ifndef BENCH_H
#define BENCH_H

#include <limits.h>
#include <stdio.h>
#include <signal.h>
#include <stdint.h>

#define MAX_BACKENDS 12 /* backends of a run: all of backends.c, with room */
#define MAX_DENSITY  64

enum experiment {
	EXP_STARTUP = 1 << 0,
	EXP_MEMORY = 1 << 1,
	EXP_DENSITY = 1 << 2,
	EXP_OVERHEAD = 1 << 3,
	EXP_FACTS = 1 << 4,
	EXP_SOAK = 1 << 5, /* only when asked for: not in EXP_ALL */
};
#define EXP_ALL (EXP_STARTUP | EXP_MEMORY | EXP_DENSITY | EXP_OVERHEAD | EXP_FACTS)

struct bench_opts {
	int quick;
	char out_dir[PATH_MAX]; /* "" until chosen */
	int default_out;	/* out_dir is results/<date>-<host>/ */
	const char *backend_names[MAX_BACKENDS];
	int n_backends;
	unsigned experiments;
	int runs;   /* measured samples per backend and workload */
	int warmup; /* discarded samples before them */
	int density[MAX_DENSITY];
	int n_density;
	int n_max;	 /* largest density N */
	long budget_mib; /* density stops once N instances take this much */
	int jobs;	 /* launches in flight at once in density */
	uint64_t seed;	 /* of the shuffled round-robin order */
	long soak_n;	 /* soak: instances per backend */
	long mem_mib;	 /* the `mem` workload's size */
	int mem_batch;	 /* instances per `system` memory sample */
	long cpu_n, syscall_n, io_n;
	double ready_timeout_s; /* an instance that is not READY by then fails */
	int limit_scale;	/* every time limit times this: 1, more when emulated */
	char exe_dir[PATH_MAX]; /* where build/bench lives: workload, image */
	char workload[PATH_MAX];
	char image[PATH_MAX];
};

/* Parse the command line into *o. Returns 0, 1 after --help (exit 0), or
 * -1 after printing one line of error. */
int parse_options(int argc, char **argv, struct bench_opts *o);
void print_usage(FILE *f);

#include "measure/clock.h" /* now_ns, sleep_ms, bench_interrupted */

#endif
