/*
 * phases.c - phase stamps: "name ns\n" lines with CLOCK_MONOTONIC
 * nanoseconds, written on a file descriptor the caller chose (--phases FD).
 * The harness subtracts its own t0 (taken on the same clock) from each.
 *
 * The parent writes `start` as minictr_start begins (container.c); the
 * container's first process writes the others (child.c), in the order of
 * its steps: clone_done, cgroup_joined, ids_mapped, mounts_done, net_done,
 * root_pivoted, privs_dropped, exec. Each line is one write(2) of under
 * PIPE_BUF bytes, which a pipe delivers whole, so a line never mixes with
 * another writer's.
 *
 * The model for stamping where little is allowed: mc_phase is
 * async-signal-safe, so it may be called between clone (or fork) and
 * execve on the parent's memory, and from a signal handler. It calls only
 * clock_gettime and write, both on POSIX's list of async-signal-safe
 * functions; builds the line by hand on the stack (no stdio, which takes
 * locks, no malloc); and leaves errno as it found it, so a stamp between a
 * failing call and its report does not change the reported error.
 * Writing each stamp as it happens costs a system call per phase; minivm,
 * which stamps inside the run it measures, keeps them in memory instead.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

uint64_t mc_now_ns(void)
{
	struct timespec ts = {0, 0};

	/* CLOCK_MONOTONIC cannot fail on Linux (it exists since 2.6, and ts
	 * is a valid address); were it to, the stamp reads 0, never garbage. */
	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void mc_phase(int fd, const char *name)
{
	char line[64], digits[24];
	uint64_t ns;
	size_t n = 0;
	int d = 0, saved_errno = errno;

	if (fd < 0)
		return;
	ns = mc_now_ns();
	/* a name too long for the line is cut: 20 digits, a space and the
	 * newline always fit */
	while (*name && n < sizeof(line) - 26)
		line[n++] = *name++;
	line[n++] = ' ';
	do {
		digits[d++] = '0' + ns % 10;
		ns /= 10;
	} while (ns);
	while (d)
		line[n++] = digits[--d];
	line[n++] = '\n';
	if (write(fd, line, n) < 0) {
		/* a closed phase pipe must not stop the container */
	}
	errno = saved_errno;
}
