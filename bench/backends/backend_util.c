/* backend_util.c - small helpers the backends share (see backend.h). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "backend.h"
#include "bench.h"
#include "minictr_cgroup.h"

int open_pipe(int fds[2])
{
	/* Close-on-exec on both ends: an instance must not inherit the pipes
	 * of the others, or their EOF would never come. The harness's end is
	 * non-blocking for the epoll loop. */
	if (pipe2(fds, O_CLOEXEC) != 0)
		return -1;
	if (fcntl(fds[0], F_SETFL, O_NONBLOCK) != 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	return 0;
}

int devnull_fd(void)
{
	static int fd = -1;

	if (fd < 0)
		fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	return fd;
}

void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

void child_reset_signals(void)
{
	sigset_t none;

	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

void child_die_with_parent(pid_t parent)
{
	/* PR_SET_PDEATHSIG: the kernel sends the signal when the thread that
	 * forked us ends (the harness has only the one). It can only be set
	 * after the fork, so the harness may be gone already: then we have
	 * been handed to another parent (init or a subreaper), getppid() no
	 * longer names it, and no signal will ever come. Leave then. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0 || getppid() != parent)
		_exit(CHILD_EXIT_ORPHAN);
}

char *child_decimal(char *end, unsigned long long v)
{
	*--end = '\0';
	do
		*--end = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return end;
}

/* write(2) of a whole string; a short or failed write is dropped: the
 * child has nowhere else to say it. */
static void put(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		return;
}

void child_fail(int fd, const char *what, int err)
{
	char num[24];

	put(fd, what);
	put(fd, ": errno ");
	put(fd, child_decimal(num + sizeof(num), (unsigned)err));
	put(fd, "\n");
}

void set_reason(struct instance *in, const char *call, int err)
{
	snprintf(in->reason, sizeof(in->reason), "%s: %s", call, strerror(err));
}

int open_pipes(struct instance *in, int out[2], int ph[2], int want_phases)
{
	ph[0] = ph[1] = -1;
	if (open_pipe(out) != 0) {
		set_reason(in, "pipe2", errno);
		return -1;
	}
	if (want_phases && open_pipe(ph) != 0) {
		set_reason(in, "pipe2", errno);
		close(out[0]);
		close(out[1]);
		return -1;
	}
	return 0;
}

void pipes_after_start(struct instance *in, int out[2], int ph[2], int started)
{
	/* The write ends are the child's now: while we hold one, its EOF
	 * would never come. */
	close(out[1]);
	close_fd(&ph[1]);
	if (!started) {
		close(out[0]);
		close_fd(&ph[0]);
		return;
	}
	in->out_fd = out[0];
	in->phase_fd = ph[0];
}

int after_fork(struct instance *in, int out[2], int ph[2], pid_t pid)
{
	if (pid < 0)
		set_reason(in, "fork", errno);
	pipes_after_start(in, out, ph, pid > 0);
	if (pid < 0) {
		instance_cgroup_release(in);
		return -1;
	}
	in->pid = pid;
	return 0;
}

/* The runtime's cgroup module makes it, by the same rules as a
 * container's: the same place, the same join, the same removal. The name
 * carries our pid, like a container's, so that the sweep of a dead run's
 * leftovers (cleanup/sweep.c) finds it. */
int instance_cgroup_create(struct instance *in)
{
	char name[64];

	in->cg = NULL;
	if (minictr_cgroup_where()[0] == '\0')
		return 0; /* no memory cgroups here (main.c said so) */
	snprintf(name, sizeof(name), "vmbench-%d-%d", (int)getpid(), in->id);
	in->cg = minictr_cgroup_create(name);
	if (in->cg != NULL)
		return 0;
	snprintf(in->reason, sizeof(in->reason), "cgroup %s: %s", name, strerror(errno));
	return -1;
}

int64_t instance_cgroup_bytes(const struct instance *in)
{
	return in->cg != NULL ? minictr_cgroup_memory(in->cg) : -1;
}

void instance_cgroup_release(struct instance *in)
{
	minictr_cgroup_remove(in->cg);
	in->cg = NULL;
}

const char *instance_cgroup_path(const struct instance *in)
{
	return in->cg != NULL ? minictr_cgroup_path(in->cg) : "";
}
