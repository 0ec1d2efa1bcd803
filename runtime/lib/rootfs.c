/*
 * rootfs.c - the container's file system tree, built in its own mount
 * namespace before the root switch (pivot.c):
 *
 *   /        the rootfs directory, bind-mounted read-only, nodev and
 *            nosuid: a device node in the image cannot be opened (devices.c)
 *   /proc    a fresh proc for the new PID namespace, with runc's masks
 *   /dev     a small tmpfs with null, zero, full, random, urandom and tty
 *            (made with mknod; in a user namespace, where mknod of a
 *            device is refused, bind-mounted from the host instead)
 *   /tmp     a small tmpfs
 *   /sys     not mounted: the image's empty directory stays empty
 *
 * Once the rootfs is bound onto itself, mc_rootfs_prepare steps into the
 * bind mount (chdir) and every later path is relative to it: no string
 * building in the child, and no chance of touching a host path by mistake.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "internal.h"
#include "childfail.h"
#include "trace.h"

/* Files of /proc that reveal or change host state beyond the namespaces:
 * /dev/null is bind-mounted over them (as runc does). */
static const char *const masked_files[] = {
    "proc/kcore",	  /* the host's physical memory as an ELF core */
    "proc/keys",	  /* the kernel keyrings of every user */
    "proc/timer_list",	  /* host timers, with process names and pids */
    "proc/sched_debug",	  /* every host task and scheduler state */
    "proc/sysrq-trigger", /* magic SysRq: reboot, crash, kill all */
    "proc/latency_stats", /* host-wide latency records */
    "proc/timer_stats",	  /* host timer usage (old kernels) */
};

/* Directories of /proc that reach hardware: hidden under an empty
 * read-only tmpfs. */
static const char *const masked_dirs[] = {
    "proc/acpi", /* ACPI events and hardware controls */
    "proc/scsi", /* adding and removing SCSI devices */
};

/* Directories of /proc that set host-wide values: made read-only. */
static const char *const readonly_dirs[] = {
    "proc/sys", /* sysctls (most are not namespaced) */
    "proc/irq", /* interrupt affinity */
    "proc/bus", /* PCI and USB device access */
    "proc/fs",	/* file system settings */
};

#define PROC_FLAGS (MS_NOSUID | MS_NODEV | MS_NOEXEC)

/* The devices of /dev, with their numbers (Documentation/admin-guide/
 * devices.txt): all harmless, all world-readable and -writable. */
static const struct {
	const char *name;
	unsigned major, minor;
} dev_nodes[] = {
    {"null", 1, 3},   {"zero", 1, 5},	 {"full", 1, 7},
    {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0},
};

/* Flags a remount must keep: in a user namespace the kernel refuses a
 * remount that would clear nosuid, nodev, noexec or the atime mode that the
 * mount was made with (they are "locked"). */
static unsigned long kept_flags(const char *path)
{
	struct statvfs st;
	unsigned long keep = 0;

	if (statvfs(path, &st) < 0)
		return 0;
	if (st.f_flag & ST_NOSUID)
		keep |= MS_NOSUID;
	if (st.f_flag & ST_NODEV)
		keep |= MS_NODEV;
	if (st.f_flag & ST_NOEXEC)
		keep |= MS_NOEXEC;
	if (st.f_flag & ST_NOATIME)
		keep |= MS_NOATIME;
	if (st.f_flag & ST_NODIRATIME)
		keep |= MS_NODIRATIME;
	if (st.f_flag & ST_RELATIME)
		keep |= MS_RELATIME;
	return keep;
}

/* A bind mount cannot be made read-only in the same call: bind first, then
 * remount the bind with MS_RDONLY. */
static int bind_readonly(const char *src, const char *path, unsigned long keep)
{
	if (mount(src, path, NULL, MS_BIND, NULL) < 0) {
		/* what this kernel does not have needs no protection */
		if (errno == ENOENT)
			return 0;
		return mc_child_fail("bind mount", path);
	}
	if (mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | keep, NULL) < 0)
		return mc_child_fail("remount read-only", path);
	if (mc_trace_fd >= 0)
		mc_trace("mount bind, read-only", "/", path);
	return 0;
}

static int mount_proc(void)
{
	size_t i;

	if (mount("proc", "proc", "proc", PROC_FLAGS, NULL) < 0)
		return mc_child_fail("mount proc on", "/proc");
	if (mc_trace_fd >= 0)
		mc_trace("mount proc", "/proc of the new pid namespace", NULL);
	for (i = 0; i < sizeof(masked_files) / sizeof(masked_files[0]); i++) {
		if (mount("dev/null", masked_files[i], NULL, MS_BIND, NULL) < 0 && errno != ENOENT)
			return mc_child_fail("mask", masked_files[i]);
		if (mc_trace_fd >= 0)
			mc_trace("mount bind /dev/null", "masks /", masked_files[i]);
	}
	for (i = 0; i < sizeof(masked_dirs) / sizeof(masked_dirs[0]); i++) {
		if (mount("tmpfs", masked_dirs[i], "tmpfs", MS_RDONLY, "size=0") < 0 &&
		    errno != ENOENT)
			return mc_child_fail("mask", masked_dirs[i]);
		if (mc_trace_fd >= 0)
			mc_trace("mount tmpfs, empty", "masks /", masked_dirs[i]);
	}
	for (i = 0; i < sizeof(readonly_dirs) / sizeof(readonly_dirs[0]); i++) {
		/* The flags our proc mount was made with (below): known,
		 * so no statvfs per directory. */
		if (bind_readonly(readonly_dirs[i], readonly_dirs[i], PROC_FLAGS | MS_RELATIME) < 0)
			return -1;
	}
	return 0;
}

/* One device: a node made with mknod (one call, no mount), or where that
 * is refused (in a user namespace) an empty file with the host's node
 * bind-mounted on it. */
static int make_dev(const char *name, unsigned major, unsigned minor)
{
	char src[32] = "/dev/", dst[32] = "dev/";
	int fd;

	strcpy(src + 5, name);
	strcpy(dst + 4, name);
	if (mknod(dst, S_IFCHR | 0666, makedev(major, minor)) == 0) {
		if (mc_trace_fd >= 0)
			mc_trace("mknod", "device node /", dst);
		return 0;
	}
	if (errno != EPERM)
		return mc_child_fail("mknod", dst);
	fd = open(dst, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
	if (fd < 0)
		return mc_child_fail("create", dst);
	close(fd);
	if (mount(src, dst, NULL, MS_BIND, NULL) < 0)
		return mc_child_fail("bind mount", src);
	if (mc_trace_fd >= 0)
		mc_trace("mount bind",
			 "the host's device node (no mknod in a user namespace): ", src);
	return 0;
}

/* /dev: tmpfs, the devices, and the usual links into /proc/self/fd. */
static int mount_dev(void)
{
	mode_t old_umask;
	size_t i;

	if (mount("tmpfs", "dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=64k") < 0)
		return mc_child_fail("mount tmpfs on", "/dev");
	if (mc_trace_fd >= 0)
		mc_trace("mount tmpfs", "/dev: 64 KiB for the device nodes", NULL);
	/* the modes as given, not as the caller's umask would cut them */
	old_umask = umask(0);
	for (i = 0; i < sizeof(dev_nodes) / sizeof(dev_nodes[0]); i++) {
		if (make_dev(dev_nodes[i].name, dev_nodes[i].major, dev_nodes[i].minor) < 0)
			return -1;
	}
	umask(old_umask);
	if (symlink("/proc/self/fd", "dev/fd") < 0 || symlink("/proc/self/fd/0", "dev/stdin") < 0 ||
	    symlink("/proc/self/fd/1", "dev/stdout") < 0 ||
	    symlink("/proc/self/fd/2", "dev/stderr") < 0)
		return mc_child_fail("symlink in", "/dev");
	if (mc_trace_fd >= 0)
		mc_trace("symlink", "/dev/fd, stdin, stdout, stderr into /proc/self/fd", NULL);
	return 0;
}

/* The bind mount of the image was refused (EACCES). In a user namespace
 * the container's root is an unprivileged user of the host (idmap.c),
 * and every folder above the image must be searchable by it: a checkout
 * under /root (mode 0700) is not. access() here asks the kernel with
 * exactly the container's credentials: name the first folder it refuses. */
static int fail_unsearchable(const char *rootfs)
{
	char dir[160];
	size_t len = strlen(rootfs);

	for (size_t i = 1; i < len && i < sizeof(dir); i++) {
		if (rootfs[i] != '/')
			continue;
		memcpy(dir, rootfs, i);
		dir[i] = '\0';
		if (access(dir, X_OK) < 0 && errno == EACCES)
			return mc_child_fail(MC_UNSEARCHABLE, dir);
	}
	errno = EACCES;
	return mc_child_fail("bind mount", rootfs);
}

/* Called in the child, in its new mount namespace, with the current
 * directory anywhere. Leaves the current directory at the root of the new
 * tree, ready for mc_pivot(). */
int mc_rootfs_prepare(const char *rootfs)
{
	/* Mounts are shared with the host by default on systemd hosts: make
	 * every mount of our copy private first, so that nothing we mount or
	 * unmount propagates back out. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return mc_child_fail("make mounts private", "/");
	if (mc_trace_fd >= 0)
		mc_trace("mount MS_PRIVATE", "all our mounts: nothing propagates to the host",
			 NULL);
	/* pivot_root needs the new root to be a mount point: bind the
	 * directory onto itself; then step into the bind mount (a chdir made
	 * before it would still see the directory underneath). */
	if (mount(rootfs, rootfs, NULL, MS_BIND, NULL) < 0)
		return errno == EACCES ? fail_unsearchable(rootfs)
				       : mc_child_fail("bind mount", rootfs);
	if (chdir(rootfs) < 0)
		return mc_child_fail("chdir", rootfs);
	if (mc_trace_fd >= 0)
		mc_trace("mount bind",
			 "the rootfs onto itself (pivot_root wants a mount): ", rootfs);
	/* nodev: the kernel refuses to open any device node on this mount,
	 * whatever the image holds (mknod rootfs/bin/kvmnode c 10 232, say);
	 * the container's devices are the few made in /dev below. nosuid:
	 * set-user-ID bits in the image give nothing (no_new_privs also sees
	 * to that). */
	if (mount(NULL, ".", NULL,
		  MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NODEV | MS_NOSUID | kept_flags("."),
		  NULL) < 0)
		return mc_child_fail("remount read-only", rootfs);
	if (mc_trace_fd >= 0)
		mc_trace("mount remount, read-only", "the rootfs, nodev, nosuid: the future /",
			 NULL);
	if (mount_dev() < 0 || mount_proc() < 0)
		return -1;
	if (mount("tmpfs", "tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=16m") < 0)
		return mc_child_fail("mount tmpfs on", "/tmp");
	if (mc_trace_fd >= 0)
		mc_trace("mount tmpfs", "/tmp: 16 MiB, world-writable", NULL);
	return 0;
}
