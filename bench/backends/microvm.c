/*
 * microvm.c - the workload as the only program of a KVM microVM on the
 * project's own guest kernel: build/minivm, the command a user types.
 *
 * One VM is one host process (the VMM, with its vCPU thread), forked by
 * the harness into a cgroup of its own (vmfork.c), which then execs
 * build/minivm: `minivm run [--mem MiB] --phases 3 WORKLOAD ARGS`
 * (vm_exec_minivm, shared with linuxvm.c). The exec matters for memory:
 * a forked child that ran minivm_run() itself would keep the harness's
 * pages mapped copy-on-write, and each of them would add its share to
 * the VM's pss (pss 440 KiB in bench against 300 KiB for `minivm run`
 * started on its own, AMD EPYC, PVM). After the exec the VMM is its own
 * process image, measured exactly as a user's VM is.
 */

#include "backend.h"
#include "bench.h"
#include "vmfork.h"

/* What the own guest kernel needs beside the `mem` workload's pages, MiB
 * (guest memory for every other workload: minivm's default). */
#define OWN_GUEST_MIB 32

static const char *program;

static int microvm_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	if (vm_host_ready(o, reason, len) != 0 || vm_minivm_ready(o, reason, len) != 0)
		return -1;
	program = o->workload;
	return 0;
}

/* In the forked child (vmfork.c), already in its cgroup: exec
 * `minivm run [--mem MiB] [--phases 3] WORKLOAD ARGS`. Returns only when
 * the exec fails. */
static int microvm_main(char *const argv[], int phases_fd)
{
	return vm_exec_minivm(NULL, vm_guest_mib(argv, OWN_GUEST_MIB), phases_fd, program, argv);
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
