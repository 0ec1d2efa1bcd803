/* loop.c - the single epoll loop (see loop.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "backends/backend.h"
#include "bench.h"
#include "instance.h"
#include "loop.h"

static int epfd = -1;

int loop_init(void)
{
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0) {
		fprintf(stderr, "bench: epoll_create1: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

void loop_finish(void)
{
	close_fd(&epfd);
}

int loop_watch(struct watch *w, int fd)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.ptr = w};

	return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

void loop_unwatch(int fd)
{
	epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
}

int loop_wait(int (*done)(void *arg), void *arg, int64_t deadline, int stop_on_interrupt)
{
	struct epoll_event evs[64];

	while (!done(arg)) {
		int timeout_ms = 1000, n;

		if (stop_on_interrupt && bench_interrupted)
			return -1;
		if (deadline > 0) {
			int64_t left = deadline - now_ns();

			if (left <= 0)
				return 1;
			timeout_ms = (int)(left / 1000000) + 1;
			if (timeout_ms > 1000)
				timeout_ms = 1000;
		}
		n = epoll_wait(epfd, evs, 64, timeout_ms);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "bench: epoll_wait: %s\n", strerror(errno));
			return -1;
		}
		for (int i = 0; i < n; i++) {
			struct watch *w = evs[i].data.ptr;

			if (w->kind == WATCH_OUT)
				instance_on_output(w->in);
			else
				instance_on_exit(w->in);
		}
	}
	return 0;
}

int set_all_settled(void *arg)
{
	struct inst_set *s = arg;

	for (int i = 0; i < s->n; i++)
		if (!s->v[i].ready && !s->v[i].exited && !s->v[i].failed)
			return 0;
	return 1;
}

int set_all_exited(void *arg)
{
	struct inst_set *s = arg;

	/* An entry never initialized (be == NULL) has nothing to wait for. */
	for (int i = 0; i < s->n; i++)
		if (s->v[i].be != NULL && !s->v[i].exited)
			return 0;
	return 1;
}

void set_free(struct instance *v, int n)
{
	struct inst_set s = {v, n};

	if (set_all_exited(&s))
		free(v);
	else
		fprintf(stderr, "bench: instances still alive; kept for the final teardown\n");
}
