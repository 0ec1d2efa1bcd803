/*
 * fdlimit.c - RLIMIT_NOFILE for a run of N live instances (fdlimit.h).
 *
 * The limit is the process's own: raising it changes no host setting and
 * ends with the run. An unprivileged process may raise its soft limit up
 * to the hard one; raising the hard one needs CAP_SYS_RESOURCE and stops
 * at fs.nr_open (the kernel's ceiling for any process, 1048576 by
 * default). Children inherit the raised limit; none of ours opens more
 * descriptors because of it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "bench.h"
#include "instances/fdlimit.h"
#include "files/results.h"

static char note[256];

/* fs.nr_open: no RLIMIT_NOFILE may pass it (setrlimit says EPERM). */
static long nr_open(void)
{
	FILE *f = fopen("/proc/sys/fs/nr_open", "r");
	long v = 0;

	if (f == NULL)
		return 1048576; /* the kernel's default */
	if (fscanf(f, "%ld", &v) != 1 || v <= 0)
		v = 1048576;
	fclose(f);
	return v;
}

/* Try hard = soft = want; 0 or errno. */
static int set_both(rlim_t want)
{
	struct rlimit rl = {want, want};

	return setrlimit(RLIMIT_NOFILE, &rl) == 0 ? 0 : errno;
}

long fdlimit_raise(long need)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
		fprintf(stderr, "bench: getrlimit NOFILE: %s\n", strerror(errno));
		return -1;
	}
	if (rl.rlim_max != RLIM_INFINITY && (long)rl.rlim_max < need) {
		long ceiling = nr_open();
		int err = set_both((rlim_t)(need < ceiling ? need : ceiling));
		if (err == 0 && need > ceiling)
			snprintf(note, sizeof(note),
				 "%ld file descriptors needed, fs.nr_open allows %ld: "
				 "sysctl fs.nr_open=%ld would allow them",
				 need, ceiling, need);
		else if (err != 0)
			snprintf(note, sizeof(note),
				 "%ld file descriptors needed, the hard RLIMIT_NOFILE is %ld and "
				 "setrlimit says %s (raising it needs CAP_SYS_RESOURCE: as root, "
				 "ulimit -Hn %ld before the run)",
				 need, (long)rl.rlim_max, strerror(err), need);
		if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
			return -1;
	}
	if (rl.rlim_cur != rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			fprintf(stderr, "bench: setrlimit NOFILE: %s\n", strerror(errno));
	}
	if (note[0] != '\0')
		fprintf(stderr, "bench: %s\n", note);
	return fdlimit_current();
}

long fdlimit_current(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return -1;
	return rl.rlim_cur == RLIM_INFINITY ? 1L << 30 : (long)rl.rlim_cur;
}

void fdlimit_to_env(void)
{
	env_setf("fd_limit", "%ld", fdlimit_current());
	if (note[0] != '\0')
		env_set("fd_limit_note", note);
}
