/*
 * microvm.c - the workload as the only program of a KVM microVM on the
 * project's own guest kernel, through the minivm library.
 *
 * One VM is one host process (the VMM, with its vCPU thread), forked by
 * the harness into a cgroup of its own (vmfork.c); in it minivm_run() runs
 * the VM, exactly what minivm_spawn()'s child does.
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

static const char *program;

static int microvm_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	struct minivm_hostinfo hi = {0};

	if (access(o->workload, R_OK) != 0) {
		snprintf(reason, len, "unsupported here: %s: %s (run make)", o->workload,
			 strerror(errno));
		return -1;
	}
	if (minivm_hostinfo(NULL, &hi) != 0 || strcmp(hi.flavour, "none") == 0) {
		snprintf(reason, len, "unsupported here: no usable KVM (%s)",
			 hi.reason[0] ? hi.reason : "minivm_hostinfo failed");
		return -1;
	}
	program = o->workload;
	return 0;
}

/* Guest memory: the default, or room for the `mem` workload's pages on
 * top of the guest kernel's own. */
static size_t guest_mib(char *const argv[])
{
	if (argv[1] && strcmp(argv[1], "mem") == 0 && argv[2])
		return (size_t)atol(argv[2]) + 32;
	return 0;
}

/* In the forked child (vmfork.c): run the VM in this process. */
static int microvm_main(char *const argv[], int phases_fd)
{
	struct minivm_config cfg;
	int argc = 0;

	while (argv[argc])
		argc++;
	minivm_config_init(&cfg);
	cfg.program = program;
	cfg.argc = argc;
	cfg.argv = argv;
	cfg.mem_mib = guest_mib(argv);
	cfg.stdin_fd = 0;
	cfg.stdout_fd = 1;
	cfg.stderr_fd = 2;
	cfg.phases_fd = phases_fd;
	return minivm_run(&cfg);
}

static int microvm_launch(struct instance *in, char *const argv[], int want_phases)
{
	return vm_fork(in, argv, want_phases, microvm_main);
}

const struct backend backend_microvm = {
    .name = "microvm",
    .kind = BACKEND_VM,
    .what = "minivm: KVM microVM on the project's own minimal guest kernel",
    .prepare = microvm_prepare,
    .launch = microvm_launch,
    .cgroup_bytes = instance_cgroup_bytes,
    .stop = vm_stop,
    .release = instance_cgroup_release,
};
