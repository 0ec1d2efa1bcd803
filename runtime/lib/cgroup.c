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
 *   pids:   pids.max;
 *   devices: the allow-list (devices.c).
 * cgroup v2 (most distributions): one directory with memory.max,
 *   memory.current, memory.events ("oom_kill N") and pids.max; the
 *   controllers must be enabled in the parent's cgroup.subtree_control;
 *   the allow-list is a BPF program attached to it (devices.c).
 *
 * Fail closed: a limit or the allow-list that was asked for and cannot be
 * applied stops the start (MINICTR_EXIT_REFUSED) unless the caller said
 * best_effort; a directory of the same name that exists is never used.
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
	int dev_version;	       /* MC_CG_V1 only when a v1 devices hierarchy exists */
	char mem[PATH_MAX], pids[PATH_MAX], dev[PATH_MAX];
};

static struct cg_base base;

static void v2_choose_parent(void);

static char cgroup_text[8192]; /* /proc/self/cgroup */

/* Is dir really our cgroup of that version? It exists, sits on a cgroup
 * file system of that version and (v1) holds the controller's file
 * (memory.usage_in_bytes, pids.max, devices.list). A hierarchy mounted
 * elsewhere, or showing only a subtree (in some containers), fails this and
 * the caller reads mountinfo instead. */
static int usual_place_holds(const char *dir, int version, const char *file)
{
	char path[PATH_MAX + 32];
	struct statfs st;

	if (statfs(dir, &st) < 0)
		return 0;
	if (version == MC_CG_V2)
		return st.f_type == CGROUP2_SUPER_MAGIC;
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return st.f_type == CGROUP_SUPER_MAGIC && access(path, F_OK) == 0;
}

static int read_mountinfo(char *buf, size_t size)
{
	return mc_read_file("/proc/self/mountinfo", buf, size) < 0 ? -1 : 0;
}

/* The directory of our cgroup that holds controller (MC_CG_V1 or _V2, or
 * MC_CG_NONE): the mount point from /proc/self/mountinfo - unless the
 * usual place (v1 /sys/fs/cgroup/CONTROLLER, else the unified hierarchy at
 * /sys/fs/cgroup) checks out, which saves reading mountinfo (about 0.1 ms
 * in a fresh process on a 2-core AMD EPYC PVM VM, 2026-11-27, and each
 * container start is one). */
static int find_controller(const char *controller, const char *file, char *dir, size_t size)
{
	static char mountinfo[65536];
	static int have_mountinfo;
	char usual[256];
	int r;

	snprintf(usual, sizeof(usual),
		 "0 0 0:0 / /sys/fs/cgroup/%s rw - cgroup cgroup rw,%s\n"
		 "0 0 0:0 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n",
		 controller, controller);
	r = mc_cgroup_find(cgroup_text, usual, controller, dir, size);
	if (r > 0 && usual_place_holds(dir, r, file))
		return r;
	if (!have_mountinfo) {
		if (read_mountinfo(mountinfo, sizeof(mountinfo)) < 0)
			return MC_CG_NONE;
		have_mountinfo = 1;
	}
	r = mc_cgroup_find(cgroup_text, mountinfo, controller, dir, size);
	return r > 0 ? r : MC_CG_NONE;
}

/* Our memory cgroup, and the v1 pids and devices ones (a v2 answer for
 * those means "no v1 hierarchy": on v2 the memory cgroup's directory is the
 * only one). Then, once, cgroups that earlier runs of minictr left behind
 * are removed (cgroup_stale.c): before we make any, so that a leftover of a
 * dead process whose pid we now have counts as stale too. */
static void find_base_once(void)
{
	if (mc_read_file("/proc/self/cgroup", cgroup_text, sizeof(cgroup_text)) < 0)
		return;
	base.mem_version =
	    find_controller("memory", "memory.usage_in_bytes", base.mem, sizeof(base.mem));
	if (base.mem_version == MC_CG_V2)
		v2_choose_parent();
	base.dev_version = find_controller("devices", "devices.list", base.dev, sizeof(base.dev));
	mc_cgroup_stale_once();
}

/* The pids hierarchy only when needed (a pids limit, a leftover to
 * remove): its root has no pids.* file to recognise it by, so finding it
 * means reading mountinfo, about 0.15 ms. */
static void find_pids_once(void)
{
	base.pids_version = find_controller("pids", "pids.max", base.pids, sizeof(base.pids));
}

static void find_pids(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, find_pids_once);
}

/* Once per process, also when several threads start containers at once. */
static void find_base(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, find_base_once);
}

void mc_cgroup_init(void)
{
	find_base();
}

int mc_cgroup_memory_version(void)
{
	find_base();
	return base.mem_version;
}

/* Where container cgroups are made ("" where none), for the stale-cgroup
 * clean-up: 0 memory (or the v2 directory), 1 v1 pids, 2 v1 devices. */
const char *mc_cgroup_base(int which)
{
	if (which == 0)
		return base.mem_version == MC_CG_V2   ? base.v2_parent
		       : base.mem_version == MC_CG_V1 ? base.mem
						      : "";
	if (which == 1) {
		find_pids();
		return base.pids_version == MC_CG_V1 ? base.pids : "";
	}
	return base.dev_version == MC_CG_V1 ? base.dev : "";
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
	if ((size_t)snprintf(out, size, "%s/%s", parent, name) >= size) {
		out[0] = '\0';
		return -ENAMETOOLONG;
	}
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

/* What each protection is called in messages. */
static const char *const protection[] = {"memory limit", "pids limit", "device allow-list"};
enum { P_MEM, P_PIDS, P_DEV };

/* A protection that was asked for cannot be applied. Without best_effort:
 * one line, and the container is not started (fail closed). With it: a
 * warning (once per process per kind), and it runs without. Returns 0 to
 * go on, or MINICTR_EXIT_REFUSED. */
static int cannot(const struct mc_cgroup_want *w, int what, const char *why)
{
	static int said[3];

	if (!w->best_effort) {
		mc_err("cannot apply the %s (%s): not started (--best-effort runs without it)",
		       protection[what], why);
		return MINICTR_EXIT_REFUSED;
	}
	if (!said[what]) {
		said[what] = 1;
		mc_warn(w->quiet, "no %s cgroup (%s): running without the %s",
			what == P_MEM	 ? "memory"
			: what == P_PIDS ? "pids"
					 : "devices",
			why, protection[what]);
	}
	return 0;
}

/* mkdir of the container's cgroup in one hierarchy. Returns 0, -EEXIST
 * (the name is taken: the caller tries another or refuses), 1 when no
 * directory could be made and that is allowed (cannot() said so), or an
 * exit status. */
static int make_one(char *out, size_t size, const char *parent, const struct mc_cgroup_want *w,
		    int what, int wanted)
{
	int r = make_dir(out, size, parent, w->name);

	if (r == 0 || r == -EEXIST)
		return r;
	if (!wanted)
		return 1;
	return cannot(w, what, strerror(-r)) ? MINICTR_EXIT_REFUSED : 1;
}

static int v1_memory(struct mc_cgroup *cg, const struct mc_cgroup_want *w)
{
	int r;

	if (base.mem_version != MC_CG_V1)
		return w->mem ? cannot(w, P_MEM, "controller not mounted") : 0;
	r = make_one(cg->mem_dir, sizeof(cg->mem_dir), base.mem, w, P_MEM, w->mem != 0);
	if (r != 0 || !w->mem)
		return r == 1 ? 0 : r;
	if (write_limit(cg->mem_dir, "memory.limit_in_bytes", w->mem) < 0)
		return MINICTR_EXIT_ERROR;
	/* Memory plus swap, where swap accounting is on: the same figure, so
	 * the limit cannot be dodged by swapping. */
	if (has_file(cg->mem_dir, "memory.memsw.limit_in_bytes") &&
	    write_limit(cg->mem_dir, "memory.memsw.limit_in_bytes", w->mem) < 0)
		return MINICTR_EXIT_ERROR;
	return 0;
}

/* A pids cgroup only for a pids limit: the memory cgroup alone already
 * holds the container (for usage, and to kill what is left), and a second
 * mkdir, join and rmdir cost time. */
static int v1_pids(struct mc_cgroup *cg, const struct mc_cgroup_want *w)
{
	int r;

	if (!w->pids)
		return 0;
	find_pids();
	if (base.pids_version != MC_CG_V1)
		return cannot(w, P_PIDS, "controller not mounted");
	r = make_one(cg->pids_dir, sizeof(cg->pids_dir), base.pids, w, P_PIDS, 1);
	if (r != 0)
		return r == 1 ? 0 : r;
	if (write_limit(cg->pids_dir, "pids.max", w->pids) < 0)
		return MINICTR_EXIT_ERROR;
	return 0;
}

/* The device allow-list (devices.c): the v1 devices controller where it is
 * mounted; otherwise a BPF program on the container's v2 cgroup, which on
 * a v1 memory host does not exist (we make none there). */
static int v1_devices(struct mc_cgroup *cg, const struct mc_cgroup_want *w)
{
	int r;

	if (!w->devices)
		return 0;
	if (base.dev_version != MC_CG_V1)
		return cannot(w, P_DEV, "no v1 devices controller, and no v2 cgroup in use");
	r = make_one(cg->dev_dir, sizeof(cg->dev_dir), base.dev, w, P_DEV, 1);
	if (r != 0)
		return r == 1 ? 0 : r;
	return mc_devices_v1(cg->dev_dir) < 0 ? MINICTR_EXIT_ERROR : 0;
}

static int create_v1(struct mc_cgroup *cg, const struct mc_cgroup_want *w)
{
	int r;

	/* Memory first: the next run's clean-up (cgroup_stale.c) finds the
	 * leftovers of a SIGKILLed minictr by their memory directory and
	 * removes the same name in the other hierarchies. Made in another
	 * order, a kill between two mkdirs left a devices cgroup that nothing
	 * would ever find (about 130 such were found on the 2-core AMD EPYC
	 * PVM build VM on 2026-12-02, after a day of kill tests). */
	r = v1_memory(cg, w);
	if (r == 0)
		r = v1_devices(cg, w);
	if (r == 0)
		r = v1_pids(cg, w);
	return r;
}

static int create_v2(struct mc_cgroup *cg, const struct mc_cgroup_want *w)
{
	int r;

	r = make_dir(cg->mem_dir, sizeof(cg->mem_dir), base.v2_parent, w->name);
	if (r == -EEXIST)
		return r;
	if (r < 0) {
		if (w->devices && cannot(w, P_DEV, strerror(-r)))
			return MINICTR_EXIT_REFUSED;
		if (w->mem && cannot(w, P_MEM, strerror(-r)))
			return MINICTR_EXIT_REFUSED;
		if (w->pids && cannot(w, P_PIDS, strerror(-r)))
			return MINICTR_EXIT_REFUSED;
		return 0;
	}
	if (w->devices) {
		r = mc_devices_v2(cg->mem_dir);
		if (r < 0 && cannot(w, P_DEV, strerror(-r)))
			return MINICTR_EXIT_REFUSED;
	}
	if (w->mem && !base.v2_mem && cannot(w, P_MEM, "not enabled in cgroup.subtree_control"))
		return MINICTR_EXIT_REFUSED;
	if (w->pids && !base.v2_pids && cannot(w, P_PIDS, "not enabled in cgroup.subtree_control"))
		return MINICTR_EXIT_REFUSED;
	if (w->mem && base.v2_mem) {
		if (write_limit(cg->mem_dir, "memory.max", w->mem) < 0)
			return MINICTR_EXIT_ERROR;
		if (has_file(cg->mem_dir, "memory.swap.max") &&
		    write_limit(cg->mem_dir, "memory.swap.max", 0) < 0)
			return MINICTR_EXIT_ERROR;
	}
	if (w->pids && base.v2_pids && write_limit(cg->mem_dir, "pids.max", w->pids) < 0)
		return MINICTR_EXIT_ERROR;
	return 0;
}

/* Create the cgroup(s) for a container, with its limits (0: no limit) and
 * device allow-list. Returns 0; -EEXIST when a directory of that name is
 * there already (a leftover, or another container's): never used, since
 * its limits and its processes are not ours; or an exit status
 * (MINICTR_EXIT_REFUSED: a protection cannot be applied) after one line.
 * Nothing is left behind on failure. */
int mc_cgroup_create(struct mc_cgroup *cg, const struct mc_cgroup_want *w)
{
	int r;

	memset(cg, 0, sizeof(*cg));
	find_base();
	if (base.mem_version == MC_CG_V2) {
		cg->version = MC_CG_V2;
		r = create_v2(cg, w);
	} else if (base.mem_version == MC_CG_V1 || base.pids_version == MC_CG_V1 ||
		   base.dev_version == MC_CG_V1) {
		cg->version = MC_CG_V1;
		r = create_v1(cg, w);
	} else {
		cg->version = MC_CG_NONE;
		r = 0;
		if (w->devices && cannot(w, P_DEV, "no cgroup hierarchy found"))
			r = MINICTR_EXIT_REFUSED;
		else if (w->mem && cannot(w, P_MEM, "no cgroup hierarchy found"))
			r = MINICTR_EXIT_REFUSED;
		else if (w->pids && cannot(w, P_PIDS, "no cgroup hierarchy found"))
			r = MINICTR_EXIT_REFUSED;
	}
	if (r != 0)
		mc_cgroup_remove(cg);
	return r;
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
void mc_cgroup_procs_files(const struct mc_cgroup *cg, char files[MC_CG_DIRS][PATH_MAX + 16])
{
	const char *file = cg->version == MC_CG_V1 ? "tasks" : "cgroup.procs";
	const char *dirs[MC_CG_DIRS] = {cg->dev_dir, cg->mem_dir, cg->pids_dir};
	int i;

	for (i = 0; i < MC_CG_DIRS; i++) {
		files[i][0] = '\0';
		if (dirs[i][0] && (i == 1 || cg->version == MC_CG_V1))
			snprintf(files[i], PATH_MAX + 16, "%s/%s", dirs[i], file);
	}
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

/* v1: did usage reach this cgroup's own limit? memory.failcnt counts
 * charges refused at the limit, but not on every kernel (here it stays 0
 * when the memory+swap limit is set); the peak, memory.max_usage_in_bytes,
 * then tells: it stops within a charge (a page, or a 2 MiB huge page) of
 * the limit. An unlimited cgroup reads a limit far above any peak. */
static uint64_t v1_limit_reached(const char *dir)
{
	char path[PATH_MAX + 32];
	uint64_t failcnt = 0, limit, peak;

	snprintf(path, sizeof(path), "%s/memory.failcnt", dir);
	if (mc_read_u64(path, &failcnt) == 0 && failcnt > 0)
		return failcnt;
	snprintf(path, sizeof(path), "%s/memory.limit_in_bytes", dir);
	if (mc_read_u64(path, &limit) < 0)
		return 0;
	snprintf(path, sizeof(path), "%s/memory.max_usage_in_bytes", dir);
	if (mc_read_u64(path, &peak) < 0)
		return 0;
	return peak + (2u << 20) >= limit;
}

/* Did the OOM killer kill a process of this cgroup, and whose limit was
 * reached? The kill is counted in the victim's own cgroup ("oom_kill" in
 * v1 memory.oom_control, v2 memory.events) whichever cgroup ran out: its
 * own, an enclosing one (a systemd slice, the caller's), or the whole
 * machine. Our own limit was the one hit when the cgroup itself recorded
 * hitting it: v1 memory.failcnt or the peak (v1_limit_reached), v2
 * memory.events "max" (the same) - an ancestor's shortage counts in the
 * ancestor, not in us. Returns 0 (no OOM kill), MINICTR_OOM_LIMIT or
 * MINICTR_OOM_OUTSIDE. */
int mc_cgroup_oom_killed(const struct mc_cgroup *cg)
{
	char path[PATH_MAX + 32];
	uint64_t kills = 0, hits = 0;

	if (!cg->mem_dir[0])
		return 0;
	snprintf(path, sizeof(path), "%s/%s", cg->mem_dir,
		 cg->version == MC_CG_V2 ? "memory.events" : "memory.oom_control");
	if (mc_read_u64_field(path, "oom_kill", &kills) < 0 || kills == 0)
		return 0;
	if (cg->version == MC_CG_V2) {
		if (mc_read_u64_field(path, "max", &hits) < 0)
			hits = 0;
	} else {
		hits = v1_limit_reached(cg->mem_dir);
	}
	return hits > 0 ? MINICTR_OOM_LIMIT : MINICTR_OOM_OUTSIDE;
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
	/* The memory directory last (it was made first): the next run's
	 * clean-up finds leftovers by it (cgroup_stale.c), so it must outlive
	 * the others if we are killed half-way. */
	if (cg->version == MC_CG_V1) {
		remove_dir(cg->pids_dir);
		remove_dir(cg->dev_dir);
	}
	remove_dir(cg->mem_dir);
}
