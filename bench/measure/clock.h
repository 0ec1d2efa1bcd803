/*
 * clock.h - the harness's one clock (clock.c), also linked into the
 * workload so that its ELAPSED figures are read off the same clock.
 * CLOCK_MONOTONIC never jumps when the wall clock is set, and it is the
 * clock the backends stamp their phases with, so t0, phases, t_ready and
 * the workload's own timings are all on one time line.
 */
#ifndef BENCH_CLOCK_H
#define BENCH_CLOCK_H

#include <signal.h>
#include <stdint.h>

/* CLOCK_MONOTONIC in nanoseconds. Async-signal-safe (clock_gettime is):
 * children stamp phases with it between fork and exec. */
int64_t now_ns(void);
/* Sleep ms milliseconds; a signal cuts it short only when it interrupts
 * the run (bench_interrupted). */
void sleep_ms(int ms);

/* Set by SIGINT/SIGTERM; every wait in the harness checks it. */
extern volatile sig_atomic_t bench_interrupted;

#endif
