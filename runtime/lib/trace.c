/*
 * trace.c - `minictr run --trace`: every step of a container's start on
 * stderr, as it happens: the parent's (cgroup, clone, id maps, waiting for
 * the exec) and the child's between clone and execve (cgroup join, each
 * namespace, each mount, pivot_root, capabilities, no_new_privs, seccomp,
 * execve), then the exit.
 *
 * A line: "minictr  TIME ms  +DELTA  STEP  what it did", TIME since the
 * start of minictr_start and DELTA since the line before, so a step's DELTA
 * is what it cost. The child may only make plain system calls (child.h:
 * it shares the parent's memory, no stdio, no malloc), so a line is built
 * by hand in a buffer on the stack and written with one write(2): a pipe
 * or terminal gets it whole even when the parent writes at the same time.
 * With a user namespace the parent writes the id maps while the child
 * runs; then a DELTA may be measured from the other side's line.
 */
#include <stdint.h>
#include <time.h>
#include <sched.h>
#include <unistd.h>

#include "internal.h"
#include "phase_stamp.h"
#include "trace.h"

__thread int mc_trace_fd = -1;
static __thread uint64_t trace_t0, trace_last;

/* The clock only when tracing: the first clock_gettime faults in the
 * vDSO's code and data pages, two page faults (about 3 µs under PVM) that
 * an untraced start does not need. */
void mc_trace_begin(int fd)
{
	mc_trace_fd = fd;
	if (fd >= 0)
		trace_t0 = trace_last = now_ns();
}

/* ns as milliseconds with 3 decimals, right-aligned in width, with a "+"
 * in front when sign. Returns the length. */
static size_t put_ms(char *p, uint64_t ns, int width, int sign)
{
	char tmp[32];
	uint64_t us = ns / 1000;
	size_t len = 0;
	int n = 0;

	do {
		if (n == 3)
			tmp[n++] = '.';
		tmp[n++] = (char)('0' + us % 10);
		us /= 10;
	} while ((us || n < 5) && n < 28);
	if (sign)
		tmp[n++] = '+';
	while (width-- > n)
		p[len++] = ' ';
	while (n)
		p[len++] = tmp[--n];
	return len;
}

/* Copy s (at most max bytes) and pad with spaces to width. */
static size_t put_str(char *p, const char *s, size_t max, size_t width)
{
	size_t len = 0;

	while (s && s[len] && len < max) {
		p[len] = s[len];
		len++;
	}
	while (len < width)
		p[len++] = ' ';
	return len;
}

void mc_trace(const char *step, const char *what, const char *arg)
{
	char line[320];
	uint64_t now = now_ns();
	uint64_t delta = now > trace_last ? now - trace_last : 0;
	size_t n;

	if (mc_trace_fd < 0)
		return;
	n = put_str(line, "minictr", 7, 7);
	n += put_ms(line + n, now - trace_t0, 10, 0);
	n += put_str(line + n, " ms ", 4, 4);
	n += put_ms(line + n, delta, 8, 1);
	n += put_str(line + n, "  ", 2, 2);
	n += put_str(line + n, step, 40, 26);
	n += put_str(line + n, " ", 1, 1);
	n += put_str(line + n, what, 120, 0);
	n += put_str(line + n, arg, 120, 0);
	line[n++] = '\n';
	trace_last = now;
	if (write(mc_trace_fd, line, n) < 0) {
		/* stderr is gone: nothing to trace to, and no reason to stop */
	}
}

void mc_trace_clone(unsigned long flags)
{
	/* What each flag of mc_clone_flags() gives (namespaces.c says why). */
	mc_trace("clone",
		 (flags & CLONE_NEWUSER) ? "new pid, mount, user namespaces; "
					   "CLONE_VM: on our memory, we wait on a pipe"
					 : "new pid and mount namespaces; CLONE_VM|CLONE_VFORK: "
					   "on our memory, we sleep until its exec",
		 NULL);
}
