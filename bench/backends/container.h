/*
 * container.h - the minictr container backends: `container` (every
 * namespace its own) and `container-sharednet` (the same, but joining one
 * network namespace made once per run) share these.
 */
#ifndef BENCH_CONTAINER_H
#define BENCH_CONTAINER_H

#include <stddef.h>
#include <stdint.h>

#include "backend.h"

struct bench_opts;

int container_prepare(const struct bench_opts *o, char *reason, size_t len);
/* Start the workload in a container; netns: a network namespace to join
 * (a path minictr opens), or NULL for a new one. */
int container_start(struct instance *in, char *const argv[], int want_phases, const char *netns);
int64_t container_cgroup_bytes(const struct instance *in);
void container_stop(struct instance *in);
void container_release(struct instance *in);

#endif
