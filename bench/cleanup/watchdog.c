/*
 * watchdog.c - clean up after a harness that died (see watchdog.h).
 *
 * How it knows: a pidfd. pidfd_open(2) gives a file descriptor for a
 * process that poll(2) reports readable once that process has ended,
 * whoever its parent is. The watchdog opens one for the harness, then
 * checks that the harness is still its parent: if it is, the pidfd names
 * the harness (its pid cannot have been reused while it is alive); if not,
 * the harness died before the pidfd existed, and the clean-up starts at
 * once.
 *
 * How it tells a proper end from a death: a pipe. At its proper end the
 * harness writes one byte into it; a harness that died wrote none.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backends/backend.h"
#include "sweep.h"
#include "watchdog.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

#define DONE_BYTE 'd'

static pid_t watchdog_pid = -1;
static int done_w = -1; /* the harness's end of the pipe */

/* Wait for the harness: 1 when it ended properly (the byte came on fd 3),
 * 0 when it died. */
static int wait_for(pid_t owner)
{
	int pidfd = (int)syscall(SYS_pidfd_open, owner, 0);
	struct pollfd p[2] = {{.fd = 3, .events = POLLIN}, {.fd = pidfd, .events = POLLIN}};
	char byte = 0;

	if (getppid() != owner)
		return 0; /* gone already (we were handed to another parent) */
	for (;;) {
		if (poll(p, pidfd >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		if (p[0].revents & (POLLIN | POLLHUP)) {
			if (read(3, &byte, 1) == 1 && byte == DONE_BYTE)
				return 1;
			/* EOF without the byte: every copy of the write end is
			 * closed. The harness closes its files before it has
			 * quite ended, so keep waiting on the pidfd, if any
			 * (without one, Linux before 5.3, this is the sign). */
			if (pidfd < 0)
				return 0;
			p[0].fd = -1;
		}
		if (pidfd >= 0 && p[1].revents & POLLIN) {
			close(pidfd);
			return 0;
		}
	}
}

static void watchdog_main(pid_t owner, int done_r)
{
	struct sweep_tally t = {0};
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	prctl(PR_SET_NAME, "bench-watchdog", 0, 0, 0);
	/* Ctrl-C and kill reach the whole process group: the harness tears
	 * down and ends properly, and the watchdog must wait for that. */
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	/* Keep stderr for the report; let go of everything else the harness
	 * had open (its results files, its lock): fd 3 is the pipe. */
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
	}
	if (dup2(done_r, 3) < 0)
		_exit(1);
#ifdef SYS_close_range
	if (syscall(SYS_close_range, 4U, ~0U, 0U) != 0)
#endif
		for (int fd = 4; fd < 65536; fd++)
			close(fd);
	if (wait_for(owner))
		_exit(0);
	/* Alive again means its pid went to a new process already (perhaps a
	 * new bench, whose things have the same names): leave them; a run
	 * with that pid removes a dead one's things before making its own. */
	if (sweep_owner_alive(owner))
		_exit(0);
	sweep_run(owner, &t);
	if (t.procs + t.cgroups + t.dirs + t.failed > 0)
		fprintf(stderr,
			"bench-watchdog: bench (pid %d) ended without its teardown: %d processes "
			"killed, %d cgroups and %d temporary folders removed%s\n",
			(int)owner, t.procs, t.cgroups, t.dirs,
			t.failed ? ", some left (see above)" : "");
	_exit(t.failed ? 1 : 0);
}

int watchdog_start(void)
{
	pid_t owner = getpid();
	int p[2];

	if (pipe2(p, O_CLOEXEC) != 0) {
		fprintf(stderr, "bench: watchdog: pipe2: %s\n", strerror(errno));
		return -1;
	}
	fflush(stderr);
	watchdog_pid = fork();
	if (watchdog_pid == 0) {
		close(p[1]);
		watchdog_main(owner, p[0]);
	}
	close(p[0]);
	if (watchdog_pid < 0) {
		fprintf(stderr, "bench: watchdog: fork: %s\n", strerror(errno));
		close(p[1]);
		return -1;
	}
	done_w = p[1];
	return 0;
}

void watchdog_stop(void)
{
	char byte = DONE_BYTE;

	if (watchdog_pid <= 0)
		return;
	if (write(done_w, &byte, 1) != 1)
		fprintf(stderr, "bench: watchdog: write: %s\n", strerror(errno));
	close_fd(&done_w);
	if (waitpid(watchdog_pid, NULL, 0) < 0)
		fprintf(stderr, "bench: watchdog: waitpid: %s\n", strerror(errno));
	watchdog_pid = -1;
}
