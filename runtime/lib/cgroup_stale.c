/*
 * cgroup_stale.c - cgroups left behind by runs that died.
 *
 * A container's cgroup is removed by the process that made it, when the
 * container ends. If that process is killed with SIGKILL, nothing of it
 * runs any more: its containers die with it (PR_SET_PDEATHSIG, child.c),
 * but their empty cgroup directories stay. No kernel mechanism removes an
 * empty cgroup for us (v1's release_agent is one host-wide program, v2 has
 * none), and a watcher process per container would cost every start a
 * fork. So the next run cleans up: the generated names carry the owner's
 * pid, "minictr-PID-N", and a directory whose owner is gone is removed.
 *
 * "Gone": no process has that pid, or the process that has it now started
 * after the directory was made (pids are reused; the cgroup file system
 * stamps a directory with the time it was made). Only an empty cgroup can
 * be removed (rmdir refuses a busy one with EBUSY), so nothing running is
 * ever touched: a busy leftover is reported and left.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Parse "PREFIX-PID-N"; returns the pid, or 0 when name is not one. */
static pid_t owner_of(const char *name, const char *prefix)
{
	size_t len = strlen(prefix);
	char *end;
	long pid;

	if (strncmp(name, prefix, len) != 0 || name[len] != '-')
		return 0;
	pid = strtol(name + len + 1, &end, 10);
	if (end == name + len + 1 || *end != '-' || pid <= 0)
		return 0;
	strtol(end + 1, &end, 10);
	return *end == '\0' ? (pid_t)pid : 0;
}

/* When pid started, in seconds since the epoch: /proc/stat's btime plus
 * field 22 of /proc/PID/stat (clock ticks after boot). -1 if unknown. */
static long long start_time(pid_t pid)
{
	static long long btime = -1;
	char path[64], text[1024], *p;
	unsigned long long ticks;
	uint64_t bt;
	int field;

	if (btime < 0) {
		if (mc_read_u64_field("/proc/stat", "btime", &bt) < 0)
			return -1;
		btime = (long long)bt;
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (mc_read_file(path, text, sizeof(text)) < 0)
		return -1;
	/* the command name (field 2) may hold spaces: count from its ')' */
	p = strrchr(text, ')');
	for (field = 2; p && field < 22; field++) {
		p = strchr(p + 1, ' ');
	}
	if (!p || sscanf(p, " %llu", &ticks) != 1)
		return -1;
	return btime + (long long)(ticks / (unsigned long long)sysconf(_SC_CLK_TCK));
}

static int owner_gone(pid_t pid, const char *dir)
{
	struct stat st;
	long long started;

	/* This runs before our first cgroup is made: one that carries our
	 * pid was made by an earlier process that had it. */
	if (pid == getpid())
		return 1;
	if (kill(pid, 0) < 0 && errno == ESRCH)
		return 1;
	/* That pid runs: the owner, unless it started after the directory
	 * was made (2 s of slack for the rounding of both clocks). */
	if (stat(dir, &st) < 0)
		return 0;
	started = start_time(pid);
	return started >= 0 && started > (long long)st.st_mtime + 2;
}

struct tally {
	int removed, busy;
	char list[1024]; /* the first names removed */
};

static int remove_one(const char *path, struct tally *t)
{
	size_t len = strlen(t->list);

	if (rmdir(path) < 0) {
		if (errno == EBUSY)
			t->busy++;
		return -1;
	}
	if (t->removed < 4 && len + strlen(path) + 3 < sizeof(t->list))
		snprintf(t->list + len, sizeof(t->list) - len, "%s%s", t->removed ? ", " : "",
			 path);
	t->removed++;
	return 0;
}

/* Remove NAME from every hierarchy but first; 0 when none is left. */
static int remove_others(const char *name, const char *first, struct tally *t)
{
	char path[PATH_MAX + 256];
	int left = 0;

	for (int i = 1; i < MC_CG_DIRS; i++) {
		const char *other = mc_cgroup_base(i);

		if (!other[0] || !strcmp(other, first))
			continue;
		snprintf(path, sizeof(path), "%s/%s", other, name);
		if (access(path, F_OK) == 0 && remove_one(path, t) < 0)
			left = 1;
	}
	return left;
}

/* Remove the stale PREFIX-PID-N directories. Only the first hierarchy (the
 * memory one, or the v2 directory) is read: every container has a
 * directory there, and it is a small directory of the caller's own, where
 * the roots of the v1 pids and devices hierarchies can hold thousands of
 * other cgroups (reading 500 names cost about 1 ms on the 2-core AMD EPYC
 * PVM build VM, 2026-12-02, and this runs at
 * every start of the command). A stale name found there is removed from
 * the other hierarchies too. The memory directory is made first and
 * removed last (cgroup.c), so a SIGKILL between two mkdirs or two rmdirs
 * never leaves a directory in the others alone, where nothing would find
 * it. */
static void clean(const char *prefix, struct tally *t)
{
	char path[PATH_MAX + 256];
	const char *first = mc_cgroup_base(0);
	struct dirent *e;
	DIR *d;
	pid_t pid;

	d = first[0] ? opendir(first) : NULL;
	if (!d)
		return;
	while ((e = readdir(d))) {
		pid = owner_of(e->d_name, prefix);
		if (!pid)
			continue;
		snprintf(path, sizeof(path), "%s/%s", first, e->d_name);
		if (!owner_gone(pid, path))
			continue;
		/* The memory directory is how the next run finds the name, so
		 * it goes last: the other hierarchies first, and if one of
		 * them is still busy (the container's PID 1 still dying in
		 * its devices cgroup), the memory one stays for the next run
		 * to try again, instead of leaving an orphan nothing finds. */
		if (remove_others(e->d_name, first, t) != 0)
			continue;
		remove_one(path, t);
	}
	closedir(d);
}

/* Once per process, before it makes any cgroup (cgroup.c): then even a
 * leftover that carries our own pid is stale. What it removes is always
 * said, --quiet or not: it is the trace of a run that was killed. */
void mc_cgroup_stale_once(void)
{
	struct tally t;

	memset(&t, 0, sizeof(t));
	clean("minictr", &t);
	if (t.removed)
		mc_warn(0, "removed %d cgroup%s left by runs that died: %s%s", t.removed,
			t.removed > 1 ? "s" : "", t.list, t.removed > 4 ? ", ..." : "");
	if (t.busy)
		mc_warn(0, "%d cgroup%s of runs that are gone still hold processes: left alone",
			t.busy, t.busy > 1 ? "s" : "");
}
