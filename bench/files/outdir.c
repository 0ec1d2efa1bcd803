/*
 * outdir.c - make and lock the results folder (see outdir.h).
 *
 * The lock is flock(2) on DIR/.lock: the kernel holds it for the open
 * file, and lets it go when the harness ends however it ends (even by
 * SIGKILL), so a dead run never leaves the folder locked. The file itself
 * stays (deleting it would let a third run lock a new file of the same
 * name while the second still holds the old one). It holds the pid of the
 * run that has it, for the message of the run that is refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "outdir.h"

static int lock_fd = -1; /* held open until exit */

static int mkdir_p(const char *path)
{
	char tmp[PATH_MAX];

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* results/<date>-<host>, or the first of -2, -3, ... not taken: mkdir(2)
 * either makes a folder or fails with EEXIST, atomically, so two runs
 * started in the same second never get the same one. */
static int make_default(struct bench_opts *o)
{
	char date[32], stem[PATH_MAX - 16];
	struct utsname u;
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%Y%m%d-%H%M%S", &tm);
	if (uname(&u) != 0)
		snprintf(u.nodename, sizeof(u.nodename), "host");
	snprintf(stem, sizeof(stem), "results/%s-%s", date, u.nodename);
	o->default_out = 1;
	if (mkdir_p("results") != 0) {
		fprintf(stderr, "bench: mkdir results: %s\n", strerror(errno));
		return -1;
	}
	for (int k = 1; k < 1000; k++) {
		if (k == 1)
			snprintf(o->out_dir, sizeof(o->out_dir), "%s", stem);
		else
			snprintf(o->out_dir, sizeof(o->out_dir), "%s-%d", stem, k);
		if (mkdir(o->out_dir, 0755) == 0)
			return 0;
		if (errno != EEXIST) {
			fprintf(stderr, "bench: mkdir %s: %s\n", o->out_dir, strerror(errno));
			return -1;
		}
	}
	fprintf(stderr, "bench: %s-2 to -999 are all taken\n", stem);
	return -1;
}

static int lock_dir(const char *dir)
{
	char path[PATH_MAX + 8], holder[32] = "";
	int n;

	snprintf(path, sizeof(path), "%s/.lock", dir);
	lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock_fd < 0) {
		fprintf(stderr, "bench: open %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
		int err = errno;

		n = (int)read(lock_fd, holder, sizeof(holder) - 1);
		holder[n > 0 ? n : 0] = '\0';
		holder[strcspn(holder, "\n")] = '\0';
		close(lock_fd);
		lock_fd = -1;
		if (err == EWOULDBLOCK) {
			fprintf(stderr,
				"bench: %s is in use by another bench run (pid %s); choose "
				"another --out or wait for that run to end\n",
				dir, holder[0] ? holder : "?");
			return EXIT_FOLDER_BUSY;
		}
		fprintf(stderr, "bench: flock %s: %s\n", path, strerror(err));
		return -1;
	}
	/* Ours now: say who holds it. */
	n = snprintf(holder, sizeof(holder), "%d\n", (int)getpid());
	if (ftruncate(lock_fd, 0) != 0 || pwrite(lock_fd, holder, (size_t)n, 0) != n)
		fprintf(stderr, "bench: write %s: %s\n", path, strerror(errno));
	return 0;
}

int outdir_open(struct bench_opts *o)
{
	if (o->out_dir[0] == '\0') {
		if (make_default(o) != 0)
			return -1;
	} else if (mkdir_p(o->out_dir) != 0) {
		fprintf(stderr, "bench: mkdir %s: %s\n", o->out_dir, strerror(errno));
		return -1;
	}
	return lock_dir(o->out_dir);
}
