/*
 * vmfork.h - start a VMM as a forked child of the harness, in a memory
 * cgroup of its own: what the microvm and linuxvm backends share.
 */
#ifndef BENCH_VMFORK_H
#define BENCH_VMFORK_H

#include "backend.h"

/* Runs in the child with fds 0 (/dev/null), 1 and 2 (the output pipe) and,
 * when phases are wanted, 3 (the phase pipe); returns the exit status. */
typedef int (*vm_main_fn)(char *const argv[], int phases_fd);

/* Fork; in the child: join the instance's cgroup, set up the fds, close
 * every other one, run vm_main. Sets in->pid, out_fd, phase_fd, cgroup.
 * 0, or -1 with in->reason and nothing left behind. */
int vm_fork(struct instance *in, char *const argv[], int want_phases, vm_main_fn vm_main);
/* Stop: SIGKILL. (Release and memory: instance_cgroup_release and
 * instance_cgroup_bytes, backend.h.) */
void vm_stop(struct instance *in);

#endif
