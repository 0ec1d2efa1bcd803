/*
 * cgroup.h - a memory cgroup of its own for each instance that has none
 * from its runtime (process, microvm), under cgroup v1's memory controller
 * or cgroup v2, whichever the host has.
 */
#ifndef BENCH_CGROUP_H
#define BENCH_CGROUP_H

#include <stddef.h>
#include <stdint.h>

/* "v1", "v2", "hybrid" (v1 controllers plus an empty v2 tree) or "none". */
const char *cgroup_version(void);
/* Find the memory controller and make the harness's parent cgroup
 * (vmbench-PID; a dead run's of that name is removed first). Returns 0;
 * -1 with a reason when there are no memory cgroups here (then instances
 * run without a cgroup figure); -2 with a reason when a dead run's
 * cgroup of our name cannot be removed (the run must not go on). */
int cgroup_init(char *reason, size_t len);
/* Make a new cgroup for instance id; its path into path. 0 (path is ""
 * when the run has no cgroups), or -1 with errno (EEXIST: it was there
 * already, and is not taken), path naming the one that failed. */
int cgroup_create(int id, char *path, size_t len);
/* Move the calling process into path (the child, before exec or run).
 * Async-signal-safe: no allocation, no stdio. */
int cgroup_join_self(const char *path);
/* Bytes charged to the cgroup, kernel memory included; -1 on error. */
int64_t cgroup_usage(const char *path);
/* Remove an empty cgroup (retrying a moment while the kernel lets go of
 * the last task). 0 or -1 (+stderr). */
int cgroup_remove(const char *path);
/* Remove the harness's parent cgroup. */
void cgroup_finish(void);

#endif
