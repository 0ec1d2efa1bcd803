/*
 * cgroup.c - per-instance memory cgroups (see cgroup.h).
 *
 * Kernel facts this relies on:
 * - v2 (one tree at /sys/fs/cgroup, cgroup.controllers present): a child
 *   cgroup only gets the memory controller if its parent lists "+memory" in
 *   cgroup.subtree_control, and a cgroup with controllers enabled for its
 *   children may hold no processes itself (the "no internal processes"
 *   rule), so the harness's parent cgroup stays empty. Usage: memory.current,
 *   which always includes kernel memory.
 * - v1 (/sys/fs/cgroup/memory): any directory is a cgroup; usage is
 *   memory.usage_in_bytes, which includes kernel memory where kmem
 *   accounting is on (it is on current kernels).
 * - Writing "0" to cgroup.procs moves the writer itself, in both versions.
 *   On v1 the harness writes to "tasks" instead (it moves the one thread of
 *   the freshly forked child, which is its whole process): a cgroup.procs
 *   write takes the global threadgroup lock for writing, which waits for an
 *   RCU grace period; measured on a 2-core AMD EPYC PVM VM, 2026-11-27, that made a
 *   plain process's start-up jump from 0.8 ms to 9-25 ms in some samples.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench.h"
#include "cgroup.h"
#include "sweep.h"

static char parent[256]; /* the harness's own directory of cgroups, or "" */
static const char *usage_file;
static int version_v2;

static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

const char *cgroup_version(void)
{
	if (exists("/sys/fs/cgroup/cgroup.controllers"))
		return "v2";
	if (exists("/sys/fs/cgroup/memory")) {
		if (exists("/sys/fs/cgroup/unified/cgroup.controllers"))
			return "hybrid";
		return "v1";
	}
	return "none";
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	size_t len = strlen(text);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, len);
	if (close(fd) != 0 || n != (ssize_t)len)
		return -1;
	return 0;
}

/* Our parent's name is vmbench-PID: one that is there already cannot be
 * a live run's (no live process has our pid), only a dead one's whose pid
 * the kernel has handed to us. Reusing it would mix its leftovers (or its
 * i1, i2, ... directories, which our mkdirs would then fail on) into our
 * figures: remove it, or refuse. */
static int make_parent(char *reason, size_t len)
{
	struct sweep_tally t = {0};

	if (mkdir(parent, 0755) == 0)
		return 0;
	if (errno != EEXIST) {
		snprintf(reason, len, "mkdir %s: %s", parent, strerror(errno));
		return -1;
	}
	if (sweep_cgroup(parent, &t) == 0 && mkdir(parent, 0755) == 0) {
		fprintf(stderr,
			"bench: removed a dead run's cgroup %s (our pid was its): %d processes "
			"killed, %d cgroups removed\n",
			parent, t.procs, t.cgroups);
		return 0;
	}
	snprintf(reason, len, "%s is a dead run's and cannot be removed: %s", parent,
		 strerror(errno));
	return -2;
}

int cgroup_init(char *reason, size_t len)
{
	const char *base;
	int r;

	if (strcmp(cgroup_version(), "v2") == 0) {
		base = "/sys/fs/cgroup";
		usage_file = "memory.current";
		version_v2 = 1;
	} else if (exists("/sys/fs/cgroup/memory/memory.usage_in_bytes")) {
		base = "/sys/fs/cgroup/memory";
		usage_file = "memory.usage_in_bytes";
	} else {
		snprintf(reason, len, "no memory cgroup controller mounted");
		return -1;
	}
	snprintf(parent, sizeof(parent), "%s/vmbench-%d", base, (int)getpid());
	r = make_parent(reason, len);
	if (r != 0) {
		parent[0] = '\0';
		return r;
	}
	if (version_v2) {
		char ctl[300];

		/* The root must hand the controller down, then our parent. */
		write_file("/sys/fs/cgroup/cgroup.subtree_control", "+memory");
		snprintf(ctl, sizeof(ctl), "%s/cgroup.subtree_control", parent);
		if (write_file(ctl, "+memory") != 0) {
			snprintf(reason, len, "enable memory in %s: %s", ctl, strerror(errno));
			rmdir(parent);
			parent[0] = '\0';
			return -1;
		}
	}
	return 0;
}

int cgroup_create(int id, char *path, size_t len)
{
	path[0] = '\0';
	if (parent[0] == '\0')
		return 0; /* this run has no cgroups (cgroup_init said why) */
	snprintf(path, len, "%s/i%d", parent, id);
	/* Never an existing one: its figure would be someone else's too. */
	return mkdir(path, 0755);
}

int cgroup_join_self(const char *path)
{
	char procs[300];
	const char *file = version_v2 ? "/cgroup.procs" : "/tasks";
	size_t n = strlen(path);

	if (n + strlen(file) + 1 > sizeof(procs))
		return -1;
	memcpy(procs, path, n);
	memcpy(procs + n, file, strlen(file) + 1);
	return write_file(procs, "0");
}

int64_t cgroup_usage(const char *path)
{
	char file[320], buf[32];
	ssize_t n;
	int fd;

	if (path[0] == '\0' || usage_file == NULL)
		return -1;
	snprintf(file, sizeof(file), "%s/%s", path, usage_file);
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return strtoll(buf, NULL, 10);
}

int cgroup_remove(const char *path)
{
	/* The reaped task leaves its cgroup a moment after the wait returns
	 * on some kernels: rmdir then says EBUSY. Retry for up to ~1 s. */
	for (int i = 0; i < 200; i++) {
		if (rmdir(path) == 0 || errno == ENOENT)
			return 0;
		if (errno != EBUSY)
			break;
		sleep_ms(5);
	}
	fprintf(stderr, "bench: rmdir %s: %s\n", path, strerror(errno));
	return -1;
}

void cgroup_finish(void)
{
	if (parent[0] != '\0' && rmdir(parent) != 0 && errno != ENOENT)
		fprintf(stderr, "bench: rmdir %s: %s\n", parent, strerror(errno));
	parent[0] = '\0';
}
