/* backend_util.c - small helpers the backends share (see backend.h). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "bench.h"
#include "cgroup.h"

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

void write_phase(int fd, const char *name)
{
	char line[64];
	int n;

	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "%s %lld\n", name, (long long)now_ns());
	if (n > 0 && write(fd, line, (size_t)n) < 0)
		return; /* a lost stamp only thins the phase plot */
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

int64_t instance_cgroup_bytes(const struct instance *in)
{
	return cgroup_usage(in->cgroup);
}

void instance_cgroup_release(struct instance *in)
{
	if (in->cgroup[0] != '\0')
		cgroup_remove(in->cgroup);
	in->cgroup[0] = '\0';
}
