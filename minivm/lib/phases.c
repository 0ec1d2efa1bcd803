/*
 * phases.c - start-up phase stamps (CLOCK_MONOTONIC, ns).
 *
 * The stamps are kept in memory while the VM starts and written in one
 * write() when the run is over, so that stamping costs a clock read and no
 * system call on the start-up path it measures. (clock_gettime on
 * CLOCK_MONOTONIC is served by the vDSO: no system call either.) The same
 * recorder serves minivm's own guest and the Linux boot (../linux/); it
 * uses no stdio, so a signal handler may stamp and write too.
 */
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vm.h"

/* The names of minivm.h, in enum mv_phase order. */
static const char *const phase_names[MV_PHASE_COUNT] = {
    "start",	    "kvm_opened",    "vm_created",    "memory_mapped",
    "vcpu_ready",   "guest_entered", "first_syscall", "first_output",
    "init_started", "ready",	     "program_exit",  "vm_destroyed",
};

uint64_t mv_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Only the first stamp of a phase counts (a guest may report one twice). */
void mv_phase_stamp(struct mv_phases *p, enum mv_phase id)
{
	if (id < MV_PHASE_COUNT && p->ns[id] == 0)
		p->ns[id] = mv_now_ns();
}

uint64_t mv_phase_from_tsc(const struct mv_tsc_clock *c, uint64_t tsc, uint64_t from_ns,
			   uint64_t to_ns)
{
	if (tsc == 0 || tsc < c->tsc || c->khz == 0)
		return 0;
	/* ns = ticks * 10^6 / khz, split so that hours of ticks cannot
	 * overflow 64 bits. */
	uint64_t ticks = tsc - c->tsc;
	uint64_t ns = c->mono_ns + ticks / c->khz * 1000000 + ticks % c->khz * 1000000 / c->khz;
	return ns >= from_ns && ns <= to_ns ? ns : 0;
}

/* Append "name ns\n" to buf if it fits whole; returns the new length. */
static size_t append_line(char *buf, size_t len, size_t size, const char *name, uint64_t ns)
{
	char digits[20]; /* 2^64 has 20 decimal digits */
	size_t nlen = strlen(name), d = 0;

	do {
		digits[d++] = (char)('0' + ns % 10);
		ns /= 10;
	} while (ns);
	if (nlen + 1 + d + 1 > size - len)
		return len;
	memcpy(buf + len, name, nlen);
	len += nlen;
	buf[len++] = ' ';
	while (d)
		buf[len++] = digits[--d];
	buf[len++] = '\n';
	return len;
}

size_t mv_phases_format(const struct mv_phases *p, char *buf, size_t size)
{
	size_t len = 0;

	for (int i = 0; i < MV_PHASE_COUNT; i++) {
		size_t before = len;

		if (p->ns[i] == 0)
			continue;
		len = append_line(buf, len, size, phase_names[i], p->ns[i]);
		if (len == before)
			break; /* full: the lines written so far are whole */
	}
	return len;
}

int mv_phases_write(const struct mv_phases *p, int fd)
{
	char buf[MV_PHASE_COUNT * 48];
	size_t len = mv_phases_format(p, buf, sizeof(buf));
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}
