/* clock.c - the harness's sleep, and the interrupt flag it checks (see
 * clock.h; the clock itself, now_ns, is common/phase_stamp.h). */
#include <errno.h>
#include <signal.h>
#include <time.h>

#include "clock.h"

volatile sig_atomic_t bench_interrupted;

void sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR && !bench_interrupted)
		;
}
