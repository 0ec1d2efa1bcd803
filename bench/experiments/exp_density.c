/*
 * exp_density.c - how many live instances fit (docs/methodology.md). For each N
 * (1, 2, 4, ... or --density), and for each backend in shuffled order:
 * start N idle instances, at most --jobs launches in flight at once; once
 * all are READY read memory (system: MemAvailable fall / N; cgroup and pss
 * per instance), then tear all N down and time it. A backend stops growing
 * at a failure, at the memory budget, when a step gets too slow, or at
 * N_max; env.csv says which and the largest N reached.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "files/results.h"
#include "instances/fdlimit.h"
#include "instances/instance.h"
#include "instances/loop.h"
#include "measure/order.h"
#include "measure/procmem.h"
#include "run.h"

struct step {
	struct instance *v;
	int n, launched, jobs;
};

static int in_flight(const struct step *s)
{
	int k = 0;

	for (int i = 0; i < s->launched; i++)
		if (!s->v[i].ready && !s->v[i].exited && !s->v[i].failed)
			k++;
	return k;
}

static int has_room(void *arg)
{
	struct step *s = arg;

	return in_flight(s) < s->jobs;
}

static void fail_unsettled(struct step *s, const char *why)
{
	for (int i = 0; i < s->launched; i++)
		if (!s->v[i].ready && !s->v[i].exited && !s->v[i].failed)
			instance_fail(&s->v[i], why);
}

/* Launch all N, keeping at most jobs in flight. 0, or -1 if interrupted. */
static int launch_all(struct run *r, struct step *s, const struct backend *be)
{
	static char *const argv[] = {"workload", "idle", NULL};
	int64_t timeout = (int64_t)(r->o->ready_timeout_s * 1e9);
	char why[64];
	int rc;

	snprintf(why, sizeof(why), "no READY within %.0f s", r->o->ready_timeout_s);
	while (s->launched < s->n) {
		/* loop_wait looks at Ctrl-C only when it has to wait, and with
		 * room for the next launch it need not: without this check a
		 * step of 10,000 ran on to its end after a Ctrl-C. */
		if (bench_interrupted)
			return -1;
		while (s->launched < s->n && in_flight(s) < s->jobs) {
			struct instance *in = &s->v[s->launched++];

			instance_init(in, be);
			in->drop_output_at_ready = 1;
			instance_launch(in, argv, 0);
		}
		/* the bar moves with the instances, not by N at a time */
		progress_within(s->launched);
		rc = loop_wait(has_room, s, now_ns() + timeout, 1);
		if (rc < 0)
			return -1;
		if (rc > 0)
			fail_unsettled(s, why);
	}
	struct inst_set all = {s->v, s->n};
	rc = loop_wait(set_all_settled, &all, now_ns() + timeout, 1);
	if (rc < 0)
		return -1;
	if (rc > 0)
		fail_unsettled(s, why);
	return 0;
}

/* Stop every instance and wait for all to end; returns the time it took. */
static int64_t teardown(struct step *s)
{
	struct inst_set all = {s->v, s->launched};
	int64_t t = now_ns();

	for (int i = 0; i < s->launched; i++)
		instance_stop(&s->v[i]);
	if (loop_wait(set_all_exited, &all, now_ns() + 60 * 1000000000LL, 0) != 0)
		fprintf(stderr, "bench: density: instances still alive 60 s after the kill\n");
	return now_ns() - t;
}

struct growth {
	int active[MAX_BACKENDS];
	int max_ok[MAX_BACKENDS];
	char stop[MAX_BACKENDS][200];
};

/* With all N up: record start-ups and memory. Returns the failed count
 * and the MemAvailable fall (KiB) in *fall. */
static int measure_step(struct run *r, struct step *s, int64_t avail0, int64_t *fall,
			const char **first_reason)
{
	const struct backend *be = s->v[0].be;
	int64_t cg_sum = 0, pss_sum = 0;
	int n = s->n, failed = 0, ready = 0, cg_ok = 1;

	/* Let the last instances' pages land before reading memory. */
	sleep_ms(r->o->quick ? 20 : 200);
	*fall = avail0 - mem_available_kib();
	for (int i = 0; i < n; i++) {
		struct instance *in = &s->v[i];
		struct procmem pm;
		int64_t cg;

		if (!in->ready || in->exited || in->failed) {
			failed++;
			instance_explain(in);
			if (*first_reason == NULL)
				*first_reason = in->reason;
			continue;
		}
		ready++;
		record("density", be->name, "idle", "", n, i, "startup", "us",
		       (double)(in->t_ready - in->t0) / 1e3);
		if (procmem_tree(in->pid, &pm) == 0)
			pss_sum += pm.pss_kib;
		cg = be->cgroup_bytes ? be->cgroup_bytes(in) : -1;
		if (cg < 0)
			cg_ok = 0;
		cg_sum += cg;
	}
	record("density", be->name, "idle", "", n, 0, "system", "KiB", (double)*fall / n);
	if (cg_ok && ready > 0)
		record("density", be->name, "idle", "", n, 0, "cgroup", "KiB",
		       (double)cg_sum / 1024 / ready);
	if (ready > 0)
		record("density", be->name, "idle", "", n, 0, "pss", "KiB",
		       (double)pss_sum / ready);
	record("density", be->name, "idle", "", n, 0, "failed", "count", failed);
	return failed;
}

/* Should backend b grow past this step? Sets g->active[b] = 0 and says why
 * when not. */
static void decide_growth(struct run *r, int b, int n, int next_n, int failed, int64_t fall,
			  double step_s, const char *reason, struct growth *g)
{
	double budget_kib = (double)r->o->budget_mib * 1024;

	if (failed > 0) {
		snprintf(g->stop[b], sizeof(g->stop[b]), "N=%d: %d failed: %.120s", n, failed,
			 reason ? reason : "?");
		g->active[b] = 0;
		return;
	}
	g->max_ok[b] = n;
	/* The budget guards growth: the last step, once reached, is not
	 * stopped by it (its figure is in samples.csv all the same). */
	if (next_n > 0 && ((double)fall > budget_kib || (double)fall / n * next_n > budget_kib)) {
		snprintf(g->stop[b], sizeof(g->stop[b]),
			 "N=%d would pass the memory budget of %ld MiB", next_n, r->o->budget_mib);
		g->active[b] = 0;
	} else if (step_s > (r->o->quick ? 20 : 90) * r->o->limit_scale) {
		snprintf(g->stop[b], sizeof(g->stop[b]), "N=%d took %.0f s: too slow to grow", n,
			 step_s);
		g->active[b] = 0;
	}
}

/* Descriptors the harness holds for a step of N: one pidfd per live
 * instance (each drops its output pipe at READY), two for each launch
 * still in flight. */
long density_fds(int n, int jobs)
{
	return (long)n + (long)jobs * instance_fds(0) + FDLIMIT_RESERVE;
}

/* Would N live instances run the harness out of file descriptors? Then
 * the step is not tried (it would end in pipe2 or pidfd_open failing with
 * EMFILE near its end, after minutes): the backend stops growing with the
 * reason. fdlimit.c has already raised the limit as far as it may. */
static int fds_short(int b, int n, int jobs, struct growth *g)
{
	long need = density_fds(n, jobs), have = fdlimit_current();

	if (need <= have)
		return 0;
	snprintf(g->stop[b], sizeof(g->stop[b]),
		 "N=%d needs %ld file descriptors, RLIMIT_NOFILE is %ld: "
		 "fd_limit_note in env.csv says why",
		 n, need, have);
	g->active[b] = 0;
	return 1;
}

/* One step: N instances of backend b. 0, or -1 if interrupted. */
static int one_step(struct run *r, int b, int n, int next_n, struct growth *g)
{
	const struct backend *be = r->be[b];
	struct step s = {calloc((size_t)n, sizeof(struct instance)), n, 0, r->o->jobs};
	int64_t avail0, t_start = now_ns(), fall = 0, down;
	const char *reason = NULL;
	int failed = 0, interrupted;

	if (fds_short(b, n, s.jobs, g)) {
		free(s.v);
		return 0;
	}
	if (s.v == NULL) {
		snprintf(g->stop[b], sizeof(g->stop[b]), "N=%d: out of memory in the harness", n);
		g->active[b] = 0;
		return 0;
	}
	avail0 = mem_available_settled_kib();
	interrupted = launch_all(r, &s, be) != 0;
	if (!interrupted)
		failed = measure_step(r, &s, avail0, &fall, &reason);
	down = teardown(&s);
	if (!interrupted) {
		record("density", be->name, "idle", "", n, 0, "teardown", "us", (double)down / 1e3);
		decide_growth(r, b, n, next_n, failed, fall, (double)(now_ns() - t_start) / 1e9,
			      reason, g);
	}
	set_free(s.v, s.n);
	return interrupted ? -1 : 0;
}

int exp_density(struct run *r)
{
	const struct bench_opts *o = r->o;
	struct growth g;
	int perm[MAX_BACKENDS], steps = 0, rc = 0;
	long total = 0, done = 0;

	memset(&g, 0, sizeof(g));
	for (int b = 0; b < r->nb; b++)
		g.active[b] = 1;
	for (int i = 0; i < o->n_density; i++)
		total += o->density[i];
	progress_begin("density", total * r->nb);
	for (int i = 0; i < o->n_density && rc == 0; i++) {
		int n = o->density[i], next = i + 1 < o->n_density ? o->density[i + 1] : 0;

		order_round(o->seed, r->round++, r->nb, perm);
		for (int k = 0; k < r->nb && rc == 0; k++) {
			int b = perm[k];

			if (g.active[b]) {
				rc = one_step(r, b, n, next, &g);
				steps++;
			}
			done += n;
			progress_step(done);
		}
	}
	for (int b = 0; b < r->nb; b++) {
		char key[64];

		snprintf(key, sizeof(key), "density.max.%s", r->be[b]->name);
		env_setf(key, "%d", g.max_ok[b]);
		snprintf(key, sizeof(key), "density.stop.%s", r->be[b]->name);
		env_set(key, g.stop[b][0] ? g.stop[b] : rc ? "interrupted" : "reached N_max");
	}
	progress_end();
	return rc;
}
