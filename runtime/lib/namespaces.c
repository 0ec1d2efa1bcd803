/*
 * namespaces.c - which namespaces the container gets, and the clone that
 * starts its first process.
 *
 * At clone time, all at once:
 *   CLONE_NEWPID  the workload is PID 1 and sees only its own processes; when
 *                 PID 1 ends, the kernel kills everything else inside. (Only
 *                 a clone can put a process in a new PID namespace.)
 *   CLONE_NEWNS   its own mount table, so the root switch and the /proc, /dev
 *                 and /tmp mounts stay inside.
 *   CLONE_NEWUSER (rootless, or --userns) uid 0 inside is an ordinary uid
 *                 outside; the other namespaces are owned by this one, so the
 *                 capabilities inside count only for them.
 *
 * Later, by the child (child.c), once it has joined its cgroup, so that
 * their kernel memory is charged to the container:
 *   CLONE_NEWCGROUP the container sees its own cgroup as "/". A cgroup
 *                   namespace takes as root the cgroup its creator is in at
 *                   that moment, so it must come after the join.
 * and after the mounts, by the child or (--parallel) by a helper task
 * during them (ns_helper.c):
 *   CLONE_NEWNET  a network namespace with only `lo` (the dearest step,
 *                 about 1 ms on a 2-core AMD EPYC PVM VM, 2026-11-27).
 *   CLONE_NEWIPC  its own System V IPC objects and POSIX message queues.
 *   CLONE_NEWUTS  its own hostname.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>

#include "internal.h"

/* And how: CLONE_VM, the child runs in our memory on a stack of its own
 * until its execve (no page tables copied, no copy-on-write faults), as
 * posix_spawn does. CLONE_VFORK: the calling thread sleeps until then, so
 * the two never run on that memory at the same time. With a user namespace
 * the parent must write the child's id maps while the child waits, so there
 * it waits on a pipe instead (container.c). */
unsigned long mc_clone_flags(int userns)
{
	unsigned long flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_VM;

	if (userns)
		flags |= CLONE_NEWUSER;
	else
		flags |= CLONE_VFORK;
	return flags;
}

/* Start fn(arg) on the stack that ends at stack_top, in the new
 * namespaces. Returns the child's pid, or -errno. */
pid_t mc_clone(unsigned long flags, int (*fn)(void *), void *arg, void *stack_top)
{
	pid_t pid;

	pid = clone(fn, stack_top, (int)flags | SIGCHLD, arg);
	if (pid < 0)
		return -errno;
	return pid;
}
