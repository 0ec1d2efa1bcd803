/*
 * phases.c - phase stamps: "name ns\n" lines with CLOCK_MONOTONIC
 * nanoseconds, written on a file descriptor the caller chose (--phases FD).
 * The harness subtracts its own t0 (taken on the same clock) from each.
 *
 * Both the parent (clone_done, ids_mapped, cgroup_joined) and the container's
 * first process (mounts_done, root_pivoted, net_done, exec) write to the same
 * descriptor. Each line is one write(2) of a few bytes, which a pipe delivers
 * whole, so lines of the two processes never mix; they may arrive out of
 * order, since the child works while the parent sets up the cgroup.
 */
#include <time.h>
#include <unistd.h>

#include "internal.h"

uint64_t mc_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* No stdio here: the child calls this between clone and execve, where only
 * plain system calls are safe (the parent may have had other threads). */
void mc_phase(int fd, const char *name)
{
	char line[64], digits[24];
	uint64_t ns;
	size_t n = 0;
	int d = 0;

	if (fd < 0)
		return;
	ns = mc_now_ns();
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
}
