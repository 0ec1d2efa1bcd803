/*
 * clock.h - the harness's clock: now_ns, the project's one clock
 * (common/phase_stamp.h), which the workload reads too, so that its
 * ELAPSED figures are read off the same clock. CLOCK_MONOTONIC never jumps
 * when the wall clock is set, and it is the clock the backends, minictr
 * and minivm stamp their phases with, so t0, phases, t_ready and the
 * workload's own timings are all on one time line. Also the harness's
 * sleep and the interrupt flag (clock.c).
 */
#ifndef BENCH_CLOCK_H
#define BENCH_CLOCK_H

#include <signal.h>
#include <stdint.h>

#include "phase_stamp.h" /* now_ns: CLOCK_MONOTONIC in ns, async-signal-safe */

/* Sleep ms milliseconds; a signal cuts it short only when it interrupts
 * the run (bench_interrupted). */
void sleep_ms(int ms);

/* Set by SIGINT/SIGTERM; every wait in the harness checks it. */
extern volatile sig_atomic_t bench_interrupted;

#endif
