/*
 * vmfork.h - start a VMM as a forked child of the harness, in a memory
 * cgroup of its own, and exec build/minivm there: what the microvm and
 * linuxvm backends share (microvm-snap forks only).
 */
#ifndef BENCH_VMFORK_H
#define BENCH_VMFORK_H

#include "backend.h"

/* Runs in the child with fds 0 (/dev/null), 1 and 2 (the output pipe) and,
 * when phases are wanted, 3 (the phase pipe); returns the exit status.
 * vm_fork's child shares the harness's memory (spawn_vfork): a vm_main
 * must exec, calling only async-signal-safe functions before. */
typedef int (*vm_main_fn)(char *const argv[], int phases_fd);

/* Spawn (spawn_vfork); in the child: join the instance's cgroup, set up
 * the fds, close every other one, run vm_main (which execs). Sets in->pid, out_fd, phase_fd,
 * cgroup. 0, or -1 with in->reason and nothing left behind. */
int vm_fork(struct instance *in, char *const argv[], int want_phases, vm_main_fn vm_main);

/* For a backend whose child must arrange its fds itself (the warm ones,
 * snaptemplate.c, keep the template's memory open): what the child is
 * handed (arg: anything more the backend passes), the
 * child's first steps, and vm_fork with that child instead of the usual
 * one, started by a real fork(): it has memory of its own and may do
 * anything. A child function never returns (it _exits). */
struct vm_child_ctx {
	pid_t parent;
	const char *join_failed; /* the error line, made before the fork */
	struct instance *in;
	char *const *argv;
	int out, ph; /* the output pipe's and the phase pipe's write ends */
	vm_main_fn vm_main;
	void *arg; /* the backend's own, for its child (vm_fork_with) */
};
typedef void (*vm_child_fn)(const struct vm_child_ctx *c);
int vm_fork_with(struct instance *in, char *const argv[], int want_phases, vm_child_fn child,
		 vm_main_fn vm_main, void *arg);
/* Die with the harness, default signals, the forked and cgroup_joined
 * stamps around the cgroup join (_exit 125 when it fails). */
void vm_child_begin(const struct vm_child_ctx *c);
/* Close every fd from first on. */
void vm_close_fds_from(int first);
/* What both microVM backends need before their first launch: the
 * workload binary, and a KVM the minivm library can use. 0, or -1 with
 * "unsupported here: ..." in reason. */
int vm_host_ready(const struct bench_opts *o, char *reason, size_t len);

/* The backends whose child execs build/minivm (microvm, linuxvm): find
 * it, once, in prepare. 0, or -1 with "unsupported here: ..." in reason. */
int vm_minivm_ready(const struct bench_opts *o, char *reason, size_t len);
/* Guest memory for the workload argv: 0 (minivm's default), or, for the
 * `mem MiB` workload, room for its pages on top of base_mib, what the guest
 * needs itself. Pure: safe in the vfork'ed child. */
size_t vm_guest_mib(char *const argv[], size_t base_mib);
/* A vm_main's exec: `minivm run OPTIONS... [--mem MiB] [--phases FD]
 * PROGRAM ARGS...`, where OPTIONS is a NULL-ended list (may be NULL),
 * mem_mib 0 keeps minivm's default, FD is phases_fd unless it is -1, and
 * ARGS are argv[1...]. Stamps the `exec` phase first. Returns (125) only
 * when the exec fails. */
int vm_exec_minivm(const char *const options[], size_t mem_mib, int phases_fd, const char *program,
		   char *const argv[]);
/* Stop: SIGKILL. (Release and memory: instance_cgroup_release and
 * instance_cgroup_bytes, backend.h.) */
void vm_stop(struct instance *in);

#endif
