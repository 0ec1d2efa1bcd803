/*
 * minictr_cgroup.h - the runtime's cgroup module for a plain process: a
 * memory cgroup of its own, made, joined, read and removed by the same
 * code and the same rules as a container's (runtime/lib/cgroup.c). The
 * harness uses it for the instances that have no runtime of their own
 * (a plain process, a microVM), so every backend's cgroup figure comes
 * from one implementation.
 *
 * Where: under the caller's own memory cgroup (v1), or where the runtime
 * makes containers (v2: the caller's cgroup, or the one above it when the
 * caller's cannot hand the memory controller down). No limits are set.
 */
#ifndef MINICTR_CGROUP_H
#define MINICTR_CGROUP_H

#include <stdint.h>

struct minictr_cgroup;

/* "v1", "v2", "hybrid" (v1 controllers plus an empty v2 tree) or "none". */
const char *minictr_cgroup_version(void);
/* The directory the cgroups are made in; "" when there is no memory
 * cgroup controller (then minictr_cgroup_create fails with ENOENT). */
const char *minictr_cgroup_where(void);
/* Make a new cgroup NAME there. NULL with errno: EEXIST when one of that
 * name is there already (never used: its processes and figures are not
 * ours), ENOENT when there are no memory cgroups, else mkdir's error. */
struct minictr_cgroup *minictr_cgroup_create(const char *name);
/* Its directory. */
const char *minictr_cgroup_path(const struct minictr_cgroup *cg);
/* Move the calling process into it. Async-signal-safe (open, write, close:
 * for a child between fork and exec). 0, or -errno. */
int minictr_cgroup_join(const struct minictr_cgroup *cg);
/* Bytes charged to it, kernel memory included; -1 if unknown. */
int64_t minictr_cgroup_memory(const struct minictr_cgroup *cg);
/* Kill what is left in it, remove it (waiting for the kernel to let go of
 * the last task), free cg. NULL is allowed. */
void minictr_cgroup_remove(struct minictr_cgroup *cg);

#endif
