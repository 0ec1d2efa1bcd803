/*
 * cgroup_find.c - where are this process's cgroups? Pure text parsing of
 * /proc/self/cgroup and /proc/self/mountinfo (the unit tests feed it sample
 * texts of a v1 hybrid host and of a v2-only host).
 *
 * /proc/self/cgroup has one line per hierarchy, "ID:CONTROLLERS:PATH":
 *   v1: "4:memory:/process_api/850b"   one hierarchy per controller (group)
 *   v2: "0::/user.slice/session-1"     the single unified hierarchy
 * PATH is relative to the root of that hierarchy. To turn it into a
 * directory we need where the hierarchy is mounted: the mountinfo line with
 * file system type "cgroup" whose super options name the controller (v1), or
 * type "cgroup2" (v2). A mount may show only a subtree (its "root" field,
 * e.g. inside a cgroup namespace); PATH is then relative to that root.
 *
 * A hybrid host (this one) has both: v1 controllers, and an empty cgroup2
 * at /sys/fs/cgroup/unified. A controller mounted as v1 is used as v1.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define LINE_MAX_LEN 4096

/* Copy the line starting at s (up to '\n' or NUL) into buf. Returns the
 * start of the next line, or NULL at the end of the text. */
static const char *next_line(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	while (s[n] && s[n] != '\n')
		n++;
	if (n >= size)
		n = size - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	while (*s && *s != '\n')
		s++;
	return *s ? s + 1 : NULL;
}

/* Does the comma-separated list contain word exactly? */
static int list_has(const char *list, const char *word)
{
	size_t len = strlen(word);
	const char *p = list;

	while (p && *p) {
		if (strncmp(p, word, len) == 0 && (p[len] == ',' || p[len] == '\0'))
			return 1;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return 0;
}

/* mountinfo writes space, tab, newline and backslash in paths as \ooo
 * octal escapes. Decode in place; returns 0, or -EINVAL on a bad escape. */
int mc_mountinfo_unescape(char *s)
{
	char *out = s;

	while (*s) {
		if (*s == '\\') {
			if (s[1] < '0' || s[1] > '3' || s[2] < '0' || s[2] > '7' || s[3] < '0' ||
			    s[3] > '7')
				return -EINVAL;
			*out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 4;
		} else {
			*out++ = *s++;
		}
	}
	*out = '\0';
	return 0;
}

/* The cgroup path of the hierarchy that holds controller (v1), or of the
 * unified hierarchy when controller is NULL (v2), from /proc/self/cgroup. */
static int cgroup_path(const char *proc_cgroup, const char *controller, char *path, size_t size)
{
	char line[LINE_MAX_LEN];
	const char *s = proc_cgroup;

	while (s && *s) {
		char *c1, *c2;

		s = next_line(s, line, sizeof(line));
		c1 = strchr(line, ':');
		c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2)
			continue;
		*c1 = *c2 = '\0';
		if (controller ? list_has(c1 + 1, controller)
			       : (c1[1] == '\0' && !strcmp(line, "0"))) {
			if (strlen(c2 + 1) >= size)
				return -ENAMETOOLONG;
			strcpy(path, c2 + 1);
			return 0;
		}
	}
	return -ENOENT;
}

/* Split a mountinfo line into its root, mount point, file system type and
 * super options. Returns 0, or -EINVAL for a malformed line. */
static int mountinfo_fields(char *line, char **root, char **mnt, char **fstype, char **superopts)
{
	char *save = NULL, *tok;
	int i = 0, after_dash = 0;

	*root = *mnt = *fstype = *superopts = NULL;
	for (tok = strtok_r(line, " ", &save); tok; tok = strtok_r(NULL, " ", &save), i++) {
		if (i == 3)
			*root = tok;
		else if (i == 4)
			*mnt = tok;
		else if (i > 5 && !after_dash && !strcmp(tok, "-"))
			after_dash = 1;
		else if (after_dash == 1) {
			*fstype = tok;
			after_dash = 2;
		} else if (after_dash == 2) {
			after_dash = 3; /* the source */
		} else if (after_dash == 3) {
			*superopts = tok;
			after_dash = 4;
		}
	}
	if (!*root || !*mnt || !*fstype || !*superopts)
		return -EINVAL;
	if (mc_mountinfo_unescape(*root) < 0 || mc_mountinfo_unescape(*mnt) < 0)
		return -EINVAL;
	return 0;
}

/* Join mount point and the cgroup path seen relative to the mount's root. */
static int join_path(const char *mnt, const char *root, const char *path, char *dir, size_t size)
{
	size_t rlen = strlen(root);
	int n;

	/* Strip the mount's root from the path: "/a/b" under a mount of "/a"
	 * is "/b". A path outside the mounted subtree cannot be reached. */
	if (strcmp(root, "/") != 0) {
		if (strncmp(path, root, rlen) != 0 || (path[rlen] != '/' && path[rlen] != '\0'))
			return -ENOENT;
		path += rlen;
	}
	if (!strcmp(path, "/"))
		path = "";
	n = snprintf(dir, size, "%s%s", mnt, path);
	if (n < 0 || (size_t)n >= size)
		return -ENAMETOOLONG;
	return 0;
}

static int find_mount(const char *mountinfo, const char *controller, char *mnt_out, char *root_out,
		      size_t size)
{
	char line[LINE_MAX_LEN];
	const char *s = mountinfo;
	char *root, *mnt, *fstype, *superopts;

	while (s && *s) {
		s = next_line(s, line, sizeof(line));
		if (mountinfo_fields(line, &root, &mnt, &fstype, &superopts) < 0)
			continue;
		if (controller ? (strcmp(fstype, "cgroup") || !list_has(superopts, controller))
			       : strcmp(fstype, "cgroup2"))
			continue;
		if (strlen(mnt) >= size || strlen(root) >= size)
			return -ENAMETOOLONG;
		strcpy(mnt_out, mnt);
		strcpy(root_out, root);
		return 0;
	}
	return -ENOENT;
}

/* Directory of this process's cgroup that holds controller: v1 if the
 * controller has a v1 hierarchy, else the v2 unified one (whether the
 * controller is enabled there is for the caller to check, in the
 * cgroup.controllers file). Returns MC_CG_V1 or MC_CG_V2, or -ENOENT. */
int mc_cgroup_find(const char *proc_cgroup, const char *mountinfo, const char *controller,
		   char *dir, size_t size)
{
	char path[PATH_MAX], mnt[PATH_MAX], root[PATH_MAX];

	if (cgroup_path(proc_cgroup, controller, path, sizeof(path)) == 0 &&
	    find_mount(mountinfo, controller, mnt, root, sizeof(mnt)) == 0 &&
	    join_path(mnt, root, path, dir, size) == 0)
		return MC_CG_V1;
	if (cgroup_path(proc_cgroup, NULL, path, sizeof(path)) == 0 &&
	    find_mount(mountinfo, NULL, mnt, root, sizeof(mnt)) == 0 &&
	    join_path(mnt, root, path, dir, size) == 0)
		return MC_CG_V2;
	return -ENOENT;
}
