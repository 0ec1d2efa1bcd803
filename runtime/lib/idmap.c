/*
 * idmap.c - uid and gid maps of a user namespace (rootless containers).
 *
 * The parent writes /proc/PID/uid_map and gid_map of the child: each line is
 * "inside outside count". The kernel takes them once, from a process with
 * the right capabilities over the namespace:
 *   - an unprivileged caller may map exactly one id, its own, and must first
 *     write "deny" to /proc/PID/setgroups (otherwise, with a gid map, it
 *     could drop supplementary groups that were there to deny it access);
 *   - root may map a range: minictr makes container uids 0..65535 host uids
 *     100000..165535, as a subordinate range in /etc/subuid would give.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* The host range for root inside the container, when the caller is root. */
#define ROOT_MAP_OUTSIDE 100000u
#define ROOT_MAP_COUNT	 65536u

/* "inside outside count\n" into buf. Returns its length, or -EINVAL when
 * the range is empty or would wrap, -ENOSPC when buf is too small. */
int mc_idmap_format(char *buf, size_t size, unsigned inside, unsigned outside, unsigned count)
{
	int n;

	if (count == 0 || inside + (count - 1) < inside || outside + (count - 1) < outside)
		return -EINVAL;
	n = snprintf(buf, size, "%u %u %u\n", inside, outside, count);
	if (n < 0 || (size_t)n >= size)
		return -ENOSPC;
	return n;
}

/* Which host ids container root maps to, for a caller with this uid. */
void mc_idmap_outside(uid_t caller, unsigned *outside, unsigned *count)
{
	if (caller == 0) {
		*outside = ROOT_MAP_OUTSIDE;
		*count = ROOT_MAP_COUNT;
	} else {
		*outside = caller;
		*count = 1;
	}
}

static int write_map(pid_t pid, const char *file, unsigned outside, unsigned count)
{
	char path[64], line[64];
	int r;

	r = mc_idmap_format(line, sizeof(line), 0, outside, count);
	if (r < 0)
		return r;
	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	r = mc_write_file(path, line);
	if (r < 0)
		mc_err("write %s (\"%u %u %u\"): %s", path, 0u, outside, count, strerror(-r));
	return r;
}

/* Map container root for the child pid; uid and gid are the caller's. */
int mc_idmap_write(pid_t pid, uid_t uid, gid_t gid)
{
	unsigned uout, ucount, gout, gcount;
	int r;

	mc_idmap_outside(uid, &uout, &ucount);
	if (uid == 0) {
		gout = uout;
		gcount = ucount;
	} else {
		gout = gid;
		gcount = 1;
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d/setgroups", (int)pid);
		r = mc_write_file(path, "deny");
		if (r < 0) {
			mc_err("write %s: %s", path, strerror(-r));
			return r;
		}
	}
	r = write_map(pid, "uid_map", uout, ucount);
	if (r < 0)
		return r;
	return write_map(pid, "gid_map", gout, gcount);
}
