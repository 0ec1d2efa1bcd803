/*
 * namespaces.c - which namespaces the container gets, and the one clone
 * that creates them.
 *
 * At clone time (one system call, all at once):
 *   CLONE_NEWPID  the workload is PID 1 and sees only its own processes; when
 *                 PID 1 ends, the kernel kills everything else inside.
 *   CLONE_NEWNS   its own mount table, so the root switch and the /proc, /dev
 *                 and /tmp mounts stay inside.
 *   CLONE_NEWUTS  its own hostname.
 *   CLONE_NEWIPC  its own System V IPC objects and POSIX message queues.
 *   CLONE_NEWUSER (rootless, or --userns) uid 0 inside is an ordinary uid
 *                 outside; the other namespaces are owned by this one, so the
 *                 capabilities inside count only for them.
 *
 * Later, by the child itself (see child.c), once the parent has put it into
 * its cgroup:
 *   CLONE_NEWNET    a network namespace with only `lo`. Creating one is the
 *                   costliest step (about 1 ms here) and takes kernel memory;
 *                   made by the child after it joined its cgroup, that memory
 *                   is charged to the container, not to the caller, and the
 *                   parent's cgroup set-up runs meanwhile.
 *   CLONE_NEWCGROUP the container sees its own cgroup as "/". A cgroup
 *                   namespace takes as root the cgroup its creator is in at
 *                   that moment, so it must come after the join.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/sched.h>

#include "internal.h"

unsigned long mc_clone_flags(int userns)
{
	unsigned long flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC;

	if (userns)
		flags |= CLONE_NEWUSER;
	return flags;
}

/* fork(2) into new namespaces: returns 0 in the child, the child's pid in the
 * parent, -errno on failure. clone3 first; the older clone(2) where the
 * kernel (before 5.3) or a seccomp policy answers ENOSYS. With no new stack
 * both behave like fork: the child continues here on a copy of the memory. */
pid_t mc_clone(unsigned long flags)
{
	struct clone_args args;
	long pid;

	memset(&args, 0, sizeof(args));
	args.flags = flags;
	args.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0 && errno == ENOSYS)
		pid = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
	if (pid < 0)
		return -errno;
	return pid;
}
