/*
 * loop.h - the harness's single epoll loop. No thread per instance: one
 * epoll set watches every instance's stdout pipe (for READY) and its pidfd
 * (for its exit), which is what lets a 2-core machine hold a thousand.
 */
#ifndef BENCH_LOOP_H
#define BENCH_LOOP_H

#include <stdint.h>

#include "instance.h"

int loop_init(void);
void loop_finish(void);
/* Watch fd for instance in (data = &in->w_out or &in->w_pid). */
int loop_watch(struct watch *w, int fd);
void loop_unwatch(int fd);

/* Handle events until done(arg) is true (returns 0), until the absolute
 * CLOCK_MONOTONIC deadline (0: none) passes (returns 1), or until an
 * interrupt when stop_on_interrupt (returns -1). */
int loop_wait(int (*done)(void *arg), void *arg, int64_t deadline, int stop_on_interrupt);

/* Predicates over an array of instances, for loop_wait. */
struct inst_set {
	struct instance *v;
	int n;
};
int set_all_settled(void *set); /* each ready, exited or failed */
int set_all_exited(void *set);	/* each reaped (or never started) */
/* Free an array of instances, unless one is still alive: then it stays on
 * the live list for the final teardown, and its memory must stay too. */
void set_free(struct instance *v, int n);

#endif
