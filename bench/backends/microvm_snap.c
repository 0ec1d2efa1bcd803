/*
 * microvm_snap.c - the warm microVM: the workload in a KVM microVM started
 * from a snapshot (minivm_template_create / minivm_run_snapshot), not
 * booted. A WARM start: kept apart from the cold microvm backend, and
 * left out of the report's claims, which are about starting a VM cold.
 *
 * Once per run, in prepare() (before any t0, so outside every timed
 * window): one template per guest memory size the run uses, booted up to
 * the workload's first instruction. Each launch then forks a child that
 * joins its memory cgroup and starts a VM from the template in that same
 * process: the template's memory copy-on-write, its registers, a new
 * stack with this instance's argv. t0 is stamped just before launch(),
 * READY is the workload's own line, exactly as for the cold microvm.
 *
 * Memory: the template's pages (a few hundred KiB, a sealed memfd) are
 * charged once, to the harness; an instance is charged the pages it
 * copies or adds, and it copies the template's written pages as it
 * starts (restore.c: MAP_POPULATE).
 *
 * Its twin microvm-pool (microvm_pool.c) does the same work before t0 and
 * times only the resume.
 */
#include "backend.h"
#include "bench.h"
#include "snaptemplate.h"
#include "vmfork.h"

/* Once per run, before any t0: the templates (snaptemplate.c), shared
 * with microvm-pool when both run. */
static int snap_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	if (vm_host_ready(o, reason, len) != 0)
		return -1;
	return snap_templates_get(o, reason, len);
}

static void snap_finish(void)
{
	snap_templates_put();
}

/* The forked child: join the cgroup before the VM exists (memory is
 * charged to whoever touches it first; vmfork.c), then the VM from the
 * template, at once (no gate). */
static void snap_child(const struct vm_child_ctx *c)
{
	vm_child_begin(c);
	snap_child_run(c, -1, -1);
}

static int snap_launch(struct instance *in, char *const argv[], int want_phases)
{
	return vm_fork_with(in, argv, want_phases, snap_child, NULL, NULL);
}

const struct backend backend_microvm_snap = {
    .name = "microvm-snap",
    .kind = BACKEND_VM,
    .warm = 1,
    .what = "minivm started warm from a snapshot taken at the workload's entry (memory "
	    "copy-on-write): not a cold start, not in the claims",
    .prepare = snap_prepare,
    .launch = snap_launch,
    .cgroup_bytes = instance_cgroup_bytes,
    .stop = vm_stop,
    .release = instance_cgroup_release,
    .finish = snap_finish,
};
