/*
 * snaptemplate.h - what the two warm microVM backends share (microvm-snap
 * starts a VM from a template at each launch, microvm-pool before it): the
 * run's snapshot templates, and the forked child that runs one VM from
 * them.
 */
#ifndef BENCH_SNAPTEMPLATE_H
#define BENCH_SNAPTEMPLATE_H

#include <stddef.h>

#include "vmfork.h"

struct bench_opts;

/* In prepare: the templates this run uses, made once however many
 * backends ask (one per guest memory size: minivm's default, and the
 * `mem` workload's, the same sizes as the cold microvm). 0, or -1 with
 * "unsupported here: ..." in reason. Each successful call is matched by
 * one snap_templates_put() in the backend's finish; the last frees them. */
int snap_templates_get(const struct bench_opts *o, char *reason, size_t len);
void snap_templates_put(void);

/* In a forked child, after vm_child_begin: fds 0 /dev/null, 1 and 2 the
 * output pipe, 3 the phase pipe (or closed), 4 the template for argv, 5
 * and 6 the gate's "paused" and "go" ends (or closed; minivm.h's
 * gate_ready_fd and gate_fd), every other fd closed; then the VM runs and
 * the child _exits with its status. gate_ready and gate are the child's
 * ends of the gate pipes, or -1 for none. Never returns. */
void snap_child_run(const struct vm_child_ctx *c, int gate_ready, int gate);

#endif
