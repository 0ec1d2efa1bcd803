/*
 * namespaces.c - every namespace the container gets, where it is made and
 * why there. The container's first process (child.c) takes these steps in
 * order; the clone itself is clone.c's.
 *
 * 1. At clone time, all at once (mc_clone_flags):
 *   CLONE_NEWPID  the workload is PID 1 and sees only its own processes; when
 *                 PID 1 ends, the kernel kills everything else inside. (Only
 *                 a clone can put a process in a new PID namespace.)
 *   CLONE_NEWNS   its own mount table, so the root switch and the /proc, /dev
 *                 and /tmp mounts stay inside.
 *   CLONE_NEWUSER (rootless, or --userns) uid 0 inside is an ordinary uid
 *                 outside; the other namespaces are owned by this one, so the
 *                 capabilities inside count only for them.
 *
 * 2. By the child, once it is in its cgroup, so that the kernel memory of
 *    the namespaces below is charged to the container (mc_ns_cgroup):
 *   CLONE_NEWCGROUP the container sees its own cgroup as "/". A cgroup
 *                   namespace takes as root the cgroup its creator is in at
 *                   that moment, so it must come after the join.
 *
 * 3. After the mounts, by the child, or (--parallel) by a helper task
 *    during them (ns_helper.c) whose namespaces the child then enters
 *    (mc_ns_net_ipc_uts_start, then mc_ns_net_ipc_uts_enter):
 *   CLONE_NEWNET  a network namespace with only `lo` (the dearest step,
 *                 about 1 ms on a 2-core AMD EPYC PVM VM, 2026-11-27), or
 *                 with --netns an existing one, joined (net.c).
 *   CLONE_NEWIPC  its own System V IPC objects and POSIX message queues.
 *   CLONE_NEWUTS  its own hostname.
 *
 * Steps 2 and 3 run between clone and execve on the parent's memory: only
 * plain system calls, failures reported with mc_child_fail (childfail.c).
 */
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "childfail.h"
#include "trace.h"

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

/* Step 2: the cgroup namespace; its root is the cgroup we are in now.
 * Returns 0, or -1 (reported). */
int mc_ns_cgroup(void)
{
	if (unshare(CLONE_NEWCGROUP) < 0)
		return mc_child_fail("unshare", "cgroup namespace");
	if (mc_trace_fd >= 0)
		mc_trace("unshare CLONE_NEWCGROUP", "cgroup namespace: our cgroup is its /", NULL);
	return 0;
}

/* The namespaces of step 3: IPC and UTS, and network unless --netns names
 * one to join (netns_fd >= 0). */
static int net_ipc_uts_flags(int netns_fd)
{
	int flags = CLONE_NEWIPC | CLONE_NEWUTS;

	if (netns_fd < 0)
		flags |= CLONE_NEWNET;
	return flags;
}

/* Step 3 begins: with a helper stack (--parallel), start the helper that
 * makes the namespaces while we do the mounts; without one, or when it
 * cannot start, h->pid is -1 and mc_ns_net_ipc_uts_enter makes them. */
void mc_ns_net_ipc_uts_start(struct mc_ns_helper *h, int netns_fd, const char *hostname,
			     void *helper_stack)
{
	if (!helper_stack ||
	    mc_ns_helper_start(h, net_ipc_uts_flags(netns_fd), hostname, helper_stack) < 0)
		h->pid = -1;
}

/* Make the namespaces here, bring `lo` up and set the hostname. */
static int make_net_ipc_uts(int netns_fd, const char *hostname)
{
	int flags = net_ipc_uts_flags(netns_fd);

	if (unshare(flags) < 0)
		return mc_child_fail("unshare", (flags & CLONE_NEWNET) ? "ipc+uts+net namespaces"
								       : "ipc+uts namespaces");
	if (mc_trace_fd >= 0)
		mc_trace("unshare",
			 (flags & CLONE_NEWNET) ? "net, ipc, uts namespaces"
						: "ipc, uts namespaces",
			 NULL);
	if ((flags & CLONE_NEWNET) && mc_net_lo_up() < 0)
		return -1;
	if ((flags & CLONE_NEWNET) && mc_trace_fd >= 0)
		mc_trace("lo up", "the new net namespace's loopback, its only interface", NULL);
	if (sethostname(hostname, strlen(hostname)) < 0)
		return mc_child_fail("sethostname", hostname);
	if (mc_trace_fd >= 0)
		mc_trace("sethostname", "in the new uts namespace: ", hostname);
	return 0;
}

/* Step 3 ends: enter the helper's namespaces, or (no helper, or it
 * failed) make them here, with errors reported; then join the --netns
 * namespace if one was given. Returns 0, or -1 (reported). */
int mc_ns_net_ipc_uts_enter(struct mc_ns_helper *h, int netns_fd, const char *hostname)
{
	if (h->pid < 0 || mc_ns_helper_join(h) < 0) {
		if (make_net_ipc_uts(netns_fd, hostname) < 0)
			return -1;
	} else if (mc_trace_fd >= 0) {
		mc_trace("setns", "joined the helper's net, ipc, uts namespaces", NULL);
	}
	if (netns_fd >= 0 && (mc_net_join(netns_fd) < 0 || mc_net_lo_up() < 0))
		return -1;
	return 0;
}
