/*
 * watchdog.h - a small process that outlives the harness only to clean up
 * after it: when the harness ends without its own teardown (SIGKILL, a
 * crash, the OOM killer), the watchdog kills every instance left and
 * removes the run's cgroups and temporary folder (sweep.c).
 *
 * The instances the harness forks itself die with it anyway (they ask the
 * kernel for that, backend_util.c's child_die_with_parent), but not all of
 * them are its children: runc's containers are runc's, and a container's
 * cgroup outlives its processes. The watchdog reaches them all by cgroup.
 */
#ifndef BENCH_WATCHDOG_H
#define BENCH_WATCHDOG_H

/* Fork the watchdog. 0, or -1 after a message (the run goes on without
 * one; a later run's clean-up is then the only one). */
int watchdog_start(void);
/* The run is over and torn down: tell the watchdog to leave, and wait
 * for it. */
void watchdog_stop(void);

#endif
