/*
 * environment.h - the machine a run was measured on, written into env.csv
 * (environment.c): kernel, CPU, cores, KVM flavour, cgroup version,
 * compiler, git commit, and the run's options.
 */
#ifndef BENCH_ENVIRONMENT_H
#define BENCH_ENVIRONMENT_H

#include "bench.h"

/* Fill env.csv's description of the host and of the run (files/results.h). */
void describe_environment(const struct bench_opts *o);

#endif
