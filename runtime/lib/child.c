/*
 * child.c - the container's first process, from clone to execve: the
 * ordered list of its steps (mc_child_main, at the bottom), each done by
 * the file named for it. It becomes the workload itself, PID 1, by
 * execve: no init of ours stays behind.
 *
 * It runs on a stack of its own inside the parent's memory (CLONE_VM, as
 * posix_spawn does): no page tables to copy and no copy-on-write faults,
 * which are dear under PVM (docs/kvm-flavours.md). Meanwhile the calling
 * thread sleeps (CLONE_VFORK), or with a user namespace waits on a pipe, so
 * the two never run on the same memory at once. So: plain system calls
 * only, no malloc, no stdio.
 *
 * Order, and why:
 *   0. born in new pid and mount (and user) namespaces (namespaces.c,
 *      clone.c); a session of its own; die with the parent.
 *   1. be in the cgroup the parent made before anything that takes kernel
 *      memory, so that it is charged to the container: on cgroup v2 the
 *      clone put us there already (CLONE_INTO_CGROUP, clone.c); on v1
 *      (or without clone3) write "0", meaning "me", to the tasks or
 *      cgroup.procs file of each of its directories (cgroup.c).
 *   2. (user namespace) wait until the parent has written the id maps, and
 *      become root of the namespace: until then our uid is unmapped and
 *      creating files (in /dev) fails.
 *   3. the cgroup namespace (its root is the cgroup we are in now); with
 *      --parallel, start a helper that makes the network, IPC and UTS
 *      namespaces meanwhile (namespaces.c, ns_helper.c).
 *   4. build the file system tree (rootfs.c); then make those namespaces
 *      (or enter the helper's), and switch root (pivot.c).
 *   5. standard fds, the open-files limit (RLIMIT_NOFILE), capabilities
 *      (caps.c), no_new_privs (nnp.c), seccomp (seccomp.c), execve.
 * Any failure is reported to the parent and ends the child (childfail.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <linux/close_range.h>
#include <unistd.h>

#include "internal.h"
#include "phase_stamp.h"
#include "child.h"
#include "childfail.h"
#include "trace.h"

/* One byte from the parent; EOF means it failed or died: give up quietly. */
static void wait_parent(int fd)
{
	char c;
	ssize_t n;

	do
		n = read(fd, &c, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(MINICTR_EXIT_ERROR);
}

/* The caller may have blocked or ignored signals (minictr run blocks
 * SIGCHLD, SIGINT, SIGTERM to wait for them). A blocked mask and ignored
 * signals survive execve, and the workload must start with the defaults.
 * (Handlers need nothing: execve resets them. Real-time signals, which
 * programs hardly ever ignore, are left alone: 30 fewer system calls.) */
static void reset_signals(void)
{
	sigset_t none;
	int sig;

	for (sig = 1; sig < 32; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_DFL);
	sigemptyset(&none);
	if (sigprocmask(SIG_SETMASK, &none, NULL) < 0) {
		mc_child_fail("sigprocmask", "");
		mc_child_die();
	}
}

static void setup_stdio(const struct mc_child_plan *plan)
{
	int i;

	for (i = 0; i < 3; i++) {
		if (plan->stdio[i] == i || plan->stdio[i] < 0)
			continue;
		if (dup2(plan->stdio[i], i) < 0) {
			mc_child_fail("dup2", "standard fd");
			mc_child_die();
		}
	}
}

/* Entering a user namespace does not change our ids: they are still the
 * caller's host ids, which the map may not cover (root's are mapped to
 * 100000). Become uid/gid 0 of the namespace, which the map ties to the
 * host ids chosen in idmap.c. Supplementary groups can only be dropped
 * where setgroups was not denied (a root caller). */
static void become_root(const struct mc_child_plan *plan)
{
	if (setresgid(0, 0, 0) < 0) {
		mc_child_fail("setresgid", "0");
		mc_child_die();
	}
	if (plan->may_setgroups && setgroups(0, NULL) < 0) {
		mc_child_fail("setgroups", "none");
		mc_child_die();
	}
	if (setresuid(0, 0, 0) < 0) {
		mc_child_fail("setresuid", "0");
		mc_child_die();
	}
}

/* If the parent dies, so does the container (PID 1's death takes every
 * process of the PID namespace with it): PR_SET_PDEATHSIG. But it only
 * acts on a death after it was set, and the parent may have died between
 * the clone and this line (a SIGKILL lands any time): then we are already
 * an orphan, and nobody would ever stop us. So look after setting it
 * whether the parent is still there, and give up if not.
 *
 * The usual look is getppid() against the parent's pid, but in a new pid
 * namespace getppid() reads 0 (the parent is outside, it has no pid here),
 * and still 0 after we are handed to a reaper outside. Hence the "life"
 * pipe: its only other write end is the parent's (container.c), and the
 * kernel closes a dying process's files before it hands its children on
 * (exit_files before exit_notify in do_exit). So either the parent dies
 * after the prctl and the signal comes, or before, and poll already sees
 * the pipe hung up. No window is left. */
static void die_with_parent(const struct mc_child_plan *plan)
{
	struct pollfd p = {plan->life_r, POLLIN, 0};
	int r;

	close(plan->life_w);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) {
		mc_child_fail("prctl PR_SET_PDEATHSIG", "");
		mc_child_die();
	}
	do
		r = poll(&p, 1, 0);
	while (r < 0 && errno == EINTR);
	if (r != 0)
		_exit(MINICTR_EXIT_ERROR); /* hung up (or a poll error): no parent */
	close(plan->life_r);
}

/* At most 1024 open files, as runc gives (RLIMIT_NOFILE, soft and hard):
 * the caller's own limit (often far higher for a harness with many pipes)
 * is not the container's business. A caller whose hard limit is below
 * 1024 passes that on: raising a hard limit needs CAP_SYS_RESOURCE, which
 * a root in a restricted host may lack (setrlimit would say EPERM). */
static void limit_files(void)
{
	struct rlimit r = {1024, 1024}, now;

	if (getrlimit(RLIMIT_NOFILE, &now) == 0 && now.rlim_max < r.rlim_max)
		r.rlim_cur = r.rlim_max = now.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &r) < 0) {
		mc_child_fail("setrlimit", "RLIMIT_NOFILE");
		mc_child_die();
	}
}

static void join_cgroup(const struct mc_child_plan *plan)
{
	int i, fd;

	if (plan->born_in_cgroup) {
		/* v2, CLONE_INTO_CGROUP: born there, charged from the start */
		write_phase(plan->phases_fd, "cgroup_joined");
		if (mc_trace_fd >= 0)
			mc_trace("join cgroup",
				 "born in it (clone3 CLONE_INTO_CGROUP): ", plan->cgroup_procs[1]);
		return;
	}
	for (i = 0; i < MC_CG_DIRS; i++) {
		if (!plan->cgroup_procs[i] || !plan->cgroup_procs[i][0])
			continue;
		fd = open(plan->cgroup_procs[i], O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write(fd, "0", 1) != 1) {
			mc_child_fail("join cgroup", plan->cgroup_procs[i]);
			mc_child_die();
		}
		close(fd);
	}
	write_phase(plan->phases_fd, "cgroup_joined");
	if (mc_trace_fd >= 0)
		mc_trace("join cgroup", "wrote 0 to ", plan->cgroup_procs[0]);
}

int mc_child_main(void *arg)
{
	const struct mc_child_plan *plan = arg;
	struct mc_ns_helper helper;

	write_phase(plan->phases_fd, "clone_done");
	if (mc_trace_fd >= 0)
		mc_trace("child runs", "PID 1 of its new pid namespace, on our memory", NULL);
	mc_child_fail_to(plan->err_fd);
	if (plan->go_w >= 0)
		close(plan->go_w);
	close(plan->err_r);
	die_with_parent(plan);
	/* A session and process group of its own: a kill(0, ...) or a
	 * terminal's Ctrl-C inside must not reach the caller's group. */
	if (setsid() < 0) {
		mc_child_fail("setsid", "");
		mc_child_die();
	}
	reset_signals();
	if (mc_trace_fd >= 0)
		mc_trace("setsid", "a session of its own; signals back to default", NULL);
	/* Join while we still have the caller's host ids, which own the
	 * cgroup files (after become_root they may not). */
	join_cgroup(plan);
	if (plan->userns) {
		wait_parent(plan->go_fd);
		close(plan->go_fd);
		become_root(plan);
		if (mc_trace_fd >= 0)
			mc_trace("setresuid 0", "uid and gid 0 of the user namespace", NULL);
	}
	write_phase(plan->phases_fd, "ids_mapped");
	if (mc_ns_cgroup() < 0)
		mc_child_die();
	mc_ns_net_ipc_uts_start(&helper, plan->netns_fd, plan->hostname, plan->helper_stack);

	if (mc_rootfs_prepare(plan->rootfs) < 0)
		mc_child_die();
	write_phase(plan->phases_fd, "mounts_done");
	if (mc_ns_net_ipc_uts_enter(&helper, plan->netns_fd, plan->hostname) < 0)
		mc_child_die();
	write_phase(plan->phases_fd, "net_done");
	/* The pivot after the helper is done: unmounting the old root waits
	 * for an RCU grace period, which cannot end while the other CPU runs
	 * the helper's namespace set-up in the kernel. */
	if (mc_pivot() < 0)
		mc_child_die();
	write_phase(plan->phases_fd, "root_pivoted");
	setup_stdio(plan);
	limit_files();
	if (mc_caps_drop() < 0 || mc_nnp() < 0)
		mc_child_die();
	/* a stamp of its own before the filter, so that its installation
	 * (the "exec" phase) is measured apart */
	write_phase(plan->phases_fd, "privs_dropped");
	if (mc_seccomp_install() < 0)
		mc_child_die();
	/* The phase descriptor and the stdio originals must not reach the
	 * workload. */
	if (plan->phases_fd > 2)
		fcntl(plan->phases_fd, F_SETFD, FD_CLOEXEC);
	/* Likewise every other descriptor the caller had open (its pipes to
	 * other containers, say): one call marks them all close-on-exec
	 * (kernel 5.11; older kernels just keep them). */
	syscall(SYS_close_range, 3, ~0u, CLOSE_RANGE_CLOEXEC);
	write_phase(plan->phases_fd, "exec");
	if (mc_trace_fd >= 0)
		mc_trace("execve", "becomes the workload: ", plan->argv[0]);
	execve(plan->argv[0], plan->argv, plan->envp);
	mc_child_fail_code(errno == ENOENT ? MINICTR_EXIT_NOTFOUND : MINICTR_EXIT_NOEXEC);
	mc_child_fail("execve", plan->argv[0]);
	mc_child_die();
}
