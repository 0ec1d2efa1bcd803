/*
 * run.h - what the experiments share: the run (its options and the
 * backends that can run here), one-shot sample helpers and failure notes.
 */
#ifndef BENCH_RUN_H
#define BENCH_RUN_H

#include <stdint.h>

#include "backends/backend.h"
#include "bench.h"

struct run {
	const struct bench_opts *o;
	const char *dir;
	const struct backend *be[MAX_BACKENDS]; /* the usable ones */
	int nb;
	uint64_t round;	   /* counts every round of the shuffled order */
	int checks_failed; /* soak: a count grew (exit status 1) */
};

/* Per-backend failure bookkeeping within one experiment. */
struct failures {
	int count[MAX_BACKENDS];
	int tries[MAX_BACKENDS];
	int dropped[MAX_BACKENDS];
	char last[MAX_BACKENDS][160];
	int64_t spent[MAX_BACKENDS]; /* ns of samples so far */
	int too_slow[MAX_BACKENDS];
};

/* Start one instance, wait for READY (want_ready) or its exit, and, when
 * wait_exit, for its end. 0 if it did what was asked, -1 failed (reason in
 * in->reason), -2 interrupted. The instance is reaped unless the caller
 * asked for !wait_exit and it is still running. */
int run_instance(struct run *r, struct instance *in, const struct backend *be, char *const argv[],
		 int want_phases, int want_ready, int wait_exit);
/* Stop an instance and wait for its end (bounded). */
void finish_instance(struct instance *in);

/* Note a failed sample; drops the backend from this experiment once it
 * failed more often than it can be excused (see run.c). */
void note_result(struct failures *f, int b, int ok, const char *reason);
/* Add a sample's time (since t_start) to backend b's total; a backend
 * whose samples take longer in all than one experiment may (2 minutes;
 * quick: 15 s) is cut short, so one slow backend cannot stretch the run. */
void note_time(struct failures *f, int b, int64_t t_start, const struct bench_opts *o);
/* The pause after each sample, before the next backend's (ms; env.csv
 * settle_ms), and taking it (run.c says why). */
#define SETTLE_MS(o) ((o)->quick ? 5 : 20)
void settle_between_samples(const struct bench_opts *o);
/* One sample of backend b (an index into r->be): an experiment's own
 * work. w: which of the experiment's workloads (memory: idle or mem;
 * overhead: cpu, syscall or io; startup has one); iter: the iteration,
 * negative for a warm-up. 0, or -1 to stop the run (interrupted). */
typedef int (*sample_fn)(struct run *r, int b, int w, int iter, struct failures *f);
/* The samples of an experiment with nworkloads workloads: for each
 * iteration (warm-ups first, negative) and each workload, one round of the
 * shuffled order (measure/order.c) in which every backend not dropped takes
 * one sample, its time counted (note_time), the settle pause after it;
 * progress lines under the experiment's name, and its fail./cut. keys in
 * env.csv at the end. 0, or -1 when a sample stopped the run. */
int run_rounds(struct run *r, const char *experiment, int nworkloads, sample_fn sample);
/* Write fail.<backend>.<experiment> and cut.<backend>.<experiment> keys. */
void failures_to_env(const struct failures *f, const struct run *r, const char *experiment);

int exp_facts(struct run *r);
int exp_startup(struct run *r);
int exp_memory(struct run *r);
int exp_overhead(struct run *r);
int exp_density(struct run *r);
/* File descriptors the harness needs for a density step of N live
 * instances with jobs launches in flight. */
long density_fds(int n, int jobs);
int exp_soak(struct run *r);

/* Progress on stderr: a bar on a terminal, plain lines otherwise
 * (progress.c). progress_plan: how many experiments the run has (for
 * "[k/n]"); progress_step: done so far, absolute; progress_within: part
 * of the next step done (density: the instances launched so far). */
void progress_plan(int experiments);
void progress_begin(const char *label, long total);
void progress_step(long done);
void progress_within(long part);
void progress_end(void);

#endif
