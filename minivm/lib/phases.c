/*
 * phases.c - start-up phase stamps (CLOCK_MONOTONIC, ns).
 *
 * The stamps are kept in memory while the VM starts and written in one
 * write() when the run is over, so that stamping costs a clock read and no
 * system call on the start-up path it measures. (clock_gettime on
 * CLOCK_MONOTONIC is served by the vDSO: no system call either.) The clock
 * and the "name ns" line are the project's own (common/phase_stamp.h), the
 * ones the harness and minictr write with. The same recorder serves
 * minivm's own guest and the Linux boot (../linux/); it uses no stdio, so
 * a signal handler may stamp and write too.
 */
#include <errno.h>
#include <unistd.h>

#include "phase_stamp.h"
#include "vm.h"
#include "write_all.h"

/* The names of minivm.h, in enum mv_phase order. */
static const char *const phase_names[MV_PHASE_COUNT] = {
    "start",   "kvm_opened",	"vm_created",	 "memory_mapped", "vcpu_ready",
    "resumed", "guest_entered", "first_syscall", "first_output",  "init_started",
    "ready",   "program_exit",	"vm_destroyed",
};

/* Only the first stamp of a phase counts (a guest may report one twice). */
void mv_phase_stamp(struct mv_phases *p, enum mv_phase id)
{
	if (id < MV_PHASE_COUNT && p->ns[id] == 0)
		p->ns[id] = (uint64_t)now_ns();
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

size_t mv_phases_format(const struct mv_phases *p, char *buf, size_t size)
{
	size_t len = 0;
	/* A VM that passed a gate (gate.c) was built before its user's clock
	 * started: its earlier stamps would read as negative times there.
	 * Its story starts at `resumed`. */
	int first = p->ns[MV_PHASE_RESUMED] ? MV_PHASE_RESUMED : 0;

	for (int i = first; i < MV_PHASE_COUNT; i++) {
		size_t n;

		if (p->ns[i] == 0)
			continue;
		n = phase_line(buf + len, size - len, phase_names[i], p->ns[i]);
		if (n == 0)
			break; /* full: the lines written so far are whole */
		len += n;
	}
	return len;
}

int mv_phases_write(const struct mv_phases *p, int fd)
{
	char buf[MV_PHASE_COUNT * 48];
	size_t len = mv_phases_format(p, buf, sizeof(buf));

	return write_all(fd, buf, len);
}
