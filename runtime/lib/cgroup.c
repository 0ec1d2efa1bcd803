/*
 * cgroup.c - the container's own cgroup: created next to (under) the
 * caller's, limits written, the container's first process put in, memory
 * usage and OOM kills read, and removed at the end.
 *
 * cgroup v1 (the project's build hosts, in hybrid mode): one directory per
 * controller hierarchy,
 *   memory: memory.limit_in_bytes, memory.usage_in_bytes (on kernels since
 *           4.x kernel memory - slab, page tables, kernel stacks - is charged
 *           to the same counter, so usage includes it; the separate
 *           memory.kmem.limit_in_bytes is deprecated and left alone),
 *           OOM kills counted as "oom_kill N" in memory.oom_control;
 *   pids:   pids.max.
 * cgroup v2 (most distributions): one directory with memory.max,
 *   memory.current, memory.events ("oom_kill N") and pids.max; the
 *   controllers must be enabled in the parent's cgroup.subtree_control.
 *
 * The directories are found once per process from /proc/self/cgroup and
 * /proc/self/mountinfo (cgroup_find.c) and remembered.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <linux/magic.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

struct cg_base {
	char v2_parent[PATH_MAX];      /* v2: where container cgroups are made */
	int v2_mem, v2_pids;	       /* v2: controllers enabled there */
	int mem_version, pids_version; /* MC_CG_* */
	char mem[PATH_MAX], pids[PATH_MAX];
};

static struct cg_base base;

static void v2_choose_parent(void);

static char cgroup_text[8192]; /* /proc/self/cgroup */

/* The usual places, as mountinfo lines for the same parser: v1 memory at
 * /sys/fs/cgroup/memory, else the unified hierarchy at /sys/fs/cgroup. */
static const char usual_mounts[] = "0 0 0:0 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n"
				   "0 0 0:0 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n";

/* Is dir really our memory cgroup of that version? It exists, sits on a
 * cgroup file system of that version and (v1) belongs to the memory
 * hierarchy. A hierarchy mounted elsewhere, or showing only a subtree (in
 * some containers), fails this and the caller reads mountinfo instead. */
static int usual_place_holds(const char *dir, int version)
{
	char file[PATH_MAX + 32];
	struct statfs st;

	if (statfs(dir, &st) < 0)
		return 0;
	if (version == MC_CG_V2)
		return st.f_type == CGROUP2_SUPER_MAGIC;
	snprintf(file, sizeof(file), "%s/memory.usage_in_bytes", dir);
	return st.f_type == CGROUP_SUPER_MAGIC && access(file, F_OK) == 0;
}

static int read_mountinfo(char *buf, size_t size)
{
	return mc_read_file("/proc/self/mountinfo", buf, size) < 0 ? -1 : 0;
}

/* The memory cgroup: from /proc/self/cgroup, and the mount point from
 * /proc/self/mountinfo - unless the usual place checks out, which saves
 * reading mountinfo (about 0.1 ms in a fresh process on a 2-core AMD
 * EPYC PVM VM, 2026-11-27, and each container start is one). */
static void find_base_once(void)
{
	int r;

	if (mc_read_file("/proc/self/cgroup", cgroup_text, sizeof(cgroup_text)) < 0)
		return;
	r = mc_cgroup_find(cgroup_text, usual_mounts, "memory", base.mem, sizeof(base.mem));
	if (r <= 0 || !usual_place_holds(base.mem, r)) {
		static char mountinfo[65536];

		if (read_mountinfo(mountinfo, sizeof(mountinfo)) < 0)
			return;
		r = mc_cgroup_find(cgroup_text, mountinfo, "memory", base.mem, sizeof(base.mem));
	}
	base.mem_version = r > 0 ? r : MC_CG_NONE;
	if (base.mem_version == MC_CG_V2)
		v2_choose_parent();
}

/* The pids cgroup (v1), only needed for a pids limit: from mountinfo. */
static void find_pids_once(void)
{
	static char mountinfo[65536];
	int r;

	if (!cgroup_text[0] || read_mountinfo(mountinfo, sizeof(mountinfo)) < 0)
		return;
	r = mc_cgroup_find(cgroup_text, mountinfo, "pids", base.pids, sizeof(base.pids));
	base.pids_version = r > 0 ? r : MC_CG_NONE;
}

/* Once per process, also when several threads start containers at once. */
static void find_base(int need_pids)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT, pids_once = PTHREAD_ONCE_INIT;

	pthread_once(&once, find_base_once);
	if (need_pids)
		pthread_once(&pids_once, find_pids_once);
}

/* v2: is the controller available in dir, and enabled for its children?
 * Returns 0, -ENOENT (not available), or the error of enabling it: EBUSY
 * when dir has processes of its own (the v2 "no internal processes" rule:
 * a cgroup that hands controllers to its children may hold no process). */
static int v2_enable(const char *dir, const char *controller)
{
	char path[PATH_MAX + 32], text[512], word[32];

	snprintf(path, sizeof(path), "%s/cgroup.controllers", dir);
	if (mc_read_file(path, text, sizeof(text)) < 0 || !strstr(text, controller))
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/cgroup.subtree_control", dir);
	if (mc_read_file(path, text, sizeof(text)) >= 0 && strstr(text, controller))
		return 0;
	snprintf(word, sizeof(word), "+%s", controller);
	return mc_write_file(path, word);
}

/* v2: where to create containers. Under our own cgroup if it can hand
 * memory and pids down (a delegated subtree, e.g. systemd-run --scope -p
 * Delegate=yes); usually it cannot, since we are in it (EBUSY): then next
 * to it, under its parent (a systemd slice, which holds no processes).
 * Enabling a controller in subtree_control is a setting of that cgroup and
 * stays, as systemd and runc leave it. */
static void v2_choose_parent(void)
{
	int m, p;

	snprintf(base.v2_parent, sizeof(base.v2_parent), "%s", base.mem);
	m = v2_enable(base.v2_parent, "memory");
	p = v2_enable(base.v2_parent, "pids");
	if (m == -EBUSY || p == -EBUSY) {
		char *slash = strrchr(base.v2_parent, '/');

		if (slash && slash != base.v2_parent) {
			*slash = '\0';
			m = v2_enable(base.v2_parent, "memory");
			p = v2_enable(base.v2_parent, "pids");
			if (m < 0 && p < 0) /* no better there: back to our own */
				snprintf(base.v2_parent, sizeof(base.v2_parent), "%s", base.mem);
		}
	}
	base.v2_mem = m == 0;
	base.v2_pids = p == 0;
}

static int make_dir(char *out, size_t size, const char *parent, const char *name)
{
	if ((size_t)snprintf(out, size, "%s/%s", parent, name) >= size)
		return -ENAMETOOLONG;
	if (mkdir(out, 0755) < 0) {
		int e = errno;
		out[0] = '\0';
		return -e;
	}
	return 0;
}

static int write_limit(const char *dir, const char *file, uint64_t value)
{
	char path[PATH_MAX + 64], text[32];
	int r;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	snprintf(text, sizeof(text), "%llu", (unsigned long long)value);
	r = mc_write_file(path, text);
	if (r < 0)
		mc_err("write %s (%s): %s", path, text, strerror(-r));
	return r;
}

static int has_file(const char *dir, const char *file)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return access(path, F_OK) == 0;
}

/* Say once per process that a controller is missing. */
static void warn_missing(int quiet, const char *what, const char *why)
{
	static int said_mem, said_pids;
	int *said = !strcmp(what, "memory") ? &said_mem : &said_pids;

	if (*said)
		return;
	*said = 1;
	mc_warn(quiet, "no %s cgroup (%s): running without the %s limit", what, why, what);
}

static int create_v1(struct mc_cgroup *cg, const char *name, uint64_t mem, uint64_t pids, int quiet)
{
	int r;

	if (base.mem_version == MC_CG_V1) {
		r = make_dir(cg->mem_dir, sizeof(cg->mem_dir), base.mem, name);
		if (r < 0 && mem)
			warn_missing(quiet, "memory", strerror(-r));
		if (r == 0 && mem) {
			if (write_limit(cg->mem_dir, "memory.limit_in_bytes", mem) < 0)
				return -1;
			/* Memory plus swap, where swap accounting is on: the
			 * same figure, so the limit cannot be dodged by
			 * swapping. */
			if (has_file(cg->mem_dir, "memory.memsw.limit_in_bytes") &&
			    write_limit(cg->mem_dir, "memory.memsw.limit_in_bytes", mem) < 0)
				return -1;
		}
	} else if (mem) {
		warn_missing(quiet, "memory", "controller not mounted");
	}
	/* A pids cgroup only for a pids limit: the memory cgroup alone
	 * already holds the container (for usage, and to kill what is left),
	 * and a second mkdir, join and rmdir cost time. */
	if (base.pids_version == MC_CG_V1 && pids) {
		r = make_dir(cg->pids_dir, sizeof(cg->pids_dir), base.pids, name);
		if (r < 0)
			warn_missing(quiet, "pids", strerror(-r));
		if (r == 0 && write_limit(cg->pids_dir, "pids.max", pids) < 0)
			return -1;
	} else if (pids) {
		warn_missing(quiet, "pids", "controller not mounted");
	}
	return 0;
}

static int create_v2(struct mc_cgroup *cg, const char *name, uint64_t mem, uint64_t pids, int quiet)
{
	int r;

	r = make_dir(cg->mem_dir, sizeof(cg->mem_dir), base.v2_parent, name);
	if (r < 0) {
		if (mem || pids)
			warn_missing(quiet, mem ? "memory" : "pids", strerror(-r));
		return 0;
	}
	if (mem && !base.v2_mem)
		warn_missing(quiet, "memory", "not enabled in cgroup.subtree_control");
	if (pids && !base.v2_pids)
		warn_missing(quiet, "pids", "not enabled in cgroup.subtree_control");
	if (mem && base.v2_mem) {
		if (write_limit(cg->mem_dir, "memory.max", mem) < 0)
			return -1;
		if (has_file(cg->mem_dir, "memory.swap.max") &&
		    write_limit(cg->mem_dir, "memory.swap.max", 0) < 0)
			return -1;
	}
	if (pids && base.v2_pids && write_limit(cg->mem_dir, "pids.max", pids) < 0)
		return -1;
	return 0;
}

/* Create the cgroup(s) for a container called name, with its limits (0: no
 * limit). A missing controller, or no right to create a cgroup (rootless on
 * v1), is a warning and the container runs without that limit. Returns 0,
 * or -1 after one line of error (nothing left behind). */
int mc_cgroup_create(struct mc_cgroup *cg, const char *name, uint64_t mem_bytes, uint64_t pids_max,
		     int quiet)
{
	int r;

	memset(cg, 0, sizeof(*cg));
	find_base(pids_max > 0);
	if (base.mem_version == MC_CG_V2) {
		cg->version = MC_CG_V2;
		r = create_v2(cg, name, mem_bytes, pids_max, quiet);
	} else {
		cg->version = base.mem_version == MC_CG_V1 || base.pids_version == MC_CG_V1
				  ? MC_CG_V1
				  : MC_CG_NONE;
		if (cg->version == MC_CG_NONE) {
			if (mem_bytes)
				warn_missing(quiet, "memory", "no cgroup hierarchy found");
			if (pids_max)
				warn_missing(quiet, "pids", "no cgroup hierarchy found");
		}
		r = create_v1(cg, name, mem_bytes, pids_max, quiet);
	}
	if (r < 0) {
		mc_cgroup_remove(cg);
		return -1;
	}
	return 0;
}

/* The files the container's first process writes "0" (itself) into to
 * join its cgroup ("" where there is none).
 *
 * v1: "tasks", not "cgroup.procs". Moving a whole process takes a global
 * lock (cgroup_threadgroup_rwsem) for writing, and taking that per-CPU
 * lock for writing waits for an RCU grace period: 0.1 to 10 ms on a
 * 2-core AMD EPYC PVM VM (2026-11-27), depending on load. Moving just the
 * calling thread needs no such lock (the kernel knows `current` cannot
 * exit or exec meanwhile), and our child has only one thread, so it is
 * the same move.
 * v2: "cgroup.procs" ("cgroup.threads" works only in threaded cgroups). */
void mc_cgroup_procs_files(const struct mc_cgroup *cg, char files[2][PATH_MAX + 16])
{
	const char *file = cg->version == MC_CG_V1 ? "tasks" : "cgroup.procs";

	files[0][0] = files[1][0] = '\0';
	if (cg->mem_dir[0])
		snprintf(files[0], PATH_MAX + 16, "%s/%s", cg->mem_dir, file);
	if (cg->version == MC_CG_V1 && cg->pids_dir[0])
		snprintf(files[1], PATH_MAX + 16, "%s/%s", cg->pids_dir, file);
}

int64_t mc_cgroup_memory(const struct mc_cgroup *cg)
{
	char path[PATH_MAX + 32];
	uint64_t v;

	if (!cg->mem_dir[0])
		return -1;
	snprintf(path, sizeof(path), "%s/%s", cg->mem_dir,
		 cg->version == MC_CG_V2 ? "memory.current" : "memory.usage_in_bytes");
	if (mc_read_u64(path, &v) < 0)
		return -1;
	return (int64_t)v;
}

/* Did the memory limit's OOM killer kill a process of this cgroup? */
int mc_cgroup_oom_killed(const struct mc_cgroup *cg)
{
	char path[PATH_MAX + 32];
	uint64_t kills = 0;

	if (!cg->mem_dir[0])
		return 0;
	snprintf(path, sizeof(path), "%s/%s", cg->mem_dir,
		 cg->version == MC_CG_V2 ? "memory.events" : "memory.oom_control");
	if (mc_read_u64_field(path, "oom_kill", &kills) < 0)
		return 0;
	return kills > 0;
}

/* SIGKILL every process still listed in dir/cgroup.procs. Returns how many
 * were listed. (v2 has cgroup.kill, which does it in the kernel.) */
static int kill_procs(const char *dir)
{
	char path[PATH_MAX + 32], text[4096], *p, *end;
	int n = 0;

	snprintf(path, sizeof(path), "%s/cgroup.kill", dir);
	if (mc_write_file(path, "1") == 0)
		n = 1;
	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	if (mc_read_file(path, text, sizeof(text)) < 0)
		return n;
	for (p = text; *p; p = end) {
		long pid = strtol(p, &end, 10);

		if (end == p)
			break;
		if (pid > 0 && kill((pid_t)pid, SIGKILL) == 0)
			n++;
	}
	return n;
}

/* rmdir, killing what is left in it first. A cgroup with processes cannot
 * be removed (EBUSY); a killed process leaves it only once it has exited,
 * so try again for up to 2 s. */
static void remove_dir(char *dir)
{
	struct timespec pause = {0, 200000};
	int tries;

	if (!dir[0])
		return;
	for (tries = 0; tries < 10000; tries++) {
		if (rmdir(dir) == 0 || errno == ENOENT)
			break;
		if (errno != EBUSY) {
			mc_err("rmdir %s: %s", dir, strerror(errno));
			break;
		}
		kill_procs(dir);
		nanosleep(&pause, NULL);
	}
	if (tries == 10000)
		mc_err("rmdir %s: still busy after 2 s", dir);
	dir[0] = '\0';
}

void mc_cgroup_remove(struct mc_cgroup *cg)
{
	remove_dir(cg->mem_dir);
	if (cg->version == MC_CG_V1)
		remove_dir(cg->pids_dir);
}
