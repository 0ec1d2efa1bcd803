/*
 * clock.c - time from the TSC.
 *
 * There is no timer device. The VMM reads the guest's TSC and the host's
 * CLOCK_MONOTONIC and CLOCK_REALTIME back to back and hands them over with
 * the TSC rate (bootinfo), so that
 *
 *   guest CLOCK_MONOTONIC = mono_ns + (rdtsc() - tsc) * 10^6 / tsc_khz
 *
 * runs in the host's time base: a stamp taken in the guest can be compared
 * with one taken on the host. Reading the TSC does not leave the guest, so
 * clock_gettime costs one system call and no exit.
 */
#include "kernel.h"

#define NSEC_PER_SEC 1000000000ULL

#define CLOCK_REALTIME		 0
#define CLOCK_MONOTONIC		 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	 3
#define CLOCK_MONOTONIC_RAW	 4
#define CLOCK_REALTIME_COARSE	 5
#define CLOCK_MONOTONIC_COARSE	 6
#define CLOCK_BOOTTIME		 7
#define CLOCK_REALTIME_ALARM	 8
#define CLOCK_BOOTTIME_ALARM	 9
#define CLOCK_TAI		 11
#define TIMER_ABSTIME		 1

struct timespec {
	int64_t sec, nsec;
};

struct timeval {
	int64_t sec, usec;
};

/* Nanoseconds spent in MINIVM_HC_SLEEP: not CPU time. */
static uint64_t slept_ns;

uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* a * b / c with a 128-bit intermediate product: MUL leaves it in RDX:RAX
 * and DIV divides that by c. The quotient must fit 64 bits, which holds
 * for any time under 584 years. */
static uint64_t muldiv(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t q, r;

	__asm__("mulq %[b]\n\tdivq %[c]" : "=a"(q), "=&d"(r) : "0"(a), [b] "r"(b), [c] "r"(c));
	return q;
}

/* Nanoseconds since the VMM read the clocks. */
static uint64_t elapsed_ns(void)
{
	uint64_t now = rdtsc();

	if (now < boot->tsc)
		return 0;
	return muldiv(now - boot->tsc, 1000000, boot->tsc_khz);
}

/* The clock's reading in ns, or -1 for a clock we do not have. */
static int64_t clock_ns(int clk)
{
	switch (clk) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_REALTIME_ALARM:
	case CLOCK_TAI: /* Linux: REALTIME plus a TAI offset, 0 unless set */
		return boot->real_ns + elapsed_ns();
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME: /* Linux: MONOTONIC plus suspended time: none here */
	case CLOCK_BOOTTIME_ALARM:
		return boot->mono_ns + elapsed_ns();
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		/* Linux: CPU time used. We: the VM's lifetime minus its sleeps
		 * (the vCPU may also wait for the host; we cannot see that). */
		return elapsed_ns() - slept_ns;
	default:
		return -1;
	}
}

static void ns_to_timespec(uint64_t ns, struct timespec *ts)
{
	ts->sec = ns / NSEC_PER_SEC;
	ts->nsec = ns % NSEC_PER_SEC;
}

/* Linux: read a clock. We: from the TSC, as above. */
long sys_clock_gettime(int clk, uint64_t ts)
{
	int64_t ns = clock_ns(clk);

	if (ns < 0)
		return -EINVAL;
	if (!user_ok(ts, sizeof(struct timespec)))
		return -EFAULT;
	ns_to_timespec(ns, (struct timespec *)ts);
	return 0;
}

/* Linux: the clock's resolution (1 ns for high-resolution clocks). We: the
 * TSC ticks faster than that, so 1 ns for every clock. */
long sys_clock_getres(int clk, uint64_t ts)
{
	if (clock_ns(clk) < 0)
		return -EINVAL;
	if (!ts)
		return 0;
	if (!user_ok(ts, sizeof(struct timespec)))
		return -EFAULT;
	ns_to_timespec(1, (struct timespec *)ts);
	return 0;
}

/* Linux: REALTIME in microseconds, and an obsolete time zone. We: the
 * same, with the zone as UTC (minutes west 0, no DST). */
long sys_gettimeofday(uint64_t tv, uint64_t tz)
{
	uint64_t ns = clock_ns(CLOCK_REALTIME);

	if (tv) {
		struct timeval *t = (struct timeval *)tv;

		if (!user_ok(tv, sizeof(*t)))
			return -EFAULT;
		t->sec = ns / NSEC_PER_SEC;
		t->usec = ns % NSEC_PER_SEC / 1000;
	}
	if (tz) {
		if (!user_ok(tz, 8))
			return -EFAULT;
		memset((void *)tz, 0, 8);
	}
	return 0;
}

/* Linux: REALTIME seconds, also stored at t if given. We: the same. */
long sys_time(uint64_t t)
{
	int64_t sec = clock_ns(CLOCK_REALTIME) / NSEC_PER_SEC;

	if (t) {
		if (!user_ok(t, sizeof(int64_t)))
			return -EFAULT;
		*(int64_t *)t = sec;
	}
	return sec;
}

/* Read a timespec argument as ns; -EINVAL for a malformed one. */
static int64_t timespec_arg(uint64_t p)
{
	const struct timespec *ts = (const struct timespec *)p;

	if (!user_ok(p, sizeof(*ts)))
		return -EFAULT;
	if (ts->sec < 0 || ts->nsec < 0 || (uint64_t)ts->nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if ((uint64_t)ts->sec >= INT64_MAX / NSEC_PER_SEC)
		return INT64_MAX; /* "forever" */
	return ts->sec * NSEC_PER_SEC + ts->nsec;
}

/* Sleep on the host for ns; on -EINTR (the VMM is being stopped) write
 * what was left to rem, as Linux does. */
static long sleep_ns(uint64_t ns, uint64_t rem)
{
	uint64_t start = elapsed_ns(), done;
	long r = host_sleep(ns);

	done = elapsed_ns() - start;
	slept_ns += done;
	if (r == -EINTR && rem && user_ok(rem, sizeof(struct timespec)))
		ns_to_timespec(done < ns ? ns - done : 0, (struct timespec *)rem);
	return r;
}

/* Linux: suspend the thread for a relative time. We: the vCPU waits on
 * the host (MINIVM_HC_SLEEP), one exit. */
long sys_nanosleep(uint64_t req, uint64_t rem)
{
	int64_t ns = timespec_arg(req);

	if (ns < 0)
		return ns;
	return sleep_ns(ns, rem);
}

/* Linux: the same against a given clock, relative or absolute. We: the
 * same; an absolute time is turned into a relative one first. */
long sys_clock_nanosleep(int clk, int flags, uint64_t req, uint64_t rem)
{
	int64_t ns = timespec_arg(req), now;

	if (clk == CLOCK_THREAD_CPUTIME_ID || clk == CLOCK_PROCESS_CPUTIME_ID)
		return -EINVAL; /* Linux: not for sleeping on CPU time either */
	now = clock_ns(clk);
	if (now < 0)
		return -EINVAL;
	if (ns < 0)
		return ns;
	if (flags & TIMER_ABSTIME) {
		if (ns <= now)
			return 0;
		return sleep_ns(ns - now, 0);
	}
	return sleep_ns(ns, rem);
}

/* Linux: wait for a signal. We: no signal will come, so wait until the VMM
 * stops us (an hour per exit), then say -EINTR as Linux would. */
long sys_pause(void)
{
	while (sleep_ns(3600 * NSEC_PER_SEC, 0) != -EINTR)
		;
	return -EINTR;
}
