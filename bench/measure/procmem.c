/*
 * procmem.c - pss, uss, rss of an instance's processes; MemAvailable.
 *
 * /proc/PID/smaps_rollup sums a process's mappings: Rss (resident pages),
 * Pss (each page divided by the number of processes sharing it) and
 * Private_Clean + Private_Dirty (pages only this process maps: its USS).
 * An instance may be several host processes (a VMM and its helpers), so
 * the figures are summed over the whole process tree, found through
 * /proc/PID/task/TID/children.
 */
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "procmem.h"

#define MAX_TREE 64

static ssize_t read_text(const char *path, char *buf, size_t cap)
{
	ssize_t n, total = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	while ((size_t)total < cap - 1 && (n = read(fd, buf + total, cap - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

static int64_t field_kib(const char *text, const char *name)
{
	const char *p = text;
	size_t len = strlen(name);

	while ((p = strstr(p, name)) != NULL) {
		if ((p == text || p[-1] == '\n') && p[len] == ':')
			return strtoll(p + len + 1, NULL, 10);
		p += len;
	}
	return 0;
}

void procmem_parse_rollup(const char *text, struct procmem *m)
{
	m->rss_kib += field_kib(text, "Rss");
	m->pss_kib += field_kib(text, "Pss");
	m->uss_kib += field_kib(text, "Private_Clean") + field_kib(text, "Private_Dirty");
	m->nprocs++;
}

/* Append pid's children (of all its threads) to list. */
static void add_children(pid_t pid, pid_t *list, int *n)
{
	char path[320], buf[1024];
	struct dirent *e;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	d = opendir(path);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *p, *end;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%s/children", (int)pid, e->d_name);
		if (read_text(path, buf, sizeof(buf)) <= 0)
			continue;
		for (p = buf;; p = end) {
			long c = strtol(p, &end, 10);

			if (end == p || *n >= MAX_TREE)
				break;
			list[(*n)++] = (pid_t)c;
		}
	}
	closedir(d);
}

int procmem_children(pid_t pid, pid_t *out, int max)
{
	pid_t list[MAX_TREE];
	int n = 0;

	add_children(pid, list, &n);
	if (n > max)
		n = max;
	memcpy(out, list, (size_t)n * sizeof(*out));
	return n;
}

int procmem_tree(pid_t pid, struct procmem *m)
{
	pid_t list[MAX_TREE];
	int n = 1;
	char path[64], buf[4096];

	*m = (struct procmem){0};
	list[0] = pid;
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", (int)list[i]);
		if (read_text(path, buf, sizeof(buf)) <= 0) {
			if (i == 0)
				return -1;
			continue;
		}
		procmem_parse_rollup(buf, m);
		add_children(list[i], list, &n);
	}
	return 0;
}

/* The kernel keeps its page counters per CPU and folds them into the
 * global figures only now and then, so MemAvailable can lag by a few MiB.
 * Writing to vm/stat_refresh (root only) folds them now; without it the
 * figure is only coarser. */
static void refresh_vmstat(void)
{
	int fd = open("/proc/sys/vm/stat_refresh", O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return;
	n = write(fd, "1", 1);
	close(fd);
	(void)n;
}

int64_t procmem_parse_meminfo(const char *text)
{
	/* MemAvailable, not MemFree: the kernel's estimate of what could be
	 * handed out without swapping, page cache and reclaimable slab
	 * included; an instance's pages lower it whatever kind they are. */
	const char *p = strstr(text, "\nMemAvailable:");

	if (p == NULL && strncmp(text, "MemAvailable:", 13) == 0)
		p = text - 1;
	return p ? strtoll(p + 1 + 13, NULL, 10) : -1;
}

double procmem_system_per_instance(int64_t before_kib, int64_t after_kib, int n)
{
	/* Instances take memory: MemAvailable falls, before - after > 0. */
	if (before_kib < 0 || after_kib < 0 || n <= 0)
		return NAN;
	return (double)(before_kib - after_kib) / n;
}

int64_t mem_available_kib(void)
{
	char buf[4096];

	refresh_vmstat();
	if (read_text("/proc/meminfo", buf, sizeof(buf)) <= 0)
		return -1;
	return procmem_parse_meminfo(buf);
}

int64_t mem_available_settled_kib(void)
{
	/* Memory freed by the instances of the sample before (a VM's page
	 * tables, a namespace, a cgroup) returns a moment after they are
	 * reaped: RCU callbacks and work queues free it later. A baseline
	 * read while that is going on would make the next figure too small.
	 * Wait until two readings 20 ms apart agree within 256 KiB, at most
	 * about half a second. */
	int64_t a = mem_available_kib(), b = a;
	for (int i = 0; i < 25; i++) {
		sleep_ms(20);
		b = mem_available_kib();
		if (b - a < 256 && a - b < 256)
			break;
		a = b;
	}
	return b;
}
