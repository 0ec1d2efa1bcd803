/* run.c - helpers every experiment uses (see run.h). */
#include <stdio.h>
#include <string.h>

#include "files/results.h"
#include "instances/instance.h"
#include "instances/loop.h"
#include "measure/order.h"
#include "run.h"

static int one_settled(void *arg)
{
	struct instance *in = arg;

	return in->ready || in->exited;
}

static int one_exited(void *arg)
{
	struct instance *in = arg;

	return in->exited;
}

void finish_instance(struct instance *in)
{
	if (in->exited)
		return;
	instance_stop(in);
	/* Ignore Ctrl-C here: this is the teardown that Ctrl-C wants. */
	if (loop_wait(one_exited, in, now_ns() + 10 * 1000000000LL, 0) != 0)
		fprintf(stderr, "bench: %s instance %d did not end within 10 s\n", in->be->name,
			in->id);
}

int run_instance(struct run *r, struct instance *in, const struct backend *be, char *const argv[],
		 int want_phases, int want_ready, int wait_exit)
{
	int64_t deadline;
	int rc;

	instance_init(in, be);
	if (instance_launch(in, argv, want_phases) != 0)
		return -1;
	deadline = in->t0 + (int64_t)(r->o->ready_timeout_s * 1e9);
	rc = loop_wait(want_ready ? one_settled : one_exited, in, deadline, 1);
	if (rc < 0) {
		finish_instance(in);
		return -2;
	}
	if (rc > 0) {
		snprintf(in->reason, sizeof(in->reason), "no %s within %.0f s",
			 want_ready ? "READY" : "exit", r->o->ready_timeout_s);
		instance_fail(in, in->reason);
		finish_instance(in);
		return -1;
	}
	if (want_ready && !in->ready) {
		instance_explain(in);
		in->failed = 1;
		return -1;
	}
	if (wait_exit) {
		rc =
		    loop_wait(one_exited, in, now_ns() + (int64_t)(r->o->ready_timeout_s * 1e9), 1);
		if (rc != 0) {
			if (rc > 0)
				snprintf(in->reason, sizeof(in->reason), "no exit within %.0f s",
					 r->o->ready_timeout_s);
			finish_instance(in);
			return rc < 0 ? -2 : -1;
		}
	}
	return 0;
}

void note_result(struct failures *f, int b, int ok, const char *reason)
{
	f->tries[b]++;
	if (ok)
		return;
	f->count[b]++;
	snprintf(f->last[b], sizeof(f->last[b]), "%s", reason);
	/* A backend that fails its first three tries is broken here, not
	 * unlucky: drop it from this experiment rather than spend the run on
	 * timeouts. Later failures are counted and reported. */
	if (f->count[b] >= 3 && f->count[b] == f->tries[b])
		f->dropped[b] = 1;
}

void note_time(struct failures *f, int b, int64_t t_start, const struct bench_opts *o)
{
	int64_t limit = (o->quick ? 15 : 120) * o->limit_scale * 1000000000LL;

	f->spent[b] += now_ns() - t_start;
	if (f->spent[b] > limit && !f->dropped[b]) {
		f->dropped[b] = 1;
		f->too_slow[b] = 1;
	}
}

void settle_between_samples(const struct bench_opts *o)
{
	/* The kernel finishes tearing a sample down after its processes are
	 * reaped: a network namespace is destroyed by a work queue
	 * (cleanup_net), after an RCU grace period, and freed pages and
	 * cgroups return later still. Without a pause, that work runs during
	 * the next sample and is charged to whichever backend comes next:
	 * the order would leak into the figures. */
	sleep_ms(SETTLE_MS(o));
}

/* One round of the shuffled order (measure/order.c): every backend not
 * dropped takes one sample, its time counted (note_time), the settle
 * pause after it, the progress bar moved to ++*done. 0, or -1 when a
 * sample stopped the run. */
static int run_round(struct run *r, struct failures *f, int w, int iter, long *done,
		     sample_fn sample)
{
	int perm[MAX_BACKENDS];

	order_round(r->o->seed, r->round++, r->nb, perm);
	for (int k = 0; k < r->nb; k++) {
		int b = perm[k];

		int64_t t = now_ns();

		if (!f->dropped[b] && sample(r, b, w, iter, f) != 0)
			return -1;
		note_time(f, b, t, r->o);
		settle_between_samples(r->o);
		progress_step(++*done);
	}
	return 0;
}

int run_rounds(struct run *r, const char *experiment, int nworkloads, sample_fn sample)
{
	const struct bench_opts *o = r->o;
	struct failures f = {0};
	long done = 0;

	progress_begin(experiment, (long)(o->warmup + o->runs) * r->nb * nworkloads);
	for (int iter = -o->warmup; iter < o->runs; iter++)
		for (int w = 0; w < nworkloads; w++)
			if (run_round(r, &f, w, iter, &done, sample) != 0)
				return -1;
	failures_to_env(&f, r, experiment);
	progress_end();
	return 0;
}

void failures_to_env(const struct failures *f, const struct run *r, const char *experiment)
{
	for (int b = 0; b < r->nb; b++) {
		char key[64];

		if (f->too_slow[b]) {
			snprintf(key, sizeof(key), "cut.%s.%s", r->be[b]->name, experiment);
			env_setf(key, "stopped after %d samples that took %.0f s in all",
				 f->tries[b], (double)f->spent[b] / 1e9);
			fprintf(stderr, "bench: %s: %s: %s\n", experiment, r->be[b]->name,
				env_get(key));
		}
		if (f->count[b] == 0)
			continue;
		snprintf(key, sizeof(key), "fail.%s.%s", r->be[b]->name, experiment);
		env_setf(key, "%d of %d failed%s; last: %s", f->count[b], f->tries[b],
			 f->dropped[b] ? " (dropped)" : "", f->last[b]);
		fprintf(stderr, "bench: %s: %s: %d of %d failed; last: %s\n", experiment,
			r->be[b]->name, f->count[b], f->tries[b], f->last[b]);
	}
}
