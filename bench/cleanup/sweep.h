/*
 * sweep.h - what a run leaves on the host, found and removed by name after
 * the run is dead: its cgroups and its temporary folder. The names carry
 * the run's pid (the harness's getpid()):
 *
 *   vmbench-PID-ID       an instance's cgroup: the process and microVM
 *                        ones (backend_util.c) and minictr's containers
 *                        (container.c), all made by the runtime's cgroup
 *                        module where it makes containers (minictr_cgroup.h);
 *                        runc's (runc.c) in the harness's own cgroup of
 *                        every hierarchy
 *   vmbench-PID          the parent of i1, i2, ... that older versions of
 *                        the harness made at the root of the memory
 *                        hierarchy: still swept
 *   /tmp/vmbench-runc.PID.XXXXXX   runc's bundles and state (runc.c)
 *
 * An instance that outlived its run is in one of these cgroups, so
 * removing a cgroup first kills what is in it.
 */
#ifndef BENCH_SWEEP_H
#define BENCH_SWEEP_H

#include <stddef.h>
#include <sys/types.h>

struct sweep_tally {
	int procs;   /* processes killed */
	int cgroups; /* cgroup directories removed */
	int dirs;    /* temporary folders removed */
	int failed;  /* things that could not be removed */
};

/* Kill every process in the cgroup directory dir and in its children,
 * then remove them all. 0, or -1 with errno (what is left is counted in
 * t->failed). */
int sweep_cgroup(const char *dir, struct sweep_tally *t);
/* Remove a folder and everything in it, never crossing into another
 * file system. 0 or -1 with errno. */
int remove_tree(const char *dir);
/* Everything run `owner` left behind. */
void sweep_run(pid_t owner, struct sweep_tally *t);
/* Is pid a live process (not a zombie)? In doubt, yes. */
int sweep_owner_alive(pid_t pid);
/* Count, without touching, what run `owner` has now: processes in its
 * cgroups (procs), its cgroups (cgroups) and temporary folders (dirs). */
void sweep_census(pid_t owner, struct sweep_tally *t);
/* At the start of a run: the leftovers of every run whose harness is no
 * longer alive (and of one that had our pid: it cannot be alive either).
 * Says on stderr what it removed and returns the same as one line in
 * summary (for env.csv; "" when nothing). Returns the number of dead
 * runs swept. */
int sweep_stale(char *summary, size_t cap);

#endif
