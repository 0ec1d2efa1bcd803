/*
 * clock.c - the guest's clocks against the host's.
 *
 *   clock now         print CLOCK_MONOTONIC in ns (run on the host, it gives
 *                     the host's reading for the script to compare with)
 *   clock sleep MS    nanosleep MS milliseconds; print "elapsed NS" as
 *                     CLOCK_MONOTONIC measured it around the sleep
 *   clock span MS     print "start NS", sleep MS ms, print "end NS":
 *                     guest stamps the script compares with host stamps
 *   clock misc        check gettimeofday, time, clock_getres, REALTIME vs
 *                     MONOTONIC, CPU-time clocks and bad arguments; print "ok"
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(clockid_t clk)
{
	struct timespec ts;

	if (clock_gettime(clk, &ts) != 0) {
		printf("clock_gettime(%d): %s\n", (int)clk, strerror(errno));
		exit(1);
	}
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_ms(long ms)
{
	struct timespec req = {ms / 1000, ms % 1000 * 1000000L};

	if (nanosleep(&req, NULL) != 0) {
		printf("nanosleep: %s\n", strerror(errno));
		exit(1);
	}
}

static int fail(const char *what)
{
	printf("FAIL: %s\n", what);
	return 1;
}

static int misc(void)
{
	struct timeval tv;
	struct timespec ts, bad = {0, 1000000000L};
	long long real = now_ns(CLOCK_REALTIME), mono1, mono2;
	time_t t;

	if (gettimeofday(&tv, NULL) != 0)
		return fail("gettimeofday");
	/* REALTIME and gettimeofday agree within a second. */
	if (llabs(tv.tv_sec - real / 1000000000LL) > 1)
		return fail("gettimeofday disagrees with CLOCK_REALTIME");
	t = time(NULL);
	if (llabs((long long)t - real / 1000000000LL) > 1)
		return fail("time disagrees with CLOCK_REALTIME");
	/* Realtime is a date after 2020 (the host's clock). */
	if (real / 1000000000LL < 1577836800LL)
		return fail("CLOCK_REALTIME before 2020");
	if (clock_getres(CLOCK_MONOTONIC, &ts) != 0 || ts.tv_sec != 0 || ts.tv_nsec <= 0)
		return fail("clock_getres");
	/* Monotonic never goes back. */
	mono1 = now_ns(CLOCK_MONOTONIC);
	for (int i = 0; i < 1000; i++) {
		mono2 = now_ns(CLOCK_MONOTONIC);
		if (mono2 < mono1)
			return fail("CLOCK_MONOTONIC went backwards");
		mono1 = mono2;
	}
	if (now_ns(CLOCK_BOOTTIME) < mono1)
		return fail("CLOCK_BOOTTIME behind CLOCK_MONOTONIC");
	/* CPU time: positive, and a 100 ms sleep adds (almost) none. */
	mono1 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	sleep_ms(100);
	mono2 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	if (mono1 <= 0 || mono2 - mono1 > 50000000LL)
		return fail("CLOCK_PROCESS_CPUTIME_ID counts sleep");
	/* Bad arguments are refused as Linux refuses them. */
	if (syscall(SYS_clock_gettime, 12345, &ts) != -1 || errno != EINVAL)
		return fail("clock_gettime(bad clock) not EINVAL");
	if (nanosleep(&bad, NULL) != -1 || errno != EINVAL)
		return fail("nanosleep(tv_nsec = 1e9) not EINVAL");
	/* An absolute clock_nanosleep in the past returns at once. */
	ts.tv_sec = 0;
	ts.tv_nsec = 0;
	if (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) != 0)
		return fail("clock_nanosleep(TIMER_ABSTIME, past)");
	/* An absolute one 50 ms ahead waits until then. */
	mono1 = now_ns(CLOCK_MONOTONIC);
	ts.tv_sec = (mono1 + 50000000LL) / 1000000000LL;
	ts.tv_nsec = (mono1 + 50000000LL) % 1000000000LL;
	if (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) != 0)
		return fail("clock_nanosleep(TIMER_ABSTIME, +50 ms)");
	if (now_ns(CLOCK_MONOTONIC) < mono1 + 50000000LL)
		return fail("clock_nanosleep(TIMER_ABSTIME) woke early");
	printf("ok\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "now") == 0) {
		printf("%lld\n", now_ns(CLOCK_MONOTONIC));
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "sleep") == 0) {
		long long t0 = now_ns(CLOCK_MONOTONIC);

		sleep_ms(atol(argv[2]));
		printf("elapsed %lld\n", now_ns(CLOCK_MONOTONIC) - t0);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "span") == 0) {
		printf("start %lld\n", now_ns(CLOCK_MONOTONIC));
		sleep_ms(atol(argv[2]));
		printf("end %lld\n", now_ns(CLOCK_MONOTONIC));
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "misc") == 0)
		return misc();
	fprintf(stderr, "usage: clock now | sleep MS | span MS | misc\n");
	return 2;
}
