/*
 * selfcost.c - what the harness itself adds to each sample: the same
 * bookkeeping as a real launch/wait cycle (two clock reads, a pipe, epoll
 * registration, a wait, a read and the READY check, unregistration),
 * with the instance replaced by a write into the pipe. Its median goes
 * into env.csv as harness_overhead_ns: start-up figures smaller than a
 * few times this are below what the harness can resolve.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "backends/backend.h"
#include "bench.h"
#include "selfcost.h"
#include "stats.h"

#define CYCLES 200

static int64_t one_cycle(int epfd)
{
	struct epoll_event ev = {.events = EPOLLIN}, got;
	int fds[2];
	int64_t t0, t1 = 0;

	if (open_pipe(fds) != 0)
		return -1;
	t0 = now_ns();
	if (write(fds[1], "READY\n", 6) == 6 && epoll_ctl(epfd, EPOLL_CTL_ADD, fds[0], &ev) == 0) {
		char buf[64];

		if (epoll_wait(epfd, &got, 1, 1000) == 1 && read(fds[0], buf, sizeof(buf)) > 0 &&
		    strncmp(buf, "READY", 5) == 0)
			t1 = now_ns();
		epoll_ctl(epfd, EPOLL_CTL_DEL, fds[0], NULL);
	}
	close(fds[0]);
	close(fds[1]);
	return t1 ? t1 - t0 : -1;
}

int64_t measure_harness_overhead(void)
{
	double v[CYCLES];
	struct summary s;
	int n = 0, epfd = epoll_create1(EPOLL_CLOEXEC);

	if (epfd < 0)
		return -1;
	for (int i = 0; i < CYCLES; i++) {
		int64_t ns = one_cycle(epfd);

		if (ns >= 0)
			v[n++] = (double)ns;
	}
	close(epfd);
	if (n == 0)
		return -1;
	summarize(v, (size_t)n, &s);
	return (int64_t)s.p50;
}
