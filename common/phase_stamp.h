/*
 * phase_stamp.h - the project's one clock and its one phase line.
 *
 * The harness (bench/), minictr (runtime/), minivm and the tools read the
 * time with now_ns, and report a start-up phase as a line "name ns\n", ns
 * being CLOCK_MONOTONIC in nanoseconds. One clock for all: t0, t_ready,
 * every phase stamp and the workload's own timings lie on one time line,
 * and a reader subtracts them as they are.
 *
 *   now_ns()               CLOCK_MONOTONIC now, in ns
 *   write_phase(fd, name)  the line "name <now_ns>\n" on fd, one write(2)
 *   phase_line(...)        the same line into a buffer (minivm keeps its
 *                          stamps in memory and writes them all at the end)
 *
 * A header of static inline functions, not a library: minictr, minivm and
 * the workload are static musl programs and the harness a glibc one, so
 * each part compiles these few lines into itself rather than linking one
 * library built for every libc.
 *
 * Async-signal-safe, so that a child may stamp between fork (or clone) and
 * execve, where it runs on a copy of its parent's memory whose locks may be
 * held by threads that no longer exist, and a signal handler may stamp
 * too: only clock_gettime, strlen, memcpy and write are called, all on
 * POSIX's list of async-signal-safe functions; the line is put together by
 * hand on the stack (no stdio, which takes locks; no malloc); and errno is
 * left as it was found, so a stamp between a failing call and its report
 * does not change the reported error.
 */
#ifndef PHASE_STAMP_H
#define PHASE_STAMP_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The longest line write_phase writes: a name, a space, up to 20 digits
 * (2^64 has 20) and the newline. Far under PIPE_BUF (4096), the most a
 * pipe delivers whole: a line never mixes with another writer's. */
#define PHASE_LINE_MAX 64

/* CLOCK_MONOTONIC never jumps when the wall clock is set, and the vDSO
 * serves it without a system call. Signed, so that differences and
 * deadlines read naturally; 2^63 ns is 292 years of uptime. */
static inline int64_t now_ns(void)
{
	struct timespec ts = {0, 0};

	/* It cannot fail on Linux (the clock exists since 2.6 and ts is a
	 * valid address); were it to, the stamp reads 0, never garbage. */
	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* "name ns\n" into buf if the whole line fits in size bytes; returns its
 * length, or 0 with nothing written, so a reader never sees half a line. */
static inline size_t phase_line(char *buf, size_t size, const char *name, uint64_t ns)
{
	char digits[20];
	size_t name_len = strlen(name), d = 0, len;

	do {
		digits[d++] = (char)('0' + ns % 10);
		ns /= 10;
	} while (ns);
	if (name_len + 1 + d + 1 > size)
		return 0;
	memcpy(buf, name, name_len);
	len = name_len;
	buf[len++] = ' ';
	while (d)
		buf[len++] = digits[--d];
	buf[len++] = '\n';
	return len;
}

/* Stamp the phase name now on fd (nothing when fd < 0). A name too long
 * for PHASE_LINE_MAX is dropped whole; the phase names are short words. */
static inline void write_phase(int fd, const char *name)
{
	char line[PHASE_LINE_MAX];
	int saved_errno = errno;
	size_t len;

	if (fd < 0)
		return;
	len = phase_line(line, sizeof(line), name, (uint64_t)now_ns());
	if (len > 0 && write(fd, line, len) < 0) {
		/* Dropped: a lost stamp only thins the phase plot, and a
		 * closed phase pipe must not stop a container or a VM. */
	}
	errno = saved_errno;
}

#endif
