/*
 * exp_memory.c - memory per instance (METHODOLOGY.md): the idle workload
 * and `mem MiB`, one live instance at a time. After READY the harness
 * waits for the figure to settle, then reads pss/uss/rss (summed over the
 * instance's host processes), its cgroup's usage, and the fall of
 * MemAvailable since just before the launch (`system`, N = 1; the density
 * experiment gives the same figure over many instances).
 */
#include <stdio.h>

#include "experiment.h"
#include "instance.h"
#include "order.h"
#include "procmem.h"
#include "results.h"

/* Wait until two readings of the instance's Rss, 10 ms apart, agree (the
 * workload and its VMM have stopped touching new pages), at most 300 ms. */
static void settle(pid_t pid)
{
	struct procmem a, b;

	if (procmem_tree(pid, &a) != 0)
		return;
	for (int i = 0; i < 30; i++) {
		sleep_ms(10);
		if (procmem_tree(pid, &b) != 0 || b.rss_kib == a.rss_kib)
			return;
		a = b;
	}
}

static int one_sample(struct run *r, int b, int w, int iter, struct failures *f)
{
	char param[24] = "";
	char *argv[] = {"workload", w == 0 ? "idle" : "mem", param, NULL};
	const char *name = r->be[b]->name, *wname = argv[1];
	struct instance in;
	struct procmem pm = {0};
	int64_t avail0, avail1 = -1, cg = -1;
	int rc;

	if (w == 1)
		snprintf(param, sizeof(param), "%ld", r->o->mem_mib);
	else
		argv[2] = NULL;
	avail0 = mem_available_kib();
	rc = run_instance(r, &in, r->be[b], argv, 0, 1, 0);
	if (rc == -2)
		return -1;
	if (rc == 0) {
		settle(in.pid);
		int ok = procmem_tree(in.pid, &pm) == 0;
		if (in.be->cgroup_bytes)
			cg = in.be->cgroup_bytes(&in);
		avail1 = mem_available_kib();
		if (!ok)
			snprintf(in.reason, sizeof(in.reason), "cannot read smaps_rollup of %d",
				 (int)in.pid);
		finish_instance(&in);
		if (!ok)
			rc = -1;
	}
	note_result(f, b, rc == 0, in.reason);
	if (rc != 0 || iter < 0)
		return 0;
	record("memory", name, wname, param, 1, iter, "pss", "KiB", (double)pm.pss_kib);
	record("memory", name, wname, param, 1, iter, "uss", "KiB", (double)pm.uss_kib);
	record("memory", name, wname, param, 1, iter, "rss", "KiB", (double)pm.rss_kib);
	if (cg >= 0)
		record("memory", name, wname, param, 1, iter, "cgroup", "KiB", (double)cg / 1024);
	if (avail0 >= 0 && avail1 >= 0)
		record("memory", name, wname, param, 1, iter, "system", "KiB",
		       (double)(avail0 - avail1));
	return 0;
}

int exp_memory(struct run *r)
{
	const struct bench_opts *o = r->o;
	struct failures f = {0};
	int perm[MAX_BACKENDS];
	long done = 0;

	progress_begin("memory", (long)(o->warmup + o->runs) * r->nb * 2);
	for (int iter = -o->warmup; iter < o->runs; iter++) {
		for (int w = 0; w < 2; w++) {
			order_round(o->seed, r->round++, r->nb, perm);
			for (int k = 0; k < r->nb; k++) {
				int b = perm[k];

				int64_t t = now_ns();

				if (!f.dropped[b] && one_sample(r, b, w, iter, &f) != 0)
					return -1;
				note_time(&f, b, t, o);
				progress_step(++done);
			}
		}
	}
	failures_to_env(&f, r, "memory");
	progress_end();
	return 0;
}
