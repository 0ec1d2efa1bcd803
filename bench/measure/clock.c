/* clock.c - the harness's one clock (see clock.h), and the interrupt flag
 * its sleeps check. */
#include <errno.h>
#include <signal.h>
#include <time.h>

#include "clock.h"

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
