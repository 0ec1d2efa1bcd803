/*
 * exp_memory.c - memory per instance (docs/methodology.md): the idle workload
 * and `mem MiB`, one live instance at a time. After READY the harness
 * waits for the figure to settle, then reads pss/uss/rss (summed over the
 * instance's host processes) and its cgroup's usage, with the instance
 * alone. Then it starts a few more of the same (the batch) for `system`:
 * MemAvailable's fall since just before the first, divided by the batch.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "files/results.h"
#include "files/sequence.h"
#include "instances/instance.h"
#include "instances/loop.h"
#include "measure/procmem.h"
#include "run.h"

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

/* The `system` figure: with the first instance measured and still up,
 * start batch - 1 more, and divide MemAvailable's fall since before the
 * first by the batch. One instance alone moves MemAvailable by less than
 * the kernel's counters wander. Returns 0, -1 (reason in *first) or -2. */
static int system_batch(struct run *r, struct instance *v, int batch, char *const argv[],
			int64_t avail0, double *per_instance)
{
	struct inst_set set = {v, batch};
	int64_t deadline;
	int rc = 0;

	for (int i = 1; i < batch; i++) {
		instance_init(&v[i], v[0].be);
		instance_launch(&v[i], argv, 0);
	}
	deadline = now_ns() + (int64_t)(r->o->ready_timeout_s * 1e9);
	if (loop_wait(set_all_settled, &set, deadline, 1) < 0)
		rc = -2;
	for (int i = 1; i < batch && rc == 0; i++) {
		if (!v[i].ready || v[i].exited || v[i].failed) {
			instance_explain(&v[i]);
			snprintf(v[0].reason, sizeof(v[0].reason), "%s", v[i].reason);
			rc = -1;
		}
	}
	if (rc == 0) {
		settle(v[batch - 1].pid);
		*per_instance = procmem_system_per_instance(avail0, mem_available_kib(), batch);
	}
	for (int i = 0; i < batch; i++)
		instance_stop(&v[i]);
	loop_wait(set_all_exited, &set, now_ns() + 30 * 1000000000LL, 0);
	return rc;
}

static int one_sample(struct run *r, int b, int w, int iter, struct failures *f)
{
	char param[24] = "";
	char *argv[] = {"workload", w == 0 ? "idle" : "mem", param, NULL};
	const char *name = r->be[b]->name, *wname = argv[1];
	int batch = r->o->mem_batch;
	struct instance *v = calloc((size_t)batch, sizeof(*v));
	struct procmem pm = {0};
	int64_t avail0, cg = -1;
	double system = NAN;
	int rc;

	if (v == NULL)
		return -1;
	if (w == 1)
		snprintf(param, sizeof(param), "%ld", r->o->mem_mib);
	else
		argv[2] = NULL;
	sequence_note("memory", name, wname, iter);
	avail0 = mem_available_settled_kib();
	rc = run_instance(r, &v[0], r->be[b], argv, 0, 1, 0);
	if (rc == 0) {
		/* pss, uss, rss and cgroup of an instance alone, as it settled. */
		settle(v[0].pid);
		if (procmem_tree(v[0].pid, &pm) != 0) {
			snprintf(v[0].reason, sizeof(v[0].reason), "cannot read smaps_rollup of %d",
				 (int)v[0].pid);
			rc = -1;
		}
		if (v[0].be->cgroup_bytes)
			cg = v[0].be->cgroup_bytes(&v[0]);
		if (rc == 0)
			rc = system_batch(r, v, batch, argv, avail0, &system);
		else
			finish_instance(&v[0]);
	}
	if (rc != -2)
		note_result(f, b, rc == 0, v[0].reason);
	set_free(v, batch);
	if (rc == -2)
		return -1;
	if (rc != 0 || iter < 0)
		return 0;
	record("memory", name, wname, param, 1, iter, "pss", "KiB", (double)pm.pss_kib);
	record("memory", name, wname, param, 1, iter, "uss", "KiB", (double)pm.uss_kib);
	record("memory", name, wname, param, 1, iter, "rss", "KiB", (double)pm.rss_kib);
	if (cg >= 0)
		record("memory", name, wname, param, 1, iter, "cgroup", "KiB", (double)cg / 1024);
	if (!isnan(system))
		record("memory", name, wname, param, 1, iter, "system", "KiB", system);
	return 0;
}

int exp_memory(struct run *r)
{
	return run_rounds(r, "memory", 2, one_sample); /* idle, mem */
}
