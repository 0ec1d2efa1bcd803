/*
 * child.c - the container's first process, from clone to execve. It runs
 * in the new pid, mount, uts and ipc (and user) namespaces; it becomes the
 * workload itself, PID 1, by execve: no init of ours stays behind.
 *
 * Order, and why:
 *   1. (user namespace) wait until the parent has written the id maps:
 *      until then our uid is unmapped and creating files (in /dev) fails.
 *   2. build the file system tree and switch root (rootfs.c, pivot.c).
 *      In the meantime the parent creates the cgroup; the two overlap.
 *   3. wait until the parent has put us into the cgroup, then make the
 *      cgroup and network namespaces: the cgroup namespace takes the cgroup
 *      we are in now as its root, and the network namespace's kernel memory
 *      is charged to the container.
 *   4. hostname, standard fds, capabilities, no_new_privs, seccomp, exec.
 * Any failure is reported to the parent through err_fd and ends the child.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <linux/close_range.h>
#include <unistd.h>

#include "internal.h"
#include "child.h"

static int child_err_fd = -1;
static int child_exit_code = MINICTR_EXIT_ERROR;

static void copy_str(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	while (src && src[n] && n < size - 1) {
		dst[n] = src[n];
		n++;
	}
	dst[n] = '\0';
}

int mc_child_fail(const char *what, const char *path)
{
	struct mc_child_error e;

	memset(&e, 0, sizeof(e));
	e.err = errno;
	e.exit_code = child_exit_code;
	copy_str(e.what, sizeof(e.what), what);
	copy_str(e.path, sizeof(e.path), path);
	/* Smaller than PIPE_BUF: the parent gets it whole or not at all. */
	if (write(child_err_fd, &e, sizeof(e)) < 0) {
		/* the parent is gone; nothing to tell */
	}
	return -1;
}

static void __attribute__((noreturn)) die(void)
{
	_exit(child_exit_code);
}

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
 * signals survive execve, and the workload must start with the defaults. */
static void reset_signals(void)
{
	sigset_t none;
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void setup_stdio(const struct mc_child_plan *plan)
{
	int i;

	for (i = 0; i < 3; i++) {
		if (plan->stdio[i] == i || plan->stdio[i] < 0)
			continue;
		if (dup2(plan->stdio[i], i) < 0) {
			mc_child_fail("dup2", "standard fd");
			die();
		}
	}
}

static void enter_cgroup_and_net(const struct mc_child_plan *plan)
{
	int flags = CLONE_NEWCGROUP;

	if (plan->netns_fd < 0)
		flags |= CLONE_NEWNET;
	if (unshare(flags) < 0) {
		mc_child_fail("unshare", plan->netns_fd < 0 ? "cgroup+net namespaces" : "cgroup namespace");
		die();
	}
	if (plan->netns_fd >= 0 && mc_net_join(plan->netns_fd) < 0)
		die();
	if (mc_net_lo_up() < 0)
		die();
	mc_phase(plan->phases_fd, "net_done");
}

void mc_child_main(const struct mc_child_plan *plan)
{
	const char *host = plan->hostname ? plan->hostname : "minictr";

	child_err_fd = plan->err_fd;
	close(plan->go_w);
	close(plan->err_r);
	/* If the parent dies, so does the container (PID 1's death takes every
	 * process of the PID namespace with it). */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
	reset_signals();
	if (plan->userns)
		wait_parent(plan->go_fd);

	if (mc_rootfs_prepare(plan->rootfs) < 0)
		die();
	mc_phase(plan->phases_fd, "mounts_done");
	if (mc_pivot() < 0)
		die();
	mc_phase(plan->phases_fd, "root_pivoted");

	wait_parent(plan->go_fd);
	close(plan->go_fd);
	enter_cgroup_and_net(plan);

	if (sethostname(host, strlen(host)) < 0) {
		mc_child_fail("sethostname", host);
		die();
	}
	setup_stdio(plan);
	if (mc_caps_drop() < 0 || mc_nnp() < 0 || mc_seccomp_install() < 0)
		die();
	/* The phase descriptor and the stdio originals must not reach the
	 * workload. */
	if (plan->phases_fd > 2)
		fcntl(plan->phases_fd, F_SETFD, FD_CLOEXEC);
	/* Likewise every other descriptor the caller had open (its pipes to
	 * other containers, say): one call marks them all close-on-exec
	 * (kernel 5.11; older kernels just keep them). */
	syscall(SYS_close_range, 3, ~0u, CLOSE_RANGE_CLOEXEC);
	mc_phase(plan->phases_fd, "exec");
	execve(plan->argv[0], plan->argv, plan->envp);
	child_exit_code = errno == ENOENT ? MINICTR_EXIT_NOTFOUND : MINICTR_EXIT_NOEXEC;
	mc_child_fail("execve", plan->argv[0]);
	die();
}
