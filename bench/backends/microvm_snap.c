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
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "bench.h"
#include "vmfork.h"

#include "minivm.h"

/* In the child: fds 0-2 as for every VM, 3 the phase pipe, 4 the
 * template's memory; everything above is closed. */
#define TEMPLATE_FD	 4
#define SNAP_EXIT_ERROR	 125 /* minivm's own "error" status */
#define DEFAULT_MEM_MIB	 0   /* minivm's default, 32 MiB */
#define MEM_WORKLOAD_MIB 32  /* on top of the `mem` workload's own pages */

static struct minivm_template *templates[2]; /* [0] default size, [1] for `mem` */

static int make_template(const char *program, size_t mib, struct minivm_template **out,
			 char *reason, size_t len)
{
	static char *const argv[] = {"workload", "noop", NULL};
	struct minivm_config cfg;

	minivm_config_init(&cfg);
	cfg.program = program;
	cfg.argc = 2;
	cfg.argv = argv;
	cfg.mem_mib = mib;
	cfg.stdin_fd = -1;
	int rc = minivm_template_create(&cfg, out);
	if (rc != 0)
		snprintf(reason, len,
			 "unsupported here: the snapshot template failed (minivm status %d, its "
			 "message on stderr)",
			 rc);
	return rc == 0 ? 0 : -1;
}

static int snap_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	if (vm_host_ready(o, reason, len) != 0)
		return -1;
	/* The same guest memory sizes as the cold microvm (microvm.c). */
	if (make_template(o->workload, DEFAULT_MEM_MIB, &templates[0], reason, len) != 0 ||
	    make_template(o->workload, (size_t)o->mem_mib + MEM_WORKLOAD_MIB, &templates[1], reason,
			  len) != 0) {
		minivm_template_free(templates[0]);
		templates[0] = NULL;
		return -1;
	}
	return 0;
}

static void snap_finish(void)
{
	for (int i = 0; i < 2; i++) {
		minivm_template_free(templates[i]);
		templates[i] = NULL;
	}
}

static struct minivm_template *template_for(char *const argv[])
{
	return argv[1] && strcmp(argv[1], "mem") == 0 && argv[2] ? templates[1] : templates[0];
}

/* The forked child: join the cgroup before the VM exists (memory is
 * charged to whoever touches it first; vmfork.c), set up the fds, run the
 * VM from the template. */
static void snap_child(const struct vm_child_ctx *c)
{
	struct minivm_template *t = template_for(c->argv);
	struct minivm_config cfg;
	int devnull = devnull_fd(), argc = 0, spare;

	vm_child_begin(c);
	/* The template's fd first goes above every fd we still need (it
	 * might sit at 0-3, which the dup2s below overwrite); whatever it
	 * lands on there is not needed in this child. Then to TEMPLATE_FD. */
	spare = devnull;
	spare = c->out > spare ? c->out : spare;
	spare = c->ph > spare ? c->ph : spare;
	if (minivm_template_move_fd(t, (spare > 3 ? spare : 3) + 1) < 0)
		_exit(SNAP_EXIT_ERROR);
	if (dup2(devnull, 0) < 0 || dup2(c->out, 1) < 0 || dup2(c->out, 2) < 0 ||
	    (c->ph >= 0 && dup2(c->ph, 3) < 0) || minivm_template_move_fd(t, TEMPLATE_FD) < 0)
		_exit(SNAP_EXIT_ERROR);
	/* Nor the other template. */
	vm_close_fds_from(TEMPLATE_FD + 1);
	while (c->argv[argc])
		argc++;
	minivm_config_init(&cfg);
	cfg.argc = argc;
	cfg.argv = c->argv;
	cfg.phases_fd = c->ph >= 0 ? 3 : -1;
	_exit(minivm_run_snapshot(t, &cfg));
}

static int snap_launch(struct instance *in, char *const argv[], int want_phases)
{
	return vm_fork_with(in, argv, want_phases, snap_child, NULL);
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
