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

static int owner_gone(pid_t pid, const char *dir, int own_too)
{
	struct stat st;
	long long started;

	if (pid == getpid())
		return own_too;
	if (kill(pid, 0) < 0 && errno == ESRCH)
		return 1;
	/* That pid runs: the owner, unless it started after the directory
	 * was made (2 s of slack for the rounding of both clocks). */
	if (stat(dir, &st) < 0)
		return 0;
	started = start_time(pid);
	return started >= 0 && started > (long long)st.st_mtime + 2;
}

/* Remove the stale PREFIX-PID-N directories of one hierarchy; count them
 * into *removed and *busy, and list the first names removed into list. */
static void clean_dir(const char *base, const char *prefix, int own_too, int *removed, int *busy,
		      char *list, size_t size)
{
	char path[PATH_MAX + 256];
	struct dirent *e;
	DIR *d;
	pid_t pid;

	d = opendir(base);
	if (!d)
		return;
	while ((e = readdir(d))) {
		pid = owner_of(e->d_name, prefix);
		if (!pid)
			continue;
		snprintf(path, sizeof(path), "%s/%s", base, e->d_name);
		if (!owner_gone(pid, path, own_too))
			continue;
		if (rmdir(path) < 0) {
			if (errno == EBUSY)
				(*busy)++;
			continue;
		}
		if (*removed < 4 && strlen(list) + strlen(path) + 3 < size)
			snprintf(list + strlen(list), size - strlen(list), "%s%s",
				 *removed ? ", " : "", path);
		(*removed)++;
	}
	closedir(d);
}

int mc_cgroup_remove_stale(const char *prefix, int own_too, int quiet)
{
	const char *bases[MC_CG_DIRS];
	char list[1024] = "";
	int i, removed = 0, busy = 0;

	mc_cgroup_bases(bases);
	for (i = 0; i < MC_CG_DIRS; i++)
		if (bases[i][0])
			clean_dir(bases[i], prefix, own_too, &removed, &busy, list, sizeof(list));
	if (removed)
		mc_warn(quiet, "removed %d cgroup%s left by runs that died: %s%s", removed,
			removed > 1 ? "s" : "", list, removed > 4 ? ", ..." : "");
	if (busy)
		mc_warn(quiet, "%d cgroup%s of runs that died still hold processes: left alone",
			busy, busy > 1 ? "s" : "");
	return removed;
}

/* Once per process, before it makes any cgroup (cgroup.c): then even a
 * leftover that carries our own pid is stale. What it removes is always
 * said, --quiet or not: it is the trace of a run that was killed. */
void mc_cgroup_stale_once(void)
{
	mc_cgroup_remove_stale("minictr", 1, 0);
}

int minictr_remove_stale(const char *prefix, int quiet)
{
	/* find the hierarchies first (once per process, cgroup.c) */
	mc_cgroup_init();
	return mc_cgroup_remove_stale(prefix, 0, quiet);
}
