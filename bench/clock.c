/*
 * clock.c - the harness's one clock. CLOCK_MONOTONIC never jumps when the
 * wall clock is set, and it is the clock the backends stamp their phases
 * with, so t0, phases and t_ready are all on one time line.
 */
#include <errno.h>
#include <time.h>

#include "bench.h"

volatile sig_atomic_t bench_interrupted;

int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR && !bench_interrupted)
		;
}
