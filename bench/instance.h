/*
 * instance.h - the life of one instance as the harness sees it: launch
 * (t0), output lines (READY -> t_ready, ELAPSED), exit (t_exit), phases.
 * Every launched instance is on the "live" list until it has been reaped
 * and released, so that Ctrl-C can tear down whatever is running.
 */
#ifndef BENCH_INSTANCE_H
#define BENCH_INSTANCE_H

#include "backends/backend.h"

void instance_init(struct instance *in, const struct backend *be);
/* Stamp t0, launch, watch it. Returns 0, or -1 with in->failed and
 * in->reason set (then in->exited is also 1: there is nothing to wait for). */
int instance_launch(struct instance *in, char *const argv[], int want_phases);
/* Called by the loop: output is readable / the top process has exited. */
void instance_on_output(struct instance *in);
void instance_on_exit(struct instance *in);
/* Give up on an instance: mark it failed with reason, and stop it. */
void instance_fail(struct instance *in, const char *reason);
/* Ask it to end (no wait). */
void instance_stop(struct instance *in);
/* One phrase for why an instance ended without doing its job. */
void instance_explain(struct instance *in);
/* The first live instance (for the teardown of an interrupted run). */
struct instance *instance_live_first(void);
int instance_live_count(void);
/* The value of "KEY rest" in the captured output, or NULL. */
const char *instance_output_value(const struct instance *in, const char *key, char *buf,
				  size_t cap);

#endif
