/*
 * mountpoints.c - the directories of the rootfs that the container mounts
 * on (/proc, /dev, /tmp; rootfs.c), checked and made before anything is
 * created, on the parent's side.
 *
 * A mount needs an existing directory to mount on, and inside the
 * container the root is read-only, so a missing one cannot be made there.
 * runc makes the missing mount points in the rootfs before it starts the
 * container (an image built from a Dockerfile often has no /proc); so do
 * we, with mkdirat relative to the rootfs so that a symbolic link in the
 * image cannot send the mkdir to a host directory. What cannot be made is
 * said in one line, with the command that would make it.
 *
 * The host's own root cannot be a container's root: pivot_root needs the
 * new root to be a different mount from the current one (it fails with
 * EBUSY), and a container that mounts over the host's /proc and /dev would
 * not be isolated anyway.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static const char *const mount_points[] = {"proc", "dev", "tmp"};

/* Is dir, opened as fd, the host's root directory (the same inode)? */
static int is_host_root(int fd)
{
	struct stat dir, root;

	if (fstat(fd, &dir) < 0 || stat("/", &root) < 0)
		return 0;
	return dir.st_dev == root.st_dev && dir.st_ino == root.st_ino;
}

/* Mount point name in the rootfs opened as fd: there as a directory, or
 * made (mode 0755, as runc makes them). */
static int mount_point(int fd, const char *rootfs, const char *name)
{
	struct stat st;

	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISDIR(st.st_mode))
			return 0;
		mc_err("root file system %s: /%s is not a directory (%s), and the container "
		       "mounts on it",
		       rootfs, name, S_ISLNK(st.st_mode) ? "a symbolic link" : "a file");
		return -1;
	}
	if (errno != ENOENT) {
		mc_err("root file system %s: stat /%s: %s", rootfs, name, strerror(errno));
		return -1;
	}
	if (mkdirat(fd, name, 0755) < 0 && errno != EEXIST) {
		mc_err("root file system %s has no /%s directory to mount on, and mkdir failed: "
		       "%s (make it: mkdir %s/%s)",
		       rootfs, name, strerror(errno), rootfs, name);
		return -1;
	}
	return 0;
}

int mc_rootfs_mount_points(const char *rootfs)
{
	int fd = open(rootfs, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0) {
		mc_err("root file system %s: %s", rootfs, strerror(errno));
		return -1;
	}
	if (is_host_root(fd)) {
		mc_err("root file system %s is the host's own root: a container needs a "
		       "directory of its own as its root (for example build/image)",
		       rootfs);
		close(fd);
		return -1;
	}
	for (size_t i = 0; rc == 0 && i < sizeof(mount_points) / sizeof(mount_points[0]); i++)
		rc = mount_point(fd, rootfs, mount_points[i]);
	close(fd);
	return rc;
}
