/*
 * microvm.c - the workload as the only program of a KVM microVM on the
 * project's own guest kernel, through the minivm library.
 *
 * One VM is one host process (the VMM, with its vCPU thread), forked by
 * the harness into a cgroup of its own (vmfork.c), which then execs
 * build/minivm: `minivm run [--mem MiB] --phases 3 WORKLOAD ARGS`, the
 * command a user types. The exec matters for memory: a forked child that
 * ran minivm_run() itself would keep the harness's pages mapped
 * copy-on-write, and each of them would add its share to the VM's pss
 * (pss 440 KiB in bench against 300 KiB for `minivm run` started on its
 * own, AMD EPYC, PVM). After the exec the VMM is its own process image,
 * measured exactly as a user's VM is.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "bench.h"
#include "vmfork.h"

static const char *program;
static char minivm_cmd[PATH_MAX];

static int microvm_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	if (vm_host_ready(o, reason, len) != 0)
		return -1;
	snprintf(minivm_cmd, sizeof(minivm_cmd), "%.*s/minivm", PATH_MAX - 16, o->exe_dir);
	if (access(minivm_cmd, X_OK) != 0) {
		snprintf(reason, len, "unsupported here: %s: %s (run make)", minivm_cmd,
			 strerror(errno));
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

/* In the forked child (vmfork.c), already in its cgroup: exec
 * `minivm run`. Returns only when the exec fails. */
static int microvm_main(char *const argv[], int phases_fd)
{
	char *cmd[24], mem[24];
	size_t mib = guest_mib(argv);
	int n = 0;

	cmd[n++] = "minivm";
	cmd[n++] = "run";
	if (mib > 0) {
		snprintf(mem, sizeof(mem), "%zu", mib);
		cmd[n++] = "--mem";
		cmd[n++] = mem;
	}
	if (phases_fd >= 0) {
		cmd[n++] = "--phases";
		cmd[n++] = "3"; /* vmfork.c put the phase pipe there */
	}
	cmd[n++] = (char *)program;
	for (int i = 1; argv[i] != NULL && n < 23; i++)
		cmd[n++] = argv[i];
	cmd[n] = NULL;
	write_phase(phases_fd, "exec");
	execv(minivm_cmd, cmd);
	dprintf(1, "bench: exec %s: %s\n", minivm_cmd, strerror(errno));
	return 125;
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
