/*
 * ns_helper.c - make the network, IPC and UTS namespaces in parallel with
 * the mounts (--parallel, minictr_config.parallel; not the default). Step 3
 * of namespaces.c, which starts the helper and joins it.
 *
 * Creating a network namespace is the dearest step of a start (about 1 ms
 * on a 2-core AMD EPYC PVM VM, 2026-11-27: every network subsystem sets up its
 * per-namespace state); an IPC namespace costs about 0.1 ms there (it
 * mounts its own mqueue file system). The
 * mounts and the root switch take about half a millisecond, and neither
 * needs the other. So the container's first process starts a helper task
 * that makes these namespaces, brings `lo` up and sets the hostname, while
 * it builds the file system tree on the other CPU; then it joins the
 * helper's namespaces with one setns on a pidfd of the helper (which holds
 * them alive until then) and kills the helper.
 *
 * The helper is born after the first process joined its cgroup and user
 * namespace, so the namespaces' kernel memory is charged to the container
 * and they are owned by its user namespace, as if the first process had
 * made them itself.
 *
 * It shares the first process's memory (CLONE_VM, a stack of its own):
 * it only makes system calls, and reports success or failure as one byte.
 * Measured on a 2-core AMD EPYC PVM VM, 2026-11-27 (2 vCPUs shared with other work) it was
 * slower, not faster: there was no idle CPU for the helper, so it only added
 * a task and three wake-ups. It pays off where a CPU is idle.
 *
 * If anything goes wrong (no second task allowed by --pids 1, a kernel
 * without pidfd_open or setns on pidfds), the first process makes the
 * namespaces itself, after the mounts, with the usual error reporting.
 * (Both tasks also share the C library's per-thread errno: the helper
 * writes it only when one of its calls fails, which the fallback then
 * repeats.)
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"

static int helper_main(void *arg)
{
	struct mc_ns_helper *h = arg;
	const char *what;
	char ok = 0;

	if (unshare(h->flags) == 0 && (!(h->flags & CLONE_NEWNET) || mc_lo_up(&what) == 0) &&
	    sethostname(h->hostname, strlen(h->hostname)) == 0)
		ok = 1;
	if (write(h->ready_w, &ok, 1) != 1)
		_exit(1);
	/* Hold the namespace until the first process has joined it and
	 * kills us. */
	for (;;)
		pause();
}

/* Start the helper on the stack ending at stack_top, to make the
 * namespaces in flags (CLONE_NEWIPC, CLONE_NEWUTS, CLONE_NEWNET) and set
 * hostname. Returns 0, or -1 (no helper: make them in place). */
int mc_ns_helper_start(struct mc_ns_helper *h, int flags, const char *hostname, void *stack_top)
{
	int fds[2];

	h->pid = -1;
	h->flags = flags;
	h->hostname = hostname;
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	h->ready_r = fds[0];
	h->ready_w = fds[1];
	/* SIGCHLD: the first process reaps it. No CLONE_FILES: it gets its
	 * own copy of the descriptor table, so the two do not race on it. */
	h->pid = clone(helper_main, stack_top, CLONE_VM | SIGCHLD, h);
	close(h->ready_w);
	if (h->pid < 0) {
		close(h->ready_r);
		return -1;
	}
	return 0;
}

static void helper_end(struct mc_ns_helper *h)
{
	kill(h->pid, SIGKILL);
	while (waitpid(h->pid, NULL, 0) < 0 && errno == EINTR)
		;
	close(h->ready_r);
}

/* Wait for the helper, enter its namespaces, end the helper. Returns 0
 * when we are in them (lo up, hostname set), -1 if not. */
int mc_ns_helper_join(struct mc_ns_helper *h)
{
	char ok = 0;
	int r = -1;
	ssize_t n;

	do
		n = read(h->ready_r, &ok, 1);
	while (n < 0 && errno == EINTR);
	if (n == 1 && ok == 1) {
		/* setns with a pidfd (Linux 5.8): enter the namespaces of
		 * that process named in the flags, all in one call. */
		int pidfd = syscall(SYS_pidfd_open, h->pid, 0);

		if (pidfd >= 0) {
			r = setns(pidfd, h->flags);
			close(pidfd);
		}
	}
	helper_end(h);
	return r < 0 ? -1 : 0;
}
