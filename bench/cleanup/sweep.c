/*
 * sweep.c - find and remove what dead runs left behind (see sweep.h).
 *
 * Kernel facts this relies on:
 * - Every cgroup hierarchy is a mount of type cgroup (v1: one per
 *   controller set, named in the mount's super options, e.g. "memory" or
 *   "name=systemd") or cgroup2 (the one tree); /proc/self/mountinfo lists
 *   them, with the cgroup path at the mount's root (not "/" inside a
 *   cgroup namespace).
 * - /proc/self/cgroup says, per hierarchy ("ID:CONTROLLERS:PATH", an empty
 *   CONTROLLERS for v2), which cgroup we are in: a child the harness
 *   forks starts there, which is where runc and minictr put containers.
 * - A cgroup directory can only be removed when no process is in it and
 *   it has no child cgroups; a process still in it is killed first. v2
 *   (Linux 5.14+) kills a whole cgroup at once through cgroup.kill; else
 *   every pid in cgroup.procs gets SIGKILL, until the list stays empty.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"
#include "minictr_cgroup.h"
#include "sweep.h"

#define MAX_PLACES 32
#define MAX_OWNERS 256
#define TMP_PREFIX "vmbench-runc."

/* The folders where a run's cgroups can be: the root and our own cgroup of
 * every hierarchy, and where the runtime's cgroup module makes them (on v2
 * that can be the cgroup above our own). */
static char places[MAX_PLACES][PATH_MAX];
static int n_places;

static void add_place(const char *dir)
{
	for (int i = 0; i < n_places; i++)
		if (strcmp(places[i], dir) == 0)
			return;
	if (n_places < MAX_PLACES)
		snprintf(places[n_places++], sizeof(places[0]), "%s", dir);
}

/* Is every controller of the comma-separated list `want` one of the mount's
 * comma-separated super options `opts`? */
static int has_all(const char *opts, const char *want)
{
	char copy[256], *save = NULL;

	snprintf(copy, sizeof(copy), "%s", want);
	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		size_t n = strlen(w);
		const char *p = opts;
		int found = 0;

		while ((p = strstr(p, w)) != NULL) {
			if ((p == opts || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
				found = 1;
			p += n;
		}
		if (!found)
			return 0;
	}
	return 1;
}

/* Our own cgroup path in the hierarchy whose controllers are `opts` (v1) or
 * in the v2 tree (v2 != 0); "" when /proc/self/cgroup has no line for it. */
static void own_path(int v2, const char *opts, char *out, size_t cap)
{
	char line[PATH_MAX + 128];
	FILE *f = fopen("/proc/self/cgroup", "re");

	out[0] = '\0';
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

		if (c2 == NULL)
			continue;
		*c2 = '\0';
		c2[1 + strcspn(c2 + 1, "\n")] = '\0';
		if (v2 ? c1[1] == '\0' : c1[1] != '\0' && has_all(opts, c1 + 1)) {
			snprintf(out, cap, "%s", c2 + 1);
			break;
		}
	}
	fclose(f);
}

/* Fill places[] from /proc/self/mountinfo. */
static void find_places(void)
{
	char line[4096];
	FILE *f = fopen("/proc/self/mountinfo", "re");

	n_places = 0;
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f)) {
		char root[PATH_MAX], mnt[PATH_MAX], own[PATH_MAX], dir[PATH_MAX];
		char fstype[32], opts[512];
		const char *dash = strstr(line, " - ");
		size_t rl;

		if (dash == NULL || sscanf(line, "%*s %*s %*s %4095s %4095s", root, mnt) != 2 ||
		    sscanf(dash + 3, "%31s %*s %511s", fstype, opts) != 2)
			continue;
		if (strcmp(fstype, "cgroup") != 0 && strcmp(fstype, "cgroup2") != 0)
			continue;
		if (strcmp(root, "/") == 0)
			add_place(mnt);
		own_path(strcmp(fstype, "cgroup2") == 0, opts, own, sizeof(own));
		/* Our cgroup as seen through this mount: below its root. */
		rl = strcmp(root, "/") == 0 ? 0 : strlen(root);
		if (own[0] == '\0' || strncmp(own, root, rl) != 0)
			continue;
		if ((size_t)snprintf(dir, sizeof(dir), "%s%s", mnt, own + rl) < sizeof(dir))
			add_place(dir);
	}
	fclose(f);
	if (minictr_cgroup_where()[0] != '\0')
		add_place(minictr_cgroup_where());
}

/* The owner pid of a name "vmbench-PID" or "vmbench-PID-ID"; 0 if the
 * name is neither. */
static pid_t cgroup_owner(const char *name)
{
	char *end;
	long pid;

	if (strncmp(name, "vmbench-", 8) != 0 || name[8] < '1' || name[8] > '9')
		return 0;
	pid = strtol(name + 8, &end, 10);
	if (*end == '-' && end[1] >= '0' && end[1] <= '9')
		strtol(end + 1, &end, 10); /* the instance id: only skipped */
	return *end == '\0' && pid > 0 && pid < 1L << 22 ? (pid_t)pid : 0;
}

/* The owner of a temporary folder "vmbench-runc.PID.XXXXXX"; 0 if none. */
static pid_t tmp_owner(const char *name)
{
	char *end;
	long pid;

	if (strncmp(name, TMP_PREFIX, strlen(TMP_PREFIX)) != 0)
		return 0;
	pid = strtol(name + strlen(TMP_PREFIX), &end, 10);
	return *end == '.' && pid > 0 && pid < 1L << 22 ? (pid_t)pid : 0;
}

/* Is pid a live process (not a zombie)? In doubt, yes: a live run's
 * things must never be taken. */
int sweep_owner_alive(pid_t pid)
{
	char path[64], buf[512], *paren;
	ssize_t n;
	int fd;

	if (kill(pid, 0) != 0 && errno == ESRCH)
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno != ENOENT;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 1;
	buf[n] = '\0';
	/* "PID (comm) S ...": the state follows the last ')'. */
	paren = strrchr(buf, ')');
	return paren == NULL || paren[1] == '\0' || paren[2] != 'Z';
}

/* SIGKILL every process listed in dir/cgroup.procs; the number killed. */
static int kill_listed(const char *dir)
{
	char path[PATH_MAX + 16], buf[4096];
	int fd, killed = 0;
	ssize_t n;
	long pid = 0;
	int in_num = 0;

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] >= '0' && buf[i] <= '9') {
				pid = pid * 10 + (buf[i] - '0');
				in_num = 1;
				continue;
			}
			if (in_num && pid > 0 && kill((pid_t)pid, SIGKILL) == 0)
				killed++;
			pid = 0;
			in_num = 0;
		}
	}
	if (in_num && pid > 0 && kill((pid_t)pid, SIGKILL) == 0)
		killed++;
	close(fd);
	return killed;
}

/* Kill everything in dir (not its children); retried while new pids show
 * up, for at most about 2 s. The number of processes killed the first time. */
static int kill_members(const char *dir)
{
	char path[PATH_MAX + 16];
	int first = -1;

	snprintf(path, sizeof(path), "%s/cgroup.kill", dir);
	if (access(path, W_OK) == 0) {
		int fd = open(path, O_WRONLY | O_CLOEXEC);

		if (fd >= 0) {
			if (write(fd, "1", 1) < 0)
				fprintf(stderr, "bench: write %s: %s\n", path, strerror(errno));
			close(fd);
		}
	}
	for (int i = 0; i < 200; i++) {
		int k = kill_listed(dir);

		if (first < 0)
			first = k;
		if (k == 0)
			break;
		sleep_ms(10);
	}
	return first < 0 ? 0 : first;
}

int sweep_cgroup(const char *dir, struct sweep_tally *t)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0, err = 0;

	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	/* Children first: a cgroup with child cgroups cannot be removed. */
	while ((e = readdir(d)) != NULL) {
		char sub[PATH_MAX];

		if (e->d_type != DT_DIR || strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name) >= sizeof(sub))
			continue;
		if (sweep_cgroup(sub, t) != 0) {
			rc = -1;
			err = errno;
		}
	}
	closedir(d);
	t->procs += kill_members(dir);
	/* The killed leave the cgroup a moment after they die (EBUSY until). */
	for (int i = 0; i < 300; i++) {
		if (rmdir(dir) == 0) {
			t->cgroups++;
			errno = err;
			return rc;
		}
		if (errno == ENOENT) /* someone else removed it */
			return rc;
		if (errno != EBUSY)
			break;
		if (i % 20 == 19)
			kill_members(dir);
		sleep_ms(10);
	}
	err = errno;
	t->failed++;
	errno = err;
	return -1;
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	if (remove(path) != 0 && errno != ENOENT)
		return -1;
	return 0;
}

int remove_tree(const char *dir)
{
	/* Depth first (contents before their folder), never following a
	 * symbolic link, never leaving this file system (FTW_MOUNT): a
	 * mount inside is left, and so is its mount point. */
	if (nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) != 0)
		return -1;
	return access(dir, F_OK) == 0 ? (errno = EBUSY, -1) : 0;
}

typedef void (*leftover_fn)(pid_t owner, const char *path, int is_cgroup, void *arg);

/* The entries of dir whose names owner_of gives an owner. */
static void each_named(const char *dir, pid_t (*owner_of)(const char *), int is_cgroup,
		       leftover_fn fn, void *arg)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char path[PATH_MAX];
		pid_t owner = owner_of(e->d_name);

		if (owner == 0 || e->d_type != DT_DIR)
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) < sizeof(path))
			fn(owner, path, is_cgroup, arg);
	}
	closedir(d);
}

/* Visit every run's cgroups and temporary folders: fn gets the owner pid
 * and the full path, is_cgroup saying which kind. */
static void each_leftover(leftover_fn fn, void *arg)
{
	find_places();
	for (int i = 0; i < n_places; i++)
		each_named(places[i], cgroup_owner, 1, fn, arg);
	each_named("/tmp", tmp_owner, 0, fn, arg);
}

struct one_run {
	pid_t owner;
	struct sweep_tally *t;
};

static void remove_if_owned(pid_t owner, const char *path, int is_cgroup, void *arg)
{
	struct one_run *r = arg;

	if (owner != r->owner)
		return;
	if (is_cgroup) {
		if (sweep_cgroup(path, r->t) != 0)
			fprintf(stderr, "bench: cannot remove cgroup %s: %s\n", path,
				strerror(errno));
		return;
	}
	if (remove_tree(path) == 0) {
		r->t->dirs++;
	} else {
		r->t->failed++;
		fprintf(stderr, "bench: cannot remove %s: %s\n", path, strerror(errno));
	}
}

void sweep_run(pid_t owner, struct sweep_tally *t)
{
	struct one_run r = {owner, t};

	each_leftover(remove_if_owned, &r);
}

/* Processes listed in dir/cgroup.procs and in its children's; cgroups
 * counted, dir included. */
static void count_cgroup(const char *dir, struct sweep_tally *t)
{
	char path[PATH_MAX + 16], buf[4096];
	DIR *d = opendir(dir);
	struct dirent *e;
	ssize_t n;
	int fd;

	if (d == NULL)
		return;
	t->cgroups++;
	while ((e = readdir(d)) != NULL) {
		if (e->d_type != DT_DIR || strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) < sizeof(path))
			count_cgroup(path, t);
	}
	closedir(d);
	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++)
			t->procs += buf[i] == '\n';
	close(fd);
}

static void count_if_owned(pid_t owner, const char *path, int is_cgroup, void *arg)
{
	struct one_run *r = arg;

	if (owner != r->owner)
		return;
	if (is_cgroup)
		count_cgroup(path, r->t);
	else
		r->t->dirs++;
}

void sweep_census(pid_t owner, struct sweep_tally *t)
{
	struct one_run r = {owner, t};

	memset(t, 0, sizeof(*t));
	each_leftover(count_if_owned, &r);
}

struct owners {
	pid_t v[MAX_OWNERS];
	int n;
};

static void note_owner(pid_t owner, const char *path, int is_cgroup, void *arg)
{
	struct owners *o = arg;

	(void)path;
	(void)is_cgroup;
	for (int i = 0; i < o->n; i++)
		if (o->v[i] == owner)
			return;
	/* Our own pid: a dead run's (we have made nothing yet). */
	if (o->n < MAX_OWNERS && (owner == getpid() || !sweep_owner_alive(owner)))
		o->v[o->n++] = owner;
}

int sweep_stale(char *summary, size_t cap)
{
	struct owners dead = {{0}, 0};
	size_t len = 0;

	summary[0] = '\0';
	each_leftover(note_owner, &dead);
	for (int i = 0; i < dead.n; i++) {
		struct sweep_tally t = {0};
		int n;

		sweep_run(dead.v[i], &t);
		fprintf(stderr,
			"bench: removed what dead run %d left: %d processes killed, %d cgroups "
			"and %d temporary folders removed%s\n",
			(int)dead.v[i], t.procs, t.cgroups, t.dirs,
			t.failed ? " (some could not be: see above)" : "");
		n = snprintf(summary + len, cap - len, "%srun %d: %d processes %d cgroups %d dirs",
			     len ? "; " : "", (int)dead.v[i], t.procs, t.cgroups, t.dirs);
		if (n > 0 && (size_t)n < cap - len)
			len += (size_t)n;
	}
	return dead.n;
}
